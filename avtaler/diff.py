"""Differences between two versions of an agreement, clause by clause and word by word.

Clauses are paired by identity, so a renumbered clause is "flyttet", never
"fjernet" plus "lagt til".
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from avtaler.models import Punktversjon

_ORD = re.compile(r"\s+|\w+|[^\w\s]")


class Endring(StrEnum):
    LAGT_TIL = "lagt_til"
    FJERNET = "fjernet"
    ENDRET = "endret"
    FLYTTET = "flyttet"
    UENDRET = "uendret"


ETIKETTER = {
    Endring.LAGT_TIL: _("Lagt til"),
    Endring.FJERNET: _("Fjernet"),
    Endring.ENDRET: _("Endret"),
    Endring.FLYTTET: _("Flyttet"),
    Endring.UENDRET: _("Uendret"),
}


@dataclass(frozen=True)
class Bit:
    """A run of text that is equal in both, inserted (inn) or deleted (ut)."""

    type: str  # "lik" | "inn" | "ut"
    tekst: str


@dataclass
class Punktendring:
    fra: Punktversjon | None
    til: Punktversjon | None
    flyttet: bool = False
    overskrift: list[Bit] = field(default_factory=list)
    tekst: list[Bit] = field(default_factory=list)

    @property
    def endret_innhold(self) -> bool:
        return any(bit.type != "lik" for bit in (*self.overskrift, *self.tekst))

    @property
    def endringer(self) -> list[Endring]:
        if self.fra is None:
            return [Endring.LAGT_TIL]
        if self.til is None:
            return [Endring.FJERNET]
        typer = []
        if self.endret_innhold:
            typer.append(Endring.ENDRET)
        if self.flyttet:
            typer.append(Endring.FLYTTET)
        return typer or [Endring.UENDRET]

    @property
    def er_uendret(self) -> bool:
        return self.endringer == [Endring.UENDRET]

    @property
    def etiketter(self) -> list[str]:
        return [str(ETIKETTER[e]) for e in self.endringer]

    @property
    def gjeldende(self) -> Punktversjon:
        return self.til or self.fra


def _ubetydelig(tekst: str) -> bool:
    """A tiny equal run between two changes (a space, «og», «av») only fragments the diff."""
    return len(tekst.strip()) <= 3


def ord_diff(gammel: str, ny: str) -> list[Bit]:
    """Word-level difference, with tiny equal runs between changes folded into them."""
    if gammel == ny:
        return [Bit("lik", ny)] if ny else []
    a, b = _ORD.findall(gammel), _ORD.findall(ny)
    deler: list[list[str]] = []  # [type, old text, new text]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        deler.append(["lik" if op == "equal" else "endret", "".join(a[i1:i2]), "".join(b[j1:j2])])
    for i in range(1, len(deler) - 1):
        mellom_endringer = deler[i - 1][0] == "endret" and deler[i + 1][0] == "endret"
        if mellom_endringer and deler[i][0] == "lik" and _ubetydelig(deler[i][1]):
            deler[i][0] = "endret"
    biter: list[Bit] = []
    ut, inn = "", ""
    for type_, gammel_del, ny_del in deler:
        if type_ == "endret":
            ut, inn = ut + gammel_del, inn + ny_del
            continue
        if ut:
            biter.append(Bit("ut", ut))
        if inn:
            biter.append(Bit("inn", inn))
        ut, inn = "", ""
        biter.append(Bit("lik", gammel_del))
    if ut:
        biter.append(Bit("ut", ut))
    if inn:
        biter.append(Bit("inn", inn))
    return biter


def diff_versjoner(fra: list[Punktversjon], til: list[Punktversjon]) -> list[Punktendring]:
    """Pair the clauses of two versions by identity, in the order of the newer version.

    A removed clause is placed right after the clause that preceded it in the older version.
    """
    gamle = {p.punkt_id: p for p in fra}
    nye = {p.punkt_id: p for p in til}
    resultat: list[Punktendring] = []
    for ny in til:
        gammel = gamle.get(ny.punkt_id)
        if gammel is None:
            resultat.append(
                Punktendring(None, ny, tekst=[Bit("inn", ny.tekst)] if ny.tekst else [])
            )
            continue
        resultat.append(
            Punktendring(
                gammel,
                ny,
                flyttet=gammel.nummer != ny.nummer or gammel.forelder_id != ny.forelder_id,
                overskrift=ord_diff(gammel.overskrift, ny.overskrift),
                tekst=ord_diff(gammel.tekst, ny.tekst),
            )
        )
    plass = {endring.gjeldende.punkt_id: i for i, endring in enumerate(resultat)}
    forrige_id = None
    innsettinger: list[tuple[int, Punktendring]] = []
    for gammel in fra:
        if gammel.punkt_id not in nye:
            etter = plass.get(forrige_id, -1) if forrige_id else -1
            innsettinger.append(
                (
                    etter,
                    Punktendring(
                        gammel, None, tekst=[Bit("ut", gammel.tekst)] if gammel.tekst else []
                    ),
                )
            )
        else:
            forrige_id = gammel.punkt_id
    # Insert from the back so earlier positions stay valid; the sort is stable.
    for etter, endring in reversed(sorted(innsettinger, key=lambda par: par[0])):
        resultat.insert(etter + 1, endring)
    return resultat


def oppsummering(endringer: list[Punktendring]) -> dict[Endring, int]:
    antall = dict.fromkeys(Endring, 0)
    for endring in endringer:
        for e in endring.endringer:
            antall[e] += 1
    return antall


def tider_diff(fra, til) -> list[tuple[str, str, str]]:
    """The discharge hours that differ between two versions (Utskrivningstider or None):
    (kind of day, before, after), in the order the rules are read."""
    if fra is None and til is None:
        return []
    mangler = str(_("ikke registrert"))
    for_ = dict(fra.regler()) if fra else {}
    etter = dict(til.regler()) if til else {}
    navn = list(dict.fromkeys([*(n for n, _t in (til or fra).regler())]))
    return [
        (n, for_.get(n, mangler), etter.get(n, mangler))
        for n in navn
        if for_.get(n, mangler) != etter.get(n, mangler)
    ]
