"""Make the corpus' derived files from its sources: .docx, PDF and text exported from PDF.

    .venv/bin/python tests/avtaler/korpus/lag_korpus.py [navn …]

Needs python-docx (dev dependency), LibreOffice (`soffice`) and poppler-utils
(`pdftotext`). The results are committed, so the tests need none of these.

A source (`kilder/*.txt`) is the agreement's text in a small markup:

    @tittel …           the title (Word's Title style)
    @nummerering stil    Word numbering bound to the heading styles («1», «1.1»)
                 direkte Word numbering set on each heading paragraph («1.», «1.1.»)
                 null    Word numbering rendered «1.0», «1.1» (Sørlandet sykehus)
                 skrevet numbers typed in the text («1.», «1.1»)
                 skrevet-null   typed «1.0 Parter», «2.1 …»
    @overskrifter stil|fet      Heading 1–3 styles, or bold Normal paragraphs
    @innhold felt|skrevet|nei   a table of contents: Word's field or typed with tabs
    @innholdstittel Innhald
    @topptekst …         a running head on every page
    @omlagret ja         also save a copy through LibreOffice (its own .docx dialect)
    # Heading / ## Sub-heading / ### Deeper
    a paragraph (one source line each)
    * bullet (List Bullet) / ** sub-bullet (List Bullet 2)
    a) lettered item / 1) numbered item / i) roman item (Word's automatic lists)
    | cell | cell |     a table row
    text[^footnote text] a footnote
    ‑ (U+2011) becomes Word's non-breaking hyphen, U+00AD its optional hyphen.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

MAPPE = Path(__file__).parent
KILDER = MAPPE / "kilder"
UT = MAPPE / "filer"

_LISTE = re.compile(r"^(\*{1,2}|[a-h]\)|\d{1,2}\)|(?:i|ii|iii|iv|v|vi)\))\s+(.*)$")


def les_kilde(sti: Path) -> dict:
    meta = {
        "nummerering": "stil",
        "overskrifter": "stil",
        "innhold": "nei",
        "innholdstittel": "Innhold",
    }
    linjer = []
    for linje in sti.read_text(encoding="utf-8").splitlines():
        if linje.startswith("@"):
            navn, _, verdi = linje[1:].partition(" ")
            meta[navn] = verdi.strip()
        elif linje.strip():
            linjer.append(linje.rstrip())
    meta["linjer"] = linjer
    return meta


def overskrifter(kilde: dict) -> list[tuple[int, str, str]]:
    """(level, number as stored, title) for every heading, numbered as the markup says."""
    teller = [0, 0, 0, 0]
    ut = []
    for linje in kilde["linjer"]:
        if treff := re.match(r"^(#{1,3}) (.*)$", linje):
            niva = len(treff.group(1))
            teller[niva - 1] += 1
            teller[niva:] = [0] * (4 - niva)
            ut.append((niva, ".".join(str(t) for t in teller[:niva]), treff.group(2)))
    return ut


def vist_nummer(kilde: dict, niva: int, nummer: str) -> str:
    if kilde["nummerering"] in ("null", "skrevet-null") and niva == 1:
        return f"{nummer}.0"
    if kilde["nummerering"] in ("direkte", "skrevet") and niva == 1:
        return f"{nummer}."
    return nummer


# --- Word ------------------------------------------------------------------------------


def _niva(ilvl: int, format_: str, tekst: str, stil: str = "", innrykk: int = 0) -> str:
    pstil = f'<w:pStyle w:val="{stil}"/>' if stil else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format_}"/>{pstil}'
        f'<w:lvlText w:val="{tekst}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{innrykk + 432}" w:hanging="432"/></w:pPr></w:lvl>'
    )


class Nummer:
    """numbering.xml additions: the heading list and one list per lettered/numbered run."""

    def __init__(self, dokument):
        self.numbering = dokument.part.numbering_part.element
        self.neste_abstrakt = 50
        self.neste_num = 50

    def abstrakt(self, nivaer: list[str]) -> int:
        nr = self.neste_abstrakt
        self.neste_abstrakt += 1
        xml = (
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{nr}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(nivaer)}</w:abstractNum>'
        )
        forste_num = self.numbering.find(qn("w:num"))
        forste_num.addprevious(parse_xml(xml))
        return nr

    def liste(self, abstrakt: int, start_pa_nytt: bool = False) -> int:
        nr = self.neste_num
        self.neste_num += 1
        overstyring = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if start_pa_nytt
            else ""
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nr}"><w:abstractNumId w:val="{abstrakt}"/>'
                f"{overstyring}</w:num>"
            )
        )
        return nr


def _numpr(avsnitt, num_id: int, ilvl: int = 0) -> None:
    ppr = avsnitt._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def _kjor(avsnitt, tekst: str, fet: bool = False, fotnoter=None) -> None:
    """Text into runs: Word's non-breaking and optional hyphens, tabs, footnotes."""
    for del_ in re.split(r"(\[\^[^\]]+\]|\u2011|\u00ad)", tekst):
        if not del_:
            continue
        if del_ == "\u2011":
            avsnitt.add_run()._r.append(parse_xml(f"<w:noBreakHyphen {nsdecls('w')}/>"))
        elif del_ == "\u00ad":
            avsnitt.add_run()._r.append(parse_xml(f"<w:softHyphen {nsdecls('w')}/>"))
        elif del_.startswith("[^"):
            fotnoter.legg_til(avsnitt, del_[2:-1])
        else:
            avsnitt.add_run(del_).bold = fet or None


