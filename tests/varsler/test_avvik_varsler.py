"""Avvik events reach the party whose business they are, once, through the real SMTP server."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from avvik import services
from avvik.models import Avvikskategori
from tests.factories import MedlemskapFactory
from varsler.models import Varsel

pytestmark = pytest.mark.django_db


@pytest.fixture
def folk(kommune, annen_kommune, helseforetak, helsefellesskap):
    def rolle(org, rolle, epost):
        return MedlemskapFactory(organisasjon=org, rolle=rolle, bruker__email=epost).bruker

    return {
        "melder": rolle(kommune, "ansatt", "melder@testby.no"),
        "k_koord": rolle(kommune, "samhandlingskoordinator", "koord@testby.no"),
        "k_ansatt": rolle(kommune, "ansatt", "kollega@testby.no"),
        "hf_koord": rolle(helseforetak, "samhandlingskoordinator", "koord@hf.no"),
        "hf_admin": rolle(helseforetak, "administrator", "admin@hf.no"),
        "hf_ansatt": rolle(helseforetak, "ansatt", "ansatt@hf.no"),
        "nabo": rolle(annen_kommune, "samhandlingskoordinator", "koord@nabo.no"),
    }


def _meld(folk, kommune, helseforetak):
    return services.avvik_registrer(
        melder=folk["melder"],
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(hours=3),
        beskrivelse="Pasient skrevet ut uten epikrise.",
        stige="pasientrelatert",
    )


def _svar(avvik, folk):
    return services.avvik_svar(
        avvik=avvik, utfort_av=folk["hf_koord"], forklaring="Forklaring.", tiltak="Tiltak."
    )


def test_registered_avvik_reaches_the_responsible_coordinators(
    smtp, django_capture_on_commit_callbacks, folk, kommune, helseforetak
):
    with django_capture_on_commit_callbacks(execute=True):
        avvik = _meld(folk, kommune, helseforetak)
    assert smtp.postkasse.mottakere() == ["admin@hf.no", "koord@hf.no"]
    melding = smtp.postkasse.til("koord@hf.no")[0]
    assert melding["Subject"] == f"Nytt avvik {avvik.pk} fra Testby kommune: Manglende epikrise"
    tekst = melding.get_body(("plain",)).get_content()
    assert f"/avvik/{avvik.pk}/" in tekst
    assert "uten epikrise" not in tekst  # the free text stays on the site
    assert set(Varsel.objects.values_list("mottaker__email", flat=True)) == {
        "admin@hf.no",
        "koord@hf.no",
    }


def test_answer_reaches_the_reporter_and_the_reporting_coordinators(
    smtp, django_capture_on_commit_callbacks, folk, kommune, helseforetak
):
    avvik = _meld(folk, kommune, helseforetak)
    with django_capture_on_commit_callbacks(execute=True):
        _svar(avvik, folk)
    assert smtp.postkasse.mottakere() == ["koord@testby.no", "melder@testby.no"]
    assert "Test HF har svart på avvik" in smtp.postkasse.meldinger[0]["Subject"]


def test_rejected_answer_goes_back_to_the_responsible_party(
    smtp, django_capture_on_commit_callbacks, folk, kommune, helseforetak
):
    avvik = _meld(folk, kommune, helseforetak)
    _svar(avvik, folk)
    with django_capture_on_commit_callbacks(execute=True):
        services.avvik_avvis(avvik=avvik, utfort_av=folk["melder"], begrunnelse="For tynt.")
    assert smtp.postkasse.mottakere() == ["admin@hf.no", "koord@hf.no"]
    assert "godtar ikke svaret" in smtp.postkasse.meldinger[0]["Subject"]


def test_a_second_answer_is_a_new_notice(
    smtp, django_capture_on_commit_callbacks, folk, kommune, helseforetak
):
    avvik = _meld(folk, kommune, helseforetak)
    with django_capture_on_commit_callbacks(execute=True):
        _svar(avvik, folk)
        services.avvik_avvis(avvik=avvik, utfort_av=folk["melder"], begrunnelse="For tynt.")
        _svar(avvik, folk)
    assert len(smtp.postkasse.til("melder@testby.no")) == 2


def test_escalation_reaches_both_parties_but_not_the_one_who_escalated(
    smtp, django_capture_on_commit_callbacks, folk, kommune, helseforetak
):
    avvik = _meld(folk, kommune, helseforetak)
    with (
        time_machine.travel(avvik.frist + datetime.timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.avvik_eskaler(
            avvik=avvik, utfort_av=folk["k_koord"], begrunnelse="Ikke svart innen fristen."
        )
    assert smtp.postkasse.mottakere() == ["admin@hf.no", "koord@hf.no", "melder@testby.no"]
    assert "er tatt videre" in smtp.postkasse.meldinger[0]["Subject"]
