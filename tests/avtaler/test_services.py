import datetime

import pytest

from avtaler import services
from avtaler.models import Avtale, Avtaleforhold, Avtaleversjon, Tema, Tilstandsendring
from kjerne.feil import Domenefeil
from tests.factories import KommuneFactory, iverksett, lag_avtale, vedta

D = datetime.date


@pytest.fixture
def utkast(kommune, helseforetak):
    return lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])


def test_a_new_agreement_starts_as_a_draft_with_its_parties(utkast, kommune, helseforetak):
    assert utkast.tilstand == "utkast"
    assert utkast.nummer == 1
    assert set(utkast.parter.all()) == {kommune, helseforetak}
    assert list(utkast.tilstandsendringer.values_list("fra", "til")) == [("", "utkast")]


def test_clauses_get_parents_from_their_numbers(utkast):
    punkter = {p.nummer: p for p in utkast.punkter.all()}
    assert punkter["1.1"].forelder_id == punkter["1"].punkt_id
    assert punkter["1"].forelder_id is None
    assert [p.nummer for p in utkast.punkter.order_by("rekkefolge")] == [
        "1",
        "1.1",
        "1.2",
        "1.3",
        "1.4",
    ]


def test_the_full_path_into_force_is_recorded_with_who(utkast, koordinator):
    versjon = iverksett(utkast, D(2025, 3, 1), bruker=koordinator)
    assert versjon.tilstand == "signert"  # in force is each party's, read from dates
    assert versjon.godkjent_vedtak == "SSU 1/2026"
    assert versjon.neste_gjennomgang == D(2026, 3, 1)
    stier = list(versjon.tilstandsendringer.values_list("fra", "til", "utfort_av"))
    assert stier == [
        ("", "utkast", None),
        ("utkast", "til_behandling", koordinator.pk),
        ("til_behandling", "godkjent", koordinator.pk),
        ("godkjent", "signert", koordinator.pk),
    ]
    assert versjon.history.count() >= 4


@pytest.mark.parametrize(
    ("handling", "melding"),
    [
        (
            lambda v, b: services.versjon_godkjenn(
                versjon=v, utfort_av=b, vedtaksreferanse="SSU 1/2026"
            ),
            "godkjent",
        ),
        (
            lambda v, b: services.versjon_signer(
                versjon=v, utfort_av=b, signert_dato=D(2025, 1, 1), gyldig_fra=D(2025, 1, 1)
            ),
            "godkjent versjon",
        ),
    ],
)
def test_a_draft_cannot_skip_steps(utkast, koordinator, handling, melding):
    with pytest.raises(Domenefeil, match=melding):
        handling(utkast, koordinator)
    utkast.refresh_from_db()
    assert utkast.tilstand == "utkast"


def test_returning_needs_a_reason_and_reopens_the_draft(utkast, koordinator):
    services.versjon_send_til_behandling(versjon=utkast, utfort_av=koordinator)
    with pytest.raises(Domenefeil, match="hvorfor"):
        services.versjon_returner(versjon=utkast, utfort_av=koordinator, begrunnelse=" ")
    versjon = services.versjon_returner(
        versjon=utkast, utfort_av=koordinator, begrunnelse="Ikke enstemmig i SSU"
    )
    assert versjon.tilstand == "utkast"
    assert versjon.tilstandsendringer.last().merknad == "Ikke enstemmig i SSU"


def test_an_empty_draft_cannot_go_to_consideration(kommune, koordinator):
    versjon = lag_avtale(kommune.helsefellesskap, [kommune], punkter=[])
    with pytest.raises(Domenefeil, match="tomt utkast"):
        services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)


def test_approval_needs_a_decision_reference(utkast, koordinator):
    services.versjon_send_til_behandling(versjon=utkast, utfort_av=koordinator)
    with pytest.raises(Domenefeil, match="vedtaket"):
        services.versjon_godkjenn(versjon=utkast, utfort_av=koordinator, vedtaksreferanse="")


def test_in_force_date_cannot_precede_signing(utkast, koordinator):
    services.versjon_send_til_behandling(versjon=utkast, utfort_av=koordinator)
    services.versjon_godkjenn(versjon=utkast, utfort_av=koordinator, vedtaksreferanse="LSU 2/2026")
    with pytest.raises(Domenefeil, match="før den er signert"):
        services.versjon_signer(
            versjon=utkast,
            utfort_av=koordinator,
            signert_dato=D(2025, 5, 1),
            gyldig_fra=D(2025, 4, 1),
        )


