import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from helsefellesskap import services as hf
from helsefellesskap.models import Medlemskap, Organisasjon, User, Utvalg
from tests.e2e.conftest import logg_inn

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
    lsu = Utvalg.objects.get(kortnavn="LSU Bærum")
    return hf.mote_opprett(
        utfort_av=None,
        utvalg=lsu,
        start=timezone.now() + datetime.timedelta(days=14),
        sted="Bærum sykehus",
    )


def test_a_discharge_avvik_from_report_to_the_lsu_meeting(side, oppsett):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "ansatt@demo.no")
    side.gaa_til("/avvik/ny/")
    page.get_by_label("Ansvarlig organisasjon").select_option(label="Vestre Viken HF")
    page.get_by_label("Kategori").select_option(label="Utskrivning utenfor avtalt tid")
    igar = (timezone.localtime() - datetime.timedelta(days=1)).replace(hour=22, minute=10)
    page.get_by_label("Når skjedde det?").fill(igar.strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("#id_punkt optgroup").first).to_be_attached()
    page.get_by_label("Avtalepunkt som er brutt").select_option(label="1 Tidspunkt for utskrivning")
    page.get_by_label("Hva skjedde?").fill(
        "Pasient skrevet ut kl. 22.10 en hverdag uten avtale med kommunen."
    )
    side.sjekk_tilgjengelighet()
    page.get_by_role("button", name="Meld avviket").click()
    expect(page.get_by_text("Avviket er meldt til Vestre Viken HF.")).to_be_visible()
    # The routine in force allows discharge until 17:00 on weekdays (09–15 on holidays).
    expect(page.get_by_text("Utenfor avtalt tid", exact=True)).to_be_visible()
    side.sjekk_tilgjengelighet()
    url = page.url

    logg_inn(side, "admin@demo.no")
    side.gaa_til(re.sub(r"^https?://[^/]+", "", url))
    page.get_by_label("Tekst (svar, kommentar, tiltak eller begrunnelse)").fill(
        "Beklager. Vi går gjennom rutinen med avdelingen."
    )
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Svaret er sendt.")).to_be_visible()

    logg_inn(side, "koordinator@demo.no")
    side.gaa_til(re.sub(r"^https?://[^/]+", "", url))
    for _ in range(3):  # dialogue, leadership meeting, then the LSU
        page.get_by_label("Tekst (svar, kommentar, tiltak eller begrunnelse)").fill(
            "Skjer stadig; vi ønsker en prinsipiell drøfting."
        )
        page.get_by_role("button", name="Ta saken videre (eskaler)").click()
    expect(
        page.get_by_text(
            re.compile(
                r"sendt til Lokalt samarbeidsutvalg Bærum sykehus som LSU Bærum \d+/\d+ "
                r"og satt på møtet"
            )
        )
    ).to_be_visible()
    side.sjekk_tilgjengelighet()

    # The LSU's secretary finds the case on the next meeting's agenda.
    logg_inn(side, "sekretaer@demo.no")
    side.gaa_til(f"/moter/{oppsett.pk}/")
    expect(
        page.get_by_role("article").filter(has_text="Utskrivning utenfor avtalt tid")
    ).to_be_visible()
    side.sjekk_tilgjengelighet()
    assert side.konsollfeil == []
