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
    assert list(Tema.objects.values_list("nummer", flat=True)) == list(range(1, 14))
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
    assert temaer_i_kraft(D(2022, 8, 1)).count() == 13
    assert temaer_i_kraft(D(2026, 1, 1)).count() == 13
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


def test_drammen_on_2020_01_01_has_eleven_topics_and_on_2026_01_01_thirteen(client, demo):
    """Done when of issue 27: the law before and after Prop. 102 L and Prop. 100 L (2020–2021).
    The issue says «twelve» for 2026: it was written before the review found nr. 13 (barn og
    unge, Prop. 100 L), in force the same day as nr. 12."""
    html, antall = _rader(client, "2020-01-01")
    assert antall == 11
    assert "krevde 11 temaer 01.01.2020" in html
    assert "planlegge og utvikle tjenester" not in html
    assert "barn og unge med sammensatte" not in html
    html, antall = _rader(client, "2026-01-01")
    assert antall == 13
    assert "krevde 13 temaer 01.01.2026" in html
    assert "planlegge og utvikle tjenester" in html
    assert "Prop. 102 L (2020–2021)" in html
    assert "barn og unge med sammensatte vansker og lidelser" in html
    assert "Prop. 100 L (2020–2021)" in html
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
    assert html.count('<tr class="tema"') == 13


@pytest.mark.parametrize("dato", ["0001-01-01", "9999-12-31"])
def test_a_date_outside_the_bounds_says_so_and_shows_today(client, demo, dato):
    """Issue 15: dates inside sane bounds wherever they enter; ?dato=0001-01-01 gave «krevde 0
    temaer 01.01.0001» (found in the browser review)."""
    html = client.get(f"/kommuner/3301/dekning/?dato={dato}").content.decode()
    assert "Datoen må være mellom" in html
    assert html.count('<tr class="tema"') == 13


def test_an_administrator_adds_a_topic_in_the_admin_without_code(client, demo, db):
    """When the law changes, the topic is data: added in the admin with date and source, it
    counts from that date on, and the admin keeps its history."""
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    svar = client.post(
        "/admin/avtaler/tema/add/",
        {
            "nummer": 14,
            "tittel": "Samarbeid om digital hjemmeoppfølging",
            "gyldig_fra": "2027-01-01",
            "gyldig_til": "",
            "kilde": "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. 14 (tenkt endring)",
            "lenke": "",
        },
    )
    assert svar.status_code == 302, svar.content.decode()[:2000]
    tema = Tema.objects.get(nummer=14)
    assert tema.history.count() == 1
    assert _rader(client, "2026-12-31")[1] == 13
    assert _rader(client, "2027-01-01")[1] == 14


