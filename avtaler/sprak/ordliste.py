"""The word lists compiled into patterns, once per set of lists."""

import re
from dataclasses import dataclass, field
from functools import cached_property

from avtaler.sprak.data import (
    BISETNING,
    IKKE_PART,
    KATEGORIER,
    KOMMUNEN,
    PART,
    STANDARD,
    kommunenavn,
)

# (category, expression, explanation, written standard, meaning)
Uttrykk = tuple[str, str, str, str, str]

_STOR = "[A-ZÆØÅ]"


def _ord_monster(ord_: str) -> str:
    if ord_ == "…":
        return r"(?:[\w.§-]+\s+){0,5}?"
    if ord_ == "<Navn>":
        return rf"(?-i:{_STOR}[\w.-]*)"
    if ord_ == "<X>":
        return rf"(?-i:{_STOR})"
    if sum(c.isupper() for c in ord_) >= 2:
        return rf"(?-i:{re.escape(ord_)})"  # an abbreviation: «SI», not the verb «si»
    return re.escape(ord_).replace(r"\*", r"\w*")


def uttrykk_monster(uttrykk: str) -> str:
    """One expression in the lists' notation as a regular expression (whole words)."""
    deler, monster = uttrykk.split(), ""
    for i, ord_ in enumerate(deler):
        monster += _ord_monster(ord_)
        if i < len(deler) - 1 and ord_ != "…":
            monster += r"\s+"
    return rf"(?<![\w-]){monster}(?![\w-])"


@dataclass(frozen=True)
class Treff:
    start: int
    slutt: int
    tekst: str
    kategori: str
    betyr: str = ""
    forklaring: str = ""


@dataclass
class Ordliste:
    """The word lists, compiled once. `navn` are extra party names (organisations in the
    database): (name, meaning)."""

    uttrykk: list[Uttrykk] = field(default_factory=lambda: list(STANDARD))
    navn: list[tuple[str, str]] = field(default_factory=list)
    # Analyses already made with these lists, by (text, written standard): signed text never
    # changes, so the language page and the matrix need not read it again.
    buffer: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _alle(self) -> list[Uttrykk]:
        flerords = [
            (PART, f"{n} kommune", "", "", KOMMUNEN)
            for n in kommunenavn()
            if len(n.split()) > 1 or "-" in n
        ]
        return (
            list(self.uttrykk)
            + flerords
            + [(PART, re.sub(r"\s+", " ", n.strip()), "", "", b) for n, b in self.navn if n.strip()]
        )

    @cached_property
    def _monstre(self) -> dict[tuple[str, str], list[tuple[re.Pattern, Uttrykk, str, bool]]]:
        monstre: dict[tuple[str, str], list] = {}
        for rad in self._alle:
            kategori, uttrykk, _f, malform, _b = rad
            if kategori not in KATEGORIER or not uttrykk:
                continue
            monster = re.compile(uttrykk_monster(uttrykk), re.IGNORECASE)
            # A literal word the text must contain, so most patterns are skipped at once.
            bokstavelig = [o for o in uttrykk.split() if not any(t in o for t in "<*…")]
            nokkel = max(bokstavelig, key=len).lower() if bokstavelig else ""
            jokertegn = any(t in uttrykk for t in "<*…")
            for mf in ("nb", "nn") if not malform else (malform,):
                monstre.setdefault((kategori, mf), []).append((monster, rad, nokkel, jokertegn))
        return monstre

    def finn(self, tekst: str, kategori: str, malform: str | None = None) -> list[Treff]:
        """All matches of a category, longest first where they overlap; `malform` None means
        both written standards."""
        kandidater: dict[tuple[int, int], Treff] = {}
        liten = tekst.lower()
        for mf in (malform,) if malform else ("nb", "nn"):
            for monster, rad, nokkel, jokertegn in self._monstre.get((kategori, mf), []):
                if nokkel and nokkel not in liten:
                    continue
                kat, _u, forklaring, _m, betyr = rad
                for m in monster.finditer(tekst):
                    if m.end() == m.start():
                        continue
                    treff = Treff(m.start(), m.end(), m.group(0), kat, betyr, forklaring)
                    gammel = kandidater.get((m.start(), m.end()))
                    # On a tie an exact expression beats one with wildcards.
                    if gammel is None or not jokertegn:
                        kandidater[(m.start(), m.end())] = treff
        valgt: list[Treff] = []
        for t in sorted(kandidater.values(), key=lambda t: (-(t.slutt - t.start), t.start)):
            if all(t.slutt <= v.start or t.start >= v.slutt for v in valgt):
                valgt.append(t)
        return sorted(valgt, key=lambda t: t.start)

    def finn_parter(self, tekst: str, malform: str | None = None) -> list[Treff]:
        """Parties and third parties together, so that the longer name wins
        («Helse Vest RHF» is a third party, not «Helse <Navn>»)."""
        alle = self.finn(tekst, PART, malform) + self.finn(tekst, IKKE_PART, malform)
        valgt: list[Treff] = []
        for t in sorted(alle, key=lambda t: (-(t.slutt - t.start), t.start)):
            if all(t.slutt <= v.start or t.start >= v.slutt for v in valgt):
                valgt.append(t)
        return sorted(valgt, key=lambda t: t.start)

    def ord_i(self, kategori: str) -> set[str]:
        """The plain one-word expressions of a category, lower case (for word tests)."""
        return {u.lower() for k, u, *_ in self._alle if k == kategori and " " not in u}

    def fraser_i(self, kategori: str) -> list[str]:
        return sorted(
            (u.lower() for k, u, *_ in self._alle if k == kategori), key=len, reverse=True
        )

    @cached_property
    def bisetningsord(self) -> set[str]:
        return self.ord_i(BISETNING)


STANDARD_ORDLISTE = Ordliste()
