"""Import of an existing agreement from plain text or .docx into clauses.

Agreements arrive as text exported from PDF or Word: lines wrapped and hyphenated,
double line spacing, running heads and page numbers, bullets from a private-use
font. This module turns them into numbered sections with Markdown text, and says
what it could not place instead of guessing silently.
"""

import io
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from avtaler.services import NyttPunkt
from kjerne.feil import Domenefeil

MAKS_BYTES = 5 * 1024 * 1024
MAKS_UTPAKKET = 50 * 1024 * 1024
SIDESKIFT = "\f"

_OVERSKRIFT = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*?)\s*$")
_PUNKTLISTE = re.compile(r"^\s*([\uf0b7\uf0a7\uf0d8•·▪‣◦●\-\*–o])\s+(\S.*?)\s*$")
_NUMMERLISTE = re.compile(r"^\s*(\d{1,2}|[a-z])[\).]\s+(\S.*?)\s*$")
_SIDETALL = re.compile(
    r"^\s*(?:-\s*\d+\s*-|(?:side|s\.)?\s*\d+(?:\s*(?:av|/)\s*\d+)?)\s*$", re.IGNORECASE
)
_SIDE_X_AV_Y = re.compile(r"\bside\s+\d+\s+av\s+\d+\b", re.IGNORECASE)
_MARKDOWN_START = re.compile(r"^(\d+[.)]|[-*+#>])(?=\s)")
_UNDERPUNKT = {"o", "◦", "\uf0a7"}
_SMAAORD_ETTER_BINDESTREK = {"og", "eller", "samt", "til", "enn"}
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Importfeil(Domenefeil):
    """The file cannot be imported; the message says why and what to do."""


@dataclass
class Seksjon:
    nummer: str
    overskrift: str
    blokker: list[str] = field(default_factory=list)

    @property
    def niva(self) -> int:
        return self.nummer.count(".") + 1 if self.nummer else 1

    @property
    def tekst(self) -> str:
        return "\n\n".join(self.blokker)


@dataclass
class Importresultat:
    seksjoner: list[Seksjon]
    merknader: list[str]
    tittel: str = ""

    def punkter(self) -> list[NyttPunkt]:
        return [NyttPunkt(s.nummer, s.overskrift, s.tekst) for s in self.seksjoner]

    def som_markdown(self) -> str:
        """The agreement as the Markdown the product stores: one heading line per section."""
        deler = []
        for seksjon in self.seksjoner:
            hode = f"{'#' * seksjon.niva} {seksjon.nummer} {seksjon.overskrift}".replace("  ", " ")
            deler.append(hode.strip())
            if seksjon.blokker:
                deler.append(seksjon.tekst)
        return "\n\n".join(deler) + "\n"


# --- reading files -------------------------------------------------------------------


