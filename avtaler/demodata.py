"""Demo agreements for Helsefellesskap Vest-Viken: each with a replaced and a current version,
and each municipality's own agreement on them (one late, one given notice).

Idempotent: an agreement that already exists (by title) is left as it is.
"""

import datetime

from django.db import transaction

from avtaler import livslop, services
from avtaler.demodata_tekster import AVTALER, DEKKER, PUNKTTEMAER
from avtaler.models import (
    Avtale,
    Avtaleforhold,
    Avtaleversjon,
    Dagregel,
    Punkttema,
    Punktversjon,
    Tema,
    i_dag,
)
from avtaler.temaer import sikre_temaer
from helsefellesskap.models import Helsefellesskap, Organisasjon


def _nye(punkter):
    return [
        services.NyttPunkt(nummer, overskrift, tekst) for _n, nummer, overskrift, tekst in punkter
    ]


# Seed 000 § 4.2.2: some municipalities sign late. In the demo Hole's council has not decided on
# version 2 of the overordnet avtale, so Hole is still on version 1; Lier has given notice on its
# agreement on emergency beds (§ 6-2 nr. 4), which ends a year later for Lier only.
IKKE_VEDTATT = {"Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene": {"Hole"}}
OPPSIGELSE = ("Delavtale om kommunalt døgnopphold for øyeblikkelig hjelp", "Lier", "2026-06-01")


def _iverksett(
    versjon: Avtaleversjon, fra: str, vedtak: str, unntatt: set[str] = frozenset()
) -> Avtaleversjon:
    gyldig_fra = datetime.date.fromisoformat(fra)
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=None)
    versjon = services.versjon_godkjenn(versjon=versjon, utfort_av=None, vedtaksreferanse=vedtak)
    signert = gyldig_fra - datetime.timedelta(days=30)
    parter = [p for p in versjon.parter.all() if p.navn.removesuffix(" kommune") not in unntatt]
    versjon = services.versjon_signer(
        versjon=versjon,
        utfort_av=None,
        signert_dato=signert,
        gyldig_fra=gyldig_fra,
        parter=parter,
    )
    # Each council's decision, a week before signing (Drammen has a bystyre).
    for nr, forhold in enumerate(
        Avtaleforhold.objects.filter(versjon=versjon, part__in=parter).select_related("part"), 1
    ):
        kommune = forhold.part.er_kommune
        organ = "Bystyret" if forhold.part.navn.startswith("Drammen") else "Kommunestyret"
        forhold.vedtak_organ = organ if kommune else "Styret"
        forhold.vedtak_saksnummer = f"{'KST' if kommune else 'Styresak'} {nr}/{signert.year}"
        forhold.vedtak_dato = signert - datetime.timedelta(days=7)
        forhold.save(update_fields=["vedtak_organ", "vedtak_saksnummer", "vedtak_dato"])
    return versjon


def _revider(forrige: Avtaleversjon, gamle, nye) -> Avtaleversjon:
    """A revision where clauses keep their identity by key, as an editor would."""
    utkast = services.versjon_start_revisjon(versjon=forrige, utfort_av=None)
    nokkel_for_nummer = {nummer: nokkel for nokkel, nummer, _o, _t in gamle}
    eksisterende = {nokkel_for_nummer[p.nummer]: p for p in utkast.punkter.all()}
    onsket = {nokkel for nokkel, *_ in nye}
    for nokkel, punkt in eksisterende.items():
        if nokkel not in onsket:
            punkt.delete()
    # Free the numbers first, so a renumbering never collides.
    Punktversjon.objects.filter(versjon=utkast).update(nummer="")
    identitet_for_nummer: dict[str, int] = {}
    for plass, (nokkel, nummer, overskrift, tekst) in enumerate(nye, start=1):
        punkt = eksisterende.get(nokkel)
        if punkt is None:
            punkt = services.punkter_legg_til(
                versjon=utkast, punkter=[services.NyttPunkt(nummer, overskrift, tekst)]
            )[0]
        punkt.refresh_from_db()
        punkt.nummer, punkt.overskrift, punkt.tekst, punkt.rekkefolge = (
            nummer,
            overskrift,
            tekst,
            plass,
        )
        punkt.forelder_id = identitet_for_nummer.get(nummer.rpartition(".")[0])
        punkt.save()
        identitet_for_nummer[nummer] = punkt.punkt_id
    return utkast


