"""The Varsler page: one's own notices, the unread count in the header, read and choices."""

import pytest

from tests.factories import UserFactory
from varsler import tjenester
from varsler.models import Levering, Varsel, Varselinnstilling, Varseltype

pytestmark = pytest.mark.django_db


def _varsel(bruker, nr, lenke="/avvik/1/"):
    tjenester.varsle(
        mottakere=[bruker],
        type=Varseltype.AVVIK_MELDT,
        tekst=f"Nytt avvik {nr}",
        lenke=lenke,
        nokkel=f"n{nr}",
    )
    return Varsel.objects.get(mottaker=bruker, nokkel=f"n{nr}")


def test_list_shows_own_notices_and_the_unread_count(client, koordinator, ansatt):
    _varsel(koordinator, 1)
    _varsel(koordinator, 2)
    _varsel(ansatt, 3)
    client.force_login(koordinator)
    html = client.get("/varsler/").content.decode()
    assert "Nytt avvik 1" in html and "Nytt avvik 2" in html and "Nytt avvik 3" not in html
    assert 'data-count="2"' in html and "(2 uleste)" in html


def test_page_and_header_cost_a_fixed_number_of_queries(
    client, koordinator, django_assert_max_num_queries
):
    for nr in range(30):
        _varsel(koordinator, nr)
    client.force_login(koordinator)
    with django_assert_max_num_queries(8):
        assert client.get("/varsler/").status_code == 200
    # Any other page: the header's count comes from the cache filled at login.
    client.force_login(koordinator)
    with django_assert_max_num_queries(10) as sporringer:
        assert 'data-count="30"' in client.get("/min-side/").content.decode()
    assert not any("varsler_varsel" in q["sql"] for q in sporringer)


def test_opening_a_notice_marks_it_read_and_goes_to_the_thing(client, koordinator):
    varsel = _varsel(koordinator, 1, lenke="/avvik/7/")
    client.force_login(koordinator)
    svar = client.post(f"/varsler/{varsel.pk}/apne/")
    assert svar.status_code == 302 and svar["Location"] == "/avvik/7/"
    varsel.refresh_from_db()
    assert varsel.lest is not None
    assert 'data-count="' not in client.get("/varsler/").content.decode()


def test_anothers_notice_is_not_found_and_get_is_refused(client, koordinator, ansatt):
    varsel = _varsel(ansatt, 1)
    client.force_login(koordinator)
    assert client.post(f"/varsler/{varsel.pk}/apne/").status_code == 404
    assert client.get(f"/varsler/{varsel.pk}/apne/").status_code == 405
    varsel.refresh_from_db()
    assert varsel.lest is None


def test_a_link_off_the_site_is_never_followed(client, koordinator):
    varsel = _varsel(koordinator, 1, lenke="//evil.example/")
    client.force_login(koordinator)
    assert client.post(f"/varsler/{varsel.pk}/apne/")["Location"] == "/varsler/"


def test_mark_all_read(client, koordinator, ansatt):
    _varsel(koordinator, 1)
    _varsel(koordinator, 2)
    annen = _varsel(ansatt, 3)
    client.force_login(koordinator)
    client.post("/varsler/lest/")
    assert not Varsel.objects.filter(mottaker=koordinator, lest__isnull=True).exists()
    annen.refresh_from_db()
    assert annen.lest is None


def test_choices_per_kind_are_saved(client, koordinator):
    client.force_login(koordinator)
    client.post(
        "/varsler/innstillinger/",
        {
            Varseltype.AVVIK_MELDT: Levering.NETTSTED,
            Varseltype.MOTE_INNKALT: Levering.UMIDDELBART,  # the default: no row
            "ukjent": Levering.DAGLIG,
        },
    )
    assert list(Varselinnstilling.objects.values_list("type", "levering")) == [
        (Varseltype.AVVIK_MELDT, Levering.NETTSTED)
    ]
    html = client.get("/varsler/").content.decode()
    assert '<option value="nettsted" selected>' in html


def test_anonymous_users_are_sent_to_login(client):
    assert client.get("/varsler/").status_code == 302
    assert UserFactory() is not None
