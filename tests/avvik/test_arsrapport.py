"""The yearly avvik report: the calendar year in Norway, and no count small enough to point
out another organisation's case (avvik.arsrapport)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from avvik import services
from avvik.arsrapport import MINSTE_CELLE, arsrapport_tall, vis_antall
from avvik.models import Avvikshendelse, Avvikskategori, Eskaleringstrinn
from tests.factories import KommuneFactory, MedlemskapFactory
from tests.pdfhjelp import hent_pdf, pdf_innhold

OSLO = ZoneInfo("Europe/Oslo")


def _meld(melder, fra, mot, kategori, hendelse):
    return services.avvik_registrer(
        melder=melder,
        meldt_av_organisasjon=fra,
        ansvarlig=mot,
        kategori=kategori,
        hendelse=hendelse,
        beskrivelse="Utskrevet uten epikrise.",
        stige="pasientrelatert",
    )


@pytest.fixture
def aret(kommune, annen_kommune, helseforetak, ansatt):
    """2025: six avvik kommune → HF in one category, two HF → the other municipality in
    another."""
    epikrise = Avvikskategori.objects.get(navn="Manglende epikrise")
    tid = Avvikskategori.objects.get(navn="Manglende legemiddelliste ved innleggelse")
    hf_ansatt = MedlemskapFactory(organisasjon=helseforetak, rolle="ansatt").bruker
    mars = datetime.datetime(2025, 3, 3, 12, tzinfo=OSLO)
    for i in range(6):
        _meld(ansatt, kommune, helseforetak, epikrise, mars + datetime.timedelta(days=i))
    for i in range(2):
        _meld(hf_ansatt, helseforetak, annen_kommune, tid, mars + datetime.timedelta(days=i))
    return epikrise, tid


def test_small_counts_of_others_are_merged_and_shown_as_under_five(
    helsefellesskap, aret, kommune, annen_kommune, helseforetak
):
    epikrise, _tid = aret
    tredje = KommuneFactory(navn="Asker kommune", helsefellesskap=helsefellesskap)
    tall = arsrapport_tall(helsefellesskap=helsefellesskap, ar=2025, egne={tredje.pk})
    assert tall["antall"] == 8
    assert tall["per_kategori"] == [
        {"navn": epikrise.navn, "antall": "6"},
        {"navn": f"Andre (færre enn {MINSTE_CELLE} hver)", "antall": "<5"},
    ]
    assert tall["per_ansvarlig"] == [
        {"navn": helseforetak.navn, "antall": "6"},
        {"navn": f"Andre (færre enn {MINSTE_CELLE} hver)", "antall": "<5"},
    ]
    # The other municipality sees its own count as it is.
    egen = arsrapport_tall(helsefellesskap=helsefellesskap, ar=2025, egne={annen_kommune.pk})
    assert {"navn": annen_kommune.navn, "antall": "2"} in egen["per_ansvarlig"]


def test_the_count_shown_is_under_five_only_between_one_and_four():
    assert [vis_antall(n) for n in (0, 1, 4, 5, 17)] == ["0", "<5", "<5", "5", "17"]


def test_the_year_is_the_norwegian_calendar_year_for_avvik_and_escalations(
    helsefellesskap, kommune, helseforetak, ansatt
):
    kategori = Avvikskategori.objects.get(navn="Manglende epikrise")
    nyttarsaften = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=OSLO)
    nyttarsdag = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=OSLO)  # 31.12. 23:30 UTC
    gammel = _meld(ansatt, kommune, helseforetak, kategori, nyttarsaften)
    ny = _meld(ansatt, kommune, helseforetak, kategori, nyttarsdag)
    trinn = Eskaleringstrinn.objects.filter(
        helsefellesskap=helsefellesskap, stige="pasientrelatert", nummer=2
    ).first()
    # The 2025 avvik is escalated twice: in 2025 and in 2026; the 2026 one in 2026.
    for avvik, tidspunkt in ((gammel, nyttarsaften), (gammel, nyttarsdag), (ny, nyttarsdag)):
        Avvikshendelse.objects.create(
            avvik=avvik, type=Avvikshendelse.Type.ESKALERT, trinn=trinn, tidspunkt=tidspunkt
        )
    i_2025 = arsrapport_tall(helsefellesskap=helsefellesskap, ar=2025, egne=set())
    i_2026 = arsrapport_tall(helsefellesskap=helsefellesskap, ar=2026, egne=set())
    assert i_2025["antall"] == 1 and i_2026["antall"] == 1
    assert i_2025["eskalert"] == [{"navn": f"2. {trinn.beskrivelse}", "antall": "<5"}]
    assert len(i_2026["eskalert"]) == 1 and i_2026["eskalert"][0]["antall"] == "<5"
    assert arsrapport_tall(helsefellesskap=helsefellesskap, ar=2024, egne=set())["eskalert"] == []


def test_the_pdf_says_the_rule_and_shows_no_small_count_of_others(
    client, helsefellesskap, aret, annen_kommune
):
    _epikrise, tid = aret
    tredje = KommuneFactory(navn="Asker kommune", helsefellesskap=helsefellesskap)
    client.force_login(MedlemskapFactory(organisasjon=tredje, rolle="ansatt").bruker)
    svar = hent_pdf(client, f"/avvik/arsrapport/{helsefellesskap.kortnavn}/2025.pdf")
    assert svar.status_code == 200
    tekst = "\n".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf_innhold(svar))).pages)
    assert "8 avvik meldt i 2025" in tekst
    assert "Et tall under 5 for andre organisasjoners avvik vises ikke for seg" in tekst
    assert tid.navn not in tekst and annen_kommune.navn not in tekst
    assert "Andre (færre enn 5 hver) <5" in tekst