def les_fil(filnavn: str, data: bytes) -> tuple[list[str], bool]:
    """Return the file's lines and whether they are wrapped lines (text) or whole paragraphs."""
    if not data or not data.strip():
        raise Importfeil(_("Filen er tom."))
    if len(data) > MAKS_BYTES:
        raise Importfeil(
            _("Filen er for stor (%(mb).1f MB). Største tillatte størrelse er %(maks)d MB.")
            % {"mb": len(data) / 1024 / 1024, "maks": MAKS_BYTES // 1024 // 1024}
        )
    if data.startswith(b"PK\x03\x04"):
        return _les_docx(data), False
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Importfeil(
            _("Gamle Word-filer (.doc) kan ikke leses. Lagre filen som .docx eller ren tekst.")
        )
    if data.startswith(b"%PDF"):
        raise Importfeil(
            _("PDF kan ikke leses direkte. Kopier teksten ut og lagre den som ren tekst (UTF-8).")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        tekst = data.decode("utf-16")
    else:
        if b"\x00" in data:
            raise Importfeil(_("Filen ser ut til å være binær, ikke tekst eller Word (.docx)."))
        try:
            tekst = data.decode("utf-8-sig")
        except UnicodeDecodeError as feil:
            raise Importfeil(
                _(
                    "Filen er ikke lagret som UTF-8 (feil ved tegn nr. %(pos)d). "
                    "Lagre den som «Ren tekst» med tegnkoding UTF-8 og prøv igjen."
                )
                % {"pos": feil.start + 1}
            ) from None
    if any(ord(tegn) < 32 and tegn not in "\n\r\t\f" for tegn in tekst):
        raise Importfeil(_("Filen inneholder kontrolltegn og ser ikke ut som en tekstfil."))
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    return tekst.split("\n"), True


def _les_docx(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arkiv:
            # A few MB can unpack to gigabytes (a zip bomb): ask the size before reading.
            if arkiv.getinfo("word/document.xml").file_size > MAKS_UTPAKKET:
                raise Importfeil(_("Teksten i Word-filen er for stor til å importeres."))
            xml = arkiv.read("word/document.xml")
        rot = ElementTree.fromstring(xml)  # noqa: S314 - no entities or DTDs in OOXML parts
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise Importfeil(
            _("Filen ser ut som en Word-fil (.docx), men den kan ikke leses. Er den skadet?")
        ) from None
    linjer: list[str] = []
    for avsnitt in rot.iter(f"{_W_NS}p"):
        tekst = "".join(
            node.text or "" if node.tag == f"{_W_NS}t" else " "
            for node in avsnitt.iter()
            if node.tag in (f"{_W_NS}t", f"{_W_NS}tab", f"{_W_NS}br")
        ).strip()
        if not tekst:
            continue
        nummerering = avsnitt.find(f"{_W_NS}pPr/{_W_NS}numPr")
        stil = avsnitt.find(f"{_W_NS}pPr/{_W_NS}pStyle")
        er_overskrift = stil is not None and "heading" in (stil.get(f"{_W_NS}val") or "").lower()
        if nummerering is not None and not er_overskrift:
            niva = nummerering.find(f"{_W_NS}ilvl")
            dypt = niva is not None and niva.get(f"{_W_NS}val", "0") != "0"
            tekst = ("o " if dypt else "\uf0b7 ") + tekst
        linjer.append(tekst)
    return linjer


# --- page furniture --------------------------------------------------------------------


def _fjern_sidemobler(linjer: list[str], merknader: list[str]) -> list[str]:
    """Remove page numbers and running heads/feet (repeated lines at page edges)."""
    sider: list[list[int]] = [[]]
    for i, linje in enumerate(linjer):
        for _del in range(linje.count(SIDESKIFT)):
            sider.append([])
        if linje.replace(SIDESKIFT, "").strip():
            sider[-1].append(i)
    kanter: set[int] = set()
    if len(sider) > 1:
        for side in sider:
            kanter.update(side[:2] + side[-2:])
    normal = {i: re.sub(r"\d+", "#", linjer[i].replace(SIDESKIFT, "").strip()) for i in kanter}
    gjentatt = {tekst for tekst, n in Counter(normal.values()).items() if n >= 2}
    fjernet = []
    resultat = []
    for i, linje in enumerate(linjer):
        ren = linje.replace(SIDESKIFT, "")
        innhold = ren.strip()
        sidemobel = bool(innhold) and (
            _SIDETALL.match(innhold)
            or (len(innhold) < 120 and _SIDE_X_AV_Y.search(innhold))
            or (i in kanter and normal[i] in gjentatt)
        )
        if sidemobel:
            fjernet.append(innhold)
            continue
        resultat.append(ren)
    if fjernet:
        eksempler = ", ".join(f"«{t}»" for t in list(dict.fromkeys(fjernet))[:3])
        merknader.append(
            _(
                "Fjernet %(n)d linjer med topptekst, bunntekst eller sidetall "
                "(for eksempel %(eks)s)."
            )
            % {"n": len(fjernet), "eks": eksempler}
        )
    return resultat


# --- parsing ---------------------------------------------------------------------------


def _mulige_neste(forrige: tuple[int, ...] | None) -> set[tuple[int, ...]]:
    if forrige is None:
        return {(0,), (1,), (1, 1)}
    mulige = {(*forrige, 1)}
    for dybde in range(1, len(forrige) + 1):
        mulige.add((*forrige[: dybde - 1], forrige[dybde - 1] + 1))
    return mulige


def _ser_ut_som_overskrift(tekst: str) -> bool:
    return (
        tekst[:1].isupper()
        and len(tekst) <= 150
        and len(tekst.split()) <= 16
        and not tekst.rstrip().endswith((".", ",", ";"))
    )


def _skjot(tekst: str, fortsettelse: str) -> str:
    """Join a wrapped line, undoing hyphenation but keeping «helse- og omsorg»."""
    fortsettelse = fortsettelse.strip()
    if re.search(r"\w-$", tekst):
        forste = fortsettelse.split(" ", 1)[0]
        if forste.lower() in _SMAAORD_ETTER_BINDESTREK:
            return f"{tekst} {fortsettelse}"
        if forste[:1].islower():
            return tekst[:-1] + fortsettelse
        return tekst + fortsettelse
    return f"{tekst} {fortsettelse}"


@dataclass
class _Blokk:
    type: str  # "avsnitt" | "punkt" | "nummer"
    tekst: str
    niva: int = 0
    nummer: str = ""

    def som_markdown(self) -> str:
        if self.type == "punkt":
            return "  " * self.niva + "- " + self.tekst
        if self.type == "nummer":
            return f"{self.nummer}. {self.tekst}"
        # A paragraph that starts like Markdown syntax («7. …», «- …») must stay a paragraph.
        start = _MARKDOWN_START.match(self.tekst)
        if start:
            tegn = start.group(1)
            return f"{tegn[:-1]}\\{tegn[-1]}{self.tekst[start.end() :]}"
        return self.tekst


def _samle_blokker(blokker: list[_Blokk]) -> list[str]:
    """Consecutive list items form one Markdown list; paragraphs stand alone."""
    resultat: list[str] = []
    for blokk in blokker:
        tekst = blokk.som_markdown()
        if blokk.type != "avsnitt" and resultat and resultat[-1].endswith("\x00liste"):
            resultat[-1] = resultat[-1][: -len("\x00liste")] + "\n" + tekst + "\x00liste"
        elif blokk.type != "avsnitt":
            resultat.append(tekst + "\x00liste")
        else:
            resultat.append(tekst)
    return [r.removesuffix("\x00liste") for r in resultat if r.strip()]


def tolk_linjer(linjer: list[str], ombrukket: bool = True) -> Importresultat:
    """Turn lines into numbered sections. ``ombrukket``: lines are wrapped (PDF/text export)."""
    merknader: list[str] = []
    linjer = _fjern_sidemobler(linjer, merknader)
    ikke_tomme = [linje.rstrip() for linje in linjer if linje.strip()]
    if not ikke_tomme:
        raise Importfeil(_("Filen inneholder ingen tekst."))
    tomme = sum(1 for linje in linjer if linje == "")
    dobbel_avstand = ombrukket and tomme >= 0.4 * len(ikke_tomme)
    bredde = (
        statistics.quantiles([len(x) for x in ikke_tomme], n=10)[-1] if len(ikke_tomme) > 1 else 80
    )
    ombrukket = ombrukket and bredde <= 140
    full_linje = 0.8 * bredde

    seksjoner: list[Seksjon] = []
    innledning: list[_Blokk] = []
    blokker = innledning
    forrige_nummer: tuple[int, ...] | None = None
    aapen: _Blokk | None = None
    forrige_linje = ""
    nummerliste_siste = 0

    def avslutt_blokk():
        nonlocal aapen
        aapen = None

    for radnr, raa in enumerate(linjer, start=1):
        linje = raa.rstrip("\n")
        if not linje.strip():
            if linje == "" and dobbel_avstand:
                continue  # every line is followed by an empty one: not a paragraph break
            avslutt_blokk()
            forrige_linje = ""
            continue
        innhold = re.sub(r"\s+", " ", linje.strip())

        treff = _OVERSKRIFT.match(linje)
        if treff:
            nummer = tuple(int(d) for d in treff.group(1).split("."))
            tekst = re.sub(r"\s+", " ", treff.group(2))
            fortsetter_liste = (
                aapen is not None
                and aapen.type == "nummer"
                and (len(nummer) == 1 and nummer[0] == nummerliste_siste + 1)
            )
            if (
                not fortsetter_liste
                and nummer in _mulige_neste(forrige_nummer)
                and _ser_ut_som_overskrift(tekst)
            ):
                seksjoner.append(Seksjon(treff.group(1), tekst))
                blokker = seksjoner[-1].blokker_raa = []  # type: ignore[attr-defined]
                forrige_nummer = nummer
                avslutt_blokk()
                nummerliste_siste = 0
                forrige_linje = ""
                continue
            if _ser_ut_som_overskrift(tekst) and not fortsetter_liste and len(tekst) < 90:
                # Not placed as a heading: keep it as its own paragraph and say so.
                aapen = _Blokk("avsnitt", innhold)
                blokker.append(aapen)
                forrige_linje = ""
                merknader.append(
                    _(
                        "Linje %(nr)d «%(tekst)s» ser ut som et punktnummer, men passer ikke "
                        "i rekkefølgen etter %(forrige)s – lest som tekst."
                    )
                    % {
                        "nr": radnr,
                        "tekst": innhold[:60],
                        "forrige": ".".join(map(str, forrige_nummer))
                        if forrige_nummer
                        else "start",
                    }
                )
                continue

        liste = _PUNKTLISTE.match(linje)
        if liste and not (liste.group(1) == "o" and not liste.group(2)[:1].isalpha()):
            niva = 1 if liste.group(1) in _UNDERPUNKT else 0
            aapen = _Blokk("punkt", re.sub(r"\s+", " ", liste.group(2)), niva=niva)
            blokker.append(aapen)
            forrige_linje = linje
            continue

        nummerert = _NUMMERLISTE.match(linje)
        if nummerert and nummerert.group(1).isdigit():
            tall = int(nummerert.group(1))
            if tall == 1 or (
                aapen is not None and aapen.type == "nummer" and tall == nummerliste_siste + 1
            ):
                aapen = _Blokk("nummer", re.sub(r"\s+", " ", nummerert.group(2)), nummer=str(tall))
                nummerliste_siste = tall
                blokker.append(aapen)
                forrige_linje = linje
                continue

        forrige_full = len(forrige_linje.rstrip()) >= full_linje
        avsnitt_slutt = re.search(r"[.:!?]\s{2,}$", forrige_linje) is not None
        # A wrapped line: the previous line was full, or this one goes on mid-sentence.
        midt_i_setning = forrige_linje.strip() and not re.search(r"[.:;!?)]\s*$", forrige_linje)
        fortsetter = (
            (forrige_full and not avsnitt_slutt)
            or innhold[:1].islower()
            or (midt_i_setning and innhold[:1].isdigit())
        )
        if aapen is not None and ombrukket and fortsetter:
            aapen.tekst = _skjot(aapen.tekst, innhold)
        else:
            aapen = _Blokk("avsnitt", innhold)
            blokker.append(aapen)
        forrige_linje = linje

    if not seksjoner:
        raise Importfeil(
            _(
                "Fant ingen nummererte punkter (som «1. Formål» eller «3.1 Samarbeidsavtalen»). "
                "Sjekk at overskriftene i filen har nummer."
            )
        )
    for seksjon in seksjoner:
        seksjon.blokker = _samle_blokker(seksjon.__dict__.pop("blokker_raa", []))
    tittel = ""
    if innledning:
        if innledning[0].type == "avsnitt" and len(innledning[0].tekst) <= 150:
            tittel = innledning.pop(0).tekst
        if innledning:
            seksjoner.insert(0, Seksjon("", _("Innledning"), _samle_blokker(innledning)))
            merknader.append(
                _("Teksten før første nummererte punkt er lagt i et eget punkt uten nummer.")
            )
    tomme_seksjoner = [s.nummer for s in seksjoner if not s.blokker]
    barn = {s.nummer.rpartition(".")[0] for s in seksjoner}
    tomme_uten_barn = [n for n in tomme_seksjoner if n not in barn]
    if tomme_uten_barn:
        merknader.append(
            _("Disse punktene har overskrift, men ingen tekst: %(nr)s.")
            % {"nr": ", ".join(tomme_uten_barn)}
        )
    return Importresultat(seksjoner=seksjoner, merknader=merknader, tittel=tittel)


def importer_fil(filnavn: str, data: bytes) -> Importresultat:
    linjer, ombrukket = les_fil(filnavn, data)
    return tolk_linjer(linjer, ombrukket=ombrukket)