class Fotnoter:
    def __init__(self, dokument):
        self.dokument = dokument
        self.element = parse_xml(
            f"<w:footnotes {nsdecls('w')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            "</w:footnotes>"
        )
        self.antall = 0

    def legg_til(self, avsnitt, tekst: str) -> None:
        self.antall += 1
        nr = self.antall
        avsnitt.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{nr}"/>'))
        avsnitt.runs[-1]._r.insert(
            0, parse_xml(f'<w:rPr {nsdecls("w")}><w:vertAlign w:val="superscript"/></w:rPr>')
        )
        self.element.append(
            parse_xml(
                f'<w:footnote {nsdecls("w")} w:id="{nr}"><w:p><w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {tekst}</w:t></w:r></w:p></w:footnote>'
            )
        )

    def lagre(self) -> None:
        if not self.antall:
            return
        del_ = Part(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            self.element.xml.encode() if hasattr(self.element, "xml") else b"",
            self.dokument.part.package,
        )
        from lxml import etree

        del_._blob = etree.tostring(
            self.element, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.dokument.part.relate_to(del_, RELATIONSHIP_TYPE.FOOTNOTES)


def _felt(avsnitt, instruksjon: str, resultat: str = "") -> None:
    r = avsnitt.add_run()._r
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    r = avsnitt.add_run()._r
    r.append(
        parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruksjon} </w:instrText>')
    )
    r = avsnitt.add_run()._r
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    if resultat:
        avsnitt.add_run(resultat)
    r = avsnitt.add_run()._r
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _toc_stiler(dokument) -> None:
    for niva in (1, 2, 3):
        navn = f"toc {niva}"
        if navn in [s.name for s in dokument.styles]:
            continue
        stil = dokument.styles.add_style(navn, 1)
        stil.base_style = dokument.styles["Normal"]
        ppr = stil.element.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:tabs {nsdecls("w")}><w:tab w:val="left" w:pos="{440 + 220 * niva}"/>'
                '<w:tab w:val="right" w:leader="dot" w:pos="9062"/></w:tabs>'
            )
        )
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{220 * (niva - 1)}"/>'))


