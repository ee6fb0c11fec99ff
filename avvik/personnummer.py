"""Screening free text for patient identifiers: fødselsnummer, D-nummer and H-nummer.

An avvik is about the system, never about a patient. An 11-digit number (optionally
with a space or dot between the date and the personal number) with a valid date and
valid check digits is refused. From 2032 new numbers are gender-neutral and the first
check digit accepts remainders 0–3; a screen written today accepts those too, or it
would let new numbers through. Other 11-digit numbers (case numbers, phone-like strings)
pass.
"""

import datetime
import re

# The check digit itself has weight 1: a valid number sums to 0 modulo 11.
VEKTER_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
VEKTER_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
K1_REST_FRA_2032 = (0, 1, 2, 3)

# Six digits, an optional space or dot, five digits; not part of a longer run of digits.
KANDIDAT = re.compile(r"(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)")


def _gyldig_dato(sifre: str) -> bool:
    dag, maned, ar = int(sifre[0:2]), int(sifre[2:4]), int(sifre[4:6])
    if dag > 40:  # D-nummer: day + 40
        dag -= 40
    if maned > 40:  # H-nummer: month + 40
        maned -= 40
    try:
        datetime.date(2000 + ar, maned, dag)
    except ValueError:
        # 29 February of a year that is a leap year only in the other century.
        try:
            datetime.date(1900 + ar, maned, dag)
        except ValueError:
            return False
    return True


def _rest(sifre: str, vekter: tuple[int, ...]) -> int:
    return sum(int(s) * v for s, v in zip(sifre, vekter, strict=True)) % 11


def er_personnummer(nummer: str) -> bool:
    """Whether eleven digits are a fødselsnummer, D-nummer or H-nummer (rules old and new)."""
    if len(nummer) != 11 or not nummer.isascii() or not nummer.isdigit():
        return False
    return (
        _gyldig_dato(nummer[:6])
        and _rest(nummer[:10], VEKTER_K1) in K1_REST_FRA_2032
        and _rest(nummer, VEKTER_K2) == 0
    )


def finn_personnummer(tekst: str) -> list[str]:
    """Every identifier in the text, as it was written."""
    return [
        treff.group(0)
        for treff in KANDIDAT.finditer(tekst or "")
        if er_personnummer(treff.group(1) + treff.group(2))
    ]
