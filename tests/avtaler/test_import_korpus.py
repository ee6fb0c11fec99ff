"""Real agreements of other health trusts, in the forms coordinators have them.

tests/avtaler/korpus/README.md says where each comes from and how its files were made.
Every form of every document must give every numbered heading, no false heading and no
lost word (words an exporter joined across a hyphen are not lost, see `korpus.maal`).
"""

import re

import pytest

from avtaler.importering import importer_fil
from tests.avtaler.korpus.maal import dokumenter, filer, forventet, maal

TILFELLER = [(navn, form, sti) for navn in dokumenter() for form, sti in filer(navn)]


def test_the_corpus_has_at_least_ten_agreements_in_both_written_forms():
    assert len(dokumenter()) >= 10
    nynorsk = [
        n for n in dokumenter() if "Føremål" in str(forventet(n)) or "Partar" in str(forventet(n))
    ]
    assert 3 <= len(nynorsk) < len(dokumenter())
    former = {form for _n, form, _s in TILFELLER}
    assert {"docx", "pdf", "pdftotext", "pdftotext -layout"} <= former


@pytest.mark.parametrize(
    ("navn", "form", "sti"), TILFELLER, ids=[f"{n}-{f}" for n, f, _s in TILFELLER]
)
def test_every_heading_found_no_false_heading_no_word_lost(navn, form, sti):
    resultat = importer_fil(sti.name, sti.read_bytes())
    maling = maal(resultat, forventet(navn))
    assert maling.funnet == maling.forventet, maling
    assert maling.falske == [], maling
    assert maling.feil_titler == [], maling
    assert maling.tapte_ord == [], maling
    # pdftotext joins «Sør-» «Rogaland» into «SørRogaland» itself; the letters must match.
    assert re.sub(r"\W", "", resultat.tittel) == re.sub(r"\W", "", forventet(navn)["tittel"])
    assert not any(m.art in ("ordtap", "rekkefolge") for m in resultat.merknader)
