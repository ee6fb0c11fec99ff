"""The parties decide, absence postpones, and nothing contradicts itself.

The seed agreement (Vestre Viken 2021): § 5.3 and § 5.4 «Vedtak forutsetter enstemmighet
mellom partene»; § 6 «Oppnås ikke enighet, kan en eller begge parter be om …» and «Hvis
partene ikke blir enige, kan en av partene eller begge løfte saken …». DOMAIN.md § 2: the
parties are the municipalities' side and the HF's side; the other members' views are recorded
without veto; a party not present means the case is postponed.
"""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from avtaler import services as avtaletjenester
from helsefellesskap import services
from helsefellesskap.models import Sak, Vedtak
from kjerne.feil import Domenefeil
from tests.factories import (
    MedlemskapFactory,
    fullt_ssu,
    iverksett,
    lag_avtale,
    lag_medlem,
    lag_utvalg,
    registrer_oppmote,
    vedta,
)
from tests.pdfhjelp import hent_pdf, pdf_innhold

ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


def _mote(utvalg, dager_siden=1):
    start = timezone.now() - datetime.timedelta(days=dager_siden)
    return services.mote_opprett(utfort_av=None, utvalg=utvalg, start=start, sted="Drammen")


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap)


@pytest.fixture
def sak(ssu):
    return services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Felles kompetanseplan")


def _pdftekst(innhold: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(innhold)).pages)


# --- «Vedtak forutsetter enstemmighet mellom partene» (§ 5.3, § 5.4) ---------------------------


@pytest.mark.parametrize("side", ["fastlege", "bruker", "arbeidstaker"])
def test_a_member_who_is_not_a_party_disagreeing_is_dissent_not_veto(ssu, sak, side):
    """§ 5.3: «Vedtak forutsetter enstemmighet mellom partene» – the parties, not every member."""
    vedtak = vedta(
        sak,
        _mote(ssu),
        {**ALLE_ENIGE, side: "uenig"},
        protokolltilforsel="Fastlegene mener planen må omfatte legevakt.",
    )
    assert vedtak.resultat == "vedtatt"
    assert vedtak.dissens == [vedtak._meta.get_field(f"pos_{side}").verbose_name]
    sak.refresh_from_db()
    assert sak.status == "avsluttet"
    # Adopted: there is nothing to take to the national dispute body.
    with pytest.raises(Domenefeil, match="uten at partene ble enige"):
        services.sak_send_videre(utfort_av=None, sak=sak, side="kommunene", begrunnelse="x")


def test_a_party_absent_postpones_the_case_to_the_next_meeting(ssu, sak):
    """DOMAIN.md § 2: «A party that is not present cannot agree or disagree: the case is
    postponed, not escalated.»"""
    mote = _mote(ssu, dager_siden=2)
    neste = services.mote_opprett(
        utfort_av=None, utvalg=ssu, start=timezone.now() + datetime.timedelta(days=30), sted="x"
    )
    vedtak = vedta(sak, mote, {**ALLE_ENIGE, "helseforetaket": "ikke_til_stede"})
    assert vedtak.resultat == "utsatt" and vedtak.fravaerende_parter == ["Helseforetaket"]
    sak.refresh_from_db()
    assert sak.status == "apen"
    assert neste.sakliste.filter(sak=sak).exists()
    assert sak.hendelser.get().type == "utsatt"
    with pytest.raises(Domenefeil, match="uten at partene ble enige"):
        services.sak_send_videre(utfort_av=None, sak=sak, side="kommunene", begrunnelse="x")


def test_a_postponed_case_is_decided_in_the_next_meeting(ssu, sak):
    vedta(sak, _mote(ssu, 3), {**ALLE_ENIGE, "kommunene": "ikke_til_stede"})
    assert vedta(sak, _mote(ssu, 1), ALLE_ENIGE).resultat == "vedtatt"


def test_an_absent_party_in_the_database_is_postponed_never_disagreement(ssu, sak):
    mote = _mote(ssu)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vedtak.objects.create(
            sak=sak,
            mote=mote,
            tekst="x",
            resultat="ikke_enighet",
            pos_kommunene="uenig",
            pos_helseforetaket="ikke_til_stede",
        )


