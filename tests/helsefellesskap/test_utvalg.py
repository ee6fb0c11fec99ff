"""Bodies: unanimity, decision authority, composition, chair rotation, cases."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helsefellesskap import services
from helsefellesskap.models import Mote, Utvalg, Vedtak
from kjerne.feil import Domenefeil
from tests.factories import fullt_ssu, lag_medlem, lag_utvalg, vedta

D = datetime.date
ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


MOTEDAG = D(2026, 3, 10)


def _mote(utvalg, dato=MOTEDAG):
    start = timezone.make_aware(datetime.datetime.combine(dato, datetime.time(10, 0)))
    return services.mote_opprett(utfort_av=None, utvalg=utvalg, start=start, sted="Drammen sykehus")


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap, rotasjon_fra=D(2021, 1, 1), forste_lederside="kommunene")


def _vedta(utvalg, **endret):
    sak = services.sak_opprett(utfort_av=None, utvalg=utvalg, tittel="Revisjon av avtalen", ar=2026)
    return vedta(sak, _mote(utvalg), {**ALLE_ENIGE, **endret}, tekst="Avtalen godkjennes.")


def test_adopted_when_both_parties_are_present_and_agree(ssu):
    vedtak = _vedta(ssu)
    assert vedtak.resultat == "vedtatt"
    vedtak.sak.refresh_from_db()
    assert vedtak.sak.status == "avsluttet"


@pytest.mark.parametrize("part", ["kommunene", "helseforetaket"])
def test_no_agreement_when_a_party_present_disagrees(ssu, part):
    vedtak = _vedta(ssu, **{part: "uenig"})
    assert vedtak.resultat == "ikke_enighet"
    vedtak.sak.refresh_from_db()
    assert vedtak.sak.status == "ikke_enighet"


def test_an_absent_non_party_side_does_not_block(ssu):
    assert _vedta(ssu, fastlege="ikke_til_stede", bruker="ikke_til_stede").resultat == "vedtatt"


def test_a_body_without_one_party_can_never_adopt_it_postpones(helsefellesskap):
    utvalg = lag_utvalg(helsefellesskap, "ssu")
    lag_medlem(utvalg, "kommunene")
    vedtak = _vedta(utvalg)
    assert vedtak.resultat == "utsatt"
    assert vedtak.pos_helseforetaket == ""  # not represented


def test_every_represented_side_present_must_state_its_position(ssu):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Sak")
    with pytest.raises(Domenefeil, match="standpunktet til fastlege"):
        vedta(sak, _mote(ssu), {k: v for k, v in ALLE_ENIGE.items() if k != "fastlege"})


def test_the_database_decides_by_the_parties_positions_only(ssu):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Sak")
    mote = _mote(ssu)

    def lag(resultat, k, h, **andre):
        return Vedtak.objects.create(
            sak=sak,
            mote=mote,
            tekst="x",
            resultat=resultat,
            pos_kommunene=k,
            pos_helseforetaket=h,
            **andre,
        )

    for resultat, k, h in [
        ("vedtatt", "enig", "uenig"),
        ("ikke_enighet", "enig", "enig"),
        ("ikke_enighet", "enig", "ikke_til_stede"),  # an absent party postpones
        ("utsatt", "enig", "uenig"),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            lag(resultat, k, h)
    # The fastlege's disagreement is dissent, not a veto.
    vedtak = lag("vedtatt", "enig", "enig", pos_fastlege="uenig")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vedtak.objects.filter(pk=vedtak.pk).update(resultat="ikke_enighet")


POSISJON = st.sampled_from(["enig", "uenig", "ikke_til_stede", ""])


# The fixture's rows are shared by all examples; each example rolls its insert back.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.tuples(POSISJON, POSISJON, POSISJON, POSISJON, POSISJON))
def test_the_constraint_accepts_exactly_what_the_parties_positions_give(
    ssu_for_hypothesis, posisjoner
):
    sak, mote = ssu_for_hypothesis
    felter = dict(
        zip(
            [
                "pos_kommunene",
                "pos_helseforetaket",
                "pos_bruker",
                "pos_arbeidstaker",
                "pos_fastlege",
            ],
            posisjoner,
            strict=True,
        )
    )
    enige = posisjoner[0] == posisjoner[1] == "enig"
    til_stede = {posisjoner[0], posisjoner[1]} <= {"enig", "uenig"}
    for resultat, lovlig in (
        ("vedtatt", enige),
        ("ikke_enighet", til_stede and not enige),
        ("utsatt", not til_stede),
    ):
        try:
            with transaction.atomic():
                Vedtak.objects.create(sak=sak, mote=mote, tekst="x", resultat=resultat, **felter)
                transaction.set_rollback(True)
            godtatt = True
        except IntegrityError:
            godtatt = False
        assert godtatt == lovlig, (resultat, posisjoner)


@pytest.fixture
def ssu_for_hypothesis(ssu):
    return services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Sak"), _mote(ssu)


def test_fsu_is_appointed_by_an_adopted_ssu_decision(ssu, helsefellesskap):
    with pytest.raises(Domenefeil, match="oppnevnes ved et vedtak"):
        lag_utvalg(helsefellesskap, "fsu", kortnavn="FSU", mandat="M", sluttdato=D(2027, 1, 1))
    uenig = _vedta(ssu, kommunene="uenig")
    with pytest.raises(Domenefeil, match="oppnevnes ved et vedtak"):
        lag_utvalg(
            helsefellesskap,
            "fsu",
            kortnavn="FSU",
            mandat="M",
            sluttdato=D(2027, 1, 1),
            oppnevnt_ved=uenig,
        )
    vedtatt = _vedta(ssu)
    with pytest.raises(Domenefeil, match="mandat og en sluttdato"):
        lag_utvalg(helsefellesskap, "fsu", kortnavn="FSU", oppnevnt_ved=vedtatt)
    fsu = lag_utvalg(
        helsefellesskap,
        "fsu",
        kortnavn="FSU rehab",
        mandat="Utrede rehabilitering.",
        sluttdato=D(2026, 12, 31),
        oppnevnt_ved=vedtatt,
        overordnet=ssu,
    )
    assert not fsu.kan_vedta
    assert fsu.oppnevnt_ved == vedtatt


@pytest.fixture
def fsu(ssu, helsefellesskap, time_machine):
    # An FSU works inside its mandate's period (it ends 31.12.2026): the tests stand on a day in
    # it, after the meeting day, so they do not depend on the day they run.
    time_machine.move_to(
        datetime.datetime(2026, 6, 1, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False
    )
    fsu = lag_utvalg(
        helsefellesskap,
        "fsu",
        kortnavn="FSU",
        mandat="Utrede rehabilitering.",
        sluttdato=D(2026, 12, 31),
        oppnevnt_ved=_vedta(ssu),
        overordnet=ssu,
    )
    lag_medlem(fsu, "kommunene")
    lag_medlem(fsu, "helseforetaket")
    return fsu


def test_fsu_can_never_record_a_decision_only_a_recommendation(fsu):
    sak = services.sak_opprett(utfort_av=None, utvalg=fsu, tittel="Rehabilitering", ar=2026)
    mote = _mote(fsu)
    with pytest.raises(Domenefeil, match="ikke vedtaksmyndighet"):
        services.vedtak_registrer(
            utfort_av=None, sak=sak, mote=mote, tekst="x", posisjoner=ALLE_ENIGE
        )
    anbefaling = services.anbefaling_registrer(
        utfort_av=None, sak=sak, mote=mote, tekst="Vi anbefaler …"
    )
    assert anbefaling.resultat == "anbefaling"
    assert not Vedtak.objects.filter(sak=sak, resultat="vedtatt").exists()


def test_the_database_refuses_an_fsu_with_decision_authority(fsu):
    with pytest.raises(IntegrityError), transaction.atomic():
        Utvalg.objects.filter(pk=fsu.pk).update(kan_vedta=True)


def test_an_fsu_is_closed_after_its_end_date(fsu):
    with pytest.raises(Domenefeil, match=r"ble avsluttet 31\.12\.2026"):
        _mote(fsu, D(2027, 1, 5))
    assert fsu in Utvalg.objects.aktive(D(2026, 12, 31))
    assert fsu not in Utvalg.objects.aktive(D(2027, 1, 1))


def test_a_complete_ssu_lacks_nothing(ssu):
    medlemmer = list(ssu.medlemmer.aktive(D(2026, 1, 1)))
    assert services.sammensetning_mangler(ssu, medlemmer) == []


def test_a_term_ending_mid_year_shows_as_missing_afterwards(ssu):
    bruker = ssu.medlemmer.get(side="bruker")
    bruker.til = D(2026, 6, 30)
    bruker.save()
    assert services.sammensetning_mangler(ssu, list(ssu.medlemmer.aktive(D(2026, 6, 30)))) == []
    mangler = services.sammensetning_mangler(ssu, list(ssu.medlemmer.aktive(D(2026, 7, 1))))
    assert mangler == ["Brukerrepresentant: har 0, skal ha minst 1."]


def test_the_secretary_does_not_count_towards_composition(helsefellesskap):
    utvalg = lag_utvalg(helsefellesskap, "ssu")
    for _ in range(3):
        lag_medlem(utvalg, "kommunene")
    for _ in range(2):
        lag_medlem(utvalg, "helseforetaket")
    lag_medlem(utvalg, "helseforetaket", rolle="sekretaer")
    mangler = services.sammensetning_mangler(utvalg, list(utvalg.medlemmer.all()))
    assert "Helseforetaket: har 2, skal ha minst 3." in mangler


def test_an_lsu_needs_somatic_and_mental_health(helsefellesskap):
    lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU Bærum")
    for side in ("kommunene", "helseforetaket", "bruker", "fastlege"):
        lag_medlem(lsu, side, fagomrade="somatikk" if side == "helseforetaket" else "")
    mangler = services.sammensetning_mangler(lsu, list(lsu.medlemmer.all()))
    assert mangler == ["Psykisk helse og rus: har 0, skal ha minst 1."]


@pytest.mark.parametrize(
    ("dato", "side", "neste"),
    [
        (D(2020, 12, 31), None, D(2021, 1, 1)),
        (D(2021, 1, 1), "kommunene", D(2023, 1, 1)),
        (D(2022, 12, 31), "kommunene", D(2023, 1, 1)),
        (D(2023, 1, 1), "helseforetaket", D(2025, 1, 1)),
        (D(2025, 6, 1), "kommunene", D(2027, 1, 1)),
        (D(2027, 1, 1), "helseforetaket", D(2029, 1, 1)),
    ],
)
def test_the_chair_alternates_every_two_years(ssu, dato, side, neste):
    assert ssu.lederside(dato) == side
    assert ssu.neste_lederskifte(dato) == neste


def test_cases_are_numbered_per_body_and_year(ssu, helsefellesskap):
    lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU Drammen", overordnet=ssu)
    nummer = [
        services.sak_opprett(utfort_av=None, utvalg=u, tittel="x", ar=ar).saksnummer
        for u, ar in [(ssu, 2026), (ssu, 2026), (lsu, 2026), (ssu, 2027)]
    ]
    assert nummer == ["SSU 1/2026", "SSU 2/2026", "LSU Drammen 1/2026", "SSU 1/2027"]


def test_a_case_without_agreement_goes_from_lsu_to_ssu_and_on_to_the_national_body(
    ssu, helsefellesskap
):
    lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU Drammen", overordnet=ssu)
    for side in ("kommunene", "helseforetaket"):
        lag_medlem(lsu, side)
    uenig = _vedta(lsu, kommunene="uenig")
    ny = services.sak_send_videre(
        utfort_av=None, sak=uenig.sak, side="kommunene", begrunnelse="Prinsipiell sak."
    )
    uenig.sak.refresh_from_db()
    assert uenig.sak.status == "sendt_videre"
    assert ny.utvalg == ssu and ny.sendt_fra == uenig.sak
    assert ny.saksnummer.startswith("SSU ")
    i_ssu = vedta(ny, _mote(ssu), {**ALLE_ENIGE, "helseforetaket": "uenig"})
    assert (
        services.sak_send_videre(
            utfort_av=None, sak=i_ssu.sak, side="helseforetaket", begrunnelse="Fortsatt uenige."
        )
        is None
    )
    ny.refresh_from_db()
    assert ny.status == "nasjonal"
    hendelse = ny.hendelser.get()
    assert (hendelse.type, hendelse.side, hendelse.tekst) == (
        "nasjonal",
        "helseforetaket",
        "Fortsatt uenige.",
    )


def test_an_adopted_case_cannot_be_sent_on(ssu):
    vedtak = _vedta(ssu)
    with pytest.raises(Domenefeil, match="uten at partene ble enige"):
        services.sak_send_videre(utfort_av=None, sak=vedtak.sak, side="kommunene", begrunnelse="x")


def test_only_the_secretary_records(ssu, helsefellesskap):
    medlem = ssu.medlemmer.filter(rolle="medlem").first().bruker
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    with pytest.raises(Domenefeil, match="sekretær"):
        services.sak_opprett(utfort_av=medlem, utvalg=ssu, tittel="x")
    assert services.sak_opprett(utfort_av=sekretaer, utvalg=ssu, tittel="x").lopenummer == 1


def test_members_confirm_minutes_and_outsiders_cannot(ssu, uten_rolle):
    mote = _mote(ssu)
    medlem = ssu.medlemmer.filter(rolle="medlem").first().bruker
    with pytest.raises(Domenefeil, match="ikke skrevet"):
        services.referat_bekreft(bruker=medlem, mote=mote)
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat")
    assert services.referat_bekreft(bruker=medlem, mote=mote).medlem.bruker == medlem
    with pytest.raises(Domenefeil, match="Bare utvalgets medlemmer"):
        services.referat_bekreft(bruker=uten_rolle, mote=mote)
    services.referat_godkjenn(utfort_av=None, mote=mote)
    with pytest.raises(Domenefeil, match="godkjent"):
        services.referat_lagre(utfort_av=None, mote=mote, tekst="Endret")
    assert Mote.objects.get(pk=mote.pk).status == "gjennomfort"


def test_attendance_only_for_members_on_the_day(ssu):
    mote = _mote(ssu, D(2026, 3, 10))
    gammel = lag_medlem(ssu, "bruker", fra=D(2020, 1, 1), til=D(2025, 12, 31))
    with pytest.raises(Domenefeil, match="ikke medlem"):
        services.oppmote_registrer(utfort_av=None, mote=mote, medlem=gammel, status="til_stede")
    aktiv = ssu.medlemmer.filter(rolle="medlem").first()
    assert (
        services.oppmote_registrer(utfort_av=None, mote=mote, medlem=aktiv, status="forfall").status
        == "forfall"
    )
