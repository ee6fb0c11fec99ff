"""Consequences that mean something, or none.

The evaluation report (6.2.2) proposes as model clause: «Ved mislighold av avtalen kan kommunen
kreve: Bøter tilsvarende kr X per dag/time; Erstatning/økonomisk kompensasjon tilsvarende
kostnaden kommunen har hatt som følge av helseforetak B sitt mislighold» – and the same the other
way. Only what a clause defines in structure (whose breach, rate, unit) is computed, for the
period of the breach, with the formula shown; otherwise the clause text, never a guessed number.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from avtaler.services import NyttPunkt
from avvik import services
from avvik.models import Avvikskategori, Misligholdsbestemmelse
from tests.factories import iverksett, lag_avtale

D = datetime.date
SATS_TEKST = (
    "Kommunen betaler for utskrivningsklare pasienten en døgnpris fastsatt av staten, "
    "kr 5 745 per døgn."
)
BOT_TEKST = (
    "Utskriver helseforetaket pasienten utenfor avtalt tid, kan kommunen kreve bot tilsvarende "
    "kr 500 per time, og erstatning for kostnadene kommunen har hatt som følge av bruddet."
)


@pytest.fixture
def kategori(db):
    return Avvikskategori.objects.get(navn="Utskrivning utenfor avtalt tid")


@pytest.fixture
def punkter(kommune, helseforetak):
    versjon = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            tittel="Avtale om helhetlig pasientforløp",
            punkter=[
                NyttPunkt("4", "Betaling", SATS_TEKST),
                NyttPunkt("6", "Mislighold", BOT_TEKST),
            ],
        ),
        D(2024, 1, 1),
    )
    return versjon.punkter.get(nummer="4"), versjon.punkter.get(nummer="6")


def _meld(ansatt, kommune, helseforetak, kategori, punkt, varighet=None):
    hendelse = timezone.now() - datetime.timedelta(days=14)
    return services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=hendelse,
        brudd_slutt=hendelse + varighet if varighet else None,
        beskrivelse="Utskrevet kl. 22.10.",
        stige="pasientrelatert",
        punkt=punkt,
    )


def _side(client, bruker, avvik) -> str:
    client.force_login(bruker)
    return client.get(f"/avvik/{avvik.pk}/").content.decode()


def test_no_number_is_read_out_of_a_clause_text(
    client, ansatt, kommune, helseforetak, kategori, punkter
):
    """«kr 5 745 per døgn» the municipality pays once showed as 86 175 kr owed by the HF."""
    avvik = _meld(ansatt, kommune, helseforetak, kategori, punkter[0], datetime.timedelta(hours=3))
    side = _side(client, ansatt, avvik)
    assert "86 175" not in side and "86\xa0175" not in side
    assert "Konsekvens av brudd" not in side and "ikke en faktura" not in side


def test_a_sanction_on_the_other_party_is_not_this_ones(
    client, ansatt, kommune, helseforetak, kategori, punkter
):
    Misligholdsbestemmelse.objects.create(
        punkt=punkter[0], part_i_brudd="kommune", art="bot", sats=5745, enhet="dogn"
    )
    avvik = _meld(ansatt, kommune, helseforetak, kategori, punkter[0], datetime.timedelta(days=2))
    assert "Konsekvens av brudd" not in _side(client, ansatt, avvik)


def test_the_fine_is_for_the_period_of_the_breach_with_the_formula(
    client, ansatt, kommune, helseforetak, kategori, punkter
):
    """«kr 500 per time», closed after 14 days, once showed 168 000 kr: the handling's time."""
    Misligholdsbestemmelse.objects.create(
        punkt=punkter[1], part_i_brudd="helseforetak", art="bot", sats=500, enhet="time"
    )
    avvik = _meld(
        ansatt, kommune, helseforetak, kategori, punkter[1], datetime.timedelta(hours=2, minutes=10)
    )
    side = _side(client, ansatt, avvik)
    assert "kr 500 per time × 3 påbegynte timer" in side and "= kr 1\xa0500" in side
    assert "168" not in side and "ikke en faktura" in side


def test_without_the_end_of_the_breach_or_for_compensation_the_clause_text_is_shown(
    client, ansatt, kommune, helseforetak, kategori, punkter
):
    Misligholdsbestemmelse.objects.create(
        punkt=punkter[1], part_i_brudd="helseforetak", art="bot", sats=500, enhet="time"
    )
    Misligholdsbestemmelse.objects.create(
        punkt=punkter[1], part_i_brudd="helseforetak", art="erstatning"
    )
    avvik = _meld(ansatt, kommune, helseforetak, kategori, punkter[1])
    side = _side(client, ansatt, avvik)
    assert "avviket sier ikke når bruddet opphørte" in side
    assert "Erstatningen settes etter de faktiske kostnadene" in side
    assert BOT_TEKST in side and "ikke en faktura" not in side


def test_a_fine_needs_a_rate_and_a_unit_and_compensation_has_none(punkter):
    for felter in (
        {"art": "bot", "sats": 500},
        {"art": "bot", "enhet": "time"},
        {"art": "erstatning", "sats": 500},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Misligholdsbestemmelse.objects.create(
                punkt=punkter[1], part_i_brudd="helseforetak", **felter
            )


def test_the_end_of_the_breach_lies_after_the_event_and_not_ahead(
    ansatt, kommune, helseforetak, kategori, punkter
):
    from kjerne.feil import Domenefeil

    with pytest.raises(Domenefeil, match="Bruddet må ha opphørt etter at det skjedde"):
        _meld(ansatt, kommune, helseforetak, kategori, None, datetime.timedelta(days=30))
