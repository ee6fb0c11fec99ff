"""Where a line goes in a section's text: a new paragraph, the one above, a list item, a
table row. The interpreting pass (`struktur`) decides headings and hands the rest here.
"""

import re

from avtaler.importering.blokker import Blokk
from avtaler.importering.modeller import Linje, Linjerolle

_NUMMER = r"\d{1,3}(?:\.\d{1,3}){0,4}"
_PUNKTTEGN = "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8•·▪‣◦●■□➢►✓\\-\\*–o"
_PUNKTLISTE = re.compile(rf"^\s*([{_PUNKTTEGN}])\s+(\S.*?)\s*$")
LOST_PUNKTTEGN = re.compile(rf"^\s*([{_PUNKTTEGN}])\s*$")
_UNDERPUNKT = {"o", "◦", "\uf0a7", "▪", "■"}
_ROMERTALL = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_NUMMERLISTE = re.compile(
    r"^\s*\(?(\d{1,2}|[a-zæøå]|[A-ZÆØÅ]|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii))([\).])\s+(\S.*?)\s*$"
)
SETNINGSSLUTT = re.compile(r"[.:;!?)]\s*$")
# A line that ends with one of these words cannot end a sentence or a title: it goes on.
BINDEORD = re.compile(
    r"\s(og|eller|samt|i|for|av|om|til|med|på|frå|fra|mellom|ved|etter|under|innan|innen|"
    r"den|det|dei|de|ein|ei|eit|en|et|som|at|å)\s*$",
    re.IGNORECASE,
)


def etikett_nummer(linje: Linje) -> str | None:
    """A Word label's number if it is a decimal one («2.1», «3.», «§ 4»)."""
    treff = re.match(
        rf"^\s*(?:§\s*|kapittel\s+|kap\.\s*|del\s+)?({_NUMMER})[.)]?\s*$", linje.etikett, re.I
    )
    return treff.group(1) if treff else None


def _romersk_eller_bokstav(tegn: str, forrige: str) -> bool:
    """Whether a lettered or roman label starts a list or continues the one before."""
    if tegn.lower() in ("a", "i"):
        return True
    if not forrige:
        return False
    if forrige.lower() in _ROMERTALL and tegn.lower() in _ROMERTALL:
        return _ROMERTALL.index(tegn.lower()) == _ROMERTALL.index(forrige.lower()) + 1
    return len(forrige) == 1 and ord(tegn.lower()) == ord(forrige.lower()) + 1


