"""One screen for patient identifiers in every free text (issue 15, item 1).

DOMAIN: an avvik — and nothing else in this service — is about the system, never about a
patient. FACTS: fødselsnummer DDMMYY + individual number + two check digits; D-nummer day + 40,
H-nummer month + 40; from 2032 the first check digit accepts remainders 0–3; require a valid
date so that case numbers and phone-like strings are not refused. FH-nummer (felles
hjelpenummer, Helsedirektoratet): first digit 8 or 9, no date, the same two check digits.

The valid numbers come from tests/personnummerhjelp.py, which is written from how people type
the numbers and does not use the screen's patterns.
"""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kjerne.bankregister import BANKREGISTER
from kjerne.feil import Domenefeil
from kjerne.personvern import (
    er_personnummer,
    finn_forekomster,
    finn_personnummer,
    har_personnummer,
    krev_uten_personnummer,
    masker,
    maskert_form,
)
from tests.personnummerhjelp import (
    GRUPPERINGER,
    TYPER,
    UTEN_DATO,
    eksempler,
    i_setning,
    kontonummer,
    lag,
    lag_med_dato,
    skriv,
    tallrik_tekst,
    tilfeldig,
    vanlige_tall,
)

FNR = "24087548429"  # valid: 24.08.75, individual number 484
FNR2 = "01019010046"


def test_every_kind_in_every_way_of_writing_is_found():
    """4,000 numbers: each kind in each grouping in turn, separators, scripts, surroundings and
    sentences at random. Every one is found, as its own digits."""
    savnet = [
        (type_, skrevet)
        for type_, nummer, skrevet in eksempler(4000, frø=15)
        if nummer not in finn_personnummer(skrevet)
    ]
    assert savnet == []


def test_every_kind_written_short_is_found():
    """The spellings that fit a field of twenty characters (a clause number, a reference)."""
    savnet = [s for _t, n, s in eksempler(1500, frø=16, kort=True) if n not in finn_personnummer(s)]
    assert savnet == []


@given(
    st.sampled_from(TYPER),
    st.sampled_from(GRUPPERINGER),
    st.integers(0, 2**32),
)
@settings(max_examples=300, deadline=None)
def test_property_any_valid_number_any_way_of_writing(type_, gruppering, frø):
    rng = tilfeldig(frø)
    nummer, dato = lag_med_dato(rng, type_)
    if dato is None and gruppering not in UTEN_DATO:
        gruppering = "11"
    tekst = i_setning(rng, skriv(rng, nummer, dato, gruppering))
    assert nummer in finn_personnummer(tekst), repr(tekst)


@pytest.mark.parametrize(
    "skrevet",
    [
        # issue 15
        "010190-10046",
        "24.08.75 48429",
        "010190\u00a010046",
        "010190\t10046",
        "010190\n10046",
        "010190\r\n10046",
        "010190/10046",
        "0101 90 10046",
        "01.01.90 100 46",
        "０１０１９０１００４６",
        "010190 - 10046",
        "epikrise_010190_10046.pdf",
        # found by the testers after the last round
        "24.08.1975 48429",
        "24.08.1975-484 29",
        "24081975 48429",
        "1975-08-24 48429",
        "240875    48429",
        "240875  -  -  48429",
        "240875,48429",
        "240875, 48429",
        "240875:48429",
        "240875;48429",
        "240875+48429",
        "(240875) 48429",
        "[240875]-[48429]",
        "240875 (48429)",
        "«240875 48429»",
        "fnr: 240875 personnr 48429",
        "24.08.75, pers. nr. 48429",
        "240875 pnr. 48429",
        "24.08.1975, fødselsnummer 48429",
        "240 875 48429",
        "2408 75 48429",
        "24\u200b0875 48429",
        "24\u00ad08\u00ad75\u00ad48429",
        "\u0662\u0664\u0660\u0668\u0667\u0665\u0664\u0668\u0664\u0662\u0669",
        "fnr 2408.75.48429",
    ],
)
def test_the_ways_of_writing_that_got_through_before_are_found(skrevet):
    """Issue 15 and the testers' list: every one of these was stored before."""
    assert finn_personnummer(f"Gjelder {skrevet}.") in ([FNR], [FNR2]), repr(skrevet)


def test_d_h_fh_and_2032_numbers_are_found():
    rng = tilfeldig(4)
    for type_ in TYPER:
        for _ in range(50):
            nummer = lag(rng, type_)
            assert er_personnummer(nummer), type_
            assert finn_personnummer(f"pas. {nummer[:6]} {nummer[6:]}") == [nummer]


