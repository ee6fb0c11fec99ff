"""The clinician's discharge lookup: the designated routine in force today, its hours as
data, key facts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from avtaler import services
from avtaler.helligdager import er_helg_eller_helligdag, paskedag
from avtaler.services import NyttPunkt
from avtaler.utskrivning import utskrivningsrutine
from tests.factories import iverksett, lag_utskrivningsrutine, revider, signer

TIDER = (
    "Utskrivning skal skje på hverdager mellom {a} og {b}, "
    "og i helger og på helligdager mellom 09:00 og 15:00."
)


def _klokke(tekst: str) -> datetime.time:
    return datetime.time(*(int(x) for x in tekst.split(":")))


def _tider(a="07:00", b="17:00") -> dict:
    return {
        "hverdag_fra": _klokke(a),
        "hverdag_til": _klokke(b),
        "helg_fra": datetime.time(9),
        "helg_til": datetime.time(15),
    }


def _rutine(kommune, helseforetak, fra, hverdag=("07:00", "17:00")):
    return iverksett(
        lag_utskrivningsrutine(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            tittel="Utskrivningsrutine",
            punkter=[
                NyttPunkt("1", "Tidspunkt", TIDER.format(a=hverdag[0], b=hverdag[1])),
                NyttPunkt("2", "Dokumenter", "Epikrise og legemiddelliste skal følge pasienten."),
                NyttPunkt("3", "Kontakt", "Tildelingskontoret har telefon 12 34 56 78."),
            ],
            tider=_tider(*hverdag),
        ),
        fra,
    )


def _revider(versjon, a, b):
    """A revision whose clause 1 and hours say a–b on weekdays."""
    utkast = revider(versjon, "1", "Tidspunkt", TIDER.format(a=a, b=b))
    services.utskrivningstider_lagre(
        versjon=utkast, utfort_av=None, punkt=utkast.punkter.get(nummer="1"), **_tider(a, b)
    )
    return utkast


def test_norwegian_holidays():
    assert paskedag(2026) == datetime.date(2026, 4, 5)
    assert er_helg_eller_helligdag(datetime.date(2026, 5, 14))  # Ascension Day, a Thursday
    assert er_helg_eller_helligdag(datetime.date(2026, 12, 26))
    assert not er_helg_eller_helligdag(datetime.date(2026, 11, 25))


def test_the_page_shows_the_routine_in_force_with_key_facts(
    client, kommune, helseforetak, django_assert_max_num_queries
):
    versjon = _rutine(kommune, helseforetak, datetime.date(2024, 1, 1))
    with django_assert_max_num_queries(8):
        svar = client.get(f"/kommuner/{kommune.kommunenummer}/utskrivning/")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "07:00–17:00" in html and "09:00–15:00" in html
    assert "Epikrise og legemiddelliste skal følge pasienten." in html
    assert "Tildelingskontoret har telefon" in html
    assert f"versjon {versjon.nummer}" in html
    assert f'href="/avtaler/{versjon.avtale_id}/#punkt-' in html
    # The source links name the clause, in the clauses' order.
    assert "Punkt 2 «Dokumenter»" in html and "Punkt 3 «Kontakt»" in html
    assert html.index("Punkt 2 «Dokumenter»") < html.index("Punkt 3 «Kontakt»")
    assert "Se punkt 1 «Tidspunkt» i avtalen" in html
    assert ("Utskrivning er tillatt nå" in html) != ("Utskrivning er ikke tillatt nå" in html)


def test_a_new_version_shows_from_its_in_force_date(kommune, helseforetak):
    i_dag = timezone.localdate()
    v1 = _rutine(
        kommune, helseforetak, i_dag - datetime.timedelta(days=400), hverdag=("08:00", "16:00")
    )
    iverksett(_revider(v1, "07:00", "17:00"), i_dag)
    i_gar = i_dag - datetime.timedelta(days=1)
    assert utskrivningsrutine(kommune, i_gar).tider.hverdag_fra == datetime.time(8)
    assert utskrivningsrutine(kommune, i_dag).tider.hverdag_fra == datetime.time(7)


def test_without_a_routine_the_page_says_so(client, kommune):
    html = client.get(f"/kommuner/{kommune.kommunenummer}/utskrivning/").content.decode()
    assert "har ingen utskrivningsrutine som gjelder i dag" in html


def test_print_version_has_a_server_generated_qr_code(client, kommune, helseforetak):
    _rutine(kommune, helseforetak, datetime.date(2024, 1, 1))
    html = client.get(
        f"/kommuner/{kommune.kommunenummer}/utskrivning/", {"utskrift": "1"}
    ).content.decode()
    assert "<svg" in html and 'class="qrkode"' in html
    assert f"/kommuner/{kommune.kommunenummer}/utskrivning/" in html
    # Its own icon: without one the browser asks for /favicon.ico and gets a 404.
    assert 'rel="icon"' in html


@pytest.mark.parametrize(
    ("tidspunkt", "tillatt"),
    [
        ((2026, 11, 25, 16, 59), True),
        ((2026, 11, 25, 17, 1), False),
        ((2026, 11, 28, 10, 0), True),
        ((2026, 11, 28, 16, 0), False),
    ],
)
def test_allowed_now_follows_the_weekday_and_weekend_windows(
    kommune, helseforetak, tidspunkt, tillatt
):
    _rutine(kommune, helseforetak, datetime.date(2024, 1, 1))
    rutine = utskrivningsrutine(kommune, datetime.date(2026, 11, 25))
    assert rutine.tillatt_na(timezone.make_aware(datetime.datetime(*tidspunkt))) is tillatt


def test_the_page_changes_version_at_midnight_before_any_job_has_run(client, kommune, helseforetak):
    i_dag = timezone.localdate()
    i_morgen = i_dag + datetime.timedelta(days=1)
    v1 = _rutine(kommune, helseforetak, i_dag - datetime.timedelta(days=400), ("08:00", "16:00"))
    v2 = _revider(v1, "07:00", "17:00")
    signer(v2, i_dag, i_morgen)
    adresse = f"/kommuner/{kommune.kommunenummer}/utskrivning/"
    kvelden = timezone.make_aware(datetime.datetime.combine(i_dag, datetime.time(23, 59, 59)))
    with time_machine.travel(kvelden, tick=False):
        html = client.get(adresse).content.decode()
        assert "08:00–16:00" in html and "versjon 1" in html
    with time_machine.travel(kvelden + datetime.timedelta(seconds=1), tick=False):
        html = client.get(adresse).content.decode()
        assert "07:00–17:00" in html and "versjon 2" in html and "08:00–16:00" not in html


def test_visitors_get_the_page_kept_for_its_minute_and_a_change_shows_at_once(
    client, kommune, helseforetak, ansatt, django_assert_num_queries
):
    v1 = _rutine(kommune, helseforetak, timezone.localdate() - datetime.timedelta(days=400))
    adresse = f"/kommuner/{kommune.kommunenummer}/utskrivning/"
    klokka = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(9)))
    with time_machine.travel(klokka, tick=False):
        forste = client.get(adresse).content
        # The same minute: from the cache, not one query.
        with django_assert_num_queries(0):
            assert client.get(adresse).content == forste
        # A new version signed into force: the next visitor sees it, not the kept page.
        v2 = _revider(v1, "06:00", "18:00")
        iverksett(v2, timezone.localdate())
        assert "06:00–18:00" in client.get(adresse).content.decode()
    # The next minute is a new page (its clock and «allowed now» have moved).
    with time_machine.travel(klokka + datetime.timedelta(minutes=1), tick=False):
        assert "09:01" in client.get(adresse).content.decode()
    # Logged in, the page is the user's own (their name in the header): never kept. The login
    # happens at the travelled time too: made at the real time, the session would count as
    # idle for as long as 09:01 is ahead of the clock and lapse when the suite runs at night.
    with time_machine.travel(klokka + datetime.timedelta(minutes=1), tick=False):
        client.force_login(ansatt)
        assert ansatt.navn in client.get(adresse).content.decode()


@pytest.mark.parametrize("nummer", ["x" * 100_000, "32O1", "320", "３２０１"])
def test_a_path_that_is_no_municipality_number_is_a_404_before_the_cache(client, nummer):
    """The visitor chooses the path: it never becomes a cache key (a memcached key over 250
    characters is an error) and never reaches the database."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.get(f"/kommuner/{nummer}/utskrivning/").status_code == 404