def test_a_revision_copies_the_text_and_keeps_clause_identity(utkast, koordinator):
    signert = iverksett(utkast, D(2025, 1, 1))
    revisjon = services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    assert revisjon.nummer == 2
    assert revisjon.tilstand == "utkast"
    assert revisjon.basert_pa == signert
    gammel = list(signert.punkter.values_list("punkt_id", "nummer", "tekst", "forelder_id"))
    ny = list(revisjon.punkter.values_list("punkt_id", "nummer", "tekst", "forelder_id"))
    assert ny == gammel
    assert set(revisjon.parter.all()) == set(signert.parter.all())


def test_only_one_revision_at_a_time(utkast, koordinator):
    signert = iverksett(utkast, D(2025, 1, 1))
    services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    with pytest.raises(Domenefeil, match="under arbeid"):
        services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)


def test_a_draft_cannot_be_revised(utkast, koordinator):
    with pytest.raises(Domenefeil, match="signert versjon"):
        services.versjon_start_revisjon(versjon=utkast, utfort_av=koordinator)


def test_the_new_version_in_force_replaces_the_old_one_the_day_before(utkast, koordinator, kommune):
    """In force is read from each party's dates (avtaler.livslop); no state is stored."""
    v1 = iverksett(utkast, D(2024, 1, 1))
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=koordinator)
    v2 = iverksett(v2, D(2025, 6, 1))
    assert Avtaleforhold.objects.get(versjon=v1, part=kommune).sluttdato == D(2025, 5, 31)
    assert Avtaleforhold.objects.get(versjon=v2, part=kommune).sluttdato is None
    assert list(Avtaleversjon.objects.gjeldende(D(2025, 5, 31), kommune)) == [v1]
    assert list(Avtaleversjon.objects.gjeldende(D(2025, 6, 1), kommune)) == [v2]
    assert {v.tilstand for v in (v1, v2)} == {"signert"}


def test_termination_ends_one_year_after_notice(utkast, koordinator, kommune):
    """Seed 000 § 3.1.1: one year's written notice, then a new agreement must be made."""
    versjon = iverksett(utkast, D(2023, 1, 1))
    (forhold,) = services.versjon_si_opp(
        versjon=versjon, utfort_av=koordinator, varslet=D(2025, 3, 15), oppsagt_av=kommune
    )
    assert forhold.sluttdato == D(2026, 3, 15)
    assert forhold.oppsagt_av == kommune and forhold.oppsigelse_registrert_av == koordinator
    assert "varslet 15.03.2025" in versjon.tilstandsendringer.last().merknad


def test_notice_on_29_february_ends_on_28_february(utkast, koordinator, kommune):
    versjon = iverksett(utkast, D(2023, 1, 1))
    (forhold,) = services.versjon_si_opp(
        versjon=versjon, utfort_av=koordinator, varslet=D(2024, 2, 29), oppsagt_av=kommune
    )
    assert forhold.sluttdato == D(2025, 2, 28)


def test_only_a_party_can_terminate(utkast, koordinator, annen_kommune):
    versjon = iverksett(utkast, D(2023, 1, 1))
    with pytest.raises(Domenefeil, match="Bare en part"):
        services.versjon_si_opp(
            versjon=versjon, utfort_av=koordinator, varslet=D(2025, 1, 1), oppsagt_av=annen_kommune
        )


def test_parties_must_belong_to_the_helsefellesskap(helsefellesskap):
    fremmed = KommuneFactory()
    with pytest.raises(Domenefeil, match="må høre til"):
        lag_avtale(helsefellesskap, [fremmed])
    assert not Avtale.objects.exists()


def test_a_delavtale_needs_its_topic(kommune):
    with pytest.raises(Domenefeil, match="§ 6-2-tema"):
        lag_avtale(
            kommune.helsefellesskap, [kommune], type=Avtale.Type.DELAVTALE, tittel="Delavtale"
        )
    versjon = lag_avtale(
        kommune.helsefellesskap,
        [kommune],
        type=Avtale.Type.DELAVTALE,
        tittel="Delavtale om utskrivningsklare pasienter",
        tema=Tema.objects.get(nummer=5),
    )
    assert versjon.avtale.tema.nummer == 5


