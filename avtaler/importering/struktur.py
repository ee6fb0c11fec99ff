"""From lines to numbered sections: headings, paragraphs, lists and tables.

A numbered line is a heading only where its number can follow the previous heading
(3.1 after 3, 4 after 3.2) and its text reads like a title; anything else that looks
like one is reported, not guessed. The coordinator's corrections (`Overstyring`) win
over every rule here.
"""

import re
import statistics
from dataclasses import dataclass

from django.utils.translation import gettext as _

from avtaler.importering import rapport
from avtaler.importering.avsnitt import (
    BINDEORD,
    LOST_PUNKTTEGN,
    SETNINGSSLUTT,
    Avsnittsplassering,
    etikett_nummer,
)
from avtaler.importering.blokker import Blokk, skjot
from avtaler.importering.innhold import OVERSKRIFT as INNHOLDSOVERSKRIFT
from avtaler.importering.innhold import finn_innhold, gjentatt_innhold
from avtaler.importering.modeller import (
    Importfeil,
    Importresultat,
    Lesing,
    Linje,
    Linjerolle,
    Merknad,
    Seksjon,
)
from avtaler.importering.overskrifter import (
    LOST_NUMMER as _LOST_NUMMER,
)
from avtaler.importering.overskrifter import (
    OVERSKRIFT,
    Kandidat,
    finn_kandidater,
    ser_ut_som_overskrift,
    sidekanter,
    velg_kjede,
)
from avtaler.importering.sidemobler import LOSE_TALL, finn_sidemobler

_NUMMER = r"\d{1,3}(?:\.\d{1,3}){0,4}"


@dataclass
class Overstyring:
    """The coordinator's correction of one line: «overskrift» (with a number), «tekst»
    (never a heading, and kept even if it was left out), «sammen» (join the block above),
    «del» (start a new paragraph here)."""

    handling: str
    nummer: str = ""


def mulige_neste(forrige: tuple[int, ...] | None) -> set[tuple[int, ...]]:
    if forrige is None:
        return {(0,), (1,), (1, 1)}
    mulige = {(*forrige, 1)}
    for dybde in range(1, len(forrige) + 1):
        mulige.add((*forrige[: dybde - 1], forrige[dybde - 1] + 1))
    return mulige


def _tall(nummer: str) -> tuple[int, ...]:
    return tuple(int(d) for d in nummer.split("."))


def _tekst(tall: tuple[int, ...]) -> str:
    return ".".join(map(str, tall))


