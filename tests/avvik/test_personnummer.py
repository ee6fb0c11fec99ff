"""The screen refuses real-looking identifiers and lets other numbers through."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from avvik.personnummer import er_personnummer, finn_personnummer


def _lag(dato: datetime.date, individ: int, d_nummer: bool = False) -> str | None:
    """A number with the old (pre-2032) check digits, or None if none exists."""
    dag = dato.day + (40 if d_nummer else 0)
    grunn = f"{dag:02d}{dato.month:02d}{dato.year % 100:02d}{individ:03d}"
    v1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    k1 = (11 - sum(int(s) * v for s, v in zip(grunn, v1, strict=True)) % 11) % 11
    if k1 == 10:
        return None
    v2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    k2 = (11 - sum(int(s) * v for s, v in zip(grunn + str(k1), v2, strict=True)) % 11) % 11
    if k2 == 10:
        return None
    return f"{grunn}{k1}{k2}"


datoer = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2039, 12, 31))
individer = st.integers(min_value=0, max_value=999)


@given(datoer, individer, st.booleans())
def test_valid_fodselsnummer_and_d_nummer_are_found(dato, individ, d_nummer):
    nummer = _lag(dato, individ, d_nummer)
    if nummer is None:
        return
    assert er_personnummer(nummer)
    for skrevet in (nummer, f"{nummer[:6]} {nummer[6:]}", f"{nummer[:6]}.{nummer[6:]}"):
        assert finn_personnummer(f"Pasienten med {skrevet} ble skrevet ut kl. 22.") == [skrevet]


@given(datoer, individer)
def test_a_mistyped_check_digit_is_not_an_identifier(dato, individ):
    nummer = _lag(dato, individ)
    if nummer is None:
        return
    feil = nummer[:10] + str((int(nummer[10]) + 1) % 10)
    assert not er_personnummer(feil)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_numbers_with_an_impossible_date_always_pass(nummer):
    if int(nummer[2:4]) % 40 in range(1, 13) and int(nummer[0:2]) % 40 in range(1, 32):
        return
    assert not er_personnummer(nummer)


@given(st.text(max_size=200))
def test_never_crashes_and_finds_only_real_candidates(tekst):
    for funn in finn_personnummer(tekst):
        assert funn in tekst


def test_numbers_embedded_in_longer_runs_are_not_split():
    nummer = _lag(datetime.date(1985, 3, 14), 123) or _lag(datetime.date(1985, 3, 14), 124)
    assert finn_personnummer(f"Saksnummer 9{nummer}9") == []
    assert finn_personnummer(f"ref:{nummer}.") == [nummer]


def test_ordinary_eleven_digit_numbers_pass():
    assert finn_personnummer("Sak 20260312345 og telefon 47 12 34 56 78") == []
    assert not er_personnummer("12345678901")


def test_numbers_valid_only_under_the_2032_rule_are_refused():
    # Build a number whose first check digit gives remainder 2 (allowed from 2032 only).
    grunn = "010150123"
    for k1 in range(10):
        sum1 = (
            sum(
                int(s) * v
                for s, v in zip(grunn + str(k1), (3, 7, 6, 1, 8, 9, 4, 5, 2, 1), strict=True)
            )
            % 11
        )
        if sum1 != 2:
            continue
        for k2 in range(10):
            nummer = f"{grunn}{k1}{k2}"
            if (
                sum(
                    int(s) * v
                    for s, v in zip(nummer, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)
                )
                % 11
                == 0
            ):
                assert er_personnummer(nummer)
                return
    raise AssertionError("no 2032-rule number built")