@given(st.sampled_from(TYPER), st.integers(0, 2**32))
@settings(max_examples=200, deadline=None)
def test_a_mistyped_check_digit_is_not_an_identifier(type_, frø):
    nummer = lag(tilfeldig(frø), type_)
    feil = nummer[:10] + str((int(nummer[10]) + 1) % 10)
    assert not er_personnummer(feil)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_numbers_with_an_impossible_date_that_are_not_fh_numbers_always_pass(nummer):
    if nummer[0] in "89":
        return
    if int(nummer[2:4]) % 40 in range(1, 13) and int(nummer[0:2]) % 40 in range(1, 32):
        return
    assert not er_personnummer(nummer)


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_never_crashes_and_finds_only_eleven_digits_where_digits_are(tekst):
    for funn in finn_forekomster(tekst):
        assert len(funn.sifre) == 11 and funn.sifre.isdigit()
        assert 0 <= funn.start < funn.slutt <= len(tekst)
        assert not any(t.isdecimal() for t in maskert_form(tekst, funn))
    assert not har_personnummer(masker(tekst))


def test_numbers_embedded_in_longer_runs_are_not_split():
    nummer = lag(tilfeldig(1), "fnr")
    assert finn_personnummer(f"Saksnummer 9{nummer}9") == []
    assert finn_personnummer(f"Saksnummer 9 {nummer[:6]} {nummer[6:]}9") == []
    assert finn_personnummer(f"nr:{nummer}.") == [nummer]


def test_groupings_no_one_writes_an_identifier_in_pass():
    """A case number (split after four and nine digits) and a phone number with extension
    (after eight) are not read as identifiers, whatever their check digits."""
    assert finn_personnummer(f"{FNR[:4]}/{FNR[4:9]}-{FNR[9:]}") == []
    assert finn_personnummer(f"{FNR[:8]}-{FNR[8:]}") == []
    assert finn_personnummer(f"{FNR[:2]} {FNR[2:6]} {FNR[6:]}") == []
    assert finn_personnummer(f"{FNR[:3]} {FNR[3:6]} {FNR[6:9]} {FNR[9:]}") == []
    assert finn_personnummer("Sak 20260312345 og telefon 47 12 34 56 78") == []
    assert not er_personnummer("12345678901")


def test_a_word_between_the_groups_joins_them_only_when_it_names_an_identity_number():
    assert finn_personnummer("240875 personnr 48429") == [FNR]
    assert finn_personnummer("240875 sak 48429") == []
    assert finn_personnummer("24.08.1975 ref. 48429") == []
    assert finn_personnummer("24.08.75 og så 48429") == []
    # only between the date and the rest
    assert finn_personnummer("2408 pnr 75 48429") == []


FNR3 = "24087510073"  # valid: 24.08.75, individual number 100


@pytest.mark.parametrize(
    "skrevet",
    [
        "født 24.8.75 pnr 10073",
        "født 24.8.75, pnr 10073",
        "fnr 24.8.75 10073",
        "24.8.75 10073",
        "24.8.1975 10073",
        "24.8.1975 fødselsnummer 10073",
        "24.8.75 100 73",
        "24/8-75 10073",
        "24. 8. 75 10073",
    ],
)
def test_a_date_without_leading_zeros_and_the_five_last_digits_is_found(skrevet):
    """Domain review: «født 24.8.75 pnr 10073» got through. A date with a one-digit day or
    month, with or without a label word, followed by the five last digits is an identifier.
    Unlabelled too: a date and five digits is how a fødselsnummer is written, and the rule for
    dd.mm.åå nnnnn already refuses it (both measured at 3.3 % of dates and references, the
    «uten ord» row of docs/personvern.md)."""
    assert finn_personnummer(f"Gjelder {skrevet}.") == [FNR3], repr(skrevet)


def test_one_digit_day_and_month_in_every_kind():
    rng = tilfeldig(21)
    funnet = 0
    while funnet < 200:
        nummer, dato = lag_med_dato(rng, rng.choice(("fnr", "dnr", "hnr", "2032")))
        dag, maned = int(nummer[0:2]), int(nummer[2:4])
        if dag >= 10 and maned >= 10:
            continue
        funnet += 1
        for tekst in (
            f"{dag}.{maned}.{nummer[4:6]} {nummer[6:]}",
            f"født {dag}.{maned}.{dato.year} pnr {nummer[6:]}",
            f"{dag}.{maned}.{nummer[4:6]} {nummer[6:9]} {nummer[9:]}",
        ):
            assert finn_personnummer(tekst) == [nummer], tekst


