"""The evaluation set (avtaler/sprak/evaluering/setninger.jsonl) and the accuracy the
language check reached on it; docs/sprakanalyse.md describes the method."""

import re
from collections import Counter

import pytest

from avtaler.sprak import NIVAER, ordliste_fra_db
from avtaler.sprak.evaluering import (
    BLIND,
    BLIND2,
    UAVHENGIG,
    forvekslingstabell,
    les_sett,
    mal,
    tabell,
)

# What the check reached on the whole set when it was measured (docs/sprakanalyse.md): a
# change to the rules or the word lists may not read fewer sentences right than this.
NADD = {"niva": 324, "ansvarlig": 326, "ikke_part": 327, "vage": 328}


@pytest.fixture(scope="module")
def sett():
    return les_sett()


def test_the_set_is_large_cited_and_in_both_written_standards(sett):
    assert len(sett) >= 300
    assert all(r["kilde"] and r["adresse"] and r["del"] for r in sett)
    malformer = Counter(r["malform"] for r in sett)
    assert malformer["nb"] >= 100 and malformer["nn"] >= 50
    assert len({r["kilde"] for r in sett}) >= 20
    assert {r["niva"] for r in sett} == set(NIVAER)


def test_labels_use_the_engines_vocabulary(sett):
    for r in sett:
        assert r["niva"] in NIVAER
        assert set(r["ansvarlig"]) <= {"kommunen", "helseforetaket", "partene"}
        assert r["sett"] in ("utvikling", "kontroll")


def test_the_held_out_part_is_a_third_and_whole_sections(sett):
    kontroll = [r for r in sett if r["sett"] == "kontroll"]
    assert len(kontroll) >= len(sett) / 3
    deler = {}
    for r in sett:
        deler.setdefault((r["kilde"], r["del"]), set()).add(r["sett"])
    assert all(len(s) == 1 for s in deler.values()), "a section is either tuned on or held out"


def test_accuracy_does_not_fall_below_what_was_reached(sett):
    resultat = mal(sett)
    for navn, antall in NADD.items():
        assert getattr(resultat, navn) >= antall, (navn, resultat.feil[:5])


@pytest.mark.parametrize("del_", ["utvikling", "kontroll"])
def test_at_least_90_per_cent_for_level_and_party_on_each_part(sett, del_):
    resultat = mal([r for r in sett if r["sett"] == del_])
    assert resultat.andel("niva") >= 90
    assert resultat.andel("ansvarlig") >= 90


@pytest.mark.django_db
def test_the_word_lists_in_the_database_read_as_well_as_the_shipped_ones(sett):
    """The data migrations load the lists on both databases; the pages use those."""
    resultat = mal(sett, ordliste_fra_db())
    for navn, antall in NADD.items():
        assert getattr(resultat, navn) >= antall, navn


def test_the_tables_for_the_documentation(sett):
    assert "| nivå |" in tabell(sett)
    assert forvekslingstabell(sett).count("\n") == len(NIVAER) + 1


def test_the_independent_set_is_new_cited_and_labelled_with_the_engines_vocabulary(sett):
    """uavhengig.jsonl: sentences from other trusts' agreements, none of them in the
    evaluation set, about a third in nynorsk (docs/sprakanalyse.md, «Uavhengig test»)."""
    uavhengig = les_sett(UAVHENGIG)
    assert len(uavhengig) >= 60
    assert not {r["setning"] for r in uavhengig} & {r["setning"] for r in sett}
    assert all(r["kilde"] and r["adresse"] and r["del"] for r in uavhengig)
    assert Counter(r["malform"] for r in uavhengig)["nn"] >= 20
    for r in uavhengig:
        assert r["niva"] in NIVAER
        assert set(r["ansvarlig"]) <= {"kommunen", "helseforetaket", "partene"}


