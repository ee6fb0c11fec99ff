"""PDF into lines, with what the page shows about them: position, gap, size, weight.

PDFium (through pypdfium2, the engine Chrome uses) gives every character with its box
and font. Characters are put into lines by their baseline, so a heading's number and its
title, set as two pieces of text on one line, stay one line; the gap above a line tells
a new paragraph from a wrapped one; smaller text at the foot of a page is a footnote and
waits until the paragraph it interrupts has ended; superscript digits stay superscript.
"""

import ctypes
import itertools
import re
import statistics
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from avtaler.importering.formater import Frist, sjekk_storrelse
from avtaler.importering.modeller import Importfeil, Lesing, Linje

MAKS_SIDER = 1000
_HEVET = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PRIVATE_PUNKTTEGN = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖"}


@dataclass
class _Tegn:
    tegn: str
    venstre: float
    hoyre: float
    bunn: float
    topp: float
    storrelse: float
    fet: bool


@dataclass
class _Rad:
    tegn: list[_Tegn] = field(default_factory=list)

    @property
    def venstre(self) -> float:
        return min(t.venstre for t in self.tegn)

    @property
    def topp(self) -> float:
        return max(t.topp for t in self.tegn)

    @property
    def bunn(self) -> float:
        return min(t.bunn for t in self.tegn)

    @property
    def hoyde(self) -> float:
        hoyder = [t.storrelse for t in self.tegn if t.tegn.strip()]
        return statistics.median(hoyder) if hoyder else 0.0

    @property
    def grunnlinje(self) -> float:
        bunner = [t.bunn for t in self.tegn if t.tegn.isalpha()]
        return statistics.median(bunner) if bunner else self.bunn

    def tekst(self) -> str:
        hoyde = self.hoyde
        grunn = self.grunnlinje
        ut = []
        forrige: _Tegn | None = None
        for tegn in sorted(self.tegn, key=lambda t: t.venstre):
            luft = tegn.venstre - forrige.hoyre if forrige is not None else 0
            # A heading's number and its title are often closer than two words («11Avvik»).
            etter_nummer = (
                forrige is not None and forrige.tegn[-1:].isdigit() and tegn.tegn.isalpha()
            )
            if forrige is not None and (
                luft > 0.2 * max(hoyde, 1) or (etter_nummer and luft > 0.05 * hoyde)
            ):
                ut.append("\t" if luft > 2 * max(hoyde, 1) else " ")
            verdi = tegn.tegn
            # A footnote reference: a small digit raised above the line.
            if verdi.isdigit() and tegn.storrelse < 0.8 * hoyde and tegn.bunn > grunn + 0.2 * hoyde:
                verdi = verdi.translate(_HEVET)
            ut.append(verdi)
            forrige = tegn
        tekst = "".join(ut).replace("\x02", "-")
        for privat, vist in _PRIVATE_PUNKTTEGN.items():
            tekst = tekst.replace(privat, vist)
        return re.sub(r" {2,}", " ", tekst).strip()


def _fet_skrift(raw, tekstside, indeks: int) -> bool:
    """Whether a character's font is bold by its name («…-Bold», «…,Bold»)."""
    flagg = ctypes.c_int()
    buffer = ctypes.create_string_buffer(128)
    lengde = raw.FPDFText_GetFontInfo(tekstside, indeks, buffer, 128, ctypes.byref(flagg))
    navn = buffer.raw[: max(lengde - 1, 0)].decode("latin-1", "replace").lower()
    return "bold" in navn or "black" in navn or "heavy" in navn


def _tegn_pa_side(side, raw) -> list[_Tegn]:
    tekstside = side.get_textpage()
    try:
        antall = tekstside.count_chars()
        venstre, hoyre, bunn, topp = (ctypes.c_double() for _ in range(4))
        los = raw.FS_RECTF()
        tegn = []
        for i in range(antall):
            if raw.FPDFText_IsGenerated(tekstside.raw, i) == 1:
                continue  # PDFium's own guesses at spaces and breaks; the boxes tell better
            kode = raw.FPDFText_GetUnicode(tekstside.raw, i)
            if kode in (0, 0xFFFE, 0xFFFF) or kode in (10, 13):
                continue
            raw.FPDFText_GetCharBox(tekstside.raw, i, venstre, hoyre, bunn, topp)
            # The loose box spans the glyph's advance: letters touch, words do not.
            if raw.FPDFText_GetLooseCharBox(tekstside.raw, i, los):
                venstre.value, hoyre.value = los.left, los.right
            vekt = raw.FPDFText_GetFontWeight(tekstside.raw, i)
            if vekt < 600:
                vekt = 700 if _fet_skrift(raw, tekstside.raw, i) else vekt
            try:
                verdi = chr(kode)
            except ValueError:
                continue
            tegn.append(
                _Tegn(
                    verdi,
                    venstre.value,
                    hoyre.value,
                    bunn.value,
                    topp.value,
                    raw.FPDFText_GetFontSize(tekstside.raw, i),
                    vekt >= 600,
                )
            )
        return tegn
    finally:
        tekstside.close()


