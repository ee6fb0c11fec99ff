"""Every page the journeys visit fits a 360 px phone without sideways scrolling, and wide
tables scroll inside a labelled frame a keyboard can reach (the mobilside fixture checks the
width and axe on every page)."""

import io

import pytest
from django.core.management import call_command

from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def _lenker(side, velger: str) -> list[str]:
    return side.page.eval_on_selector_all(velger, "a => a.map(e => e.getAttribute('href'))")


def test_a_nurse_prints_the_routine_for_the_ward_wall(mobilside, demodata):
    from playwright.sync_api import expect

    page = mobilside.page
    # The print dialog itself is the browser's; the test only records that it was asked for.
    page.add_init_script("window.print = () => { window.utskriftBedt = true; };")
    mobilside.gaa_til("/kommuner/3201/utskrivning/")
    page.get_by_role("link", name="Utskrift med QR-kode til veggen").click()
    mobilside.sjekk_tilgjengelighet()
    expect(page.locator("svg.qrkode")).to_be_visible()
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.utskriftBedt === true")
    page.get_by_role("link", name="Tilbake til utskrivning til Bærum kommune").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utskrivning til Bærum kommune")
    assert mobilside.konsollfeil == []


def test_a_secretary_on_a_phone_reaches_every_committee_and_meeting(mobilside, demodata):
    logg_inn(mobilside, "sekretaer@demo.no")
    mobilside.gaa_til("/utvalg/")
    utvalg = _lenker(mobilside, "main table a[href^='/utvalg/']")
    assert len(utvalg) >= 5
    for sti in utvalg:
        mobilside.gaa_til(sti)
        # A wide table is a labelled region in the tab order.
        ramme = mobilside.page.locator(".tabellramme").first
        assert ramme.get_attribute("tabindex") == "0"
        assert ramme.get_attribute("role") == "region" and ramme.get_attribute("aria-label")
    for sti in _lenker(mobilside, "main a[href^='/moter/']")[:3]:
        mobilside.gaa_til(sti)
    assert mobilside.konsollfeil == []


def _signaturside() -> str:
    """The signed version with the most parties: the widest signature table."""
    from django.db.models import Count

    from avtaler.models import Avtaleversjon

    versjon = (
        Avtaleversjon.objects.filter(tilstand="signert")
        .annotate(antall=Count("parter"))
        .order_by("-antall")
        .first()
    )
    return f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/signaturer/"


def test_a_coordinator_on_a_phone_sees_signatures_roles_and_logs(mobilside, demodata):
    logg_inn(mobilside, "koordinator@demo.no")
    for sti in ("/oversikt/", "/min-side/", "/avvik/", _signaturside()):
        mobilside.gaa_til(sti)
    for sti in _lenker(mobilside, "main a[href^='/utvalg/']")[:1]:
        mobilside.gaa_til(sti)
    logg_inn(mobilside, "admin@demo.no")
    mobilside.gaa_til("/sikkerhetslogg/")
    mobilside.gaa_til("/min-side/")
    for sti in _lenker(mobilside, "main a[href*='/brukere/']")[:1]:
        mobilside.gaa_til(sti)
    assert mobilside.konsollfeil == []
