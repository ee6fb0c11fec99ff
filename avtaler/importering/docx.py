"""Word (.docx) as Word means it: numbering, list styles, hyphens, tabs, tables, footnotes.

The parts are read as capped streams (`zipsikker`) and parsed element by element, so a
document of any shape takes memory in proportion to its largest paragraph, not its size.
No library is used for this: python-docx, docx2python and mammoth all inflate whole parts
into memory, and none renders Word's numbering as Word does (levels, restarts, «%1.%2»).
"""

import posixpath
import re
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from avtaler.importering.formater import MAKS_LINJER, MAKS_TEGN, Frist, sjekk_storrelse
from avtaler.importering.modeller import Importfeil, Lesing, Linje
from avtaler.importering.nummerering import PUNKTTEGN, Nummerering, W
from avtaler.importering.zipsikker import Arkiv, StromFil

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OVERSKRIFTSTIL = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_INNHOLDSSTIL = re.compile(
    r"^(?:toc|contents|innholdsfortegnelse|innhold|innhald|table of contents)\s*(?:\d|heading)?$",
    re.IGNORECASE,
)
_HEVET = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _elementer(arkiv: Arkiv, navn: str, tagger: set[str], frist: Frist):
    """Yield each element with one of ``tagger`` when it is complete, then free it."""
    if not navn or not arkiv.finnes(navn):
        return
    dybde = 0
    try:
        for hendelse, element in iterparse(
            StromFil(arkiv.strom(navn)), events=("start", "end"), forbid_dtd=True
        ):
            if hendelse == "start":
                dybde += 1
                continue
            dybde -= 1
            if element.tag in tagger:
                frist.sjekk()
                yield element
                element.clear()
            elif dybde <= 1:
                element.clear()
    except (ParseError, DefusedXmlException):
        raise arkiv.skadet() from None


class _Stil:
    def __init__(self, element):
        self.id = element.get(f"{W}styleId", "")
        navn = element.find(f"{W}name")
        self.navn = navn.get(f"{W}val", "") if navn is not None else ""
        arv = element.find(f"{W}basedOn")
        self.arv = arv.get(f"{W}val", "") if arv is not None else ""
        self.type = element.get(f"{W}type", "paragraph")
        num = element.find(f"{W}pPr/{W}numPr")
        self.num_id = self.ilvl = None
        if num is not None:
            node = num.find(f"{W}numId")
            self.num_id = node.get(f"{W}val") if node is not None else None
            node = num.find(f"{W}ilvl")
            self.ilvl = int(node.get(f"{W}val", "0")) if node is not None else None
        nivaa = element.find(f"{W}pPr/{W}outlineLvl")
        self.disposisjon = int(nivaa.get(f"{W}val", "9")) if nivaa is not None else None


