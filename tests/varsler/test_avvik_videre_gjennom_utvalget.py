"""An avvik that goes on through the body's case (its decision without agreement, then a party
takes the case on) tells the parties as a direct step up the ladder does: once each."""

import datetime

import pytest
from django.utils import timezone

from avvik import services
from avvik.models import Avvikskategori
from helsefellesskap import services as hf
from tests.factories import (
    LokalomradeFactory,
    MedlemskapFactory,
    fullt_ssu,
    lag_medlem,
    lag_utvalg,
    vedta,
)
from varsler.models import Varsel, Varseltype

pytestmark = pytest.mark.django_db
UENIGE = {"kommunene": "uenig", "helseforetaket": "enig", "fastlege": "enig"}


@pytest.fixture
def folk(kommune, helseforetak):
    def rolle(org, rolle, epost):
        return MedlemskapFactory(organisasjon=org, rolle=rolle, bruker__email=epost).bruker

    return {
        "melder": rolle(kommune, "ansatt", "melder@testby.no"),
        "k_koord": rolle(kommune, "samhandlingskoordinator", "koord@testby.no"),
        "hf_koord": rolle(helseforetak, "samhandlingskoordinator", "koord@hf.no"),
        "hf_admin": rolle(helseforetak, "administrator", "admin@hf.no"),
    }


@pytest.fixture
def lsu(helsefellesskap, kommune):
    omrade = LokalomradeFactory(helsefellesskap=helsefellesskap, navn="Drammen sykehus")
    omrade.kommuner.add(kommune)
    lsu = lag_utvalg(
        helsefellesskap,
        "lsu",
        navn="LSU Drammen",
        kortnavn="LSU Drammen",
        lokalomrade=omrade,
        overordnet=fullt_ssu(helsefellesskap),
    )
    for side in ("kommunene", "helseforetaket", "fastlege"):
        lag_medlem(lsu, side)
    lag_medlem(lsu, "helseforetaket", rolle="sekretaer")
    return lsu


@pytest.fixture
def uenig_i_lsu(folk, kommune, helseforetak, lsu):
    """An avvik whose LSU case ended without agreement: either party may take it on."""
    avvik = services.avvik_registrer(
        melder=folk["melder"],
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(hours=3),
        beskrivelse="Pasient skrevet ut uten epikrise.",
        stige="pasientrelatert",
    )
    for _ in range(2):  # the dialogue, then the leadership meeting, then the LSU
        services.avvik_svar(
            avvik=avvik, utfort_av=folk["hf_koord"], forklaring="Forklaring.", tiltak="Tiltak."
        )
        services.avvik_avvis(avvik=avvik, utfort_av=folk["melder"], begrunnelse="Ikke løst.")
        steg = services.avvik_eskaler(
            avvik=avvik, utfort_av=folk["k_koord"], begrunnelse="Prinsipiell drøfting trengs."
        )
    mote = hf.mote_opprett(utfort_av=None, utvalg=lsu, start=timezone.now(), sted="Drammen")
    vedta(steg.sak, mote, UENIGE)
    avvik.refresh_from_db()
    assert avvik.status == "ikke_enighet"
    return avvik


def _sendt(smtp, avvik) -> list[str]:
    emne = f"Avvik {avvik.pk} er tatt videre: {avvik.trinn.beskrivelse}"
    # A long subject with «ø» is folded onto the next line: the parser keeps the fold's space.
    emner = [m["Subject"].strip() for m in smtp.postkasse.meldinger]
    assert emner == [emne] * len(emner)
    return smtp.postkasse.mottakere()


def test_taking_the_case_on_from_the_case_page_tells_the_parties_once(
    smtp, django_capture_on_commit_callbacks, folk, uenig_i_lsu
):
    avvik = uenig_i_lsu
    smtp.postkasse.meldinger.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hf.sak_send_videre(utfort_av=folk["k_koord"], sak=avvik.sak, begrunnelse="Til nemnda.")
    avvik.refresh_from_db()
    assert avvik.status == "nasjonal"
    # The reporter and the other party; not the coordinator who took it on.
    assert _sendt(smtp, avvik) == ["admin@hf.no", "koord@hf.no", "melder@testby.no"]
    assert Varsel.objects.filter(type=Varseltype.AVVIK_ESKALERT, lenke=f"/avvik/{avvik.pk}/")


def test_taking_it_on_from_the_avvik_after_the_decision_tells_the_parties_once(
    smtp, django_capture_on_commit_callbacks, folk, uenig_i_lsu
):
    avvik = uenig_i_lsu
    smtp.postkasse.meldinger.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.avvik_eskaler(avvik=avvik, utfort_av=folk["hf_koord"], begrunnelse="Uenige.")
    avvik.refresh_from_db()
    assert avvik.status == "nasjonal"
    assert _sendt(smtp, avvik) == ["admin@hf.no", "koord@testby.no", "melder@testby.no"]
