"""What the importer tells about its result: every doubt, at the line where it arises.

Beside the remarks the interpreting pass makes as it goes (numbers out of order), this
module checks the finished result: what was left out (running heads, a table of
contents), text before the first heading, sections far longer than the rest, headings
that seem to hide inside a paragraph, and — the last guard — that every word of the
lines that were kept is in the result.
"""

import difflib
import re
import statistics

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from avtaler.importering.blokker import SMAAORD_ETTER_BINDESTREK as _SMAAORD
from avtaler.importering.blokker import som_markdown
from avtaler.importering.modeller import (
    Importfeil,
    Importresultat,
    Linje,
    Linjerolle,
    Merknad,
    Seksjon,
)

_INNEBYGD_OVERSKRIFT = re.compile(
    r"(?:^|[.:!?]\s+)(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s+"
    r"([A-ZÆØÅ][a-zæøå]+(?:[ -][a-zæøåA-ZÆØÅ]+){0,6})"
)


def _utdrag(linjer: list[Linje], nr: set[int]) -> str:
    tekster = []
    for linje in linjer:
        if linje.nr in nr and (tekst := linje.tekst.strip()) and tekst not in tekster:
            tekster.append(tekst)
        if len(tekster) == 3:
            break
    return ", ".join(f"«{t[:50]}»" for t in tekster)


def _utelatt(tolker, sidemobler: set[int], innhold: set[int]) -> None:
    linjer = tolker.lesing.linjer
    droppet = {nr for nr, r in tolker.roller.items() if r.rolle == "sidemobel"}
    if droppet:
        forste = min(droppet)
        tolker.merknader.insert(
            0,
            Merknad(
                _(
                    "Fjernet %(n)d linjer med topptekst, bunntekst eller sidetall "
                    "(for eksempel %(eks)s)."
                )
                % {"n": len(droppet), "eks": _utdrag(linjer, droppet)},
                linje=forste,
                art="sidemobel",
                alvor="info",
            ),
        )
    if innhold:
        tolker.merknader.insert(
            0,
            Merknad(
                ngettext(
                    "Fant en innholdsfortegnelse (%(n)d linje, fra linje %(fra)d) og lot den "
                    "være ute av avtaleteksten.",
                    "Fant en innholdsfortegnelse (%(n)d linjer, fra linje %(fra)d) og lot den "
                    "være ute av avtaleteksten.",
                    len(innhold),
                )
                % {"n": len(innhold), "fra": min(innhold)},
                linje=min(innhold),
                art="innhold",
                alvor="info",
            ),
        )


def _lange_seksjoner(seksjoner: list[Seksjon], merknader: list[Merknad]) -> None:
    ord_per = [s.ord for s in seksjoner if s.ord]
    if len(ord_per) < 4:
        return
    median = statistics.median(ord_per)
    grense = max(5 * median, 600)
    for seksjon in seksjoner:
        if seksjon.ord > grense:
            merknader.append(
                Merknad(
                    _(
                        "Punkt %(nr)s «%(tittel)s» er langt (%(ord)d ord, mot %(median)d i et "
                        "vanlig punkt). Sjekk at ingen overskrifter i det er lest som tekst."
                    )
                    % {
                        "nr": seksjon.nummer or "–",
                        "tittel": seksjon.overskrift[:50],
                        "ord": seksjon.ord,
                        "median": median,
                    },
                    linje=seksjon.linje,
                    art="lang_seksjon",
                )
            )


def _innebygde_overskrifter(tolker, merknader: list[Merknad]) -> None:
    """«… skal utføre. 3. Formål Denne avtalen …»: a heading inside a paragraph."""
    from avtaler.importering.struktur import mulige_neste

    nummer = [tuple(int(d) for d in s.nummer.split(".")) for s in tolker.seksjoner if s.nummer]
    mulige: set[tuple[int, ...]] = set()
    forrige = None
    for tall in nummer:
        mulige |= mulige_neste(forrige)
        forrige = tall
    mulige |= mulige_neste(forrige)
    mulige -= set(nummer)
    for blokker in [tolker.innledning, *tolker.seksjonsblokker]:
        for blokk in blokker:
            if blokk.type != "avsnitt" or len(blokk.tekst) < 60:
                continue
            for treff in _INNEBYGD_OVERSKRIFT.finditer(blokk.tekst):
                tall = tuple(int(d) for d in treff.group(1).split("."))
                if tall in mulige and treff.start() > 0:
                    merknader.append(
                        Merknad(
                            _(
                                "Avsnittet inneholder «%(tekst)s», som kan være en overskrift. "
                                "Gjør den til overskrift hvis den er det."
                            )
                            % {"tekst": f"{treff.group(1)} {treff.group(2)}"[:60]},
                            linje=blokk.linje,
                            art="overskrift_i_tekst",
                        )
                    )
                    break


_PUNKTTEGN = re.compile(r"^\s*[o\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8•·▪‣◦●■□➢►✓*–-](?=\s)")


def _alnum(tekst: str) -> str:
    return "".join(tegn for tegn in tekst if tegn.isalnum())


