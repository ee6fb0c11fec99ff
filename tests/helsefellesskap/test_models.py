import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from helsefellesskap.models import Organisasjon, User
from tests.factories import HelseforetakFactory, KommuneFactory, UserFactory


def test_a_kommune_without_kommunenummer_is_refused_by_the_database(helsefellesskap):
    with pytest.raises(IntegrityError), transaction.atomic():
        KommuneFactory(helsefellesskap=helsefellesskap, kommunenummer="")


def test_a_helseforetak_with_kommunenummer_is_refused_by_the_database(helsefellesskap):
    with pytest.raises(IntegrityError), transaction.atomic():
        HelseforetakFactory(helsefellesskap=helsefellesskap, kommunenummer="3201")


def test_two_municipalities_cannot_share_a_number(kommune):
    with pytest.raises(IntegrityError), transaction.atomic():
        KommuneFactory(helsefellesskap=kommune.helsefellesskap, kommunenummer=kommune.kommunenummer)


def test_several_health_trusts_without_kommunenummer_are_allowed(helsefellesskap):
    HelseforetakFactory.create_batch(2, helsefellesskap=helsefellesskap)
    assert Organisasjon.objects.helseforetak().count() == 2


def test_full_clean_explains_a_wrong_organisation_number_in_norwegian(helsefellesskap):
    org = Organisasjon(
        type=Organisasjon.Type.KOMMUNE,
        navn="Feil kommune",
        kommunenummer="3201",
        organisasjonsnummer="974760674",
        helsefellesskap=helsefellesskap,
    )
    with pytest.raises(ValidationError) as feil:
        org.full_clean()
    assert "kontrollsiffer" in feil.value.message_dict["organisasjonsnummer"][0]


def test_full_clean_reports_the_kommunenummer_rule(helsefellesskap):
    org = Organisasjon(
        type=Organisasjon.Type.HELSEFORETAK,
        navn="Feil HF",
        kommunenummer="3201",
        organisasjonsnummer="974760673",
        helsefellesskap=helsefellesskap,
    )
    with pytest.raises(ValidationError, match="helseforetak skal ikke ha det"):
        org.full_clean()


def test_email_is_unique_whatever_the_case(db):
    UserFactory(email="kari@example.no")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="KARI@example.no")


def test_create_user_stores_the_email_in_lower_case(db):
    user = User.objects.create_user("Kari.Nordmann@Example.NO", "Kari Nordmann", "passord-123456")
    assert user.email == "kari.nordmann@example.no"
    assert User.objects.get_by_natural_key("KARI.nordmann@example.no") == user


def test_user_changes_are_recorded_in_history_without_the_password(db):
    user = UserFactory(navn="Før")
    user.navn = "Etter"
    user.save()
    historikk = list(user.history.order_by("history_date").values_list("navn", flat=True))
    assert historikk == ["Før", "Etter"]
    assert not hasattr(user.history.model, "password")
