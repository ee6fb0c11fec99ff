import io
import re

import pytest
from django.core.management import call_command

from helsefellesskap.demodata import DEMO_PASSORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def test_a_visitor_finds_a_municipality_from_the_front_page(side, demodata):
    from playwright.sync_api import expect

    side.gaa_til("/")
    expect(side.page).to_have_title(re.compile("Forside"))
    expect(side.page.get_by_role("heading", level=1)).to_be_visible()
    side.page.get_by_label("Kommune", exact=True).fill("Bærum")
    side.page.get_by_role("button", name="Vis kommunen").click()
    expect(side.page).to_have_url(re.compile("/kommuner/3201/$"))
    side.sjekk_tilgjengelighet()
    expect(side.page.get_by_text("Bærum sykehus")).to_be_visible()
    assert side.konsollfeil == []


def test_the_skip_link_is_the_first_stop_for_the_keyboard(side, demodata):
    side.gaa_til("/")
    side.page.keyboard.press("Tab")
    fokus = side.page.evaluate("document.activeElement.textContent.trim()")
    assert fokus == "Hopp til hovedinnholdet"
    side.page.keyboard.press("Enter")
    assert side.page.evaluate("location.hash") == "#hovedinnhold"


def test_the_front_page_fits_a_phone_and_loads_the_design_system(mobilside, demodata):
    svar = mobilside.gaa_til("/")
    assert svar.status == 200
    assert mobilside.ingen_horisontal_rulling()
    # Designsystemet's CSS and its theme arrived from this site: buttons have its look.
    bakgrunn = mobilside.page.evaluate(
        "getComputedStyle(document.querySelector('.kommunevelger .ds-button')).backgroundColor"
    )
    assert bakgrunn not in ("", "rgba(0, 0, 0, 0)", "rgb(239, 239, 239)")
    assert mobilside.konsollfeil == []


def test_login_journey_with_a_wrong_then_a_right_password(side, demodata):
    from playwright.sync_api import expect

    side.gaa_til("/")
    side.page.get_by_role("link", name="Logg inn").click()
    expect(side.page).to_have_url(re.compile("/logg-inn/"))
    side.sjekk_tilgjengelighet()

    side.page.get_by_label("E-postadresse").fill("koordinator@demo.no")
    side.page.get_by_label("Passord").fill("feil-passord")
    side.page.get_by_role("button", name="Logg inn").click()
    expect(side.page.get_by_role("alert")).to_contain_text("Feil e-postadresse eller passord")
    expect(side.page.get_by_label("E-postadresse")).to_have_value("koordinator@demo.no")
    side.sjekk_tilgjengelighet()

    side.page.get_by_label("Passord").fill(DEMO_PASSORD)
    side.page.get_by_role("button", name="Logg inn").click()
    expect(side.page.get_by_text("Kari Koordinator")).to_be_visible()

    side.page.get_by_role("link", name="Min side").click()
    expect(side.page.get_by_role("cell", name="Samhandlingskoordinator")).to_be_visible()
    side.sjekk_tilgjengelighet()

    side.page.get_by_role("link", name="Brukere og roller").click()
    expect(side.page.get_by_role("heading", level=1)).to_contain_text("Drammen kommune")
    side.sjekk_tilgjengelighet()

    side.page.get_by_role("button", name="Logg ut").click()
    expect(side.page.get_by_role("link", name="Logg inn")).to_be_visible()
    assert side.konsollfeil == []


def test_an_administrator_reaches_the_admin_site(side, demodata):
    from playwright.sync_api import expect

    side.gaa_til("/logg-inn/")
    side.page.get_by_label("E-postadresse").fill("admin@demo.no")
    side.page.get_by_label("Passord").fill(DEMO_PASSORD)
    side.page.get_by_role("button", name="Logg inn").click()
    side.page.get_by_role("link", name="Administrasjon").click()
    expect(side.page.get_by_role("link", name="Organisasjoner", exact=True)).to_be_visible()