def test_a_routine_belongs_to_a_parent_agreement(kommune):
    with pytest.raises(Domenefeil, match="vedlegg"):
        lag_avtale(kommune.helsefellesskap, [kommune], type=Avtale.Type.RUTINE, tittel="Rutine")
    hoved = lag_avtale(kommune.helsefellesskap, [kommune])
    rutine = lag_avtale(
        kommune.helsefellesskap,
        [kommune],
        type=Avtale.Type.RUTINE,
        tittel="Utskrivningsrutine",
        overordnet=hoved.avtale,
        brudd_er_mislighold=True,
    )
    assert rutine.avtale.overordnet == hoved.avtale
    assert list(hoved.avtale.underavtaler.all()) == [rutine.avtale]


def test_the_statutory_topics_are_seeded(db):
    assert list(Tema.objects.values_list("nummer", flat=True)) == list(range(1, 14))
    assert "utskrivningsklare" in Tema.objects.get(nummer=5).tittel


def test_every_transition_is_in_the_audit_table(utkast, koordinator):
    iverksett(utkast, D(2025, 1, 1), bruker=koordinator)
    assert Tilstandsendring.objects.filter(versjon=utkast).count() == 4
    assert Avtaleversjon.history.filter(id=utkast.pk).count() >= 4


def test_a_version_is_approved_by_an_adopted_decision_of_ssu(utkast, helsefellesskap, koordinator):
    from django.utils import timezone

    from helsefellesskap import services as hf_services
    from tests.factories import fullt_ssu

    ssu = fullt_ssu(helsefellesskap)
    mote = hf_services.mote_opprett(
        utfort_av=None, utvalg=ssu, start=timezone.now(), sted="Drammen"
    )
    alle_enige = {
        s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
    }

    def vedtak(**endret):
        sak = hf_services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Godkjenning av avtalen")
        return vedta(sak, mote, {**alle_enige, **endret}, tekst="Avtalen godkjennes.")

    services.versjon_send_til_behandling(versjon=utkast, utfort_av=koordinator)
    with pytest.raises(Domenefeil, match="Bare et vedtatt vedtak"):
        services.versjon_godkjenn(
            versjon=utkast, utfort_av=koordinator, vedtak=vedtak(kommunene="uenig")
        )
    vedtatt = vedtak()
    versjon = services.versjon_godkjenn(versjon=utkast, utfort_av=koordinator, vedtak=vedtatt)
    assert versjon.tilstand == "godkjent"
    assert versjon.godkjent_ved == vedtatt
    assert versjon.godkjent_vedtak == vedtatt.sak.saksnummer
    assert list(vedtatt.godkjente_versjoner.all()) == [versjon]


def test_the_annual_review_moves_the_next_one_a_year_on(utkast, koordinator):
    """Seed § 7: «Avtalepartene skal årlig gjennomgå avtalen»; the review is recorded with who
    did it, and only for a signed version, on a day it was in force and not ahead."""
    gjeldende = iverksett(utkast, D(2024, 1, 1))
    assert gjeldende.neste_gjennomgang == D(2025, 1, 1)
    with pytest.raises(Domenefeil, match="fram i tid"):
        services.gjennomgang_registrer(
            versjon=gjeldende, utfort_av=koordinator, dato=D(2099, 1, 1), organ="SSU"
        )
    with pytest.raises(Domenefeil, match="mens versjonen har gjeldt"):
        services.gjennomgang_registrer(
            versjon=gjeldende, utfort_av=koordinator, dato=D(2023, 12, 31), organ="SSU"
        )
    services.gjennomgang_registrer(
        versjon=gjeldende, utfort_av=koordinator, dato=D(2025, 1, 20), organ="SSU"
    )
    gjeldende.refresh_from_db()
    assert gjeldende.neste_gjennomgang == D(2026, 1, 20)
    siste = gjeldende.history.latest()
    assert siste.history_user == koordinator
    assert siste.history_change_reason == "Gjennomgått 20.01.2025"
    utkast2 = services.versjon_start_revisjon(versjon=gjeldende, utfort_av=koordinator)
    with pytest.raises(Domenefeil, match="Bare en signert versjon"):
        services.gjennomgang_registrer(
            versjon=utkast2, utfort_av=koordinator, dato=D(2025, 2, 1), organ="SSU"
        )
