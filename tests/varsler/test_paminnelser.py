"""send_paminnelser is the daily digest of the notifications: reminders only to those who
have not acted, each thing once, one message per user, through the real SMTP server."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from avtaler import services
from avvik import services as avvik_services
from avvik.models import Avvikskategori
from tests.factories import MedlemskapFactory, iverksett, lag_avtale
from varsler import tjenester
from varsler.models import Epost, Levering, Varsel, Varseltype

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rutine(kommune, helseforetak):
    hoved = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    return iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            type="rutine",
            tittel="Utskrivningsrutine",
            overordnet=hoved.avtale,
        ),
        D(2025, 1, 1),
    )


def _kjor():
    call_command("send_paminnelser", stdout=None)


def test_read_reminder_only_to_those_who_have_not_confirmed(smtp, koordinator, kommune, rutine):
    leste = MedlemskapFactory(organisasjon=kommune, rolle="ansatt", bruker__email="leste@x.no")
    MedlemskapFactory(organisasjon=kommune, rolle="ansatt", bruker__email="ikke@x.no")
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=koordinator)
    services.lesing_bekreft(versjon=rutine, bruker=leste.bruker)
    _kjor()
    assert smtp.postkasse.til("leste@x.no") == []
    [sammendrag] = smtp.postkasse.til("ikke@x.no")
    tekst = sammendrag.get_body(("plain",)).get_content()
    assert "Les og bekreft: «Utskrivningsrutine», versjon 1" in tekst
    assert f"/avtaler/{rutine.avtale_id}/versjoner/1/" in tekst
    # The same day again: nothing new, nothing twice.
    _kjor()
    assert len(smtp.postkasse.til("ikke@x.no")) == 1


def test_a_read_request_asks_every_member_of_the_parties_once(
    smtp, koordinator, ansatt, helseforetak, rutine
):
    hf_ansatt = MedlemskapFactory(organisasjon=helseforetak, rolle="ansatt").bruker
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=koordinator)
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=koordinator)
    venter = Varsel.objects.filter(type=Varseltype.LESING_VENTER)
    assert sorted(venter.values_list("mottaker_id", flat=True)) == sorted(
        [ansatt.pk, hf_ansatt.pk]
    )  # not the coordinator who asked
    # In the day's digest by default, and the same week's reminder does not repeat it.
    _kjor()
    [sammendrag] = smtp.postkasse.til(ansatt.email)
    assert _tekst(sammendrag).count("Les og bekreft") == 1


def _tekst(melding) -> str:
    return melding.get_body(("plain",)).get_content()


def test_one_digest_per_user_and_a_user_may_take_reminders_at_once(
    smtp, koordinator, kommune, rutine
):
    # The coordinator has the routine's annual review due and the read request to answer.
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=koordinator)
    Epost.objects.all().delete()  # what iverksett told the coordinator is not the point here
    _kjor()
    [sammendrag] = smtp.postkasse.til(koordinator.email)
    tekst = sammendrag.get_body(("plain",)).get_content()
    assert "Årlig gjennomgang innen" in tekst and "Les og bekreft" in tekst
    tjenester.innstillinger_lagre(
        bruker=koordinator, valg={Varseltype.GJENNOMGANG: Levering.UMIDDELBART}
    )
    Varsel.objects.all().delete()  # as if a week had passed
    Epost.objects.all().delete()
    smtp.postkasse.meldinger.clear()
    _kjor()
    emner = sorted(str(m["Subject"]).strip() for m in smtp.postkasse.til(koordinator.email))
    # The read request in the digest; each review on its own, at once.
    assert [e for e in emner if e.startswith("Varsler fra")] == [
        "Varsler fra samhandlingsavtalene (1)"
    ]
    assert len(emner) == 1 + Varsel.objects.filter(type=Varseltype.GJENNOMGANG).count()
    assert "Årlig gjennomgang innen 01.01.2026: Utskrivningsrutine" in emner


def test_avvik_deadline_reminds_the_party_whose_turn_it_is(smtp, ansatt, kommune, helseforetak):
    MedlemskapFactory(
        organisasjon=helseforetak, rolle="samhandlingskoordinator", bruker__email="hf@x.no"
    )
    avvik = avvik_services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(hours=3),
        beskrivelse="Uten epikrise.",
        stige="pasientrelatert",
    )
    with time_machine.travel(avvik.frist + datetime.timedelta(hours=1)):
        _kjor()
        _kjor()
    [melding] = [m for m in smtp.postkasse.til("hf@x.no") if "Varsler fra" in m["Subject"]]
    assert (
        f"Fristen for å svare på avvik {avvik.pk} gikk ut"
        in melding.get_body(("plain",)).get_content()
    )
    assert not any(
        "Fristen" in m.get_body(("plain",)).get_content() for m in smtp.postkasse.til(ansatt.email)
    )


def test_mail_left_unsent_is_queued_again(smtp, koordinator):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=1)):
        tjenester.varsle(
            mottakere=[koordinator],
            type=Varseltype.AVVIK_MELDT,
            tekst="Nytt avvik",
            lenke="/avvik/1/",
            nokkel="x",
        )  # committed, but its task was lost (no on_commit here)
    _kjor()
    assert [m["Subject"] for m in smtp.postkasse.til(koordinator.email)] == ["Nytt avvik"]
