"""Which format a file really is, whatever its name says, and reading it into lines.

Every refusal names the format the file has and says what to do, so a coordinator who
uploads an .odt, a scanned page or an old .doc knows why and how to go on.
"""

import re
import time

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from avtaler.importering.modeller import Importfeil, Lesing, Merknad
from avtaler.importering.zipsikker import Arkiv

MAKS_BYTES = 5 * 1024 * 1024
MAKS_TEGN = 3_000_000  # about 1,500 pages: far beyond one agreement
MAKS_LINJER = 50_000
SEKUNDER = 60  # time budget for reading one file

# Encodings a Norwegian text file comes in: Windows' «Ren tekst» default (1252), Latin-1/9,
# old DOS (865) and Mac. UTF-8 and UTF-16 are recognised before these are tried.
_ENKELTBYTE = ["cp1252", "latin_1", "iso8859_15", "cp865", "mac_roman"]
_KODINGSNAVN = {
    "cp1252": "Windows-1252",
    "latin_1": "ISO-8859-1",
    "iso8859_15": "ISO-8859-15",
    "cp865": "DOS (865)",
    "mac_roman": "Mac Roman",
}

_LAGRE_SOM = gettext_lazy(
    "Åpne den i Word eller LibreOffice og lagre den som Word (.docx), eller bruk PDF."
)


class Frist:
    """A time budget: reading stops with a clear message when it runs out."""

    def __init__(self, sekunder: float = SEKUNDER):
        self.sekunder = sekunder
        self.slutt = time.monotonic() + sekunder

    def sjekk(self) -> None:
        if time.monotonic() > self.slutt:
            raise Importfeil(
                _(
                    "Det tok for lang tid å lese filen (over %(s)g sekunder). Den kan være "
                    "skadet eller svært stor; prøv å lagre den på nytt som .docx eller PDF."
                )
                % {"s": self.sekunder}
            )


def _avvis(format_navn: str, rad: str) -> Importfeil:
    return Importfeil(
        _("Filen er %(format)s og kan ikke importeres. %(rad)s")
        % {"format": format_navn, "rad": rad}
    )


def _zipformat(data: bytes) -> tuple[str, Arkiv]:
    arkiv = Arkiv(data, _("en zip-fil"))
    if arkiv.finnes("mimetype"):
        mimetype = arkiv.les("mimetype")[:100].decode("ascii", "replace").strip()
        odf = {
            "application/vnd.oasis.opendocument.text": "odt",
            "application/vnd.oasis.opendocument.spreadsheet": "ods",
            "application/vnd.oasis.opendocument.presentation": "odp",
            "application/epub+zip": "epub",
        }
        return odf.get(mimetype, "odf"), arkiv
    navn = set(arkiv.navn)
    if "[Content_Types].xml" in navn or any(n.startswith("word/") for n in navn):
        if any(n.startswith("word/") for n in navn):
            return "docx", arkiv
        if any(n.startswith("xl/") for n in navn):
            return "xlsx", arkiv
        if any(n.startswith("ppt/") for n in navn):
            return "pptx", arkiv
    return "zip", arkiv


def _avvis_zip(art: str) -> Importfeil:
    rad = {
        "odt": _LAGRE_SOM,
        "ods": _("Et regneark er ikke en avtaletekst. Lagre avtalen som Word (.docx) eller PDF."),
        "odp": _("En presentasjon er ikke en avtaletekst. Lagre avtalen som .docx eller PDF."),
        "xlsx": _("Et regneark er ikke en avtaletekst. Lagre avtalen som Word (.docx) eller PDF."),
        "pptx": _("En presentasjon er ikke en avtaletekst. Lagre avtalen som .docx eller PDF."),
        "epub": _("Lagre avtalen som Word (.docx), PDF eller ren tekst."),
        "odf": _LAGRE_SOM,
        "zip": _("Pakk ut arkivet og last opp avtalen selv (.docx, PDF eller ren tekst)."),
    }[art]
    navn = {
        "odt": _("en OpenDocument-tekst (.odt)"),
        "ods": _("et OpenDocument-regneark (.ods)"),
        "odp": _("en OpenDocument-presentasjon (.odp)"),
        "xlsx": _("et Excel-regneark (.xlsx)"),
        "pptx": _("en PowerPoint-presentasjon (.pptx)"),
        "epub": _("en e-bok (EPUB)"),
        "odf": _("et OpenDocument-dokument"),
        "zip": _("et zip-arkiv (.zip)"),
    }[art]
    return _avvis(navn, rad)