# --- the record agrees with the attendance ---------------------------------------------------


def test_a_party_marked_absent_while_its_members_are_present_is_refused(
    ssu, kommune, helseforetak, koordinator
):
    """The secretary recorded «Helseforetaket: ikke til stede» with three HF members present:
    refused, and the version under consideration stays where it was."""
    versjon = avtaletjenester.versjon_start_revisjon(
        versjon=iverksett(
            lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
        ),
        utfort_av=None,
    )
    versjon = avtaletjenester.versjon_send_til_godkjenning(
        versjon=versjon, utfort_av=koordinator, utvalg=ssu
    )
    mote = _mote(ssu)
    registrer_oppmote(mote)  # everyone came
    with pytest.raises(services.Standpunktfeil, match="Helseforetaket er ført som til stede") as f:
        services.vedtak_registrer(
            utfort_av=None,
            sak=versjon.behandles_i,
            mote=mote,
            tekst="Versjonen godkjennes.",
            posisjoner={**ALLE_ENIGE, "helseforetaket": "ikke_til_stede"},
        )
    assert f.value.side == "helseforetaket"
    versjon.refresh_from_db()
    assert versjon.tilstand == "til_behandling"
    assert not Vedtak.objects.exists()


def test_a_side_with_nobody_present_cannot_agree(ssu, sak):
    mote = _mote(ssu)
    registrer_oppmote(mote, {"kommunene": "ikke_til_stede"})
    with pytest.raises(Domenefeil, match="Ingen fra kommunene er ført som til stede"):
        services.vedtak_registrer(
            utfort_av=None, sak=sak, mote=mote, tekst="x", posisjoner=ALLE_ENIGE
        )


def test_decisions_need_the_attendance_of_every_member(ssu, sak):
    with pytest.raises(Domenefeil, match="Før oppmøtet for alle medlemmene"):
        services.vedtak_registrer(
            utfort_av=None, sak=sak, mote=_mote(ssu), tekst="x", posisjoner=ALLE_ENIGE
        )


def test_a_meeting_in_the_future_takes_no_decisions_and_approves_no_minutes(ssu, sak):
    mote = _mote(ssu, dager_siden=-7)
    medlem = ssu.medlemmer.filter(rolle="medlem").first()
    # Apologies come in advance; presence is known on the day.
    assert (
        services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="forfall")
    ).status == "forfall"
    with pytest.raises(Domenefeil, match="Oppmøte føres først når møtet har begynt"):
        services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
    with pytest.raises(Domenefeil, match="Vedtak registreres først når møtet har begynt"):
        services.vedtak_registrer(
            utfort_av=None, sak=sak, mote=mote, tekst="x", posisjoner=ALLE_ENIGE
        )
    with pytest.raises(Domenefeil, match="Referatet skrives først når møtet har begynt"):
        services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat")
    with pytest.raises(Domenefeil, match="Referatet godkjennes først når møtet har begynt"):
        services.referat_godkjenn(utfort_av=None, mote=mote)


def test_a_meeting_later_the_same_day_takes_no_decisions_before_it_begins(ssu, sak):
    """Issue 18: «Decisions only in a meeting whose date has come» – the meeting, not only its
    date: an SSU meeting at 18:00 (Norwegian time) cannot take decisions at 09:00 the same day,
    nor record who came; at 18:00 it can (the agreement § 5.3 «Vedtak forutsetter
    enstemmighet mellom partene» is a decision of the parties met)."""
    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    start = datetime.datetime(2027, 3, 10, 18, 0, tzinfo=oslo)
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, 0, tzinfo=oslo), tick=False):
        mote = services.mote_opprett(utfort_av=None, utvalg=ssu, start=start, sted="Drammen")
        medlem = ssu.medlemmer.filter(rolle="medlem").first()
        with pytest.raises(Domenefeil, match=r"begynner 10\.03\.2027 kl\. 18:00"):
            services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
        with pytest.raises(Domenefeil, match="Vedtak registreres først når møtet har begynt"):
            services.vedtak_registrer(
                utfort_av=None, sak=sak, mote=mote, tekst="x", posisjoner=ALLE_ENIGE
            )
        with pytest.raises(Domenefeil, match="Referatet skrives først når møtet har begynt"):
            services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat")
    assert not Vedtak.objects.exists()
    with time_machine.travel(start, tick=False):
        assert vedta(sak, mote, ALLE_ENIGE).resultat == "vedtatt"


