"""Nobody has to remember to look (issue 28): an avvik a municipality reports shows up in the
HF coordinator's notifications and mailbox; the answer shows up for the municipality."""

import io
import re

import pytest
from django.core.management import call_command

from avvik.models import Avvik
from helsefellesskap.demodata import DEMO_PASSORD
from helsefellesskap.models import Medlemskap, Organisasjon, User
from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


@pytest.fixture
def oppsett(transactional_db):
    call_command("demodata", stdout=io.StringIO())
    Medlemskap.objects.create(
        bruker=User.objects.create_user(
            email="hf.koordinator@demo.no", navn="Hanne Helseforetak", password=DEMO_PASSORD
        ),
        organisasjon=Organisasjon.objects.get(navn="Vestre Viken HF"),
        rolle="samhandlingskoordinator",
    )


@pytest.fixture
def postkasse(oppsett, smtp):
    """The SMTP server, started after the demo data (whose own notices are not the point)."""
    return smtp.postkasse


def _tekst(melding) -> str:
    return melding.get_body(("plain",)).get_content()


def test_an_avvik_and_its_answer_reach_the_other_party(side, postkasse):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "ansatt@demo.no")
    side.gaa_til("/avvik/ny/")
    page.get_by_label("Ansvarlig organisasjon").select_option(label="Vestre Viken HF")
    page.get_by_label("Kategori").select_option(label="Manglende epikrise (helseforetakets svikt)")
    page.get_by_label("Pasientrelatert enkeltsak").check()
    page.get_by_label("Når skjedde det?").fill("2026-11-01T22:10")
    page.get_by_label("Hva skjedde?").fill("Pasient skrevet ut kl. 22.10 uten epikrise.")
    page.get_by_label("Nummer i eget kvalitetssystem (valgfritt)").fill("Compilo 2026-99")
    page.get_by_role("button", name="Meld avviket").click()
    expect(page.get_by_text("Avviket er meldt til Vestre Viken HF.")).to_be_visible()
    avvik = Avvik.objects.get(melders_referanse="Compilo 2026-99")
    overskrift = f"Nytt avvik {avvik.pk} fra {avvik.meldt_av_organisasjon.navn}: Manglende epikrise"

    # The HF's coordinator: one unread notice in the header, the notice in the list and mailbox.
    [melding] = postkasse.til("hf.koordinator@demo.no")
    assert str(melding["Subject"]).strip() == overskrift
    assert f"/avvik/{avvik.pk}/" in _tekst(melding) and "22.10" not in _tekst(melding)
    logg_inn(side, "hf.koordinator@demo.no")
    side.gaa_til("/varsler/")
    expect(page.get_by_role("link", name="Varsler (1 ulest)")).to_be_visible()
    page.get_by_role("button", name=f"Ulest: {overskrift}").click()
    expect(page).to_have_url(re.compile(rf"/avvik/{avvik.pk}/$"))
    side.sjekk_tilgjengelighet()
    skjema = page.get_by_role("form", name="Svar med forklaring og tiltak")
    skjema.get_by_label("Forklaring").fill("Epikrisen ble liggende usignert.")
    skjema.get_by_label("Tiltak").fill("Sjekkliste for utskrivning på sengeposten.")
    skjema.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Svaret er sendt.")).to_be_visible()
    expect(page.get_by_role("link", name="Varsler", exact=True)).to_be_visible()  # all read

    # The municipality: the answer in its list and its mailbox.
    svar = f"Vestre Viken HF har svart på avvik {avvik.pk}: Manglende epikrise"
    assert [str(m["Subject"]).strip() for m in postkasse.til("ansatt@demo.no")] == [svar]
    logg_inn(side, "ansatt@demo.no")
    side.gaa_til("/varsler/")
    page.get_by_role("button", name=f"Ulest: {svar}").click()
    expect(page).to_have_url(re.compile(rf"/avvik/{avvik.pk}/$"))
    assert side.konsollfeil == []


def test_the_list_works_on_a_phone_and_by_keyboard(mobilside, oppsett):
    from playwright.sync_api import expect

    page = mobilside.page
    logg_inn(mobilside, "koordinator@demo.no")
    mobilside.gaa_til("/varsler/")
    expect(page.get_by_role("heading", name="Varsler", level=1)).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    # The choices are reachable and saved with the keyboard alone.
    valg = page.get_by_label("Avvik besvart")
    valg.focus()
    valg.select_option("nettsted")
    page.get_by_role("button", name="Lagre valgene").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Valgene for varsler er lagret.")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
