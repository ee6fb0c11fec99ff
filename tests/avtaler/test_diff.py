import datetime

import pytest

from avtaler import services
from avtaler.diff import Bit, Endring, diff_versjoner, oppsummering, ord_diff
from avtaler.models import Punktversjon
from avtaler.services import NyttPunkt
from tests.factories import iverksett, lag_avtale


def test_word_diff_marks_insertions_and_deletions():
    biter = ord_diff("Kommunen bør sende melding.", "Kommunen skal sende melding innen 24 timer.")
    assert biter == [
        Bit("lik", "Kommunen "),
        Bit("ut", "bør"),
        Bit("inn", "skal"),
        Bit("lik", " sende melding"),
        Bit("inn", " innen 24 timer"),
        Bit("lik", "."),
    ]


def test_equal_text_is_one_equal_run():
    assert ord_diff("Lik tekst.", "Lik tekst.") == [Bit("lik", "Lik tekst.")]


@pytest.fixture
def to_versjoner(kommune, helseforetak, koordinator):
    v1 = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            punkter=[
                NyttPunkt("1", "Formål", "Avtalen skal sikre samarbeid."),
                NyttPunkt("2", "Parter", "Kommunen og helseforetaket."),
                NyttPunkt("3", "Utskrivning", "Utskrivning bør skje på dagtid."),
                NyttPunkt("4", "Varighet", "Avtalen gjelder til den sies opp."),
            ],
        ),
        datetime.date(2024, 1, 1),
    )
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=koordinator)
    punkter = {p.nummer: p for p in v2.punkter.all()}
    punkter["2"].delete()  # «Parter» is removed
    utskrivning = punkter["3"]
    utskrivning.nummer, utskrivning.tekst = "2", "Utskrivning skal skje mellom 07:00 og 17:00."
    utskrivning.save()
    varighet = punkter["4"]
    varighet.nummer = "3"
    varighet.save()
    services.punkter_legg_til(
        versjon=v2, punkter=[NyttPunkt("4", "Avvik", "Brudd meldes som avvik.")]
    )
    return v1, v2


def _endringer(fra, til):
    return diff_versjoner(list(fra.punkter.all()), list(til.punkter.all()))


def test_clauses_are_paired_by_identity_so_renumbering_is_a_move(to_versjoner):
    endringer = _endringer(*to_versjoner)
    oversikt = [
        ((e.fra.nummer if e.fra else None), (e.til.nummer if e.til else None), e.endringer)
        for e in endringer
    ]
    assert oversikt == [
        ("1", "1", [Endring.UENDRET]),
        ("2", None, [Endring.FJERNET]),
        ("3", "2", [Endring.ENDRET, Endring.FLYTTET]),
        ("4", "3", [Endring.FLYTTET]),
        (None, "4", [Endring.LAGT_TIL]),
    ]
    assert oppsummering(endringer) == {
        Endring.LAGT_TIL: 1,
        Endring.FJERNET: 1,
        Endring.ENDRET: 1,
        Endring.FLYTTET: 2,
        Endring.UENDRET: 1,
    }


def test_a_changed_clause_carries_its_word_changes(to_versjoner):
    endret = _endringer(*to_versjoner)[2]
    assert Bit("ut", "bør") in endret.tekst
    assert Bit("inn", "skal") in endret.tekst
    assert "".join(b.tekst for b in endret.tekst if b.type != "ut") == endret.til.tekst
    assert "".join(b.tekst for b in endret.tekst if b.type != "inn") == endret.fra.tekst


def test_diff_in_the_other_direction_is_the_mirror(to_versjoner):
    v1, v2 = to_versjoner
    bakover = oppsummering(_endringer(v2, v1))
    assert bakover[Endring.LAGT_TIL] == 1 and bakover[Endring.FJERNET] == 1


def test_diff_of_identical_versions_has_only_unchanged_clauses(to_versjoner):
    v1, _ = to_versjoner
    assert all(e.er_uendret for e in _endringer(v1, v1))


def test_diff_reads_each_version_in_one_query(to_versjoner, django_assert_num_queries):
    v1, v2 = to_versjoner
    with django_assert_num_queries(2):
        fra = list(Punktversjon.objects.filter(versjon=v1))
        til = list(Punktversjon.objects.filter(versjon=v2))
    with django_assert_num_queries(0):
        diff_versjoner(fra, til)
