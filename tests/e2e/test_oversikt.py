"""The coordinator's dashboard (/oversikt/) in the browser, on the demo data: what waits on
which municipality (issue 17) and recording the yearly review (seed 004 § 7)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from avtaler.models import Avtale, Gjennomgang
from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def test_the_coordinator_sees_what_waits_on_which_municipality_on_a_phone(mobilside, demodata):
    from playwright.sync_api import expect

    page = mobilside.page
    logg_inn(mobilside, "koordinator@demo.no")
    mobilside.gaa_til("/oversikt/")
    venter = page.get_by_role("region", name="Venter på partene")
    expect(venter).to_contain_text("1 part har ikke inngått avtalen: Hole kommune (ikke vedtatt)")
    assert mobilside.ingen_horisontal_rulling()
    venter.get_by_role("link", name=re.compile("Overordnet samarbeidsavtale.*versjon 2")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partene")
    mobilside.sjekk_tilgjengelighet()
    # From the status at the top straight to Hole's card, and on to signing, without scrolling
    # past the 22 other parties.
    status = page.get_by_role("region", name=re.compile("Status"))
    status.get_by_role("link", name="Hole kommune").click()
    expect(page).to_have_url(re.compile(r"#part-\d+$"))
    hole = page.locator(":target")
    expect(hole).to_contain_text("Hole kommune")
    expect(hole.get_by_role("link", name=re.compile("Versjon 1"))).to_be_visible()
    expect(status.get_by_role("link", name="Registrer signatur på versjon 2")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    assert mobilside.konsollfeil == []


def test_a_coordinator_records_the_yearly_review_by_keyboard(side, demodata):
    from playwright.sync_api import expect

    page = side.page
    overordnet = Avtale.objects.get(type="overordnet")
    logg_inn(side, "koordinator@demo.no")
    side.gaa_til("/oversikt/")
    gjennomgang = page.get_by_role("region", name="Årlig gjennomgang")
    expect(gjennomgang).to_contain_text(overordnet.tittel)
    # The summary names the agreement for a screen reader; Enter opens it.
    apne = gjennomgang.get_by_text(re.compile("Registrer: gjennomgått uten endring"))
    apne.focus()
    page.keyboard.press("Enter")
    skjema = gjennomgang.locator("form").first
    expect(skjema.get_by_label("Dato")).to_be_visible()
    side.sjekk_tilgjengelighet()
    # A date in the future is refused, and what was typed is still there.
    i_morgen = timezone.localdate() + datetime.timedelta(days=1)
    skjema.get_by_label("Dato").fill(i_morgen.isoformat())
    skjema.get_by_label("Gjennomgått av").fill("SSU")
    skjema.get_by_label("Vedtak").fill("SSU 14/2026")
    skjema.get_by_label("Merknad").fill("Ingen endringer; partene er enige.")
    skjema.get_by_label("Merknad").press("Tab")
    page.keyboard.press("Enter")  # the submit button is the next stop
    skjema = page.get_by_role("region", name="Årlig gjennomgang").locator("form").first
    # The error stands at the date, inside the open form, with every field as typed.
    expect(skjema.get_by_text("Gjennomgangen kan ikke være fram i tid.")).to_be_visible()
    expect(skjema.get_by_label("Dato")).to_have_value(i_morgen.isoformat())
    expect(skjema.get_by_label("Dato")).to_have_attribute("aria-invalid", "true")
    expect(skjema.get_by_label("Vedtak")).to_have_value("SSU 14/2026")
    side.sjekk_tilgjengelighet()
    expect(skjema.get_by_label("Gjennomgått av")).to_have_value("SSU")
    expect(skjema.get_by_label("Merknad")).to_have_value("Ingen endringer; partene er enige.")
    assert not Gjennomgang.objects.filter(vedtak="SSU 14/2026").exists()
    skjema.get_by_label("Dato").fill(timezone.localdate().isoformat())
    skjema.get_by_role("button", name="Registrer gjennomgangen").click()
    expect(page.get_by_text("Gjennomgangen er registrert.")).to_be_visible()
    side.sjekk_tilgjengelighet()
    registrert = Gjennomgang.objects.get(vedtak="SSU 14/2026")
    assert (registrert.organ, registrert.merknad, registrert.resultat) == (
        "SSU",
        "Ingen endringer; partene er enige.",
        "uten_endring",
    )
    # Done for a year: the agreement leaves the list of reviews due.
    expect(page.get_by_role("region", name="Årlig gjennomgang")).not_to_contain_text(
        overordnet.tittel
    )
    # The refused date answered 400 (the form again, filled in); nothing else failed.
    assert [f for f in side.konsollfeil if not f.startswith("400 ")] == []
    assert len(side.konsollfeil) == 1
