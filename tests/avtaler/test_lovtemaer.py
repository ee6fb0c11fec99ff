"""The statutory topics of helse- og omsorgstjenesteloven § 6-2 as data with dates: nr. 1–11
from 1 January 2012, nr. 12 added by Prop. 102 L (2020–2021); coverage on a date is measured
against the topics the law required that day."""

import datetime

import pytest
from django.core.management import call_command

from avtaler.dekning import temadekning
from avtaler.models import Tema
from avtaler.temaer import temaer_i_kraft
from tests.factories import iverksett, lag_avtale

D = datetime.date


def test_twelve_topics_with_dates_and_sources(db):
    """§ 6-2 nr. 12 («konkret beskrivelse av hvordan partene sammen skal planlegge og utvikle
    tjenester») came with Prop. 102 L (2020–2021), adopted by Stortinget 7 June 2021; in force
    1 August 2022 according to Helsedirektoratet's guide on the agreements (not checked against
    the royal decree in Lovdata, which the topic's note says)."""
    assert list(Tema.objects.values_list("nummer", flat=True)) == list(range(1, 13))
    nr12 = Tema.objects.get(nummer=12)
    assert "planlegge og utvikle tjenester" in nr12.tittel
    assert "Prop. 102 L (2020–2021)" in nr12.kilde
    assert nr12.lenke.startswith("https://")
    assert nr12.gyldig_fra == D(2022, 8, 1)
    assert "1. august 2022" in nr12.kilde and "Helsedirektoratet" in nr12.kilde
    assert "ikke kontrollert mot ikraftsettingen i Lovdata" in nr12.merknad
    for tema in Tema.objects.filter(nummer__lte=11):
        assert tema.gyldig_fra == D(2012, 1, 1)
        assert f"§ 6-2 første ledd nr. {tema.nummer}" in tema.kilde


def test_the_topics_in_force_follow_the_date(db):
    assert temaer_i_kraft(D(2020, 1, 1)).count() == 11
    assert temaer_i_kraft(D(2022, 7, 31)).count() == 11
    assert temaer_i_kraft(D(2022, 8, 1)).count() == 12
    assert temaer_i_kraft(D(2026, 1, 1)).count() == 12
    assert not temaer_i_kraft(D(2011, 12, 31)).exists()


def test_a_topic_taken_out_of_the_law_drops_out_after_its_last_day(db):
    Tema.objects.filter(nummer=8).update(gyldig_til=D(2030, 6, 30))
    assert 8 in temaer_i_kraft(D(2030, 6, 30)).values_list("nummer", flat=True)
    assert 8 not in temaer_i_kraft(D(2030, 7, 1)).values_list("nummer", flat=True)


@pytest.fixture
def demo(db):
    call_command("demodata", stdout=None)


def _rader(client, dato):
    html = client.get(f"/kommuner/3301/dekning/?dato={dato}").content.decode()
    return html, html.count('<tr class="tema"')


def test_drammen_on_2020_01_01_has_eleven_topics_and_on_2026_01_01_twelve(client, demo):
    """Done when of issue 27: the law before and after Prop. 102 L (2020–2021)."""
    html, antall = _rader(client, "2020-01-01")
    assert antall == 11
    assert "krevde 11 temaer 01.01.2020" in html
    assert "planlegge og utvikle tjenester" not in html
    html, antall = _rader(client, "2026-01-01")
    assert antall == 12
    assert "krevde 12 temaer 01.01.2026" in html
    assert "planlegge og utvikle tjenester" in html
    assert "Prop. 102 L (2020–2021)" in html
    # The in-force date is not verified against Lovdata: the page says so.
    assert "ikke kontrollert mot ikraftsettingen i Lovdata" in html


def test_coverage_counts_only_versions_in_force_on_the_date(kommune, helseforetak):
    hf = kommune.helsefellesskap
    iverksett(
        lag_avtale(
            hf,
            [kommune, helseforetak],
            type="delavtale",
            tittel="Øyeblikkelig hjelp",
            tema=Tema.objects.get(nummer=4),
        ),
        D(2024, 1, 1),
    )
    from avtaler.models import Avtaleversjon

    def dekket(dato):
        versjoner = list(Avtaleversjon.objects.gjeldende(dato).for_organisasjon(kommune))
        return {d.tema.nummer for d in temadekning(versjoner, dato) if d.dekket}

    assert dekket(D(2023, 12, 31)) == set()
    assert dekket(D(2024, 1, 1)) == {4}


