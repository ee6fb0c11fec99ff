"""Least data in a payment course (docs/personvern.md «Betalingsforløp»): the answer and the
discharge are stored as days; the times of day the rules need (admission, its notice, the ready
notice) are shown only to those who handle the avvik. The days counted are the same for all."""

import datetime
import zoneinfo

import pytest
from django.db import connection

from avvik import services
from avvik.betaling import beregn_betaling
from avvik.models import Avvikskategori, Betalingsforlop, Betalingsregel
from helsefellesskap.access import Rolle
from tests.factories import MedlemskapFactory
from tests.migreringshjelp import migrer, til_nyeste

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
D = datetime.date


def t(tekst: str) -> datetime.datetime:
    return datetime.datetime.strptime(tekst, "%d.%m.%Y %H:%M").replace(tzinfo=OSLO)


FORLOP = {
    "innlagt": t("04.03.2024 08:17"),
    "innleggelsesvarsel": t("04.03.2024 12:43"),
    "meldt_utskrivningsklar": t("10.03.2024 10:29"),
    "kommunens_svar": "kan_ikke",
    "svart": t("10.03.2024 13:00"),
    "kommunen_klar": D(2024, 3, 13),
    "utskrevet": t("13.03.2024 23:30"),  # 22:30 UTC: the local day is the 13th
    "merknad": "",
}


@pytest.fixture
def avvik(ansatt, kommune, helseforetak):
    return services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(
            navn="Uenighet om betaling for utskrivningsklar pasient"
        ),
        hendelse=t("13.03.2024 11:00"),
        beskrivelse="Uenighet om hvor mange døgn kommunen skal betale for.",
        stige="pasientrelatert",
    )


@pytest.fixture
def forlop(avvik, ansatt):
    return services.betalingsforlop_lagre(avvik=avvik, utfort_av=ansatt, **FORLOP)


def test_the_answer_and_the_discharge_are_stored_as_days_in_the_row_and_its_history(forlop):
    forlop.refresh_from_db()
    assert forlop.svart == D(2024, 3, 10) and forlop.utskrevet == D(2024, 3, 13)
    historikk = forlop.history.get()
    assert historikk.svart == D(2024, 3, 10) and historikk.utskrevet == D(2024, 3, 13)
    # In the database itself: a date column, no time to be read by anyone.
    with connection.cursor() as c:
        c.execute(
            "SELECT svart, utskrevet FROM avvik_betalingsforlop WHERE id = %s",
            [forlop.pk],
        )
        svart, utskrevet = c.fetchone()
    assert str(svart) == "2024-03-10" and str(utskrevet) == "2024-03-13"


def test_the_form_takes_days_and_drops_a_time_sent_with_them(client, koordinator, avvik):
    client.force_login(koordinator)
    data = {
        "innlagt": "2024-03-04T08:17",
        "innleggelsesvarsel": "2024-03-04T12:43",
        "meldt_utskrivningsklar": "2024-03-10T10:29",
        "kommunens_svar": "kan_ikke",
        "svart": "2024-03-10T13:00",  # an older form or a script: the time is dropped
        "kommunen_klar": "2024-03-13",
        "utskrevet": "2024-03-13",
    }
    assert client.post(f"/avvik/{avvik.pk}/betaling/", data).status_code == 302
    forlop = Betalingsforlop.objects.get(avvik=avvik)
    assert (forlop.svart, forlop.utskrevet) == (D(2024, 3, 10), D(2024, 3, 13))
    side = client.get(f"/avvik/{avvik.pk}/betaling/").content.decode()
    assert 'value="2024-03-13"' in side and "2024-03-13T" not in side
    assert "2024-03-10T10:29" in side  # the ready notice keeps its time


