"""The access rules as a matrix: role × view, including another organisation's objects."""

import pytest

from helsefellesskap import access
from helsefellesskap.models import Medlemskap
from tests.factories import MedlemskapFactory

BRUKERE = [
    "anonym",
    "administrator",
    "koordinator",
    "sekretaer",
    "ansatt",
    "utenforstaende",
    "uten_rolle",
    "systemforvalter",
]


def _forventet(tabell: dict[str, int], bruker: str) -> int:
    return tabell[bruker]


MEDLEMMER_SE = {
    "anonym": 302,
    "administrator": 200,
    "koordinator": 200,
    "sekretaer": 403,
    "ansatt": 403,
    "utenforstaende": 403,
    "uten_rolle": 403,
    "systemforvalter": 200,
}
MEDLEMMER_ENDRE = {
    "anonym": 302,
    "administrator": 302,
    "koordinator": 403,
    "sekretaer": 403,
    "ansatt": 403,
    "utenforstaende": 403,
    "uten_rolle": 403,
    "systemforvalter": 302,
}


@pytest.mark.parametrize("bruker", BRUKERE)
def test_public_pages_are_open_to_everyone(som, bruker, kommune):
    client = som(bruker)
    assert client.get("/").status_code == 200
    assert client.get(f"/kommuner/{kommune.kommunenummer}/").status_code == 200


@pytest.mark.parametrize("bruker", BRUKERE)
def test_min_side_needs_login(som, bruker, kommune):
    svar = som(bruker).get("/min-side/")
    assert svar.status_code == (302 if bruker == "anonym" else 200)
    if bruker == "anonym":
        assert svar["Location"].startswith("/logg-inn/?next=/min-side/")


@pytest.mark.parametrize("bruker", BRUKERE)
def test_who_sees_an_organisations_users(som, bruker, kommune):
    svar = som(bruker).get(f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/")
    assert svar.status_code == _forventet(MEDLEMMER_SE, bruker)


@pytest.mark.parametrize("bruker", BRUKERE)
def test_who_gives_roles(som, bruker, kommune, uten_rolle):
    svar = som(bruker).post(
        f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/",
        {"email": uten_rolle.email, "rolle": "ansatt"},
    )
    assert svar.status_code == _forventet(MEDLEMMER_ENDRE, bruker)
    gitt = Medlemskap.objects.filter(bruker=uten_rolle, organisasjon=kommune).exists()
    assert gitt == (svar.status_code == 302 and bruker != "anonym")


@pytest.mark.parametrize("bruker", BRUKERE)
def test_who_removes_roles(som, bruker, kommune):
    medlemskap = MedlemskapFactory(organisasjon=kommune, rolle="ansatt")
    svar = som(bruker).post(
        f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/{medlemskap.pk}/fjern/"
    )
    assert svar.status_code == _forventet(MEDLEMMER_ENDRE, bruker)
    fjernet = not Medlemskap.objects.filter(pk=medlemskap.pk).exists()
    assert fjernet == (svar.status_code == 302 and bruker != "anonym")


def test_an_administrator_cannot_reach_another_organisations_membership_through_own_url(
    client, administrator, kommune, annen_kommune
):
    """The membership id must belong to the organisation in the URL."""
    fremmed = MedlemskapFactory(organisasjon=annen_kommune, rolle="ansatt")
    client.force_login(administrator)
    svar = client.post(f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/{fremmed.pk}/fjern/")
    assert svar.status_code == 404
    assert Medlemskap.objects.filter(pk=fremmed.pk).exists()


@pytest.mark.parametrize("bruker", BRUKERE)
def test_admin_site_is_only_for_staff(som, bruker, kommune):
    svar = som(bruker).get("/admin/")
    assert svar.status_code == (200 if bruker == "systemforvalter" else 302)


def test_roles_are_read_with_one_query(django_assert_num_queries, administrator, kommune):
    with django_assert_num_queries(1):
        assert access.har_rolle(administrator, kommune, "administrator")
        assert access.kan_se_medlemmer(administrator, kommune)
        assert access.kan_endre_medlemmer(administrator, kommune)
        assert not access.har_rolle(administrator, kommune, "ansatt")


def test_roles_in_one_organisation_give_nothing_in_another(koordinator, kommune, annen_kommune):
    assert access.roller(koordinator, kommune) == {"samhandlingskoordinator"}
    assert access.roller(koordinator, annen_kommune) == frozenset()
    assert not access.kan_se_medlemmer(koordinator, annen_kommune)
    assert access.organisasjoner_med_rolle(koordinator) == {kommune.pk}
    assert access.organisasjoner_med_rolle(koordinator, "administrator") == frozenset()


def test_anonymous_has_no_roles(kommune):
    from django.contrib.auth.models import AnonymousUser

    anonym = AnonymousUser()
    assert access.roller(anonym, kommune) == frozenset()
    assert not access.kan_se_medlemmer(anonym, kommune)
    assert not access.er_systemforvalter(anonym)


def test_an_inactive_superuser_is_no_systemforvalter(systemforvalter):
    systemforvalter.is_active = False
    assert not access.er_systemforvalter(systemforvalter)