def test_the_body_postpones_a_case_for_a_stated_reason_with_both_parties_present(ssu, sak, client):
    """Issue 18 (postponement): a body postpones for other reasons than an absent party – the
    case came late, more information is needed. It is a decision of the meeting, so both
    parties present agree to it (§ 5.3 «Vedtak forutsetter enstemmighet mellom partene»); the
    reason is in the minutes and in the case's history, and the case stays open."""
    mote = _mote(ssu, dager_siden=2)
    neste = services.mote_opprett(
        utfort_av=None, utvalg=ssu, start=timezone.now() + datetime.timedelta(days=30), sted="x"
    )
    registrer_oppmote(mote)
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    with pytest.raises(Domenefeil, match="Skriv hvorfor saken utsettes"):
        services.sak_utsett(utfort_av=None, sak=sak, mote=mote, begrunnelse=" ")
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    client.force_login(sekretaer)
    svar = client.post(
        f"/moter/{mote.pk}/saker/{sak.pk}/utsett/",
        {"begrunnelse": "Kommunene trenger uttalelse fra kommunestyret."},
    )
    assert svar.status_code == 302
    vedtak = sak.vedtak.get()
    assert vedtak.resultat == "utsatt" and vedtak.registrert_av == sekretaer
    assert vedtak.utsatt_fordi == "Kommunene trenger uttalelse fra kommunestyret."
    sak.refresh_from_db()
    assert sak.status == "apen"
    assert neste.sakliste.filter(sak=sak).exists()
    hendelse = sak.hendelser.get()
    assert hendelse.type == "utsatt" and hendelse.mote == neste
    assert hendelse.tekst == "Kommunene trenger uttalelse fra kommunestyret."
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat.")
    tekst = _pdftekst(pdf_innhold(hent_pdf(client, f"/moter/{mote.pk}/referat.pdf")))
    assert "Utsatt til neste møte." in tekst
    assert "Begrunnelse: Kommunene trenger uttalelse fra kommunestyret." in tekst
    with time_machine.travel(neste.start, tick=False):
        assert vedta(sak, neste, ALLE_ENIGE).resultat == "vedtatt"


def test_postponing_is_no_way_around_decided_once(ssu, sak):
    """Issue 18: «A case decided once cannot be voted again; reopening is an explicit action»
    – postponing a decided case is refused the same way, and a body postponement needs both
    parties present (an absent party postpones by the positions, § 5.3)."""
    mote = _mote(ssu)
    vedta(sak, mote, ALLE_ENIGE)
    andre = _mote(ssu, dager_siden=0)
    registrer_oppmote(andre)
    services.sak_sett_pa_sakliste(utfort_av=None, mote=andre, sak=sak)
    with pytest.raises(Domenefeil, match="Gjenåpne den med en begrunnelse først"):
        services.sak_utsett(utfort_av=None, sak=sak, mote=andre, begrunnelse="Ny runde.")
    ny = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Legevakt")
    tredje = _mote(ssu, dager_siden=3)
    registrer_oppmote(tredje, {"helseforetaket": "ikke_til_stede"})
    with pytest.raises(Domenefeil, match="Helseforetaket er ikke til stede"):
        services.sak_utsett(utfort_av=None, sak=ny, mote=tredje, begrunnelse="Mangler notat.")
    assert sak.vedtak.count() == 1 and not ny.vedtak.exists()