def test_at_least_90_per_cent_for_level_and_party_on_the_independent_set():
    resultat = mal(les_sett(UAVHENGIG))
    assert resultat.andel("niva") >= 90, resultat.feil
    assert resultat.andel("ansvarlig") >= 90, resultat.feil


# What the check reads right on the blind set after the rule fixes (docs/sprakanalyse.md,
# «Blindtest»): before them it was 139 for level and 173 for party.
BLIND_NADD = {"niva": 173, "ansvarlig": 185, "ikke_part": 189, "vage": 191}


def _normalisert(setning: str) -> str:
    return re.sub(r"[^\wæøå]+", " ", setning.lower()).strip()


def test_the_blind_set_is_new_cited_and_a_third_nynorsk(sett):
    """blind.jsonl: no sentence is in the other two sets, not even inside a longer one."""
    blind = les_sett(BLIND)
    gamle = [_normalisert(r["setning"]) for r in sett + les_sett(UAVHENGIG)]
    assert len(blind) >= 120
    for r in blind:
        ny = _normalisert(r["setning"])
        assert not any(ny in g or g in ny for g in gamle), r["setning"]
        assert r["kilde"] and r["adresse"] and r["del"]
        assert r["niva"] in NIVAER
        assert set(r["ansvarlig"]) <= {"kommunen", "helseforetaket", "partene"}
    assert 3 * Counter(r["malform"] for r in blind)["nn"] >= len(blind)
    assert len({r["kilde"] for r in blind}) >= 30
    # Labels changed after the first measurement say why.
    assert sum("merknad" in r for r in blind) == 3


def test_blind_set_accuracy_does_not_fall_below_what_was_reached():
    resultat = mal(les_sett(BLIND))
    for navn, antall in BLIND_NADD.items():
        assert getattr(resultat, navn) >= antall, (navn, resultat.feil[:5])
    assert resultat.andel("niva") >= 90
    assert resultat.andel("ansvarlig") >= 90


@pytest.mark.parametrize("malform", ["nb", "nn"])
def test_blind_set_per_written_standard(malform):
    """Bokmål 111 of 126 for level (88 %), nynorsk 62 of 66 (94 %); party 120 and 65."""
    nadd = {"nb": (111, 120), "nn": (62, 65)}[malform]
    resultat = mal([r for r in les_sett(BLIND) if r["malform"] == malform])
    assert resultat.niva >= nadd[0] and resultat.ansvarlig >= nadd[1]


@pytest.mark.django_db
def test_the_word_lists_in_the_database_read_the_blind_set_as_well():
    resultat = mal(les_sett(BLIND), ordliste_fra_db())
    for navn, antall in BLIND_NADD.items():
        assert getattr(resultat, navn) >= antall, navn


# Measured once on the second blind set (docs/sprakanalyse.md, «Andre blindtest»): the honest figure
# for text the rules were not written against. Held so a change cannot make it worse; it is below
# the 90 % — issue #21 is not done while it is.
BLIND2_NADD = {"niva": 133, "ansvarlig": 163, "ikke_part": 183, "vage": 186}


def test_the_second_blind_set_is_new_and_cited(sett):
    blind2 = les_sett(BLIND2)
    gamle = [_normalisert(r["setning"]) for r in sett + les_sett(UAVHENGIG) + les_sett(BLIND)]
    assert len(blind2) >= 110
    for r in blind2:
        ny = _normalisert(r["setning"])
        assert not any(ny == g for g in gamle), r["setning"]
        assert r["kilde"] and r["adresse"] and r["del"]
        assert r["niva"] in NIVAER
    assert 3 * Counter(r["malform"] for r in blind2)["nn"] >= len(blind2)


def test_second_blind_set_accuracy_does_not_fall_below_what_was_measured():
    resultat = mal(les_sett(BLIND2))
    for navn, antall in BLIND2_NADD.items():
        assert getattr(resultat, navn) >= antall, (navn, resultat.feil[:5])
