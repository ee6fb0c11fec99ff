import factory
from factory.django import DjangoModelFactory

from helsefellesskap.models import Helsefellesskap, Lokalomrade, Medlemskap, Organisasjon, User
from helsefellesskap.validators import organisasjonsnummer_kontrollsiffer

PASSORD = "riktig-passord-123"


def _gyldig_orgnr(n: int) -> str:
    grunnlag = 9_100_000 + n * 10
    for siffer in range(10):
        forste_atte = f"{grunnlag + siffer:08d}"
        kontroll = organisasjonsnummer_kontrollsiffer(forste_atte)
        if kontroll is not None:
            return f"{forste_atte}{kontroll}"
    raise AssertionError("unreachable")


class HelsefellesskapFactory(DjangoModelFactory):
    class Meta:
        model = Helsefellesskap

    navn = factory.Sequence(lambda n: f"Helsefellesskap {n}")
    kortnavn = factory.Sequence(lambda n: f"hf-{n}")


class KommuneFactory(DjangoModelFactory):
    class Meta:
        model = Organisasjon

    type = Organisasjon.Type.KOMMUNE
    navn = factory.Sequence(lambda n: f"Kommune {n}")
    kommunenummer = factory.Sequence(lambda n: f"{1100 + n:04d}")
    organisasjonsnummer = factory.Sequence(_gyldig_orgnr)
    helsefellesskap = factory.SubFactory(HelsefellesskapFactory)


class HelseforetakFactory(KommuneFactory):
    type = Organisasjon.Type.HELSEFORETAK
    navn = factory.Sequence(lambda n: f"Helseforetak {n} HF")
    kommunenummer = ""


class LokalomradeFactory(DjangoModelFactory):
    class Meta:
        model = Lokalomrade

    navn = factory.Sequence(lambda n: f"Sykehus {n}")
    helsefellesskap = factory.SubFactory(HelsefellesskapFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruker{n}@example.no")
    navn = factory.Sequence(lambda n: f"Bruker {n}")
    password = factory.django.Password(PASSORD)


class MedlemskapFactory(DjangoModelFactory):
    class Meta:
        model = Medlemskap

    bruker = factory.SubFactory(UserFactory)
    organisasjon = factory.SubFactory(KommuneFactory)
    rolle = Medlemskap.Rolle.ANSATT