def test_a_postponement_with_both_parties_present_needs_their_agreement_and_a_reason(ssu, sak):
    """The database says what the service says: with both parties present, «utsatt» only when
    both agree to postpone and the reason is given (§ 5.3, § 5.4)."""
    mote = _mote(ssu)
    for felter in (
        {"pos_kommunene": "enig", "pos_helseforetaket": "enig"},
        {"pos_kommunene": "enig", "pos_helseforetaket": "uenig", "utsatt_fordi": "Tid."},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Vedtak.objects.create(sak=sak, mote=mote, tekst="x", resultat="utsatt", **felter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vedtak.objects.create(
            sak=sak,
            mote=mote,
            tekst="x",
            resultat="vedtatt",
            pos_kommunene="enig",
            pos_helseforetaket="enig",
            utsatt_fordi="Tid.",
        )
    Vedtak.objects.create(
        sak=sak,
        mote=mote,
        tekst="x",
        resultat="utsatt",
        pos_kommunene="enig",
        pos_helseforetaket="enig",
        utsatt_fordi="Tiden gikk ut.",
    )


# --- decided once; reopening is explicit, with a reason and history --------------------------


@pytest.fixture
def versjon_i_ssu(ssu, kommune, helseforetak, koordinator):
    utkast = avtaletjenester.versjon_start_revisjon(
        versjon=iverksett(
            lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
        ),
        utfort_av=None,
    )
    return avtaletjenester.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )


def test_a_case_decided_once_cannot_be_voted_again(ssu, versjon_i_ssu):
    """A second vote once marked the case «Vedtatt» while the version stayed a draft."""
    sak = versjon_i_ssu.behandles_i
    mote = _mote(ssu)
    vedta(sak, mote, {**ALLE_ENIGE, "kommunene": "uenig"})
    versjon_i_ssu.refresh_from_db()
    assert versjon_i_ssu.tilstand == "utkast"
    with pytest.raises(Domenefeil, match="behandlet uten enighet og kan ikke behandles på nytt"):
        vedta(sak, mote, ALLE_ENIGE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vedtak.objects.create(
            sak=sak,
            mote=mote,
            tekst="x",
            resultat="vedtatt",
            pos_kommunene="enig",
            pos_helseforetaket="enig",
        )
    assert list(sak.vedtak.values_list("resultat", flat=True)) == ["ikke_enighet"]


def test_reopening_has_a_reason_and_brings_the_version_back_under_consideration(
    ssu, versjon_i_ssu, client
):
    sak = versjon_i_ssu.behandles_i
    forste = _mote(ssu, dager_siden=10)
    vedta(sak, forste, {**ALLE_ENIGE, "kommunene": "uenig"}, tekst="Versjonen godkjennes.")
    with pytest.raises(Domenefeil, match="Skriv hvorfor"):
        services.sak_gjenapne(utfort_av=None, sak=sak, begrunnelse=" ")
    services.sak_gjenapne(
        utfort_av=None, sak=sak, begrunnelse="Kommunene har fått svar på innvendingene."
    )
    versjon_i_ssu.refresh_from_db()
    assert versjon_i_ssu.tilstand == "til_behandling" and versjon_i_ssu.behandles_i == sak
    andre = _mote(ssu, dager_siden=1)
    vedtatt = vedta(sak, andre, ALLE_ENIGE, tekst="Versjonen godkjennes.")
    versjon_i_ssu.refresh_from_db()
    assert versjon_i_ssu.tilstand == "godkjent" and versjon_i_ssu.godkjent_ved == vedtatt
    assert sak.hendelser.get().tekst == "Kommunene har fått svar på innvendingene."

    # The minutes of each meeting tell the same story as the database.
    for mote in (forste, andre):
        services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat.")
    client.force_login(ssu.medlemmer.filter(rolle="medlem").first().bruker)
    forste_pdf = _pdftekst(pdf_innhold(hent_pdf(client, f"/moter/{forste.pk}/referat.pdf")))
    assert "Ikke enighet: Versjonen godkjennes." in forste_pdf
    assert "Saken ble gjenåpnet" in forste_pdf and "Vedtatt" not in forste_pdf
    andre_pdf = _pdftekst(pdf_innhold(hent_pdf(client, f"/moter/{andre.pk}/referat.pdf")))
    assert "Vedtatt: Versjonen godkjennes." in andre_pdf and "Ikke enighet" not in andre_pdf

    # The approval stands: the case cannot be reopened to undo it.
    with pytest.raises(Domenefeil, match="En godkjent versjon behandles ikke på nytt"):
        services.sak_gjenapne(utfort_av=None, sak=sak, begrunnelse="Angrer.")
    sak.refresh_from_db()
    assert sak.status == "avsluttet"


def test_the_minutes_pdf_shows_dissent_and_postponement_as_recorded(ssu, client):
    mote = _mote(ssu)
    vedtatt = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Handlingsplan")
    utsatt = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Legevakt")
    vedta(
        vedtatt,
        mote,
        {**ALLE_ENIGE, "fastlege": "uenig"},
        tekst="Planen vedtas.",
        protokolltilforsel="Fastlegen ønsker legevakt med i planen.",
    )
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=utsatt)
    services.oppmote_registrer(
        utfort_av=None,
        mote=mote,
        medlem=ssu.medlemmer.get(side="arbeidstaker"),
        status="forfall",
    )
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat.")
    client.force_login(ssu.medlemmer.get(rolle="sekretaer").bruker)
    tekst = _pdftekst(pdf_innhold(hent_pdf(client, f"/moter/{mote.pk}/referat.pdf")))
    assert "Vedtatt: Planen vedtas." in tekst
    assert "Fastlege: uenig" in tekst and "Dissens: Fastlege er uenig." in tekst
    assert "Protokolltilførsel: Fastlegen ønsker legevakt med i planen." in tekst
    assert "Forfall / ikke møtt" in tekst
    assert "Legevakt" in tekst and "Ikke behandlet." in tekst


# --- «kan en av partene eller begge løfte saken …» (§ 6) -------------------------------------


@pytest.fixture
def lsu_uten_enighet(ssu, helsefellesskap, kommune):
    lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU Drammen", overordnet=ssu)
    lsu.lokalomrade.kommuner.add(kommune)
    lag_medlem(lsu, "kommunene")
    lag_medlem(lsu, "helseforetaket")
    lag_medlem(lsu, "helseforetaket", rolle="sekretaer")
    sak = services.sak_opprett(utfort_av=None, utvalg=lsu, tittel="Kveldsutskrivning")
    vedta(sak, _mote(lsu), {"kommunene": "uenig", "helseforetaket": "enig"})
    sak.refresh_from_db()
    return sak


def test_either_party_takes_the_case_on_not_the_secretary(lsu_uten_enighet, helseforetak):
    """§ 6: «Hvis partene ikke blir enige, kan en av partene eller begge løfte saken»."""
    sak = lsu_uten_enighet
    sekretaer = sak.utvalg.medlemmer.get(rolle="sekretaer").bruker
    with pytest.raises(Domenefeil, match="Bare partene"):
        services.sak_send_videre(utfort_av=sekretaer, sak=sak, begrunnelse="x")
    hf_koordinator = MedlemskapFactory(
        organisasjon=helseforetak, rolle="samhandlingskoordinator"
    ).bruker
    ny = services.sak_send_videre(
        utfort_av=hf_koordinator, sak=sak, begrunnelse="Må avklares prinsipielt."
    )
    hendelse = sak.hendelser.get()
    assert (hendelse.utfort_av, hendelse.side, hendelse.tekst, hendelse.til_sak) == (
        hf_koordinator,
        "helseforetaket",
        "Må avklares prinsipielt.",
        ny,
    )
    assert ny.utvalg.type == "ssu"  # LSU → SSU: no step skipped


def test_a_coordinator_of_a_municipality_outside_the_lsu_area_is_not_a_party_there(
    lsu_uten_enighet, annen_kommune
):
    utenfor = MedlemskapFactory(organisasjon=annen_kommune, rolle="samhandlingskoordinator")
    with pytest.raises(Domenefeil, match="Bare partene"):
        services.sak_send_videre(utfort_av=utenfor.bruker, sak=lsu_uten_enighet, begrunnelse="x")


def test_a_case_goes_on_only_after_the_body_treated_it_without_agreement(ssu, sak):
    with pytest.raises(Domenefeil, match="først når utvalget har behandlet den"):
        services.sak_send_videre(utfort_av=None, sak=sak, side="kommunene", begrunnelse="x")
    sak.refresh_from_db()
    assert sak.status == Sak.Status.APEN