def _innhold(dokument, kilde: dict, sider: dict[str, int]) -> None:
    tittel = dokument.add_paragraph(kilde["innholdstittel"])
    if kilde["innhold"] == "felt":
        tittel.style = dokument.styles["TOC Heading"]
        _numpr(tittel, 0)  # TOC Heading is based on Heading 1, which is numbered
        _toc_stiler(dokument)
    else:
        tittel.runs[0].bold = True
    oppforinger = overskrifter(kilde)
    for i, (niva, nummer, tekst) in enumerate(oppforinger):
        side = str(sider.get(nummer, 2))
        vist = vist_nummer(kilde, niva, nummer)
        if kilde["innhold"] == "felt":
            avsnitt = dokument.add_paragraph(style=dokument.styles[f"toc {niva}"])
            if i == 0:
                r = avsnitt.add_run()._r
                r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
                r = avsnitt.add_run()._r
                r.append(
                    parse_xml(
                        f'<w:instrText {nsdecls("w")} xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>'
                    )
                )
                r = avsnitt.add_run()._r
                r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
            avsnitt.add_run(f"{vist}\t{tekst}\t{side}")
            if i == len(oppforinger) - 1:
                r = avsnitt.add_run()._r
                r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
        else:
            avsnitt = dokument.add_paragraph(f"{vist} {tekst}\t{side}")
            avsnitt.paragraph_format.tab_stops.add_tab_stop(Pt(450), alignment=2, leader=1)
    dokument.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def lag_docx(kilde: dict, sti: Path, sider: dict[str, int]) -> None:
    dokument = docx.Document()
    dokument.styles["Normal"].font.name = "Liberation Serif"
    dokument.styles["Normal"].font.size = Pt(11)
    seksjon = dokument.sections[0]
    if kilde.get("topptekst"):
        seksjon.header.paragraphs[0].text = kilde["topptekst"]
    bunn = seksjon.footer.paragraphs[0]
    bunn.add_run("Side ")
    _felt(bunn, "PAGE", "1")
    bunn.add_run(" av ")
    _felt(bunn, "NUMPAGES", "1")
    nummer = Nummer(dokument)
    fotnoter = Fotnoter(dokument)
    modus = kilde["nummerering"]
    stil_overskrift = kilde["overskrifter"] == "stil"
    overskrift_num = None
    if modus in ("stil", "direkte", "null"):
        forste = {"stil": "%1", "direkte": "%1.", "null": "%1.0"}[modus]
        stiler = ["Heading1", "Heading2", "Heading3"] if modus == "stil" else ["", "", ""]
        abstrakt = nummer.abstrakt(
            [
                _niva(0, "decimal", forste, stiler[0]),
                _niva(1, "decimal", "%1.%2" + ("." if modus == "direkte" else ""), stiler[1], 288),
                _niva(2, "decimal", "%1.%2.%3", stiler[2], 576),
            ]
        )
        overskrift_num = nummer.liste(abstrakt)
        if modus == "stil":
            for niva, stil_id in enumerate(["Heading 1", "Heading 2", "Heading 3"]):
                ppr = dokument.styles[stil_id].element.get_or_add_pPr()
                ppr.insert(
                    0,
                    parse_xml(
                        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{niva}"/><w:numId w:val="{overskrift_num}"/></w:numPr>'
                    ),
                )
    listeformater = {
        "bokstav": ("lowerLetter", "%1)"),
        "tall": ("decimal", "%1)"),
        "romersk": ("lowerRoman", "%1)"),
    }
    liste_abstrakt = {
        art: nummer.abstrakt([_niva(0, f, t)]) for art, (f, t) in listeformater.items()
    }
    tittel = dokument.add_paragraph(kilde["tittel"], style="Title")
    del tittel
    for linje in kilde["linjer"]:
        if linje.startswith("!undertittel "):
            dokument.add_paragraph(linje[len("!undertittel ") :])
    if kilde["innhold"] != "nei":
        _innhold(dokument, kilde, sider)
    oppforinger = iter(overskrifter(kilde))
    forrige_liste = None
    liste_num = None
    for linje in kilde["linjer"]:
        if linje.startswith("!undertittel "):
            continue
        if treff := re.match(r"^(#{1,3}) (.*)$", linje):
            niva, nr, tekst = next(oppforinger)
            forrige_liste = None
            if modus.startswith("skrevet"):
                tekst = f"{vist_nummer(kilde, niva, nr)} {tekst}"
            if stil_overskrift:
                avsnitt = dokument.add_paragraph(style=f"Heading {niva}")
                _kjor(avsnitt, tekst, fotnoter=fotnoter)
            else:
                avsnitt = dokument.add_paragraph()
                _kjor(avsnitt, tekst, fet=True, fotnoter=fotnoter)
            if modus in ("direkte", "null") or (modus == "stil" and not stil_overskrift):
                _numpr(avsnitt, overskrift_num, niva - 1)
            continue
        if linje.startswith("|"):
            celler = [c.strip() for c in linje.strip().strip("|").split("|")]
            tabell = dokument.tables[-1] if forrige_liste == "tabell" else None
            if tabell is None:
                tabell = dokument.add_table(rows=0, cols=len(celler))
                tabell.style = dokument.styles["Table Grid"]
            rad = tabell.add_row()
            for celle, tekst in zip(rad.cells, celler, strict=False):
                _kjor(celle.paragraphs[0], tekst, fotnoter=fotnoter)
            forrige_liste = "tabell"
            continue
        if treff := _LISTE.match(linje):
            merke, tekst = treff.groups()
            if merke in ("*", "**"):
                avsnitt = dokument.add_paragraph(
                    style="List Bullet" if merke == "*" else "List Bullet 2"
                )
                forrige_liste = "punkt"
            else:
                art = (
                    "tall"
                    if merke[0].isdigit()
                    else "romersk"
                    if merke[:-1] in ("i", "ii", "iii", "iv", "v", "vi")
                    and forrige_liste != "bokstav"
                    else "bokstav"
                )
                if forrige_liste != art:
                    liste_num = nummer.liste(liste_abstrakt[art], start_pa_nytt=True)
                avsnitt = dokument.add_paragraph(style="List Paragraph")
                _numpr(avsnitt, liste_num)
                forrige_liste = art
            _kjor(avsnitt, tekst, fotnoter=fotnoter)
            continue
        forrige_liste = None
        _kjor(dokument.add_paragraph(), linje, fotnoter=fotnoter)
    fotnoter.lagre()
    dokument.save(sti)