def _ordsjekk(tolker, resultat: Importresultat) -> None:
    """Every letter and digit of the kept lines must be in the result, in order."""
    inn: list[tuple[str, int]] = []
    delt = False  # the last word of the line before was hyphenated across the break
    for linje in tolker.lesing.linjer:
        rolle = tolker.roller.get(linje.nr)
        if rolle is None or rolle.rolle in ("sidemobel", "innhold", "tom"):
            continue
        tekst = " ".join(linje.celler) if linje.art == "tabell" else linje.tekst
        if rolle.rolle == "overskrift":
            tekst = re.sub(r"^\s*(?:§\s*)?\d{1,3}(?:\.\d{1,3}){0,4}\.?(?=\s|$)", "", tekst)
        elif linje.etikett and rolle.rolle == "nummer":
            tekst = f"{linje.etikett} {tekst}"
        elif rolle.rolle == "punkt":
            tekst = _PUNKTTEGN.sub("", tekst, count=1)
        ord_ = re.findall(r"\w+", tekst)
        if delt and ord_ and inn and ord_[0][:1].islower() and ord_[0] not in _SMAAORD:
            inn[-1] = (inn[-1][0] + ord_.pop(0), inn[-1][1])
        inn.extend((o, linje.nr) for o in ord_)
        delt = bool(re.search(r"\w[-\u00ad\u2010]\s*$", tekst))
    ut_tekst = " ".join(
        [resultat.tittel] + [f"{s.overskrift} {s.tekst}" for s in resultat.seksjoner]
    )
    ut_tekst = re.sub(r"(?m)^#+ ", "", ut_tekst)
    if _alnum(" ".join(o for o, _nr in inn)) == _alnum(ut_tekst):
        return
    ut = re.findall(r"\w+", ut_tekst)
    matcher = difflib.SequenceMatcher(None, [o for o, _nr in inn], ut, autojunk=False)
    borte: list[tuple[str, int]] = []
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            borte.extend(inn[i1:i2])
    if not borte:
        return
    eksempler = ", ".join(f"«{o}»" for o, _nr in borte[:5])
    resultat.merknader.append(
        Merknad(
            ngettext(
                "%(n)d ord fra filen er ikke med i resultatet (%(eks)s). Sjekk linjen.",
                "%(n)d ord fra filen er ikke med i resultatet (%(eks)s). Sjekk linjene.",
                len(borte),
            )
            % {"n": len(borte), "eks": eksempler},
            linje=borte[0][1],
            art="ordtap",
        )
    )


def avslutt(tolker, sidemobler: set[int], innhold: set[int]) -> Importresultat:
    merknader = tolker.merknader
    seksjoner = tolker.seksjoner
    if not seksjoner:
        raise Importfeil(
            _(
                "Fant ingen nummererte punkter (som «1. Formål» eller «3.1 Samarbeidsavtalen»). "
                "Sjekk at overskriftene i filen har nummer."
            )
        )
    for seksjon, blokker in zip(seksjoner, tolker.seksjonsblokker, strict=True):
        seksjon.blokker = som_markdown(blokker)
    tittel = tolker.lesing.tittel
    innledning = tolker.innledning
    if innledning and not tittel:
        forste = innledning[0]
        if forste.type == "avsnitt" and len(forste.tekst) <= 150:
            tittel = innledning.pop(0).tekst
            rolle = tolker.roller.get(forste.linje)
            if rolle:
                rolle.rolle = "tittel"
    if innledning:
        seksjoner.insert(
            0, Seksjon("", _("Innledning"), som_markdown(innledning), linje=innledning[0].linje)
        )
        merknader.append(
            Merknad(
                _("Teksten før første nummererte punkt er lagt i et eget punkt uten nummer."),
                linje=innledning[0].linje,
                art="foer_forste",
            )
        )
    tomme = [s.nummer for s in seksjoner if not s.blokker and s.nummer]
    barn = {s.nummer.rpartition(".")[0] for s in seksjoner}
    tomme_uten_barn = [n for n in tomme if n not in barn]
    if tomme_uten_barn:
        merknader.append(
            Merknad(
                _("Disse punktene har overskrift, men ingen tekst: %(nr)s.")
                % {"nr": ", ".join(tomme_uten_barn)},
                linje=next(s.linje for s in seksjoner if s.nummer == tomme_uten_barn[0]),
                art="tom_seksjon",
            )
        )
    if tolker.null_stil:
        merknader.append(
            Merknad(
                _(
                    "Overskriftene var nummerert «1.0, 2.0 …»; de er lagret som 1, 2 … "
                    "(underpunktene som før)."
                ),
                art="null_stil",
                alvor="info",
            )
        )
    _utelatt(tolker, sidemobler, innhold)
    _lange_seksjoner(seksjoner, merknader)
    _innebygde_overskrifter(tolker, merknader)
    roller = [
        tolker.roller.get(linje.nr) or Linjerolle(linje, "tom") for linje in tolker.lesing.linjer
    ]
    resultat = Importresultat(
        seksjoner=seksjoner,
        merknader=merknader,
        tittel=tittel,
        format=tolker.lesing.format,
        roller=roller,
    )
    _ordsjekk(tolker, resultat)
    return resultat