def _ole(data: bytes) -> Importfeil:
    """Old Office files and password-protected new ones share one container format."""
    hode = data[: 512 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in hode:
        return Importfeil(
            _(
                "Filen er et passordbeskyttet (kryptert) Office-dokument og kan ikke leses. "
                "Fjern passordet i Word (Fil → Info → Beskytt dokument) og prøv igjen."
            )
        )
    if "Workbook".encode("utf-16-le") in hode or "Book".encode("utf-16-le") in hode:
        return _avvis(_("et gammelt Excel-regneark (.xls)"), _LAGRE_SOM)
    if "PowerPoint Document".encode("utf-16-le") in hode:
        return _avvis(_("en gammel PowerPoint-presentasjon (.ppt)"), _LAGRE_SOM)
    return _avvis(
        _("et gammelt Word-dokument (.doc)"),
        _("Gamle Word-filer (.doc) kan ikke leses. Lagre filen som .docx eller ren tekst."),
    )


_MAGI = [
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
]
_ARKIV_OG_PROGRAM = [
    (b"\x1f\x8b", gettext_lazy("et komprimert arkiv (gzip)")),
    (b"7z\xbc\xaf", gettext_lazy("et komprimert arkiv (7-Zip)")),
    (b"Rar!", gettext_lazy("et komprimert arkiv (RAR)")),
    (b"MZ", gettext_lazy("et program (.exe)")),
    (b"\x7fELF", gettext_lazy("et program")),
]


def _binar(data: bytes) -> Importfeil | None:
    for start, bildeformat in _MAGI:
        if data.startswith(start):
            return _avvis(
                _("et bilde (%(format)s)") % {"format": bildeformat},
                _(
                    "Et skannet dokument må gjennom tekstgjenkjenning (OCR) før det kan "
                    "importeres; last opp originalen som .docx, PDF eller ren tekst."
                ),
            )
    for start, navn in _ARKIV_OG_PROGRAM:
        if data.startswith(start):
            return _avvis(navn, _("Last opp avtalen som Word (.docx), PDF eller ren tekst."))
    return None


def _tekstformat(tekst: str) -> Importfeil | None:
    """Text formats that are markup, not an agreement's text."""
    start = tekst.lstrip()[:2000].lower()
    if start.startswith("{\\rtf"):
        return _avvis(_("i Rich Text Format (.rtf)"), _LAGRE_SOM)
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:300]:
        return _avvis(
            _("en nettside (HTML)"),
            _("Lagre avtalen som Word (.docx), PDF eller ren tekst (UTF-8)."),
        )
    if start.startswith("mime-version:"):
        return _avvis(_("en nettarkivfil (.mht)"), _LAGRE_SOM)
    if start.startswith("<?xml") or start.startswith("<"):
        if "w:worddocument" in start or "pkg:package" in start:
            return _avvis(_("et Word XML-dokument (Word 2003/«Flat XML»)"), _LAGRE_SOM)
        if "office:document" in start:
            return _avvis(_("et OpenDocument flatt XML-dokument (.fodt)"), _LAGRE_SOM)
        if start.startswith("<?xml"):
            return _avvis(_("en XML-fil"), _("Last opp avtalen som .docx, PDF eller ren tekst."))
    return None