def test_a_bad_date_says_so_in_norwegian_and_shows_today(client, demo):
    html = client.get("/kommuner/3301/dekning/?dato=31.02.2020").content.decode()
    assert "er ikke en gyldig dato" in html
    assert html.count('<tr class="tema"') == 12


@pytest.mark.parametrize("dato", ["0001-01-01", "9999-12-31"])
def test_a_date_outside_the_bounds_says_so_and_shows_today(client, demo, dato):
    """Issue 15: dates inside sane bounds wherever they enter; ?dato=0001-01-01 gave «krevde 0
    temaer 01.01.0001» (found in the browser review)."""
    html = client.get(f"/kommuner/3301/dekning/?dato={dato}").content.decode()
    assert "Datoen må være mellom" in html
    assert html.count('<tr class="tema"') == 12


def test_an_administrator_adds_a_topic_in_the_admin_without_code(client, demo, db):
    """When the law changes, the topic is data: added in the admin with date and source, it
    counts from that date on, and the admin keeps its history."""
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    svar = client.post(
        "/admin/avtaler/tema/add/",
        {
            "nummer": 13,
            "tittel": "Samarbeid om digital hjemmeoppfølging",
            "gyldig_fra": "2027-01-01",
            "gyldig_til": "",
            "kilde": "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. 13 (tenkt endring)",
            "lenke": "",
        },
    )
    assert svar.status_code == 302, svar.content.decode()[:2000]
    tema = Tema.objects.get(nummer=13)
    assert tema.history.count() == 1
    assert _rader(client, "2026-12-31")[1] == 12
    assert _rader(client, "2027-01-01")[1] == 13


def test_the_admin_refuses_an_end_before_the_start(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    svar = client.post(
        "/admin/avtaler/tema/add/",
        {"nummer": 14, "tittel": "X", "gyldig_fra": "2027-01-01", "gyldig_til": "2026-01-01"},
    )
    assert svar.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen." in svar.content.decode()
    assert not Tema.objects.filter(nummer=14).exists()


def test_a_number_is_unique_per_start_date_so_the_law_can_renumber_a_topic(db):
    """Issue 27 review: a topic renumbered or replaced when the law changes keeps its number
    with a new start date; the same number from the same day is refused."""
    from django.db import IntegrityError, transaction

    gammel = Tema.objects.get(nummer=8)
    gammel.gyldig_til = D(2030, 6, 30)
    gammel.save()
    Tema.objects.create(nummer=8, tittel="Nytt nr. 8", gyldig_fra=D(2030, 7, 1), kilde="Tenkt lov")
    assert [t.tittel for t in temaer_i_kraft(D(2030, 7, 1)).filter(nummer=8)] == ["Nytt nr. 8"]
    assert temaer_i_kraft(D(2030, 6, 30)).get(nummer=8) == gammel
    with pytest.raises(IntegrityError), transaction.atomic():
        Tema.objects.create(nummer=8, tittel="Dobbel", gyldig_fra=D(2030, 7, 1))


def test_nr_12_moves_from_the_unsourced_date_unless_an_administrator_set_another(db):
    from avtaler.temaer import NR_12_ANTATT_FOR, rett_nr_12

    Tema.objects.filter(nummer=12).update(gyldig_fra=NR_12_ANTATT_FOR, merknad="")
    rett_nr_12(Tema)
    assert Tema.objects.get(nummer=12).gyldig_fra == D(2022, 8, 1)
    Tema.objects.filter(nummer=12).update(gyldig_fra=D(2022, 9, 1), merknad="")
    rett_nr_12(Tema)
    nr12 = Tema.objects.get(nummer=12)
    assert (nr12.gyldig_fra, nr12.merknad) == (D(2022, 9, 1), "")
