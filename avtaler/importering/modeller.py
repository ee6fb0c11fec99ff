"""The data an import passes between its stages: lines read from a file, remarks, sections.

Reading (text, Word, PDF) produces `Lesing`: lines with what the format told about them.
Interpreting produces `Importresultat`: numbered sections, remarks tied to the line they
concern, and the role each line got, so the preview can show and correct it line by line.
Both are plain data that survive a trip through JSON (the child process, the session).
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import asdict, dataclass, field, fields

from kjerne.feil import Domenefeil


class Importfeil(Domenefeil):
    """The file cannot be imported; the message says why and what to do."""


@dataclass
class Linje:
    """One line of a text file or PDF page, or one paragraph or table row of a document."""

    nr: int  # 1-based; what the preview and the remarks call «linje N»
    tekst: str
    side: int = 0  # page, when the format has pages
    hel: bool = False  # a whole paragraph (Word, ODF) rather than a line a PDF or editor wrapped
    etikett: str = ""  # Word's automatic number or bullet as Word shows it: «2.1», «a)», «•»
    liste_id: str = ""  # which Word list the label belongs to
    niva: int = 0  # list level (Word's ilvl), or indentation level guessed from a PDF
    overskrift: int = 0  # outline level 1–9 from a Word heading style; 0: not a heading style
    art: str = ""  # "" | "tabell" | "innhold" (Word's table of contents) | "tittel" | "fotnote"
    celler: list[str] = field(default_factory=list)  # a table row's cells
    tomme_foer: int = 0  # empty lines (or a gap as tall as one) before this line
    innrykk: float = 0.0  # PDF: left edge relative to the page's text margin, in points
    fet: bool = False  # PDF: set in a bold font
    storre: bool = False  # PDF: set larger than the body text

    def som_liste(self) -> list:
        return [getattr(self, f.name) for f in fields(self)]

    @classmethod
    def fra_liste(cls, verdier: list) -> Linje:
        return cls(*verdier)


@dataclass
class Merknad:
    """Something the coordinator should check, at the line where it happens when known."""

    tekst: str
    linje: int | None = None
    art: str = ""
    alvor: str = "advarsel"  # "advarsel" lowers the confidence; "info" only tells

    def __str__(self) -> str:
        return self.tekst


@dataclass
class Lesing:
    """What reading a file gave: its lines, the format's name, and what reading noticed."""

    format: str  # as the preview names it: «Word (.docx)», «PDF», «ren tekst (UTF-8)»
    linjer: list[Linje]
    merknader: list[Merknad] = field(default_factory=list)
    ombrukket: bool = True  # lines were wrapped by the exporter and may be joined
    tittel: str = ""  # the document's title as the format marks it (Word's Title style)
    maks_minne_mb: float = 0.0  # peak memory of the reading, when it ran in a child process

    def til_json(self) -> str:
        data = asdict(self)
        data["linjer"] = [linje.som_liste() for linje in self.linjer]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def fra_json(cls, tekst: str) -> Lesing:
        data = json.loads(tekst)
        data["linjer"] = [Linje.fra_liste(v) for v in data["linjer"]]
        data["merknader"] = [Merknad(**m) for m in data["merknader"]]
        return cls(**data)

    def pakket(self) -> str:
        """Compressed for the session: a long agreement's lines shrink about five times."""
        return base64.b64encode(zlib.compress(self.til_json().encode(), 6)).decode("ascii")

    @classmethod
    def utpakket(cls, data: str) -> Lesing:
        # Our own session data; the size was bounded when the file was read.
        return cls.fra_json(zlib.decompress(base64.b64decode(data)).decode())


@dataclass
class Seksjon:
    nummer: str
    overskrift: str
    blokker: list[str] = field(default_factory=list)
    linje: int = 0  # the heading's line

    @property
    def niva(self) -> int:
        return self.nummer.count(".") + 1 if self.nummer else 1

    @property
    def tekst(self) -> str:
        return "\n\n".join(self.blokker)

    @property
    def ord(self) -> int:
        return len(self.tekst.split())


# What a line became; the preview shows it beside the line.
ROLLER = {
    "overskrift": "Overskrift",
    "tittel": "Tittel",
    "avsnitt": "Avsnitt",
    "fortsettelse": "Fortsetter avsnittet",
    "punkt": "Punktliste",
    "nummer": "Nummerert liste",
    "tabell": "Tabell",
    "innhold": "Innholdsfortegnelse (utelatt)",
    "sidemobel": "Topptekst, bunntekst eller sidetall (utelatt)",
    "tom": "Tom",
}


@dataclass
class Linjerolle:
    linje: Linje
    rolle: str
    nummer: str = ""  # for a heading


@dataclass
class Importresultat:
    seksjoner: list[Seksjon]
    merknader: list[Merknad]
    tittel: str = ""
    format: str = ""
    roller: list[Linjerolle] = field(default_factory=list)

    def punkter(self):
        from avtaler.services import NyttPunkt

        return [NyttPunkt(s.nummer, s.overskrift, s.tekst) for s in self.seksjoner]

    @property
    def advarsler(self) -> list[Merknad]:
        return [m for m in self.merknader if m.alvor == "advarsel"]

    @property
    def sikkerhet(self) -> str:
        """How far the coordinator can trust the result: «høy», «middels» or «lav»."""
        advarsler = len(self.advarsler)
        if advarsler == 0:
            return "høy"
        if advarsler <= 2 and not any(m.art in ALVORLIGE for m in self.advarsler):
            return "middels"
        return "lav"

    def merknader_for(self, nr: int) -> list[Merknad]:
        return [m for m in self.merknader if m.linje == nr]

    def som_markdown(self) -> str:
        """The agreement as the Markdown the product stores: one heading line per section."""
        deler = []
        for seksjon in self.seksjoner:
            hode = f"{'#' * seksjon.niva} {seksjon.nummer} {seksjon.overskrift}".replace("  ", " ")
            deler.append(hode.strip())
            if seksjon.blokker:
                deler.append(seksjon.tekst)
        return "\n\n".join(deler) + "\n"


# Doubts that on their own make the result untrustworthy.
ALVORLIGE = {"ordtap", "rekkefolge", "lang_seksjon", "overskrift_i_tekst"}
