"""A municipality and the HF take an avvik through the dialogue and the ladder in the browser
(agreement § 6): answer → rejection → escalation → LSU case → decision → outcome on the avvik."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from avvik.models import Avvik
from helsefellesskap import services as hf
from helsefellesskap.demodata import DEMO_PASSORD
from helsefellesskap.models import Medlemskap, Organisasjon, User, Utvalg
from tests.e2e.conftest import logg_inn, registrer_oppmote

pytestmark = pytest.mark.e2e


@pytest.fixture
def oppsett(transactional_db):
    call_command("demodata", stdout=io.StringIO())
    baerum = Organisasjon.objects.get(kommunenummer="3201")
    Medlemskap.objects.create(
        bruker=User.objects.get(email="koordinator@demo.no"),
        organisasjon=baerum,
        rolle="samhandlingskoordinator",
    )
    Medlemskap.objects.create(
        bruker=User.objects.create_user(
            email="hf.koordinator@demo.no", navn="Hanne Helseforetak", password=DEMO_PASSORD
        ),
        organisasjon=Organisasjon.objects.get(navn="Vestre Viken HF"),
        rolle="samhandlingskoordinator",
    )
    lsu = Utvalg.objects.get(kortnavn="LSU Bærum")
    return hf.mote_opprett(
        utfort_av=None,
        utvalg=lsu,
        start=timezone.now() - datetime.timedelta(minutes=5),
        sted="Bærum sykehus",
    )


def _skjema(page, navn: str):
    return page.get_by_role("form", name=navn)


def test_an_avvik_from_answer_to_the_lsu_decision_and_back(side, oppsett):
    from playwright.sync_api import expect

    page = side.page

    # The municipality reports the HF's failure.
    logg_inn(side, "ansatt@demo.no")
    side.gaa_til("/avvik/ny/")
    page.get_by_label("Ansvarlig organisasjon").select_option(label="Vestre Viken HF")
    page.get_by_label("Kategori").select_option(label="Manglende epikrise (helseforetakets svikt)")
    page.get_by_label("Pasientrelatert enkeltsak").check()
    igar = (timezone.localtime() - datetime.timedelta(days=1)).replace(hour=22, minute=10)
    page.get_by_label("Når skjedde det?").fill(igar.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Hva skjedde?").fill("Pasient skrevet ut kl. 22.10 uten epikrise.")
    page.get_by_label("Nummer i eget kvalitetssystem (valgfritt)").fill("Compilo 2026-88")
    side.sjekk_tilgjengelighet()
    page.get_by_role("button", name="Meld avviket").click()
    expect(page.get_by_text("Avviket er meldt til Vestre Viken HF.")).to_be_visible()
    side.sjekk_tilgjengelighet()
    url = re.sub(r"^https?://[^/]+", "", page.url)
    avvik = Avvik.objects.get(melders_referanse="Compilo 2026-88")

    def svar_fra_hf(forklaring: str, ta_imot: bool = False) -> None:
        logg_inn(side, "hf.koordinator@demo.no")
        side.gaa_til(url)
        if ta_imot:
            skjema = _skjema(page, "Ta imot og send til oppfølging")
            skjema.get_by_label("Klinikk, avdeling eller enhet som følger opp").fill(
                "Medisinsk klinikk, Bærum sykehus"
            )
            skjema.get_by_label("Nummer i eget kvalitetssystem (valgfritt)").fill("Synergi 4711")
            skjema.get_by_role("button", name="Ta imot").click()
            expect(page.get_by_text("Avviket er tatt imot.")).to_be_visible()
        skjema = _skjema(page, "Svar med forklaring og tiltak")
        skjema.get_by_label("Forklaring").fill(forklaring)
        skjema.get_by_label("Tiltak").fill("Sjekkliste for utskrivning på sengeposten.")
        skjema.get_by_role("button", name="Send svar").click()
        expect(page.get_by_text("Svaret er sendt.")).to_be_visible()
        # The HF cannot close it or take a stand on its own answer.
        expect(page.get_by_role("button", name="Godta svaret og lukk")).to_have_count(0)
        side.sjekk_tilgjengelighet()

    def avvis() -> None:
        logg_inn(side, "ansatt@demo.no")
        side.gaa_til(url)
        skjema = _skjema(page, "Avvis svaret")
        skjema.get_by_label("Hvorfor godtas ikke svaret?").fill("Det har skjedd før.")
        skjema.get_by_role("button", name="Avvis svaret").click()
        expect(page.get_by_text("Svaret er avvist.")).to_be_visible()
        side.sjekk_tilgjengelighet()

    def ta_videre() -> None:
        logg_inn(side, "koordinator@demo.no")
        side.gaa_til(url)
        skjema = _skjema(page, "Ta saken videre")
        skjema.get_by_label("Hvorfor tas saken videre?").fill("Vi ønsker en prinsipiell drøfting.")
        skjema.get_by_role("button", name="Ta saken videre (eskaler)").click()

    svar_fra_hf("Epikrisen ble liggende usignert.", ta_imot=True)
    avvis()
    ta_videre()
    expect(
        page.get_by_text(re.compile("Saken er tatt videre: Møte mellom klinikkdirektør"))
    ).to_be_visible()
    side.sjekk_tilgjengelighet()
    svar_fra_hf("Ledermøtet ble holdt; vi er uenige om ansvaret.")
    avvis()
    ta_videre()
    expect(
        page.get_by_text(
            re.compile(r"sendt til Lokalt samarbeidsutvalg Bærum sykehus som LSU Bærum \d+/\d+")
        )
    ).to_be_visible()
    # Until the LSU has met, nobody can take it further.
    expect(
        page.get_by_text(re.compile("Saken er til behandling i Lokalt samarbeidsutvalg"))
    ).to_be_visible()
    side.sjekk_tilgjengelighet()
    avvik.refresh_from_db()
    assert avvik.status == "i_utvalg" and avvik.sak.utvalg.kortnavn == "LSU Bærum"

    # The LSU's secretary puts the case on today's meeting; the parties agree.
    logg_inn(side, "sekretaer@demo.no")
    side.gaa_til(f"/moter/{oppsett.pk}/")
    registrer_oppmote(side)
    page.get_by_label("Sak", exact=True).select_option(
        label=f"{avvik.sak.saksnummer} {avvik.sak.tittel}"
    )
    page.get_by_role("button", name="Sett på sakslisten").click()
    sak = page.get_by_role("article").filter(has_text=avvik.sak.saksnummer)
    expect(sak).to_be_visible()
    sak.get_by_role("textbox", name="Vedtak").fill(
        "Epikrisen sendes før pasienten forlater posten."
    )
    for gruppe in ("Kommunene", "Helseforetaket", "Brukerrepresentant", "Fastlege"):
        sak.get_by_role("group", name=gruppe).get_by_label("Enig", exact=True).check()
    sak.get_by_role("button", name="Registrer vedtak").click()
    expect(page.get_by_text("Vedtatt:")).to_be_visible()
    side.sjekk_tilgjengelighet()

    # The outcome is back on the avvik, as the database has it.
    logg_inn(side, "koordinator@demo.no")
    side.gaa_til(url)
    expect(page.get_by_text("Lukket ved vedtak i")).to_be_visible()
    expect(page.locator("dl.fakta")).to_contain_text("Lukket")
    expect(page.locator("dl.fakta")).to_contain_text("Medisinsk klinikk, Bærum sykehus")
    expect(page.locator("dl.fakta")).to_contain_text("Vedtatt")
    side.sjekk_tilgjengelighet()
    avvik.refresh_from_db()
    assert avvik.status == "lukket" and avvik.ansvarligs_referanse == "Synergi 4711"
    assert list(avvik.hendelser.values_list("type", flat=True)) == [
        "meldt",
        "mottatt",
        "svar",
        "avvist",
        "eskalert",
        "svar",
        "avvist",
        "eskalert",
        "utfall",
        "lukket",
    ]
    assert side.konsollfeil == []
