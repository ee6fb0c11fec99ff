"""The blocks of a section's text (paragraphs, list items, tables) and their Markdown."""

import re
from dataclasses import dataclass, field

_MARKDOWN_START = re.compile(r"^(\d+[.)]|[-*+#>|])(?=\s)")
SMAAORD_ETTER_BINDESTREK = {"og", "eller", "samt", "til", "enn"}


def skjot(tekst: str, fortsettelse: str) -> str:
    """Join a wrapped line, undoing hyphenation but keeping «helse- og omsorg»."""
    fortsettelse = fortsettelse.strip()
    if tekst.endswith("\u00ad"):  # a soft hyphen marks a break inside a word
        return tekst[:-1] + fortsettelse
    if tekst.endswith("\u2010"):  # the hyphen typesetters put where they broke a word
        tekst = tekst[:-1] + "-"
    if re.search(r"\w-$", tekst):
        forste = fortsettelse.split(" ", 1)[0]
        if forste.lower() in SMAAORD_ETTER_BINDESTREK:
            return f"{tekst} {fortsettelse}"
        if forste[:1].islower():
            return tekst[:-1] + fortsettelse
        return tekst + fortsettelse
    if tekst.endswith(("\u2011", "/")):  # «§ 6‑» + «1»: a non-breaking hyphen never breaks
        return tekst + fortsettelse
    return f"{tekst} {fortsettelse}"


def _escape(tekst: str) -> str:
    """A paragraph that starts like Markdown syntax («7. …», «- …») must stay a paragraph."""
    start = _MARKDOWN_START.match(tekst)
    if start:
        tegn = start.group(1)
        return f"{tegn[:-1]}\\{tegn[-1]}{tekst[start.end() :]}"
    return tekst


@dataclass
class Blokk:
    type: str  # "avsnitt" | "punkt" | "nummer" | "tabell"
    tekst: str
    niva: int = 0
    nummer: str = ""  # a numbered item's label: «3», «b)», «iv)»
    rader: list[list[str]] = field(default_factory=list)
    linje: int = 0


def _markor(blokk: Blokk) -> str:
    if blokk.type == "punkt":
        return "- "
    if blokk.nummer.isdigit():
        return f"{blokk.nummer}. "
    return "- "  # «a)», «iv)»: Markdown has no lettered lists; the label stays in the text


def _tabell(rader: list[list[str]]) -> str:
    bredde = max(len(rad) for rad in rader)

    def celle(tekst: str) -> str:
        return re.sub(r"\s+", " ", tekst).replace("|", "\\|").strip() or " "

    linjer = []
    for i, rad in enumerate(rader):
        celler = [celle(c) for c in rad] + [" "] * (bredde - len(rad))
        linjer.append("| " + " | ".join(celler) + " |")
        if i == 0:
            linjer.append("|" + "---|" * bredde)
    return "\n".join(linjer)


def som_markdown(blokker: list[Blokk]) -> list[str]:
    """Consecutive list items form one Markdown list, nested by level; the rest stand alone."""
    resultat: list[str] = []
    liste: list[str] = []
    innrykk: list[int] = []  # per open level: where its items' text starts

    def lukk_liste():
        if liste:
            resultat.append("\n".join(liste))
            liste.clear()
            innrykk.clear()

    for blokk in blokker:
        if blokk.type in ("punkt", "nummer"):
            niva = min(blokk.niva, len(innrykk))
            del innrykk[niva + 1 :]
            start = innrykk[niva - 1] if niva else 0
            markor = _markor(blokk)
            tekst = (
                blokk.tekst
                if blokk.type == "punkt" or blokk.nummer.isdigit()
                else (f"{blokk.nummer} {blokk.tekst}")
            )
            liste.append(" " * start + markor + tekst)
            if len(innrykk) > niva:
                innrykk[niva] = start + len(markor)
            else:
                innrykk.append(start + len(markor))
            continue
        lukk_liste()
        if blokk.type == "tabell":
            resultat.append(_tabell(blokk.rader))
        elif blokk.tekst.strip():
            resultat.append(_escape(blokk.tekst))
    lukk_liste()
    return resultat
