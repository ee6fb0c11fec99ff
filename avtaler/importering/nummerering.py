"""Word's automatic numbering, rendered as Word shows it (ECMA-376 part 1, § 17.9).

A paragraph's number lives in numbering.xml, not in its text: the paragraph (or its
style) names a list (numId) and a level (ilvl); the list points at an abstract definition
whose level says where to start, which format (1, a, i, bullet) and which text («%1.%2»).
Counters belong to the abstract definition, so lists that share one continue each other,
unless a list restarts a level with startOverride. A level restarts when a higher level
is used, unless lvlRestart says otherwise.
"""

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Bullets set in Symbol or Wingdings use private-use code points; show them as Word does.
PUNKTTEGN = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "□",
    "\uf06e": "■",
    "\uf0e0": "➢",
    "\uf02d": "–",
}
_ROMERSK = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _romersk(n: int) -> str:
    ut = ""
    for verdi, tegn in _ROMERSK:
        while n >= verdi:
            ut += tegn
            n -= verdi
    return ut


def _bokstav(n: int) -> str:
    # Word's letters: a … z, then aa … zz, aaa …
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def formater(n: int, format_: str) -> str:
    if format_ == "lowerLetter":
        return _bokstav(n)
    if format_ == "upperLetter":
        return _bokstav(n).upper()
    if format_ == "lowerRoman":
        return _romersk(n)
    if format_ == "upperRoman":
        return _romersk(n).upper()
    if format_ == "decimalZero":
        return f"{n:02d}"
    if format_ == "none":
        return ""
    return str(n)  # decimal, and the formats Norwegian agreements do not use


@dataclass
class Niva:
    start: int = 1
    format: str = "decimal"
    tekst: str = "%1."
    restart: int | None = None  # lvlRestart: None = after any higher level; 0 = never
    lovlig: bool = False  # isLgl: show every level's number as decimal
    stil: str = ""  # pStyle: the paragraph style bound to this level


@dataclass
class Liste:
    abstrakt: str
    start_overstyring: dict[int, int] = field(default_factory=dict)
    niva_overstyring: dict[int, Niva] = field(default_factory=dict)


def les_niva(element) -> Niva:
    def verdi(navn: str, standard=None):
        node = element.find(f"{W}{navn}")
        return node.get(f"{W}val", standard) if node is not None else standard

    restart = verdi("lvlRestart")
    tekst = verdi("lvlText", "")
    return Niva(
        start=int(verdi("start", "1") or 1),
        format=verdi("numFmt", "decimal") or "decimal",
        tekst=tekst,
        restart=int(restart) if restart is not None and restart.isdigit() else None,
        lovlig=element.find(f"{W}isLgl") is not None and verdi("isLgl", "1") not in ("0", "false"),
        stil=verdi("pStyle", "") or "",
    )


class Nummerering:
    """The state of all lists while a document is read from start to end."""

    def __init__(self):
        self.abstrakte: dict[str, dict[int, Niva]] = {}
        self.stillenker: dict[str, str] = {}  # abstractNum id → numbering style it defers to
        self.lister: dict[str, Liste] = {}
        self.stil_liste: dict[str, str] = {}  # numbering style id → numId (styles.xml)
        self._tellere: dict[str, list[int | None]] = {}
        self._brukt: set[str] = set()

    def les_abstrakt(self, element) -> None:
        abstrakt_id = element.get(f"{W}abstractNumId", "")
        nivaer = {}
        for lvl in element.findall(f"{W}lvl"):
            nivaer[int(lvl.get(f"{W}ilvl", "0"))] = les_niva(lvl)
        self.abstrakte[abstrakt_id] = nivaer
        lenke = element.find(f"{W}numStyleLink")
        if lenke is not None:
            self.stillenker[abstrakt_id] = lenke.get(f"{W}val", "")

    def les_liste(self, element) -> None:
        num_id = element.get(f"{W}numId", "")
        abstrakt = element.find(f"{W}abstractNumId")
        liste = Liste(abstrakt.get(f"{W}val", "") if abstrakt is not None else "")
        for overstyring in element.findall(f"{W}lvlOverride"):
            ilvl = int(overstyring.get(f"{W}ilvl", "0"))
            start = overstyring.find(f"{W}startOverride")
            if start is not None:
                liste.start_overstyring[ilvl] = int(start.get(f"{W}val", "1"))
            lvl = overstyring.find(f"{W}lvl")
            if lvl is not None:
                liste.niva_overstyring[ilvl] = les_niva(lvl)
        self.lister[num_id] = liste

    def _abstrakt(self, num_id: str, dybde: int = 0) -> str | None:
        liste = self.lister.get(num_id)
        if liste is None:
            return None
        abstrakt = liste.abstrakt
        # numStyleLink: the definition lives with the numbering style's own list.
        stil = self.stillenker.get(abstrakt)
        if stil and dybde < 3 and (lenket := self.stil_liste.get(stil)):
            return self._abstrakt(lenket, dybde + 1) or abstrakt
        return abstrakt

    def niva_for_stil(self, num_id: str, stil_id: str) -> int | None:
        abstrakt = self._abstrakt(num_id)
        for ilvl, niva in self.abstrakte.get(abstrakt or "", {}).items():
            if niva.stil == stil_id:
                return ilvl
        return None

    def _niva(self, num_id: str, abstrakt: str, ilvl: int) -> Niva | None:
        liste = self.lister[num_id]
        return liste.niva_overstyring.get(ilvl) or self.abstrakte.get(abstrakt, {}).get(ilvl)

    def neste(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Count a paragraph in list ``num_id`` at level ``ilvl``: its label and format."""
        if num_id in ("", "0") or num_id not in self.lister:
            return None
        abstrakt = self._abstrakt(num_id)
        if abstrakt is None:
            return None
        niva = self._niva(num_id, abstrakt, ilvl)
        if niva is None:
            return None
        tellere = self._tellere.setdefault(abstrakt, [None] * 10)
        if num_id not in self._brukt:
            self._brukt.add(num_id)
            for overstyrt in self.lister[num_id].start_overstyring:
                if 0 <= overstyrt < 10:
                    tellere[overstyrt] = None
        tellere[ilvl] = (
            self._start(num_id, abstrakt, ilvl) if tellere[ilvl] is None else tellere[ilvl] + 1
        )
        for dypere in range(ilvl + 1, 10):
            dyp = self._niva(num_id, abstrakt, dypere)
            restart = dyp.restart if dyp is not None else None
            if restart == 0 or (restart is not None and ilvl > restart - 1):
                continue
            tellere[dypere] = None
        if niva.format == "bullet":
            tegn = niva.tekst[:1]
            return PUNKTTEGN.get(tegn, tegn or "•"), "bullet"
        etikett = niva.tekst
        for nivaa in range(9, -1, -1):
            plass = f"%{nivaa + 1}"
            if plass not in etikett:
                continue
            annen = self._niva(num_id, abstrakt, nivaa)
            verdi = tellere[nivaa]
            if verdi is None:
                verdi = self._start(num_id, abstrakt, nivaa)
            format_ = "decimal" if niva.lovlig else (annen.format if annen else "decimal")
            etikett = etikett.replace(plass, formater(verdi, format_))
        return etikett.strip(), niva.format

    def _start(self, num_id: str, abstrakt: str, ilvl: int) -> int:
        overstyrt = self.lister[num_id].start_overstyring.get(ilvl)
        if overstyrt is not None:
            return overstyrt
        niva = self._niva(num_id, abstrakt, ilvl)
        return niva.start if niva else 1