def test_a_short_date_is_not_joined_to_digits_a_fodselsnummer_does_not_end_with():
    assert finn_personnummer("24.8.75 sak 10073") == []
    assert finn_personnummer("24.8.75 1007") == []
    assert finn_personnummer("24.8.75 100733") == []
    assert finn_personnummer("24.8.75 10 073") == []  # 2+3 is no way to write the rest
    assert finn_personnummer("24.8.2075 10073") == []  # a birth date that has not been
    assert finn_personnummer("124.8.75 10073") == []


@pytest.mark.parametrize(
    "skrevet",
    [
        "fnr 2408 7510073",
        "fnr 24 08 7510073",
        "fnr. 24087 510073",
        "personnummer: 2 4 0 8 7 5 1 0 0 7 3",
        "pnr 240-875-100-73",
        "født 2408 751 0073",
        "fnr 2408 1975 10073",
    ],
)
def test_after_a_label_word_any_grouping_of_a_valid_number_is_found(skrevet):
    """Domain review: «fnr 2408 7510073» got through. After a word naming an identity number,
    eleven digits (or a date with a four-digit year and five more) grouped any way count."""
    assert finn_personnummer(f"Gjelder {skrevet}.") == [FNR3], repr(skrevet)


def test_without_a_label_word_unusual_groupings_still_pass():
    assert finn_personnummer("2408 7510073") == []
    assert finn_personnummer("24 08 7510073") == []
    assert finn_personnummer("sak 2408 7510073") == []


def test_separators_are_bounded():
    assert finn_personnummer(f"{FNR[:6]}{' ' * 12}{FNR[6:]}") == [FNR]
    assert finn_personnummer(f"{FNR[:6]}{' ' * 13}{FNR[6:]}") == []


def test_a_four_digit_year_needs_a_birth_date_that_has_been():
    framtid = datetime.date.today() + datetime.timedelta(days=400)
    rng = tilfeldig(5)
    for _ in range(200):
        nummer, dato = lag_med_dato(rng, "fnr")
        assert finn_personnummer(f"{dato:%d.%m.%Y} {nummer[6:]}") == [nummer]
        assert finn_personnummer(f"{nummer[:2]}.{nummer[2:4]}.{framtid.year} {nummer[6:]}") == []
        assert finn_personnummer(f"{dato:%d.%m}.2175 {nummer[6:]}") == []


def test_account_numbers_in_their_own_spelling_pass_but_a_fodselsnummer_does_not():
    """An account number as the bank writes it (4.2.5) or 4+2+5 with a registered bank is an
    account number; the issue's `0101 01 12345` (no bank 0101) is still refused, and a word
    naming an identity number before it overrides the exception."""
    assert {"1503", "1506", "1600", "2801", "3000", "6010", "8601", "9001"} <= BANKREGISTER
    assert "0101" not in BANKREGISTER and "2408" not in BANKREGISTER
    assert finn_personnummer(f"{FNR[:4]}.{FNR[4:6]}.{FNR[6:]}") == []  # the bank's spelling
    assert finn_personnummer(f"{FNR[:4]} {FNR[4:6]} {FNR[6:]}") == [FNR]  # no bank 2408
    assert finn_personnummer(f"fnr {FNR[:4]}.{FNR[4:6]}.{FNR[6:]}") == [FNR]
    rng = tilfeldig(6)
    for _ in range(2000):
        konto = kontonummer(rng, BANKREGISTER)
        for tekst in (
            f"{konto[:4]}.{konto[4:6]}.{konto[6:]}",
            f"{konto[:4]} {konto[4:6]} {konto[6:]}",
            f"kontonr. {konto}",
            f"til konto {konto}",
        ):
            assert not har_personnummer(tekst), tekst
        if er_personnummer(konto):  # the same digits written as a fødselsnummer
            assert har_personnummer(f"{konto[:6]} {konto[6:]}")
            assert har_personnummer(f"fnr. {konto[:4]} {konto[4:6]} {konto[6:]}")


