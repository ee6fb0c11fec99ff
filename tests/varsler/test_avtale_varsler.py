"""An agreement's life notifies each party's coordinators: sent for approval, returned,
approved, signature awaited, signed, in force, notice given."""

import datetime

import pytest
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtaleforhold
from avtaler.services import NyttPunkt
from avtaler.services.redigering import signatur_registrer
from helsefellesskap.models import Fellesskapsmedlem
from tests.factories import HelseforetakFactory, KommuneFactory, MedlemskapFactory, lag_avtale
from varsler.models import Varsel, Varseltype

pytestmark = pytest.mark.django_db
V = Varseltype


@pytest.fixture
def parter(helsefellesskap):
    hf = HelseforetakFactory(navn="Vestre Viken HF", helsefellesskap=helsefellesskap)
    drammen = KommuneFactory(navn="Drammen kommune", helsefellesskap=helsefellesskap)
    baerum = KommuneFactory(navn="Bærum kommune", helsefellesskap=helsefellesskap)
    for org in (hf, drammen, baerum):
        Fellesskapsmedlem.objects.create(organisasjon=org, helsefellesskap=helsefellesskap)
    return hf, drammen, baerum


@pytest.fixture
def folk(parter):
    hf, drammen, baerum = parter
    return {
        navn: MedlemskapFactory(organisasjon=org, rolle=rolle, bruker__email=f"{navn}@x.no").bruker
        for navn, org, rolle in (
            ("hf", hf, "samhandlingskoordinator"),
            ("drammen", drammen, "samhandlingskoordinator"),
            ("baerum", baerum, "administrator"),
            ("drammen_ansatt", drammen, "ansatt"),
        )
    }


@pytest.fixture
def utkast(parter):
    hf, drammen, baerum = parter
    return lag_avtale(
        hf.helsefellesskap,
        [hf, drammen, baerum],
        tittel="Delavtale om utskrivning",
        punkter=[NyttPunkt("1", "Formål", "Avtalen skal sikre gode overganger.")],
    )


def _fikk(type_):
    return sorted(Varsel.objects.filter(type=type_).values_list("mottaker__email", flat=True))


KOORDINATORER = ["baerum@x.no", "drammen@x.no", "hf@x.no"]


