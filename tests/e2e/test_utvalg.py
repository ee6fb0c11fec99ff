"""A secretary runs LSU meetings in the browser: the parties decide (agreement § 5.4, «Vedtak i
LSU forutsetter enstemmighet mellom partene»), the fastlege's disagreement is dissent in the
minutes, and a meeting without the HF postpones the case."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from helsefellesskap.models import Sak, Vedtak
from tests.e2e.conftest import logg_inn, registrer_oppmote

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def _nytt_mote(side, klokken: str) -> None:
    """A meeting early today: decisions are taken once the meeting has begun."""
    from playwright.sync_api import expect

    page = side.page
    side.gaa_til("/utvalg/")
    page.get_by_role("link", name="Lokalt samarbeidsutvalg Bærum sykehus").click()
    side.sjekk_tilgjengelighet()
    page.get_by_label("Dato og klokkeslett").fill(f"{timezone.localdate():%Y-%m-%d}T{klokken}")
    page.get_by_label("Sted").fill(f"Bærum sykehus kl. {klokken}")
    page.get_by_role("button", name="Opprett møte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{timezone.localdate():%d.%m.%Y}")


def _ny_sak(side, tittel: str):
    from playwright.sync_api import expect

    page = side.page
    page.get_by_label("Sakstittel").fill(tittel)
    page.get_by_role("button", name="Legg til sak").click()
    sak = page.get_by_role("article").filter(has_text=tittel)
    expect(sak).to_be_visible()
    return sak


def test_the_parties_decide_and_an_absent_hf_postpones(side, demodata):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "sekretaer@demo.no")

    # Meeting 1: everyone there; the parties agree, the fastlege does not.
    _nytt_mote(side, "00:00")
    registrer_oppmote(side)
    sak = _ny_sak(side, "Felles rutine for legemiddelsamstemming")
    # No position is chosen for anyone in advance.
    assert sak.locator("input[type=radio]:checked").count() == 0
    sak.get_by_role("textbox", name="Vedtak").fill("Rutinen vedtas.")
    sak.get_by_role("button", name="Registrer vedtak").click()
    # Nothing chosen: the messages stand at each side, the text is kept.
    expect(sak.get_by_text("Oppgi standpunktet til kommunene.")).to_be_visible()
    expect(sak.get_by_role("textbox", name="Vedtak")).to_have_value("Rutinen vedtas.")
    side.sjekk_tilgjengelighet()
    for gruppe in ("Kommunene", "Helseforetaket", "Brukerrepresentant"):
        sak.get_by_role("group", name=gruppe).get_by_label("Enig", exact=True).check()
    sak.get_by_role("group", name="Fastlege").get_by_label("Uenig").check()
    sak.get_by_label("Protokolltilførsel (valgfritt)").fill(
        "Fastlegene ønsker at legevakten tas med."
    )
    sak.get_by_role("button", name="Registrer vedtak").click()
    expect(page.get_by_text("Vedtatt:")).to_be_visible()
    expect(page.get_by_text("Dissens: Fastlege er uenig.")).to_be_visible()
    side.sjekk_tilgjengelighet()
    vedtak = Vedtak.objects.get(tekst="Rutinen vedtas.")
    assert vedtak.resultat == "vedtatt" and vedtak.pos_fastlege == "uenig"
    page.get_by_role("textbox", name="Referat").fill("Rutinen ble vedtatt med dissens.")
    page.get_by_role("button", name="Lagre referat").click()
    page.get_by_role("button", name="Godkjenn referatet").click()
    expect(page.get_by_text("Referatet er godkjent.")).to_be_visible()
    pdf = page.request.get(side.base_url + f"/moter/{vedtak.mote_id}/referat.pdf")
    tekst = "\n".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Vedtatt: Rutinen vedtas." in tekst and "Fastlege: uenig" in tekst
    assert "Dissens: Fastlege er uenig." in tekst and "legevakten tas med" in tekst
    assert "Ikke enighet" not in tekst

    # Meeting 2: the HF sent apologies; the case is postponed, not a disagreement.
    _nytt_mote(side, "00:01")
    registrer_oppmote(side, fravaerende_side="Helseforetaket")
    sak = _ny_sak(side, "Samarbeid om legevakt")
    sak.get_by_role("textbox", name="Vedtak").fill("Legevakten samlokaliseres.")
    sak.get_by_role("group", name="Helseforetaket").get_by_label("Enig", exact=True).check()
    for gruppe in ("Kommunene", "Brukerrepresentant", "Fastlege"):
        sak.get_by_role("group", name=gruppe).get_by_label("Enig", exact=True).check()
    sak.get_by_role("button", name="Registrer vedtak").click()
    # The HF was not there, so it cannot have agreed.
    expect(
        sak.get_by_text(re.compile("Ingen fra helseforetaket er ført som til stede"))
    ).to_be_visible()
    sak.get_by_role("group", name="Helseforetaket").get_by_label("Ikke til stede").check()
    sak.get_by_role("button", name="Registrer vedtak").click()
    expect(
        page.get_by_text("Utsatt til neste møte: helseforetaket ikke til stede.")
    ).to_be_visible()
    side.sjekk_tilgjengelighet()
    utsatt = Sak.objects.get(tittel="Samarbeid om legevakt")
    assert utsatt.status == "apen" and utsatt.vedtak.get().resultat == "utsatt"
    assert side.konsollfeil == []


def test_keyboard_focus_follows_the_swapped_meeting_forms(side, demodata):
    """Keyboard use (house rule: pages work by keyboard): after an htmx post replaces the
    case list, focus is on the field with the error, or on the list's heading – never left on
    <body>, which would send a keyboard user back to the top of the page."""
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "sekretaer@demo.no")
    _nytt_mote(side, "00:02")  # begun: decisions only once a meeting has begun
    page.get_by_label("Sakstittel").fill("Tastatursak")
    page.get_by_role("button", name="Legg til sak").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Saksliste", exact=True)).to_be_focused()
    sak = page.get_by_role("article").filter(has_text="Tastatursak")
    sak.get_by_role("button", name="Registrer vedtak").focus()
    page.keyboard.press("Enter")
    expect(sak.get_by_role("textbox", name="Vedtak")).to_be_focused()
    expect(sak.get_by_text("Skriv vedtaksteksten.")).to_be_visible()
    assert side.konsollfeil == []


def test_a_refused_new_case_says_why_at_the_title_and_keeps_the_input(side, demodata):
    """htmx swaps in the form as written with the refusal at its field; nothing is lost."""
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "sekretaer@demo.no")
    _nytt_mote(side, "00:05")
    page.get_by_label("Sakstittel").fill("Utskrivning av 100224 58200")
    page.get_by_label("Saksframstilling").fill("Bakgrunn: sen epikrise.")
    page.get_by_role("button", name="Legg til sak").click()
    tittel = page.get_by_label("Sakstittel")
    expect(page.get_by_text("«Sakstittel» ser ut til å inneholde et fødselsnummer")).to_be_visible()
    expect(tittel).to_have_value("Utskrivning av 100224 58200")
    expect(tittel).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Saksframstilling")).to_have_value("Bakgrunn: sen epikrise.")
    assert not Sak.objects.filter(tittel__startswith="Utskrivning av").exists()
    side.sjekk_tilgjengelighet()
    tittel.fill("Utskrivning uten epikrise")
    page.get_by_role("button", name="Legg til sak").click()
    expect(page.get_by_role("article").filter(has_text="Utskrivning uten epikrise")).to_be_visible()
    assert Sak.objects.get(tittel="Utskrivning uten epikrise").beskrivelse == (
        "Bakgrunn: sen epikrise."
    )