def test_a_word_naming_another_number_excepts_eleven_digits_in_one_only():
    for ord_ in ("KID", "KID-nr.:", "saksnr.", "arkivnr", "fakturanr", "ref."):
        assert finn_personnummer(f"{ord_} {FNR}") == [], ord_
        assert finn_personnummer(f"{ord_} {FNR[:6]} {FNR[6:]}") == [FNR], ord_
        assert finn_personnummer(f"{ord_} {FNR[:2]}.{FNR[2:4]}.{FNR[4:6]} {FNR[6:]}") == [FNR]
    assert finn_personnummer(f"konto {FNR}") == [FNR]  # 2408 is no bank
    assert finn_personnummer(f"fnr. {FNR}") == [FNR]


def test_a_phone_word_excepts_nothing_a_phone_number_never_has_eleven_digits():
    """Norwegian phone numbers have eight digits (+47 91234567 is ten with the country code,
    0047 91234567 twelve): eleven digits after «tlf.» are a fødselsnummer. A phone number
    with an extension is a grouping of its own and still passes."""
    for ord_ in ("tlf.", "tlf", "Tlf:", "telefon", "telefonnr.", "mobil", "mobilnr:", "tel."):
        assert finn_personnummer(f"{ord_} {FNR}") == [FNR], ord_
    for tekst in (
        "tlf. 91234567",
        "tlf. +47 91234567",
        "tlf. 0047 91234567",
        "mobil 912 34 567-123",
        "tlf. 91234567-123",
        "telefon 22 33 44 55 / 123",
    ):
        assert finn_personnummer(tekst) == [], tekst
    assert finn_personnummer(f"tlf. {FNR[:8]}-{FNR[8:]}") == []  # 8 + extension


def false_refusals(antall: int, frø: int) -> dict[str, float]:
    rng = tilfeldig(frø)
    avvist: dict[str, int] = {}
    for _ in range(antall):
        for slag, tekst in vanlige_tall(rng, BANKREGISTER).items():
            avvist[slag] = avvist.get(slag, 0) + har_personnummer(tekst)
    return {slag: n / antall for slag, n in avvist.items()}


def test_false_refusals_of_ordinary_eleven_digit_numbers_stay_below_one_in_a_thousand():
    """Issue 15: false refusals of ordinary 11-digit numbers below 0.1 %, measured on a fixed
    sample (bench/personvern.py measures 200,000 of each; docs/personvern.md has the figures).
    Eleven bare digits with nothing around them are the spelling of a fødselsnummer itself:
    those are measured and bounded here, and said in the docs, not promised."""
    andeler = false_refusals(5000, frø=15)
    lovet = {s: a for s, a in andeler.items() if not s.startswith("uten_ord")}
    assert len(lovet) >= 9
    assert {s: a for s, a in lovet.items() if a >= 0.001} == {}
    uten_ord = {s: a for s, a in andeler.items() if s.startswith("uten_ord")}
    assert all(a < 0.10 for a in uten_ord.values()), uten_ord


def test_numbers_in_number_dense_text_are_rarely_refused():
    """Minutes and statistics: many short numbers with punctuation between them."""
    rng = tilfeldig(15)
    avvist = sum(har_personnummer(tallrik_tekst(rng)) for _ in range(3000))
    assert avvist / 3000 < 0.003


def test_masking_keeps_everything_but_the_digits():
    tekst = f"Pasient «{FNR[:6]}\u00a0{FNR[6:]}» og ０１０１９０１００４６, rom 12."
    maskert = masker(tekst)
    assert maskert == "Pasient «XXXXXX\u00a0XXXXX» og XXXXXXXXXXX, rom 12."
    assert [maskert_form(tekst, f) for f in finn_forekomster(tekst)] == [
        "XXXXXX\u00a0XXXXX",
        "XXXXXXXXXXX",
    ]


def test_the_refusal_names_the_field_and_never_the_number():
    nummer = lag(tilfeldig(3), "dnr")
    with pytest.raises(Domenefeil) as feil:
        krev_uten_personnummer(**{"Hva skjedde?": f"Pasient {nummer} ble skrevet ut"})
    melding = str(feil.value)
    assert "«Hva skjedde?»" in melding and "fødselsnummer" in melding
    assert nummer not in melding and nummer[:6] not in melding


def test_2032_rule_numbers_are_refused_but_fh_numbers_only_with_the_old_rule():
    """Skatteetaten: from 2032 the first check digit may leave remainder 1–3."""
    nummer = lag(tilfeldig(4), "2032")
    assert er_personnummer(nummer)
    fh = lag(tilfeldig(5), "fh")
    assert er_personnummer(fh)
