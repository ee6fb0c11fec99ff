import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from helsefellesskap.validators import (
    er_gyldig_organisasjonsnummer,
    organisasjonsnummer_kontrollsiffer,
    valider_kommunenummer,
    valider_organisasjonsnummer,
)

atte_sifre = st.text(alphabet="0123456789", min_size=8, max_size=8)


@pytest.mark.parametrize(
    "orgnr",
    [
        "974760673",  # Brønnøysundregistrene
        "983887457",
        "971032081",
    ],
)
def test_real_organisation_numbers_are_valid(orgnr):
    assert er_gyldig_organisasjonsnummer(orgnr)
    valider_organisasjonsnummer(orgnr)


@pytest.mark.parametrize(
    ("orgnr", "kode"),
    [
        ("974760674", "organisasjonsnummer_kontrollsiffer"),
        ("97476067", "organisasjonsnummer_format"),
        ("9747606733", "organisasjonsnummer_format"),
        ("974 760 673", "organisasjonsnummer_format"),
        ("97476067a", "organisasjonsnummer_format"),
        ("٩٧٤٧٦٠٦٧٣", "organisasjonsnummer_format"),  # non-ASCII digits
        ("", "organisasjonsnummer_format"),
    ],
)
def test_invalid_organisation_numbers_are_refused_with_a_norwegian_reason(orgnr, kode):
    with pytest.raises(ValidationError) as feil:
        valider_organisasjonsnummer(orgnr)
    assert feil.value.code == kode
    assert "Organisasjonsnummeret" in feil.value.messages[0]


@given(atte_sifre)
def test_the_computed_check_digit_makes_a_valid_number(forste_atte):
    kontroll = organisasjonsnummer_kontrollsiffer(forste_atte)
    if kontroll is None:
        # Remainder 1 would need check digit 10: no number with these eight digits exists.
        assert not any(er_gyldig_organisasjonsnummer(forste_atte + str(d)) for d in range(10))
    else:
        assert er_gyldig_organisasjonsnummer(forste_atte + str(kontroll))
        others = [d for d in range(10) if d != kontroll]
        assert not any(er_gyldig_organisasjonsnummer(forste_atte + str(d)) for d in others)


@given(atte_sifre, st.integers(min_value=0, max_value=7), st.integers(min_value=1, max_value=9))
def test_a_single_mistyped_digit_is_always_caught(forste_atte, posisjon, endring):
    kontroll = organisasjonsnummer_kontrollsiffer(forste_atte)
    if kontroll is None:
        return
    gyldig = forste_atte + str(kontroll)
    feil_siffer = (int(gyldig[posisjon]) + endring) % 10
    feiltastet = gyldig[:posisjon] + str(feil_siffer) + gyldig[posisjon + 1 :]
    assert not er_gyldig_organisasjonsnummer(feiltastet)


@given(st.text(max_size=12).filter(lambda s: not (len(s) == 9 and s.isascii() and s.isdigit())))
def test_anything_but_nine_ascii_digits_is_invalid(tekst):
    assert not er_gyldig_organisasjonsnummer(tekst)
    with pytest.raises(ValidationError):
        valider_organisasjonsnummer(tekst)


@pytest.mark.parametrize("nummer", ["3201", "0301", "3903", "5001"])
def test_valid_municipality_numbers(nummer):
    valider_kommunenummer(nummer)


@pytest.mark.parametrize("nummer", ["320", "32011", "32a1", "0001", "", " 3201"])
def test_invalid_municipality_numbers(nummer):
    with pytest.raises(ValidationError):
        valider_kommunenummer(nummer)