def _utf16_uten_bom(data: bytes) -> str | None:
    """UTF-16 without a byte order mark: every other byte is zero in Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    utvalg = data[:20000]
    par = len(utvalg) // 2
    nuller_partall = utvalg[0::2].count(0)
    nuller_oddetall = utvalg[1::2].count(0)
    for nuller, koding in ((nuller_oddetall, "utf-16-le"), (nuller_partall, "utf-16-be")):
        if nuller >= 0.3 * par:
            try:
                return data.decode(koding)
            except UnicodeDecodeError:
                return None
    return None


def dekod_tekst(data: bytes, merknader: list[Merknad]) -> tuple[str, str]:
    """Text of a file in any of the encodings Norwegian text files come in, and its name."""
    for bom, koding, navn in (
        (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
        (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
        (b"\xff\xfe", "utf-16", "UTF-16"),
        (b"\xfe\xff", "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(koding), navn
            except UnicodeDecodeError:
                raise Importfeil(
                    _("Filen sier at den er %(navn)s, men inneholder ugyldige tegn. Er den skadet?")
                    % {"navn": navn}
                ) from None
    if (tekst := _utf16_uten_bom(data)) is not None:
        return tekst, "UTF-16"
    if b"\x00" in data:
        raise Importfeil(
            _(
                "Filen ser ut til å være binær, ikke tekst, Word (.docx) eller PDF, og formatet "
                "er ukjent. Last opp avtalen som .docx, PDF eller ren tekst."
            )
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    beste = from_bytes(data, cp_isolation=_ENKELTBYTE, preemptive_behaviour=False).best()
    koding = beste.encoding if beste is not None else "cp1252"
    try:
        tekst = data.decode(koding)
    except UnicodeDecodeError:
        tekst, koding = data.decode("latin_1"), "latin_1"
    navn = _KODINGSNAVN.get(koding, koding)
    merknader.append(
        Merknad(
            _(
                "Filen var lagret med tegnkodingen %(navn)s, ikke UTF-8. Den er lest som "
                "%(navn)s; sjekk at æ, ø, å og tegn som «–» og «§» ser riktige ut."
            )
            % {"navn": navn},
            art="koding",
            alvor="info",
        )
    )
    return tekst, navn


def les_fil(filnavn: str, data: bytes, frist: Frist | None = None) -> Lesing:
    """Read a file of any accepted format into lines, or refuse it saying what it is."""
    from avtaler.importering import docx, pdf, tekst

    frist = frist or Frist()
    if not data or not data.strip():
        raise Importfeil(_("Filen er tom."))
    if len(data) > MAKS_BYTES:
        raise Importfeil(
            _("Filen er for stor (%(mb).1f MB). Største tillatte størrelse er %(maks)d MB.")
            % {"mb": len(data) / 1024 / 1024, "maks": MAKS_BYTES // 1024 // 1024}
        )
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        art, arkiv = _zipformat(data)
        if art == "docx":
            return docx.les_docx(arkiv, frist)
        raise _avvis_zip(art)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _ole(data)
    if b"%PDF-" in data[:1024]:
        return pdf.les_pdf(data, frist)
    if feil := _binar(data):
        raise feil
    merknader: list[Merknad] = []
    innhold, koding = dekod_tekst(data, merknader)
    if feil := _tekstformat(innhold):
        raise feil
    kontroll = len(re.findall(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", innhold[:100000]))
    if kontroll > 0:
        raise Importfeil(
            _(
                "Filen inneholder kontrolltegn og ser ikke ut som en tekstfil (formatet er "
                "ukjent, den er kanskje binær). Last opp avtalen som .docx, PDF eller ren tekst."
            )
        )
    return tekst.les_tekst(innhold, f"ren tekst ({koding})", merknader)


def sjekk_storrelse(tegn: int, linjer: int) -> None:
    if tegn > MAKS_TEGN or linjer > MAKS_LINJER:
        raise Importfeil(
            _(
                "Filen har mer tekst enn en avtale (over %(linjer)d linjer eller %(tegn)d tegn). "
                "Importer én avtale om gangen."
            )
            % {"linjer": MAKS_LINJER, "tegn": MAKS_TEGN}
        )