class Avsnittsplassering:
    """The block-placing half of the interpreting pass (state lives on the pass)."""

    def i_tallliste_med(self, nummer: int) -> bool:
        return (
            self.aapen is not None
            and self.aapen.type == "nummer"
            and self.nummerliste_siste.isdigit()
            and int(self.nummerliste_siste) == nummer
        )

    def ny_blokk(self, linje: Linje, blokk: Blokk, rolle: str = "avsnitt") -> None:
        self.blokker.append(blokk)
        self.aapen = blokk
        self.roller[linje.nr] = Linjerolle(linje, rolle)
        self.forrige_linje = linje
        self.apen_overskrift = None

    def liste(self, linje: Linje, tekst: str) -> bool:
        if linje.etikett and not etikett_nummer(linje):
            etikett = linje.etikett.strip()
            if re.fullmatch(r"\(?[0-9a-zA-ZæøåÆØÅ]{1,5}[.)]", etikett):
                kjerne = etikett.strip("().")
                nummer = kjerne if kjerne.isdigit() else etikett
                blokk = Blokk(
                    "nummer", linje.tekst.strip(), niva=linje.niva, nummer=nummer, linje=linje.nr
                )
                self.ny_blokk(linje, blokk, "nummer")
            else:
                self.ny_blokk(
                    linje,
                    Blokk("punkt", linje.tekst.strip(), niva=linje.niva, linje=linje.nr),
                    "punkt",
                )
            return True
        punkt = _PUNKTLISTE.match(tekst)
        if punkt and not (punkt.group(1) == "o" and not punkt.group(2)[:1].isalpha()):
            niva = 1 if punkt.group(1) in _UNDERPUNKT else 0
            if linje.etikett:
                niva = linje.niva
            self.ny_blokk(
                linje,
                Blokk("punkt", re.sub(r"\s+", " ", punkt.group(2)), niva=niva, linje=linje.nr),
                "punkt",
            )
            return True
        nummerert = _NUMMERLISTE.match(tekst)
        if not nummerert:
            return False
        tegn, skille, innhold = nummerert.groups()
        apen_liste = self.aapen is not None and self.aapen.type == "nummer"
        forrige = self.nummerliste_siste if apen_liste else ""
        if tegn.isdigit():
            godtatt = int(tegn) == 1 or (forrige.isdigit() and int(tegn) == int(forrige) + 1)
            etikett = tegn
        else:
            godtatt = skille == ")" or forrige or tegn in "aA"
            godtatt = godtatt and _romersk_eller_bokstav(tegn, forrige.strip("()."))
            etikett = f"{tegn}{skille}"
        if not godtatt:
            return False
        niva = (
            linje.niva if linje.etikett else (1 if not tegn.isdigit() and self.i_tallliste() else 0)
        )
        self.nummerliste_siste = tegn
        blokk = Blokk(
            "nummer", re.sub(r"\s+", " ", innhold), niva=niva, nummer=etikett, linje=linje.nr
        )
        self.ny_blokk(linje, blokk, "nummer")
        return True

    def i_tallliste(self) -> bool:
        return any(b.type == "nummer" and b.nummer.isdigit() for b in self.blokker[-3:])

    def fortsetter(self, linje: Linje, innhold: str) -> bool:
        """Whether a wrapped line goes on the open block rather than starting a new one."""
        forrige = self.forrige_linje
        if self.aapen is None or forrige is None or not self.ombrukket or linje.hel:
            return False
        if self.aapen.type == "tabell":
            return False
        forrige_tekst = forrige.tekst
        ny_side = bool(forrige.side and linje.side != forrige.side)
        # On a new page the gap was measured from the running head, not from the text.
        if linje.tomme_foer and not self.dobbel_avstand and not ny_side:
            return False
        forrige_full = len(" ".join(forrige_tekst.split())) >= self.full_linje
        avsnitt_slutt = re.search(r"[.:!?]\s{2,}$", forrige_tekst) is not None
        midt_i_setning = forrige_tekst.strip() and not SETNINGSSLUTT.search(forrige_tekst)
        setning_slutt = re.search(r"[.!?]\s*$", forrige_tekst) is not None
        if ny_side and linje.side and setning_slutt and not innhold[:1].islower():
            return False  # across a page break a finished sentence ends the paragraph
        if self.aapen.type != "avsnitt" and setning_slutt and innhold[:1].isupper():
            return False  # a list item ended; the paragraph after it is not part of it
        # In a PDF a line set as large as the one above, with no gap, goes on its text.
        samme_uthevede = linje.storre and forrige.storre and not linje.tomme_foer
        return (
            (forrige_full and not avsnitt_slutt)
            or samme_uthevede
            or bool(BINDEORD.search(forrige_tekst))
            or bool(re.search(r"\w[-\u2010\u00ad]$", forrige_tekst.rstrip()))
            or innhold[:1].islower()
            or bool(midt_i_setning and innhold[:1].isdigit())
        )

    # --- the pass -------------------------------------------------------------------

    def tabellrad(self, linje: Linje) -> None:
        if (
            self.aapen is not None
            and self.aapen.type == "tabell"
            and self.forrige_linje is not None
            and self.forrige_linje.art == "tabell"
        ):
            self.aapen.rader.append(linje.celler)
            self.roller[linje.nr] = Linjerolle(linje, "tabell")
            self.forrige_linje = linje
            return
        self.ny_blokk(linje, Blokk("tabell", "", rader=[linje.celler], linje=linje.nr), "tabell")
