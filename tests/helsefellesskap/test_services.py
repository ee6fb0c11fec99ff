import pytest

from helsefellesskap import services
from helsefellesskap.models import Medlemskap
from kjerne.feil import Domenefeil
from tests.factories import MedlemskapFactory


def test_administrator_gives_a_role_and_it_is_in_history(administrator, kommune, uten_rolle):
    medlemskap = services.medlemskap_gi(
        utfort_av=administrator, bruker=uten_rolle, organisasjon=kommune, rolle="ansatt"
    )
    assert medlemskap.history.count() == 1


def test_coordinator_cannot_give_roles(koordinator, kommune, uten_rolle):
    with pytest.raises(Domenefeil, match="Bare organisasjonens administratorer"):
        services.medlemskap_gi(
            utfort_av=koordinator, bruker=uten_rolle, organisasjon=kommune, rolle="ansatt"
        )
    assert not Medlemskap.objects.filter(bruker=uten_rolle).exists()


def test_administrator_of_another_organisation_cannot_give_roles_here(
    utenforstaende, kommune, uten_rolle
):
    with pytest.raises(Domenefeil):
        services.medlemskap_gi(
            utfort_av=utenforstaende, bruker=uten_rolle, organisasjon=kommune, rolle="ansatt"
        )


def test_unknown_role_is_refused(administrator, kommune, uten_rolle):
    with pytest.raises(Domenefeil, match="Ukjent rolle"):
        services.medlemskap_gi(
            utfort_av=administrator, bruker=uten_rolle, organisasjon=kommune, rolle="sjef"
        )


def test_an_administrator_may_be_removed_when_another_remains(administrator, kommune):
    annen = MedlemskapFactory(organisasjon=kommune, rolle="administrator")
    services.medlemskap_fjern(utfort_av=administrator, medlemskap=annen)
    assert not Medlemskap.objects.filter(pk=annen.pk).exists()


def test_the_last_administrator_stays(administrator, kommune):
    eget = Medlemskap.objects.get(bruker=administrator)
    with pytest.raises(Domenefeil, match="minst én administrator"):
        services.medlemskap_fjern(utfort_av=administrator, medlemskap=eget)
    assert Medlemskap.objects.filter(pk=eget.pk).exists()


def test_removal_is_recorded_in_history_with_who_did_it(administrator, kommune, ansatt):
    medlemskap = Medlemskap.objects.get(bruker=ansatt)
    pk = medlemskap.pk
    services.medlemskap_fjern(utfort_av=administrator, medlemskap=medlemskap)
    siste = Medlemskap.history.filter(id=pk).latest("history_date")
    assert siste.history_type == "-"
    assert administrator.email in siste.history_change_reason