def _rader(tegn: list[_Tegn]) -> list[_Rad]:
    """Characters into lines by their vertical position, top to bottom."""
    rader: list[_Rad] = []
    for t in sorted(tegn, key=lambda t: (-round((t.topp + t.bunn) / 2, 0), t.venstre)):
        midt = (t.topp + t.bunn) / 2
        if t.tegn.isspace():
            if rader:
                rader[-1].tegn.append(t)
            continue
        if rader:
            rad = rader[-1]
            hoyde = max(rad.topp - rad.bunn, 1)
            if rad.bunn - 0.1 * hoyde <= midt <= rad.topp + 0.1 * hoyde:
                rad.tegn.append(t)
                continue
        rader.append(_Rad([t]))
    rader = [r for r in rader if any(t.tegn.strip() for t in r.tegn)]
    # A superscript sits higher than its line and sorts before it: put it back in the line.
    samlet: list[_Rad] = []
    for rad in rader:
        forrige = samlet[-1] if samlet else None
        if forrige is not None and _hevet_over(forrige, rad):
            rad.tegn.extend(forrige.tegn)
            samlet[-1] = rad
        else:
            samlet.append(rad)
    return samlet


def _hevet_over(liten: _Rad, rad: _Rad) -> bool:
    synlige = [t for t in liten.tegn if t.tegn.strip()]
    return (
        len(synlige) <= 3
        and all(t.storrelse < 0.85 * rad.hoyde for t in synlige)
        and rad.bunn <= liten.bunn <= rad.topp
    )


def _apne(data: bytes):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data), raw
    except pdfium.PdfiumError as feil:
        if getattr(feil, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise Importfeil(
                _(
                    "Filen er en passordbeskyttet PDF og kan ikke leses. Lagre en utgave "
                    "uten passord, eller last opp avtalen som Word (.docx)."
                )
            ) from None
        raise Importfeil(
            _(
                "Filen ser ut som en PDF, men den kan ikke leses. Er den skadet? Åpne den og "
                "lagre den på nytt, eller last opp avtalen som Word (.docx)."
            )
        ) from None


def les_pdf(data: bytes, frist: Frist) -> Lesing:
    dokument, raw = _apne(data)
    try:
        antall = len(dokument)
        if antall > MAKS_SIDER:
            sjekk_storrelse(10**9, 0)
        sider: list[list[_Rad]] = []
        tegn_totalt = 0
        for nummer in range(antall):
            frist.sjekk()
            side = dokument[nummer]
            try:
                tegn = _tegn_pa_side(side, raw)
            finally:
                side.close()
            tegn_totalt += len(tegn)
            sjekk_storrelse(tegn_totalt, 0)
            sider.append(_rader(tegn))
    finally:
        dokument.close()
    if tegn_totalt < 20:
        raise Importfeil(
            _(
                "PDF-en inneholder ingen tekst, bare bilder – den er trolig skannet. Kjør "
                "tekstgjenkjenning (OCR) på den, eller last opp originalen som Word (.docx)."
            )
        )
    return Lesing(format="PDF", linjer=_linjer(sider), ombrukket=True)


def _linjer(sider: list[list[_Rad]]) -> list[Linje]:
    alle = [rad for side in sider for rad in side]
    hoyde = statistics.median([r.hoyde for r in alle]) or 10.0
    avstander = [
        a.topp - b.topp
        for side in sider
        for a, b in itertools.pairwise(side)
        if 0 < a.topp - b.topp < 3 * hoyde
    ]
    linjeavstand = statistics.median(avstander) if avstander else 1.2 * hoyde
    marg = statistics.median([r.venstre for r in alle]) if alle else 0.0
    marg = min((r.venstre for r in alle if r.venstre >= marg - 40), default=marg)
    linjer: list[Linje] = []
    ventende: list[Linje] = []  # footnotes waiting for the paragraph they interrupt to end
    for sidenr, side in enumerate(sider, start=1):
        bunnsone = min((r.bunn for r in side), default=0) + 0.2 * (
            max((r.topp for r in side), default=0) - min((r.bunn for r in side), default=0)
        )
        forrige: _Rad | None = None
        for rad in side:
            tekst = rad.tekst()
            ny = Linje(
                nr=0,
                tekst=tekst,
                side=sidenr,
                innrykk=round(rad.venstre - marg, 1),
                fet=sum(t.fet for t in rad.tegn) > 0.6 * len(rad.tegn),
                storre=rad.hoyde > 1.15 * hoyde,
            )
            if forrige is not None:
                # Space between the lines beyond what the larger of the two needs.
                luft = forrige.bunn - rad.topp
                if (
                    luft > 0.6 * max(min(forrige.hoyde, rad.hoyde), 1)
                    or forrige.topp - rad.topp > 2.2 * linjeavstand
                ):
                    ny.tomme_foer = 1
            fotnote = (
                rad.hoyde < 0.85 * hoyde
                and rad.topp <= bunnsone
                and re.match(r"^[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S", tekst)
            )
            if ventende and not fotnote and rad.hoyde < 0.85 * hoyde and rad.topp <= bunnsone:
                ventende[-1].tekst += " " + tekst  # the footnote goes on on the next line
                continue
            if fotnote:
                ny.art = "fotnote"
                ny.tekst = re.sub(r"^(\d+)", lambda m: m.group(1).translate(_HEVET), tekst)
                ventende.append(ny)
                continue
            if (
                ventende
                and linjer
                and (ny.tomme_foer or sidenr != linjer[-1].side)
                and re.search(r"[.!?:]\s*$", linjer[-1].tekst)
            ):
                for fotnote_linje in ventende:
                    fotnote_linje.tomme_foer = 1
                linjer.extend(ventende)
                ventende = []
            linjer.append(ny)
            forrige = rad
    linjer.extend(ventende)
    for nr, linje in enumerate(linjer, start=1):
        linje.nr = nr
    return linjer