def test_sent_returned_and_approved_reach_every_partys_coordinators(
    smtp, django_capture_on_commit_callbacks, folk, utkast
):
    with django_capture_on_commit_callbacks(execute=True):
        versjon = services.versjon_send_til_behandling(versjon=utkast, utfort_av=folk["hf"])
    assert _fikk(V.VERSJON_TIL_BEHANDLING) == ["baerum@x.no", "drammen@x.no"]  # not the sender
    assert smtp.postkasse.mottakere() == ["baerum@x.no", "drammen@x.no"]
    services.versjon_returner(versjon=versjon, utfort_av=folk["hf"], begrunnelse="Mer arbeid.")
    assert _fikk(V.VERSJON_RETURNERT) == ["baerum@x.no", "drammen@x.no"]
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=folk["hf"])
    assert len(_fikk(V.VERSJON_TIL_BEHANDLING)) == 4  # a second round is a new event
    services.versjon_godkjenn(versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1/2026")
    assert _fikk(V.VERSJON_GODKJENT) == KOORDINATORER
    # Each party's own people are asked for its signature, nobody else's.
    venter = Varsel.objects.filter(type=V.SIGNATUR_VENTER)
    assert sorted((v.mottaker.email, v.tekst.split(" fra ")[-1]) for v in venter) == [
        ("baerum@x.no", "Bærum kommune"),
        ("drammen@x.no", "Drammen kommune"),
        ("hf@x.no", "Vestre Viken HF"),
    ]


def test_signed_in_force_and_notice(smtp, django_capture_on_commit_callbacks, parter, folk, utkast):
    hf, drammen, _baerum = parter
    versjon = services.versjon_send_til_behandling(versjon=utkast, utfort_av=None)
    versjon = services.versjon_godkjenn(
        versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1/2026"
    )
    i_dag = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        signatur_registrer(
            versjon=versjon,
            organisasjon=drammen,
            navn="Ordfører",
            tittel="Ordfører",
            dato=i_dag,
            utfort_av=folk["drammen"],
        )
    # Bilateral: Drammen's counterpart (the health trust) is told, not Bærum.
    assert _fikk(V.SIGNERT) == ["hf@x.no"]
    assert _fikk(V.I_KRAFT) == []
    signatur_registrer(
        versjon=versjon,
        organisasjon=hf,
        navn="Direktør",
        tittel="Direktør",
        dato=i_dag,
        utfort_av=folk["hf"],
    )
    # The health trust signing for all tells each of its municipalities.
    assert _fikk(V.SIGNERT) == ["baerum@x.no", "drammen@x.no", "hf@x.no"]
    # Drammen's own agreement is concluded (Bærum has not signed): Drammen and its counterpart.
    assert _fikk(V.I_KRAFT) == ["drammen@x.no", "hf@x.no"]
    forhold = Avtaleforhold.objects.get(versjon=versjon, part=drammen)
    services.forhold_si_opp(
        forhold=forhold,
        utfort_av=folk["hf"],
        varslet=i_dag + datetime.timedelta(days=1),
        oppsagt_av=hf,
    )
    assert _fikk(V.OPPSAGT) == ["drammen@x.no"]
    assert "sagt opp av Vestre Viken HF" in Varsel.objects.get(type=V.OPPSAGT).tekst


def test_health_trust_signing_one_relation_tells_that_municipality(parter, folk, utkast):
    hf, _drammen, baerum = parter
    versjon = services.versjon_send_til_behandling(versjon=utkast, utfort_av=None)
    versjon = services.versjon_godkjenn(
        versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1/2026"
    )
    signatur_registrer(
        versjon=versjon,
        organisasjon=hf,
        navn="Direktør",
        tittel="Direktør",
        dato=timezone.localdate(),
        utfort_av=folk["hf"],
        forhold=Avtaleforhold.objects.get(versjon=versjon, part=baerum),
    )
    assert _fikk(V.SIGNERT) == ["baerum@x.no"]


def test_the_daily_digest_tells_only_the_sides_of_a_terminated_agreement(
    smtp, django_capture_on_commit_callbacks, parter, folk, utkast
):
    from django.core.management import call_command

    from tests.factories import iverksett

    _hf, drammen, _baerum = parter
    i_dag = timezone.localdate()
    versjon = iverksett(utkast, i_dag - datetime.timedelta(days=30))
    services.forhold_si_opp(
        forhold=Avtaleforhold.objects.get(versjon=versjon, part=drammen),
        utfort_av=folk["drammen"],
        varslet=i_dag,
        oppsagt_av=drammen,
    )
    Varsel.objects.all().delete()  # as if the notice was given before anyone was told
    call_command("send_paminnelser", stdout=None)
    assert _fikk(V.OPPSAGT) == ["drammen@x.no", "hf@x.no"]
    # Bærum shares the text but not Drammen's agreement: nothing about it, in no message.
    assert all(
        "sagt opp" not in m.get_body(("plain",)).get_content()
        for m in smtp.postkasse.til("baerum@x.no")
    )


def test_a_read_request_goes_only_to_the_parties_the_routine_is_in_force_for(
    smtp, django_capture_on_commit_callbacks, parter, folk
):
    from tests.factories import iverksett

    hf, drammen, baerum = parter
    i_dag = timezone.localdate()
    hoved = iverksett(lag_avtale(hf.helsefellesskap, [hf, drammen, baerum]), i_dag)
    rutine = lag_avtale(
        hf.helsefellesskap,
        [hf, drammen, baerum],
        type="rutine",
        tittel="Utskrivningsrutine",
        overordnet=hoved.avtale,
    )
    rutine = services.versjon_send_til_behandling(versjon=rutine, utfort_av=None)
    rutine = services.versjon_godkjenn(versjon=rutine, utfort_av=None, vedtaksreferanse="SSU 2")
    for org in (drammen, hf):  # Drammen's agreement is concluded; Bærum has not signed
        signatur_registrer(
            versjon=rutine, organisasjon=org, navn="N", tittel="T", dato=i_dag, utfort_av=None
        )
    rutine.refresh_from_db()
    Varsel.objects.all().delete()
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=folk["hf"])
    assert _fikk(V.LESING_VENTER) == ["drammen@x.no", "drammen_ansatt@x.no"]