class _Tolker(Avsnittsplassering):
    def __init__(self, lesing: Lesing, overstyringer: dict[int, Overstyring]):
        self.lesing = lesing
        self.overstyr = overstyringer
        self.merknader: list[Merknad] = list(lesing.merknader)
        self.roller: dict[int, Linjerolle] = {}
        self.seksjoner: list[Seksjon] = []
        self.innledning: list[Blokk] = []
        self.blokker: list[Blokk] = self.innledning
        self.seksjonsblokker: list[list[Blokk]] = []
        self.forrige_nummer: tuple[int, ...] | None = None
        self.aapen: Blokk | None = None
        self.forrige_linje: Linje | None = None
        self.nummerliste_siste = ""
        self.brukte_nummer: set[str] = set()
        self.apen_overskrift: Seksjon | None = None  # a heading that may wrap onto the next line

    # --- set-up --------------------------------------------------------------------

    def utelatte(self) -> tuple[set[int], set[int]]:
        linjer = self.lesing.linjer
        sidemobler = finn_sidemobler(linjer)
        innhold, _start = finn_innhold(linjer, sidemobler)
        kandidater = []
        for linje in linjer:
            if linje.nr in sidemobler or linje.nr in innhold or not linje.tekst.strip():
                continue
            treff = OVERSKRIFT.match(self.vist_tekst(linje))
            if treff and ser_ut_som_overskrift(treff.group(2)):
                kandidater.append([linje.nr, treff.group(2), _tall(treff.group(1)), False])
            elif kandidater:
                kandidater[-1][3] = True
        gjentatt = gjentatt_innhold([tuple(k) for k in kandidater])
        if gjentatt:
            innhold |= gjentatt
            foran = [
                linje
                for linje in linjer
                if linje.nr < min(gjentatt) and linje.tekst.strip() and linje.nr not in sidemobler
            ]
            if foran and INNHOLDSOVERSKRIFT.match(foran[-1].tekst):
                innhold.add(foran[-1].nr)
        for nr, overstyring in self.overstyr.items():
            if overstyring.handling in ("tekst", "overskrift"):
                sidemobler.discard(nr)
                innhold.discard(nr)
        return sidemobler, innhold

    @staticmethod
    def vist_tekst(linje: Linje) -> str:
        """A line as the reader sees it: Word's automatic label in front of the text."""
        if linje.etikett:
            return f"{linje.etikett} {linje.tekst}"
        if linje.art == "tabell":
            return " ".join(linje.celler)
        return linje.tekst

    def bruker_null_stil(self, linjer: list[Linje]) -> bool:
        """Sørlandet sykehus' «1.0 Parter, 2.0 Bakgrunn, 2.1 …»: N.0 is chapter N."""
        nuller = 0
        for linje in linjer:
            treff = OVERSKRIFT.match(self.vist_tekst(linje))
            if (
                treff
                and re.fullmatch(r"\d+\.0", treff.group(1))
                and ser_ut_som_overskrift(treff.group(2))
            ):
                nuller += 1
        return nuller >= 2

    # --- headings -------------------------------------------------------------------

    def ny_seksjon(self, linje: Linje, nummer: str, tittel: str, ekstra: list[Linje] = ()) -> None:
        seksjon = Seksjon(nummer, re.sub(r"\s+", " ", tittel).strip(), linje=linje.nr)
        self.seksjoner.append(seksjon)
        self.blokker = []
        self.seksjonsblokker.append(self.blokker)
        if nummer:
            self.forrige_nummer = _tall(nummer)
            self.brukte_nummer.add(nummer)
        self.aapen = None
        self.nummerliste_siste = ""
        self.forrige_linje = None
        for del_linje in (linje, *ekstra):
            self.roller[del_linje.nr] = Linjerolle(del_linje, "overskrift", nummer)
        self.apen_overskrift = seksjon if not linje.hel else None

    def prov_overskrift(self, linje: Linje, tekst: str, ekstra: list[Linje] = ()) -> bool:
        """Make a heading of the line if the chosen chain has it; report one left out."""
        kandidat: Kandidat | None = self.valgte.get(linje.nr)
        if kandidat is not None and kandidat.nummer not in self.brukte_nummer:
            if kandidat.hopp:
                self.merknader.append(
                    Merknad(
                        _("«%(tekst)s» følger etter %(forrige)s: nummer %(mangler)s mangler.")
                        % {
                            "tekst": f"{kandidat.nummer} {kandidat.tittel}"[:70],
                            "forrige": _tekst(self.forrige_nummer)
                            if self.forrige_nummer
                            else "start",
                            "mangler": kandidat.hopp,
                        },
                        linje=linje.nr,
                        art="rekkefolge",
                    )
                )
            self.ny_seksjon(linje, kandidat.nummer, kandidat.tittel, ekstra)
            return True
        treff = OVERSKRIFT.match(tekst)
        if not treff:
            return False
        tittel = re.sub(r"\s+", " ", treff.group(2))
        tall = _tall(self.normaliser(treff.group(1)))
        if not ser_ut_som_overskrift(tittel):
            return False
        if len(tall) == 1 and (tall[0] == 1 or self.nummerliste_siste == str(tall[0] - 1)):
            # «1 Oppgave…», «2 Samarbeid…»: the rows of a numbered list or table.
            self.nummerliste_siste = str(tall[0])
            blokk = Blokk("nummer", tittel, nummer=str(tall[0]), linje=linje.nr)
            self.ny_blokk(linje, blokk, "nummer")
            for del_linje in ekstra:
                self.roller[del_linje.nr] = Linjerolle(del_linje, "fortsettelse")
            return True
        if len(tittel) < 90 and tittel[:1].isupper():
            # Not placed as a heading: keep it as its own paragraph and say so.
            self.merknader.append(
                Merknad(
                    _(
                        "«%(tekst)s» ser ut som et punktnummer, men passer ikke "
                        "i rekkefølgen etter %(forrige)s – lest som tekst."
                    )
                    % {
                        "tekst": re.sub(r"\s+", " ", tekst.strip())[:60],
                        "forrige": _tekst(self.forrige_nummer) if self.forrige_nummer else "start",
                    },
                    linje=linje.nr,
                    art="rekkefolge",
                )
            )
            self.ny_blokk(
                linje, Blokk("avsnitt", re.sub(r"\s+", " ", tekst.strip()), linje=linje.nr)
            )
            self.forrige_linje = None
            for del_linje in ekstra:
                self.roller[del_linje.nr] = Linjerolle(del_linje, "fortsettelse")
            return True
        return False

    def normaliser(self, nummer: str) -> str:
        if self.null_stil and re.fullmatch(r"\d+\.0", nummer):
            return nummer[:-2]
        return nummer

    def overstyrt_overskrift(self, linje: Linje, overstyring: Overstyring) -> None:
        tekst = self.vist_tekst(linje).strip()
        treff = OVERSKRIFT.match(tekst)
        nummer = overstyring.nummer.strip().rstrip(".")
        tittel = treff.group(2) if treff else tekst
        if not nummer and treff:
            nummer = self.normaliser(treff.group(1))
        if nummer and (not re.fullmatch(_NUMMER, nummer) or nummer in self.brukte_nummer):
            self.merknader.append(
                Merknad(
                    _(
                        "Nummer «%(nr)s» kan ikke brukes (ugyldig eller brukt før); "
                        "overskriften er lagt inn uten nummer."
                    )
                    % {"nr": nummer},
                    linje=linje.nr,
                    art="rekkefolge",
                )
            )
            nummer = ""
        self.ny_seksjon(linje, nummer, tittel)

    # --- blocks ---------------------------------------------------------------------

    def kjor(self) -> Importresultat:
        linjer = self.lesing.linjer
        sidemobler, innhold = self.utelatte()
        self.null_stil = self.bruker_null_stil(
            [linje for linje in linjer if linje.nr not in sidemobler | innhold]
        )
        ikke_tomme = [
            linje.tekst.rstrip()
            for linje in linjer
            if linje.tekst.strip() and linje.nr not in sidemobler | innhold
        ]
        if not ikke_tomme and not any(linje.art == "tabell" for linje in linjer):
            raise Importfeil(_("Filen inneholder ingen tekst."))
        kandidater = finn_kandidater(linjer, sidemobler | innhold, self.vist_tekst, self.normaliser)
        overstyrte = {
            nr for nr, o in self.overstyr.items() if o.handling in ("tekst", "del", "overskrift")
        }
        self.sidekant = sidekanter(linjer, sidemobler | innhold)
        self.valgte = {
            k.nr: k for k in velg_kjede([k for k in kandidater if k.nr not in overstyrte])
        }
        self.ombrukket = self.lesing.ombrukket
        tomme = sum(1 for linje in linjer if linje.tekst == "" and not linje.hel)
        self.dobbel_avstand = self.ombrukket and tomme >= 0.4 * max(len(ikke_tomme), 1)
        # Widths without indentation and padding: pdftotext -layout spaces words out.
        bredde = (
            statistics.quantiles([len(" ".join(x.split())) for x in ikke_tomme], n=10)[-1]
            if len(ikke_tomme) > 1
            else 80
        )
        self.ombrukket = self.ombrukket and bredde <= 140
        self.full_linje = 0.8 * bredde

        i = 0
        while i < len(linjer):
            linje = linjer[i]
            i += 1
            if linje.nr in sidemobler:
                self.roller[linje.nr] = Linjerolle(linje, "sidemobel")
                continue
            if linje.nr in innhold:
                self.roller[linje.nr] = Linjerolle(linje, "innhold")
                continue
            i = self.linje(linje, linjer, i, sidemobler | innhold)

        return rapport.avslutt(self, sidemobler, innhold)

    def neste_synlige(
        self, linjer: list[Linje], i: int, utelatt: set[int]
    ) -> tuple[Linje | None, int]:
        while i < len(linjer):
            if linjer[i].tekst.strip() and linjer[i].nr not in utelatt:
                return linjer[i], i
            if linjer[i].nr in utelatt:
                self.roller[linjer[i].nr] = Linjerolle(
                    linjer[i], "sidemobel" if linjer[i].art != "innhold" else "innhold"
                )
            i += 1
        return None, i

    def linje(self, linje: Linje, linjer: list[Linje], i: int, utelatt: set[int]) -> int:
        """Place one line; returns where to go on (a heading may take the next line too)."""
        overstyring = self.overstyr.get(linje.nr)
        if linje.art == "tittel" and linje.tekst == self.lesing.tittel and not self.seksjoner:
            self.roller[linje.nr] = Linjerolle(linje, "tittel")
            return i
        if linje.art == "tabell":
            self.tabellrad(linje)
            return i
        if not linje.tekst.strip() and not linje.etikett:
            self.roller[linje.nr] = Linjerolle(linje, "tom")
            if linje.tekst == "" and self.dobbel_avstand:
                return i  # every line is followed by an empty one: not a paragraph break
            self.aapen = None
            self.forrige_linje = None
            return i
        tekst = self.vist_tekst(linje)
        innhold = re.sub(r"\s+", " ", tekst.strip())

        if overstyring and overstyring.handling == "overskrift":
            self.overstyrt_overskrift(linje, overstyring)
            return i
        if overstyring and overstyring.handling == "sammen" and self.aapen is not None:
            self.aapen.tekst = (
                skjot(self.aapen.tekst, innhold)
                if not linje.hel
                else f"{self.aapen.tekst} {innhold}"
            )
            self.roller[linje.nr] = Linjerolle(linje, "fortsettelse")
            self.forrige_linje = linje
            return i
        tving_tekst = overstyring is not None and overstyring.handling in ("tekst", "del")

        if not tving_tekst:
            # A number or a bullet sign alone on its line belongs to the next line.
            lost = _LOST_NUMMER.match(tekst) or LOST_PUNKTTEGN.match(tekst)
            if (
                lost
                and not linje.hel
                and linje.nr not in self.valgte
                and LOSE_TALL.match(tekst)
                and linje.nr in self.sidekant
            ):
                self.roller[linje.nr] = Linjerolle(linje, "sidemobel")  # a page number
                return i
            if lost and not linje.hel:
                neste, j = self.neste_synlige(linjer, i, utelatt)
                if neste is not None and neste.nr not in self.overstyr:
                    samlet = f"{tekst.strip()} {neste.tekst.strip()}"
                    if _LOST_NUMMER.match(tekst) and self.prov_overskrift(linje, samlet, [neste]):
                        return j + 1
                    ikke_sidetall = LOST_PUNKTTEGN.match(tekst) or not LOSE_TALL.match(tekst)
                    if ikke_sidetall and self.liste(linje, samlet):
                        self.roller[neste.nr] = Linjerolle(neste, "fortsettelse")
                        self.forrige_linje = neste
                        return j + 1
                if LOSE_TALL.match(tekst):
                    self.roller[linje.nr] = Linjerolle(linje, "sidemobel")
                    return i
            if self.apen_overskrift is not None and self.fortsetter_overskrift(linje, innhold):
                return i
            desimal = etikett_nummer(linje) if linje.etikett else None
            if (desimal is not None or not linje.etikett) and self.prov_overskrift(linje, tekst):
                return i
            if (
                linje.overskrift
                and not OVERSKRIFT.match(tekst)
                and not (linje.etikett and not desimal)
            ):
                self.uten_nummer(linje, innhold)
                return i
            if self.liste(linje, tekst):
                return i

        if overstyring is None and self.fortsetter(linje, innhold):
            self.aapen.tekst = skjot(self.aapen.tekst, innhold)
            self.roller[linje.nr] = Linjerolle(linje, "fortsettelse")
            self.forrige_linje = linje
            return i
        if linje.art == "fotnote":
            self.ny_blokk(linje, Blokk("avsnitt", innhold, linje=linje.nr))
            self.aapen = None
            return i
        self.ny_blokk(linje, Blokk("avsnitt", innhold, linje=linje.nr))
        return i

    def fortsetter_overskrift(self, linje: Linje, innhold: str) -> bool:
        """A long heading wrapped by the exporter goes on in lower case on the next line."""
        seksjon = self.apen_overskrift
        if linje.tomme_foer and not self.dobbel_avstand:
            return False
        if not (innhold[:1].islower() or BINDEORD.search(seksjon.overskrift)):
            return False
        if len(seksjon.overskrift) + len(innhold) > 200:
            return False
        if SETNINGSSLUTT.search(innhold) and len(innhold.split()) > 6:
            return False
        seksjon.overskrift = skjot(seksjon.overskrift, innhold)
        self.roller[linje.nr] = Linjerolle(linje, "overskrift", seksjon.nummer)
        return True

    def uten_nummer(self, linje: Linje, innhold: str) -> None:
        """A paragraph in a Word heading style without a number: an unnumbered section."""
        if not self.seksjoner and not self.innledning and not self.lesing.tittel:
            self.ny_blokk(linje, Blokk("avsnitt", innhold, linje=linje.nr), "tittel")
            return
        self.ny_seksjon(linje, "", innhold)
        self.merknader.append(
            Merknad(
                _(
                    "«%(tekst)s» er en overskrift uten nummer; den er lagt inn som et punkt "
                    "uten nummer."
                )
                % {"tekst": innhold[:60]},
                linje=linje.nr,
                art="uten_nummer",
            )
        )


def tolk(lesing: Lesing, overstyringer: dict[int, Overstyring] | None = None) -> Importresultat:
    """Interpret the lines of a read file as numbered sections."""
    return _Tolker(lesing, overstyringer or {}).kjor()