def test_the_admin_refuses_an_end_before_the_start(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    svar = client.post(
        "/admin/avtaler/tema/add/",
        {"nummer": 15, "tittel": "X", "gyldig_fra": "2027-01-01", "gyldig_til": "2026-01-01"},
    )
    assert svar.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen." in svar.content.decode()
    assert not Tema.objects.filter(nummer=15).exists()


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


def test_nr_13_children_and_young_people_from_1_august_2022_with_its_source(db):
    """§ 6-2 første ledd nr. 13 (Prop. 100 L (2020–2021), Innst. 581 L (2020–2021)): in force
    1 August 2022, the same day as nr. 12, per Helsedirektoratet's guide «Punkt 13: Barn og unge
    som mottar tjenester fra begge forvaltningsnivåene»; the note says it is not checked
    against Lovdata."""
    nr13 = Tema.objects.get(nummer=13)
    assert nr13.tittel.startswith("Samarbeid om ytelse av helse- og omsorgstjenester til barn")
    assert "mottar tjenester fra begge forvaltningsnivåene" in nr13.tittel
    assert nr13.gyldig_fra == D(2022, 8, 1)
    assert "Prop. 100 L (2020–2021)" in nr13.kilde and "Innst. 581 L" in nr13.kilde
    assert "helsedirektoratet.no" in nr13.lenke and "punkt-13" in nr13.lenke
    assert "ikke kontrollert mot ikraftsettingen i Lovdata" in nr13.merknad


def test_the_migration_adds_nr_13_to_a_database_that_lacks_it_and_keeps_an_admins_own(db):
    """Migration 0023 runs sikre_temaer and the note: an existing database gets nr. 13 with its
    source and note; a nr. 13 an administrator already has is not touched."""
    import importlib

    from django.apps import apps

    migrering = importlib.import_module("avtaler.migrations.0023_lovtema_nr_13_barn_og_unge")
    Tema.objects.filter(nummer=13).delete()
    migrering.legg_til_nr_13(apps, None)
    nr13 = Tema.objects.get(nummer=13)
    assert nr13.gyldig_fra == D(2022, 8, 1) and "ikke kontrollert" in nr13.merknad
    Tema.objects.filter(nummer=13).update(kilde="Kontrollert i Lovdata", merknad="")
    migrering.legg_til_nr_13(apps, None)
    nr13 = Tema.objects.get(nummer=13)
    assert (nr13.kilde, nr13.merknad) == ("Kontrollert i Lovdata", "")
    # Created without a note (the historical model of 0016 has none), the note is added.
    Tema.objects.filter(nummer=13).delete()
    from avtaler.temaer import KILDE_NR_13

    Tema.objects.create(nummer=13, tittel="x", gyldig_fra=D(2022, 8, 1), kilde=KILDE_NR_13)
    migrering.legg_til_nr_13(apps, None)
    assert "ikke kontrollert" in Tema.objects.get(nummer=13).merknad


def test_two_periods_of_the_same_number_may_not_overlap(db):
    """Review of issue 27: only (nummer, gyldig_fra) was unique, so a second nr. 8 from a later
    day could run alongside the first. clean() refuses it; gyldig_til is the last day, so the
    next period may start the day after, not on it."""
    from django.core.exceptions import ValidationError

    gammel = Tema.objects.get(nummer=8)
    ny = Tema(nummer=8, tittel="Nytt nr. 8", gyldig_fra=D(2030, 7, 1), kilde="Tenkt lov")
    with pytest.raises(
        ValidationError, match=r"Nr\. 8 gjelder alt fra 01\.01\.2012 uten sluttdato"
    ):
        ny.full_clean()
    gammel.gyldig_til = D(2030, 7, 1)
    gammel.save()
    with pytest.raises(ValidationError, match=r"til og med 01\.07\.2030"):
        ny.full_clean()
    gammel.gyldig_til = D(2030, 6, 30)
    gammel.save()
    ny.full_clean()
    ny.save()
    # Nor may the old one be stretched into the new one, or one start before it and run on.
    gammel.gyldig_til = None
    with pytest.raises(ValidationError):
        gammel.full_clean()
    with pytest.raises(ValidationError):
        Tema(nummer=8, tittel="X", gyldig_fra=D(2011, 1, 1), gyldig_til=D(2012, 1, 1)).full_clean()
    Tema(nummer=8, tittel="X", gyldig_fra=D(2011, 1, 1), gyldig_til=D(2011, 12, 31)).full_clean()
    # Another number is not concerned.
    Tema(nummer=14, tittel="X", gyldig_fra=D(2030, 7, 1)).full_clean()


def test_the_admin_refuses_an_overlapping_period_and_says_which(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = {"nummer": 8, "tittel": "Nytt nr. 8", "gyldig_fra": "2030-07-01", "gyldig_til": ""}
    svar = client.post("/admin/avtaler/tema/add/", data)
    assert svar.status_code == 200
    assert "Nr. 8 gjelder alt fra 01.01.2012 uten sluttdato" in svar.content.decode()
    assert Tema.objects.filter(nummer=8).count() == 1
    Tema.objects.filter(nummer=8).update(gyldig_til=D(2030, 6, 30))
    assert client.post("/admin/avtaler/tema/add/", data).status_code == 302
    assert Tema.objects.filter(nummer=8).count() == 2


def test_the_end_dates_say_whether_the_day_is_included(db):
    """Tema.gyldig_til is the last day (inclusive), Punkttema.gyldig_til the first day no
    longer (exclusive): the labels say which."""
    from avtaler.models import Punkttema

    tema = Tema._meta.get_field("gyldig_til")
    assert tema.verbose_name == "gjelder til og med" and "Dagen er med" in tema.help_text
    kobling = Punkttema._meta.get_field("gyldig_til")
    assert kobling.verbose_name == "gjelder til (ikke med)"
    assert "Dagen er ikke med" in kobling.help_text


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_topics_as_the_migrations_made_them():
    """The topics are seeded by data migrations, which a flush (manage.py flush, and the one
    between transactional tests) does not run again: they come back through post_migrate, the
    signal a flush emits, instead of staying gone until the demo data is loaded."""
    for tema in Tema.objects.all():
        tema.tittel = "Skrevet av en administrator"
        tema.save()
    forventet = list(
        Tema.objects.order_by("nummer").values_list(
            "nummer", "gyldig_fra", "kilde", "lenke", "merknad"
        )
    )
    call_command("flush", interactive=False, verbosity=0)
    etter = Tema.objects.order_by("nummer").values_list(
        "nummer", "gyldig_fra", "kilde", "lenke", "merknad"
    )
    assert list(etter) == forventet
    assert not Tema.objects.filter(tittel="Skrevet av en administrator").exists()