# The discharge routine (Avtale.er_utskrivningsrutine) and the hours each version's clause 1
# states, as a coordinator confirms them in the editor: version 2 has Friday and holiday-eve
# hours, and 24 and 31 December as holidays.
UTSKRIVNINGSRUTINE = "Rutine for utskrivning av utskrivningsklare pasienter"
UTSKRIVNINGSTIDER = [
    {
        "hverdag_fra": datetime.time(8),
        "hverdag_til": datetime.time(16),
        "helg_fra": datetime.time(10),
        "helg_til": datetime.time(15),
    },
    {
        "hverdag_fra": datetime.time(7),
        "hverdag_til": datetime.time(17),
        "helg_fra": datetime.time(9),
        "helg_til": datetime.time(15),
        "fredag": Dagregel.EGNE,
        "fredag_fra": datetime.time(7),
        "fredag_til": datetime.time(15),
        "dag_for_helligdag": Dagregel.EGNE,
        "dag_for_helligdag_fra": datetime.time(7),
        "dag_for_helligdag_til": datetime.time(15),
        "julaften": Dagregel.SOM_HELLIGDAG,
        "nyttarsaften": Dagregel.SOM_HELLIGDAG,
        "varsel_senest": datetime.time(12),
    },
]


def _utskrivningstider(utkast: Avtaleversjon, indeks: int) -> None:
    services.utskrivningstider_lagre(
        versjon=utkast,
        utfort_av=None,
        punkt=utkast.punkter.get(nummer="1"),
        **UTSKRIVNINGSTIDER[indeks],
    )


@transaction.atomic
def last_demodata() -> list[str]:
    helsefellesskap = Helsefellesskap.objects.filter(kortnavn="vest-viken").first()
    if helsefellesskap is None:
        return []
    # The topics come from a data migration; an emptied database (flush) lacks them.
    sikre_temaer(Tema)
    opprettet = []
    alle = list(helsefellesskap.organisasjoner.all())
    for tittel, type_, tema, overordnet, kommuner, mislighold, versjoner in AVTALER:
        if Avtale.objects.filter(helsefellesskap=helsefellesskap, tittel=tittel).exists():
            continue
        parter = (
            alle
            if kommuner is None
            else [
                o
                for o in alle
                if o.type == Organisasjon.Type.HELSEFORETAK
                or o.navn.removesuffix(" kommune") in kommuner
            ]
        )
        (fra1, vedtak1, punkter1), (fra2, vedtak2, punkter2) = versjoner
        versjon = services.avtale_opprett(
            utfort_av=None,
            helsefellesskap=helsefellesskap,
            type=type_,
            tittel=tittel,
            parter=parter,
            tema=Tema.objects.get(nummer=tema) if tema else None,
            overordnet=Avtale.objects.get(helsefellesskap=helsefellesskap, tittel=overordnet)
            if overordnet
            else None,
            brudd_er_mislighold=mislighold,
            punkter=_nye(punkter1),
        )
        versjon.avtale.dekker_temaer.set(Tema.objects.filter(nummer__in=DEKKER.get(tittel, [])))
        if tittel == UTSKRIVNINGSRUTINE:
            services.utskrivningsrutine_utpek(avtale=versjon.avtale, utfort_av=None)
            _utskrivningstider(versjon, 0)
        forste = _iverksett(versjon, fra1, vedtak1)
        utkast = _revider(forste, punkter1, punkter2)
        if tittel == UTSKRIVNINGSRUTINE:
            _utskrivningstider(utkast, 1)
        andre = _iverksett(utkast, fra2, vedtak2, IKKE_VEDTATT.get(tittel, set()))
        if tittel == OPPSIGELSE[0]:
            services.versjon_si_opp(
                versjon=andre,
                utfort_av=None,
                varslet=datetime.date.fromisoformat(OPPSIGELSE[2]),
                oppsagt_av=next(p for p in parter if p.navn == f"{OPPSIGELSE[1]} kommune"),
            )
        opprettet.append(tittel)
    opprettet += sikre_punkttemaer(helsefellesskap)
    opprettet += arlige_gjennomganger(helsefellesskap)
    return opprettet


