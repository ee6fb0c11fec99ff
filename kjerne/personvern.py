"""One screening rule for patient identifiers in every free text a person types or uploads.

Nothing in this service is about a patient, so a text that holds a fødselsnummer, D-nummer,
H-nummer or FH-nummer (felles hjelpenummer) is refused, whatever field it came through: forms
(kjerne.forms.DsSkjema screens every text field), services (krev_uten_personnummer) and, as
the last line, every save of a text column of the domain apps (kjerne.apps connects
skjerm_modell to pre_save), which also covers imports and management commands.

How a number is recognised (docs/personvern.md has the measurements):
- The text is normalised first: NFKC turns full-width digits, the non-breaking and thin spaces
  and full-width punctuation into their plain forms, invisible format characters (zero-width
  space, soft hyphen) are dropped, and digits of every script become 0–9.
- Digits may be grouped by short runs (one to three characters) of white space (space, tab,
  newline), hyphens and dashes, dots and slashes. Eleven digits in a row of such groups are a
  candidate when they are whole groups and the groups split them only where a fødselsnummer
  is split when written: after the day, month or year of the date and after the individual
  number, and after the year whenever they are split at all (`010101 12345`, `0101 01 12345`,
  `24.08.75 48429`, `010101-123 45`). So a case number `2011/12345-11` (split after four and
  nine) or a phone number with extension `912 34 567-123` is not a candidate, and a longer
  run of digits is never cut in pieces.
- A candidate is an identifier when both check digits are right, under the rules before 2032
  or from 2032 (first check digit with remainder 0–3), and the first six digits are a date
  (day + 40 for D-nummer, month + 40 for H-nummer). An FH-nummer has no date: it begins with
  8 or 9 and has both check digits of the rules before 2032.

The refusal names the field and why; it never repeats the number, so it is safe in logs.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from kjerne.feil import Domenefeil

# The check digit itself has weight 1: a valid number sums to 0 modulo 11.
VEKTER_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
VEKTER_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
K1_REST_FRA_2032 = (0, 1, 2, 3)

# Where a written identifier may be split: after DD, MM, YY and the individual number.
DELINGER = frozenset({2, 4, 6, 9})
DELING_ETTER_AR = 6

# White space (NFKC has made NBSP and thin spaces plain), hyphens and dashes, dots, slashes,
# and the underscore file names use for a space («epikrise_240875_00000.pdf»).
_SKILLE = r"[\s._\-/\u2010-\u2015\u2212]{1,3}"
_REKKE = re.compile(rf"(?<!\d)\d+(?:{_SKILLE}\d+)*")
_SIFRE = re.compile(r"\d+")

MELDING = _(
    "«%(felt)s» ser ut til å inneholde et fødselsnummer eller D-nummer (eller H- eller "
    "FH-nummer). Ingen tekst her skal inneholde opplysninger som kan identifisere en pasient. "
    "Fjern nummeret og skriv teksten uten navn og nummer, for eksempel «pasient utskrevet "
    "kl. 22.10 uten epikrise». Resten av det du skrev er beholdt."
)


def normaliser(tekst: str) -> str:
    """The text as the screen reads it: plain digits, spaces and punctuation, no hidden marks."""
    tekst = unicodedata.normalize("NFKC", tekst)
    return "".join(
        str(unicodedata.decimal(tegn))
        if tegn.isdecimal()
        else ""
        if unicodedata.category(tegn) == "Cf"
        else tegn
        for tegn in tekst
    )


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
    """Whether eleven digits are a fødselsnummer, D-, H- or FH-nummer (rules old and new)."""
    if len(nummer) != 11 or not nummer.isascii() or not nummer.isdigit():
        return False
    if _rest(nummer, VEKTER_K2) != 0:
        return False
    rest_k1 = _rest(nummer[:10], VEKTER_K1)
    if nummer[0] in "89" and rest_k1 == 0:  # FH-nummer: no date, rules before 2032
        return True
    return rest_k1 in K1_REST_FRA_2032 and _gyldig_dato(nummer[:6])


def _kandidater(tekst: str) -> Iterator[str]:
    """Every eleven digits written as an identifier may be, without separators."""
    for rekke in _REKKE.finditer(tekst):
        grupper = _SIFRE.findall(rekke.group(0))
        for start in range(len(grupper)):
            sifre, delinger = "", set()
            for gruppe in grupper[start:]:
                if sifre:
                    delinger.add(len(sifre))
                sifre += gruppe
                if len(sifre) >= 11:
                    break
            if (
                len(sifre) == 11
                and delinger <= DELINGER
                and (not delinger or DELING_ETTER_AR in delinger)
            ):
                yield sifre


def finn_personnummer(tekst: str | None) -> list[str]:
    """Every identifier in the text, as plain digits (for tests and counting; never show it)."""
    if not tekst:
        return []
    return [k for k in _kandidater(normaliser(tekst)) if er_personnummer(k)]


def har_personnummer(tekst: str | None) -> bool:
    return bool(finn_personnummer(tekst))


def melding(felt: str) -> str:
    return MELDING % {"felt": felt}


def krev_uten_personnummer(*tekster: str | None, **felter: str | None) -> None:
    """Refuse with a Domenefeil if a text holds an identifier; name the field when given.

    Keyword arguments are field labels and their texts: krev_uten_personnummer(tittel=...)
    gives «tittel» in the message. Positional texts are called «teksten».
    """
    for navn, tekst in [(str(_("Teksten")), t) for t in tekster] + list(felter.items()):
        if isinstance(tekst, str) and har_personnummer(tekst):
            raise Domenefeil(melding(navn))


# Text columns that are not typed by a person: keys, hashes, codes and machine messages.
UNNTAK = frozenset({"password", "sha256", "innhold", "okt_nokkel", "feil", "history_change_reason"})
SKJERMEDE_APPER = frozenset({"avtaler", "avvik", "helsefellesskap"})


def _tekstfelt(modell) -> list:
    from django.db import models

    return [
        f
        for f in modell._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.FileField)
        and not f.choices
        and f.name not in UNNTAK
    ]


def _er_historikk(modell) -> bool:
    return any(f.name == "history_id" for f in modell._meta.concrete_fields)


def skjerm_modell(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save: the last line — no text column of the domain apps stores an identifier."""
    if raw or sender._meta.app_label not in SKJERMEDE_APPER:
        return
    # A save of named fields (a step in a flow) checks those: a text stored before the screen
    # knew its spelling must not stop the work on the row it sits in.
    bare = kwargs.get("update_fields")
    if bare is None and _er_historikk(sender):
        # A history row copies the row it records: a new text has met the screen there, and
        # one stored before it must not stop the step that writes the history.
        return
    for felt in _tekstfelt(sender):
        if bare is not None and felt.name not in bare and felt.attname not in bare:
            continue
        verdi = getattr(instance, felt.attname, None)
        tekst = getattr(verdi, "name", verdi)  # a file: its name
        if isinstance(tekst, str) and har_personnummer(tekst):
            raise Domenefeil(melding(str(felt.verbose_name)))