@pytest.mark.parametrize(
    "regel",
    [
        {},
        {"meldingsfrist": datetime.time(10)},  # the ready notice at 10:29 counts from the 11th
        {"betaling_fra": Betalingsregel.Start.ETTER_24_TIMER},
        {"utskrivningsdag_betales": True},
    ],
)
def test_the_days_counted_are_the_same_with_and_without_the_times(forlop, regel):
    Betalingsregel.objects.update(**regel)
    med = beregn_betaling(forlop, idag=D(2024, 3, 20))
    uten = beregn_betaling(forlop, idag=D(2024, 3, 20), klokkeslett=False)
    assert med.betalte_dogn == uten.betalte_dogn and med.belop == uten.belop
    assert [(linje.fra, linje.til, linje.betales) for linje in med.linjer] == [
        (linje.fra, linje.til, linje.betales) for linje in uten.linjer
    ]
    tekst = " ".join([v.tekst for v in uten.vilkar] + [linje.tekst for linje in uten.linjer])
    for minutt in ("08:17", "12:43", "10:29", "13:00", "23:30"):
        assert minutt not in tekst


def test_the_forskrift_example_counts_the_same_days_as_before(forlop):
    """The day count of tests/avvik/test_betaling.py's example (three days) is unchanged now
    that the answer and the discharge are days."""
    assert beregn_betaling(forlop).betalte_dogn == 3


def _side(client, bruker, avvik) -> str:
    client.force_login(bruker)
    svar = client.get(f"/avvik/{avvik.pk}/")
    assert svar.status_code == 200
    return svar.content.decode()


def test_only_those_who_handle_the_avvik_see_the_times_others_see_days(
    client, forlop, avvik, ansatt, koordinator, kommune, helseforetak, systemforvalter
):
    hf_koordinator = MedlemskapFactory(
        organisasjon=helseforetak, rolle=Rolle.SAMHANDLINGSKOORDINATOR
    ).bruker
    for bruker in (ansatt, koordinator, hf_koordinator):  # the reporter and both coordinators
        side = _side(client, bruker, avvik)
        assert "04.03.2024 kl. 12:43" in side and "10.03.2024 kl. 10:29" in side
    kollega = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    hf_ansatt = MedlemskapFactory(organisasjon=helseforetak, rolle=Rolle.ANSATT).bruker
    for bruker in (kollega, hf_ansatt, systemforvalter):
        side = _side(client, bruker, avvik)
        assert "Kommunen betaler for 3 døgn" in side  # the same days …
        assert "04.03.2024" in side and "10.03.2024" in side  # … explained by day …
        for minutt in ("08:17", "12:43", "10:29"):  # … without the times
            assert minutt not in side
        # The form shows the times, so they may not open it either.
        assert client.get(f"/avvik/{avvik.pk}/betaling/").status_code == 403
        assert "Endre tidspunktene" not in side


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_local_day_of_each_time_in_rows_and_history(avvik, ansatt):
    try:
        apps = migrer(("avvik", "0011_betalingsstart_alternativ_lesning"))
        Forlop = apps.get_model("avvik", "Betalingsforlop")
        Historikk = apps.get_model("avvik", "HistoricalBetalingsforlop")
        verdier = {
            "innlagt": t("04.03.2024 08:17"),
            "meldt_utskrivningsklar": t("10.03.2024 10:29"),
            "kommunens_svar": "kan_ikke",
            # 00:30 in Oslo is 23:30 UTC the day before: a plain cast would give the 9th.
            "svart": t("10.03.2024 00:30"),
            "utskrevet": t("13.03.2024 23:30"),
        }
        rad = Forlop.objects.create(avvik_id=avvik.pk, **verdier)
        Historikk.objects.create(
            id=rad.pk,
            avvik_id=avvik.pk,
            history_date=t("13.03.2024 23:31"),
            history_type="+",
            endret=t("13.03.2024 23:31"),
            **verdier,
        )
        apps = migrer(("avvik", "0012_betalingsforlop_svar_og_utskrivning_som_dag"))
        rad = apps.get_model("avvik", "Betalingsforlop").objects.get()
        historikk = apps.get_model("avvik", "HistoricalBetalingsforlop").objects.get()
        for r in (rad, historikk):
            assert (r.svart, r.utskrevet) == (D(2024, 3, 10), D(2024, 3, 13))
            assert r.meldt_utskrivningsklar == t("10.03.2024 10:29")  # the times it needs stay
    finally:
        til_nyeste()