# The last annual review of each agreement in force (seed § 7: «Avtalepartene skal årlig
# gjennomgå avtalen»): on the latest of these days of the year before today, so the reviews are
# always recent whenever the demo is loaded. The overordnet avtale was reviewed 320 days ago,
# so its next review is the one due soon on the dashboard (within its 60 days).
GJENNOMGANGER = {
    "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene": None,
    "Avtale om helhetlig pasientforløp": (3, 12),
    "Rutine for utskrivning av utskrivningsklare pasienter": (5, 7),
    "Delavtale om kommunalt døgnopphold for øyeblikkelig hjelp": (6, 18),
    "Delavtale om omforente beredskapsplaner og akuttmedisinsk kjede": (9, 24),
    "Særavtale om jordmortjenester og følgetjeneste for gravide i Hallingdal": (10, 1),
}
SNART = 320


def _i_kraft(helsefellesskap, tittel: str, dato: datetime.date):
    """The versions of the agreement some party is on today (Hole is still on version 1)."""
    return Avtaleversjon.objects.filter(
        livslop.i_kraft_q(dato, "forhold__"),
        avtale__helsefellesskap=helsefellesskap,
        avtale__tittel=tittel,
    ).distinct()


def _siste_gjennomgang(dag: tuple[int, int] | None, idag: datetime.date) -> datetime.date:
    if dag is None:
        return idag - datetime.timedelta(days=SNART)
    dato = datetime.date(idag.year, *dag)
    return dato if dato < idag else datetime.date(idag.year - 1, *dag)


def arlige_gjennomganger(helsefellesskap) -> list[str]:
    """Record the last annual review where it is not recorded yet (a later one stays)."""
    gjort = []
    idag = i_dag()
    for tittel, dag in GJENNOMGANGER.items():
        dato = _siste_gjennomgang(dag, idag)
        # Every version someone is on, so Hole's version 1 is reviewed too.
        for versjon in _i_kraft(helsefellesskap, tittel, idag):
            if dato < versjon.gyldig_fra or versjon.neste_gjennomgang > dato:
                continue
            services.gjennomgang_registrer(versjon=versjon, utfort_av=None, dato=dato, organ="SSU")
            gjort.append(tittel)
    return [f"Årlig gjennomgang registrert for {len(set(gjort))} avtaler"] if gjort else []


def sikre_punkttemaer(helsefellesskap) -> list[str]:
    """Map the clauses in force to the § 6-2 topics they really cover (demodata_tekster.
    PUNKTTEMAER), as the parties recorded them when the text first took effect. Only a mapping
    that was never made is added: one a coordinator has ended stays ended."""
    lagt_til = 0
    idag = i_dag()
    temaer = {t.nummer: t for t in Tema.objects.i_kraft(idag)}
    for (tittel, nummer), numre in PUNKTTEMAER.items():
        punkt = Punktversjon.objects.filter(
            versjon=_i_kraft(helsefellesskap, tittel, idag).order_by("-nummer").first(),
            nummer=nummer,
        ).first()
        if punkt is None:
            continue
        forste = (
            Avtaleversjon.objects.filter(punkter__punkt=punkt.punkt, gyldig_fra__isnull=False)
            .order_by("gyldig_fra")
            .values_list("gyldig_fra", flat=True)
            .first()
        )
        for nr in numre:
            if Punkttema.objects.filter(punkt=punkt.punkt, tema=temaer[nr]).exists():
                continue
            # A topic the law added later is mapped from the day it took effect.
            fra = max(forste or idag, temaer[nr].gyldig_fra)
            Punkttema.objects.create(punkt=punkt.punkt, tema=temaer[nr], gyldig_fra=fra)
            lagt_til += 1
    return [f"§ 6-2-temaer på {lagt_til} punkter"] if lagt_til else []