class _Leser:
    def __init__(self, arkiv: Arkiv, frist: Frist):
        self.arkiv = arkiv
        self.frist = frist
        self.stiler: dict[str, _Stil] = {}
        self.nummerering = Nummerering()
        self.fotnoter: dict[str, str] = {}
        self.linjer: list[Linje] = []
        self.tegn = 0
        self.tittel = ""
        self.felt: list[list] = []  # open fields: [instruction, in result part]
        self.i_innhold = False
        self.notenummer = 0

    # --- parts ----------------------------------------------------------------------

    def deler(self) -> dict[str, str]:
        hoved = "word/document.xml"
        for rel in _elementer(self.arkiv, "_rels/.rels", {f"{_RELS}Relationship"}, self.frist):
            if rel.get("Type", "").endswith("/officeDocument"):
                hoved = rel.get("Target", hoved).lstrip("/")
        if not self.arkiv.finnes(hoved):
            raise self.arkiv.skadet()
        mappe = posixpath.dirname(hoved)
        deler = {"dokument": hoved}
        rels = posixpath.join(mappe, "_rels", posixpath.basename(hoved) + ".rels")
        for rel in _elementer(self.arkiv, rels, {f"{_RELS}Relationship"}, self.frist):
            art = rel.get("Type", "").rsplit("/", 1)[-1]
            if art in ("styles", "numbering", "footnotes", "endnotes"):
                mål = rel.get("Target", "")
                sti = (
                    mål.lstrip("/")
                    if mål.startswith("/")
                    else posixpath.normpath(posixpath.join(mappe, mål))
                )
                deler[art] = sti
        return deler

    def les_stiler(self, navn: str) -> None:
        for element in _elementer(self.arkiv, navn, {f"{W}style"}, self.frist):
            stil = _Stil(element)
            self.stiler[stil.id] = stil
            if stil.type == "numbering" and stil.num_id:
                self.nummerering.stil_liste[stil.id] = stil.num_id

    def les_nummerering(self, navn: str) -> None:
        for element in _elementer(self.arkiv, navn, {f"{W}abstractNum", f"{W}num"}, self.frist):
            if element.tag == f"{W}abstractNum":
                self.nummerering.les_abstrakt(element)
            else:
                self.nummerering.les_liste(element)

    def les_fotnoter(self, navn: str, merke: str) -> None:
        for element in _elementer(self.arkiv, navn, {f"{W}{merke}"}, self.frist):
            if element.get(f"{W}type") in (
                "separator",
                "continuationSeparator",
                "continuationNotice",
            ):
                continue
            tekster = [self.tekst(p)[0] for p in element.iter(f"{W}p")]
            self.fotnoter[f"{merke}:{element.get(f'{W}id')}"] = " ".join(
                t for t in tekster if t
            ).strip()

    # --- styles ---------------------------------------------------------------------

    def stilkjede(self, stil_id: str):
        sett = set()
        while stil_id and stil_id not in sett and stil_id in self.stiler:
            sett.add(stil_id)
            stil = self.stiler[stil_id]
            yield stil
            stil_id = stil.arv

    def overskriftsniva(self, stil_id: str, egen: int | None) -> int:
        if egen is not None and egen < 9:
            return egen + 1
        for stil in self.stilkjede(stil_id):
            if treff := _OVERSKRIFTSTIL.match(stil.navn.strip()):
                return int(treff.group(1))
            if stil.disposisjon is not None and stil.disposisjon < 9:
                return stil.disposisjon + 1
        return 0

    def stilnummer(self, stil_id: str) -> tuple[str | None, int | None]:
        for stil in self.stilkjede(stil_id):
            if stil.num_id is not None:
                ilvl = stil.ilvl
                if ilvl is None:
                    ilvl = self.nummerering.niva_for_stil(stil.num_id, stil_id) or 0
                return stil.num_id, ilvl
        return None, None

    def er_stil(self, stil_id: str, monster: re.Pattern) -> bool:
        return any(monster.match(s.navn.strip()) for s in self.stilkjede(stil_id))

    # --- text -----------------------------------------------------------------------

    def tekst(self, avsnitt) -> tuple[str, list[tuple[str, str]]]:
        """A paragraph's visible text and the footnotes it refers to."""
        deler: list[str] = []
        noter: list[tuple[str, str]] = []
        self._tekst(avsnitt, deler, noter, skjult=False)
        tekst = "".join(deler).replace("\u00ad", "")
        return re.sub(r"[ \u00a0]{2,}", " ", tekst).strip(), noter

    def _tekst(self, node, deler: list[str], noter: list[str], skjult: bool) -> None:
        for barn in node:
            tag = barn.tag
            if tag == f"{W}fldChar":
                art = barn.get(f"{W}fldCharType")
                if art == "begin":
                    self.felt.append(["", False])
                elif art == "separate" and self.felt:
                    self.felt[-1][1] = True
                    if self.felt[-1][0].strip().upper().startswith("TOC"):
                        self.i_innhold = True
                elif art == "end" and self.felt:
                    instruksjon, _resultat = self.felt.pop()
                    if instruksjon.strip().upper().startswith("TOC"):
                        self.i_innhold = False
                continue
            if tag == f"{W}instrText":
                if self.felt:
                    self.felt[-1][0] += barn.text or ""
                continue
            i_kode = bool(self.felt) and not self.felt[-1][1]
            if tag in (
                f"{W}delText",
                f"{W}del",
                f"{W}moveFrom",
                f"{_MC}Fallback",
                f"{W}pPr",
                f"{W}drawing",
                f"{W}pict",
                f"{W}object",
            ):
                continue
            if tag == f"{W}r":
                rpr = barn.find(f"{W}rPr")
                er_skjult = rpr is not None and rpr.find(f"{W}vanish") is not None
                self._tekst(barn, deler, noter, skjult or er_skjult)
                continue
            if skjult or i_kode:
                if len(barn):
                    self._tekst(barn, deler, noter, skjult)
                continue
            if tag == f"{W}t":
                deler.append(barn.text or "")
            elif tag == f"{W}tab":
                deler.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                deler.append(" ")
            elif tag == f"{W}noBreakHyphen":
                deler.append("\u2011")
            elif tag == f"{W}softHyphen":
                pass
            elif tag == f"{W}sym":
                tegn = chr(int(barn.get(f"{W}char", "20"), 16))
                deler.append(PUNKTTEGN.get(tegn, tegn))
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                merke = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                self.notenummer += 1
                noter.append((str(self.notenummer), f"{merke}:{barn.get(f'{W}id')}"))
                deler.append(str(self.notenummer).translate(_HEVET))
            elif len(barn):
                self._tekst(barn, deler, noter, skjult)

    # --- document -------------------------------------------------------------------

    def legg_til(self, linje: Linje) -> None:
        linje.nr = len(self.linjer) + 1
        self.linjer.append(linje)
        self.tegn += len(linje.tekst) + sum(len(c) for c in linje.celler)
        if len(self.linjer) > MAKS_LINJER or self.tegn > MAKS_TEGN:
            sjekk_storrelse(self.tegn, len(self.linjer))

    def avsnitt(self, element) -> None:
        ppr = element.find(f"{W}pPr")
        stil_id = ""
        num_id = ilvl = egen_disposisjon = None
        if ppr is not None:
            node = ppr.find(f"{W}pStyle")
            stil_id = node.get(f"{W}val", "") if node is not None else ""
            num = ppr.find(f"{W}numPr")
            if num is not None:
                node = num.find(f"{W}numId")
                num_id = node.get(f"{W}val") if node is not None else None
                node = num.find(f"{W}ilvl")
                ilvl = int(node.get(f"{W}val", "0")) if node is not None else None
            node = ppr.find(f"{W}outlineLvl")
            egen_disposisjon = int(node.get(f"{W}val", "9")) if node is not None else None
        if num_id is None:
            num_id, stil_ilvl = self.stilnummer(stil_id)
            ilvl = stil_ilvl if ilvl is None else ilvl
        elif ilvl is None:
            _stil_num, stil_ilvl = self.stilnummer(stil_id)
            ilvl = stil_ilvl or 0
        i_innhold = self.i_innhold
        tekst, noter = self.tekst(element)
        i_innhold = i_innhold or self.i_innhold
        etikett = ""
        if tekst and num_id:
            nummer = self.nummerering.neste(num_id, ilvl or 0)
            if nummer:
                etikett = nummer[0]
            elif num_id != "0":
                # A list whose definition is missing: Word shows no sign, but it is a list.
                etikett = "•"
        if not tekst:
            return
        art = ""
        if i_innhold or self.er_stil(stil_id, _INNHOLDSSTIL):
            art = "innhold"
        elif any(s.navn.strip().lower() in ("title", "tittel") for s in self.stilkjede(stil_id)):
            art = "tittel"
            if not self.tittel:
                self.tittel = tekst
        self.legg_til(
            Linje(
                nr=0,
                tekst=tekst,
                hel=True,
                etikett=etikett,
                liste_id=(num_id or "") if etikett else "",
                niva=ilvl or 0,
                overskrift=self.overskriftsniva(stil_id, egen_disposisjon),
                art=art,
            )
        )
        for nummer, nokkel in noter:
            if fotnote := self.fotnoter.get(nokkel):
                self.legg_til(
                    Linje(
                        nr=0, tekst=f"{nummer.translate(_HEVET)} {fotnote}", hel=True, art="fotnote"
                    )
                )

    def tabell(self, element) -> None:
        rader = []
        for rad in element.findall(f"{W}tr"):
            celler = []
            for celle in rad.findall(f"{W}tc"):
                tekster = []
                for avsnitt in celle.iter(f"{W}p"):
                    tekst, _noter = self.tekst(avsnitt)
                    if tekst:
                        tekster.append(tekst)
                celler.append(" ".join(tekster))
            if any(celler):
                rader.append(celler)
        if not rader:
            return
        if max(len(r) for r in rader) == 1:
            # A one-column table is a box around paragraphs, not a table.
            for avsnitt in element.iter(f"{W}p"):
                self.avsnitt(avsnitt)
            return
        for celler in rader:
            self.legg_til(Linje(nr=0, tekst="", hel=True, art="tabell", celler=celler))

    def blokk(self, element) -> None:
        """A child of the body: a paragraph, a table, or a container of them (w:sdt)."""
        if element.tag == f"{W}p":
            self.avsnitt(element)
        elif element.tag == f"{W}tbl":
            self.tabell(element)
        elif element.tag in (
            f"{W}sdt",
            f"{W}sdtContent",
            f"{W}customXml",
            f"{W}ins",
            f"{_MC}AlternateContent",
            f"{_MC}Choice",
        ):
            for barn in element:
                self.blokk(barn)

    def les(self) -> Lesing:
        deler = self.deler()
        self.les_stiler(deler.get("styles", ""))
        self.les_nummerering(deler.get("numbering", ""))
        self.les_fotnoter(deler.get("footnotes", ""), "footnote")
        self.les_fotnoter(deler.get("endnotes", ""), "endnote")
        self.notenummer = 0
        hoved = deler["dokument"]
        dybde = 0
        try:
            for hendelse, element in iterparse(
                StromFil(self.arkiv.strom(hoved)), events=("start", "end"), forbid_dtd=True
            ):
                if hendelse == "start":
                    dybde += 1
                    continue
                dybde -= 1
                if dybde == 2:  # a child of w:body
                    self.frist.sjekk()
                    self.blokk(element)
                    element.clear()
        except (ParseError, DefusedXmlException):
            raise self.arkiv.skadet() from None
        if not self.linjer:
            raise Importfeil(_("Word-filen inneholder ingen tekst."))
        return Lesing(
            format=_("Word (.docx)"), linjer=self.linjer, ombrukket=False, tittel=self.tittel
        )


def les_docx(arkiv: Arkiv, frist: Frist) -> Lesing:
    arkiv.format_navn = _("en Word-fil (.docx)")
    return _Leser(arkiv, frist).les()