# --- PDF and text ------------------------------------------------------------------------


def soffice(*argumenter: str) -> None:
    subprocess.run(
        ["soffice", "--headless", *argumenter], check=True, capture_output=True, timeout=180
    )


def sider_for_overskrifter(pdf: Path, kilde: dict) -> dict[str, int]:
    sider = {}
    tekst = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for sidenr, side in enumerate(tekst.split("\f"), start=1):
        if side.count("....") > 3:
            continue  # a page of the table of contents itself
        for _niva, nr, tittel in overskrifter(kilde):
            if nr not in sider and sidenr > 1 and tittel[:25] in side:
                sider[nr] = sidenr
    return sider


def lag(navn: str) -> None:
    kilde = les_kilde(KILDER / f"{navn}.txt")
    UT.mkdir(exist_ok=True)
    docx_sti = UT / f"{navn}.docx"
    with tempfile.TemporaryDirectory() as tmp:
        sider: dict[str, int] = {}
        for _runde in range(2 if kilde["innhold"] != "nei" else 1):
            lag_docx(kilde, docx_sti, sider)
            soffice("--convert-to", "pdf", "--outdir", tmp, str(docx_sti))
            sider = sider_for_overskrifter(Path(tmp) / f"{navn}.pdf", kilde)
        pdf = UT / f"{navn}.pdf"
        pdf.write_bytes((Path(tmp) / f"{navn}.pdf").read_bytes())
        if kilde.get("omlagret") == "ja":
            kopi = Path(tmp) / "lo"
            kopi.mkdir()
            soffice("--convert-to", "docx:MS Word 2007 XML", "--outdir", str(kopi), str(docx_sti))
            (UT / f"{navn}.libreoffice.docx").write_bytes((kopi / f"{navn}.docx").read_bytes())
    for format_, valg in (("raa", []), ("layout", ["-layout"])):
        subprocess.run(
            ["pdftotext", *valg, str(pdf), str(UT / f"{navn}.pdf.{format_}.txt")], check=True
        )
    forventet = {
        "tittel": kilde["tittel"],
        "overskrifter": [[nr, tekst] for _niva, nr, tekst in overskrifter(kilde)],
        "tekst": [linje for linje in kilde["linjer"] if not linje.startswith("#")],
    }
    (UT / f"{navn}.forventet.json").write_text(
        json.dumps(forventet, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(navn, "ok")


if __name__ == "__main__":
    navnene = sys.argv[1:] or sorted(p.stem for p in KILDER.glob("*.txt"))
    for navn in navnene:
        lag(navn)
