"""Agreements and their versions: creation, states, revision. Each write one transaction.

States move only here, along OVERGANGER, each move recorded in Tilstandsendring
and in the version's history with who and when.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from avtaler import livslop, varsling
from avtaler.models import (
    SIGNERTE,
    UNDER_ARBEID,
    Avtale,
    Avtaleforhold,
    Avtaleversjon,
    Gjennomgang,
    Punkt,
    Punktversjon,
    Tilstandsendring,
    Versjonspart,
)
from avtaler.signals import versjon_inngatt
from helsefellesskap.models import Helsefellesskap, Organisasjon, User, Vedtak
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

T = Avtaleversjon.Tilstand

OVERGANGER = livslop.OVERGANGER


@dataclass(frozen=True)
class NyttPunkt:
    """A clause to put in a draft: what the importer and the demo data produce."""

    nummer: str
    overskrift: str
    tekst: str


def _laas(pk: int) -> Avtaleversjon:
    """Read a version and lock its row until the transaction ends (on SQLite the
    IMMEDIATE transaction already serialises writers)."""
    return Avtaleversjon.objects.select_for_update(of=("self",)).order_by().get(pk=pk)


def _laas_utkast(pk: int) -> Avtaleversjon:
    """The draft, locked for the change about to be made; a signed version is refused."""
    versjon = _laas(pk)
    versjon.krev_utkast()
    return versjon


def _overgang(
    versjon: Avtaleversjon, til: str, *, utfort_av: User | None, merknad: str = "", **felter
) -> Avtaleversjon:
    """Move a version to a new state, locking the row so two moves cannot cross."""
    laast = _laas(versjon.pk)
    if til not in OVERGANGER[laast.tilstand]:
        raise Domenefeil(
            _("Versjon %(nr)s er %(fra)s og kan ikke bli %(til)s.")
            % {
                "nr": laast.nummer,
                "fra": laast.get_tilstand_display().lower(),
                "til": T(til).label.lower(),
            }
        )
    fra = laast.tilstand
    laast.tilstand = til
    for navn, verdi in felter.items():
        setattr(laast, navn, verdi)
    # simple_history keeps at most 100 characters of a reason; the full text is in merknad.
    laast._change_reason = (merknad or f"{fra} → {til}")[:100]
    laast.save()
    Tilstandsendring.objects.create(
        versjon=laast, fra=fra, til=til, utfort_av=utfort_av, merknad=merknad
    )
    return laast


def _punkter_opprett(versjon: Avtaleversjon, punkter: Iterable[NyttPunkt]) -> list[Punktversjon]:
    """Append clauses with new identities; parents follow from the numbering (3.1 under 3)."""
    punkter = list(punkter)
    # bulk_create passes no pre_save: screen here what is typed, pasted or imported.
    for nytt in punkter:
        krev_uten_personnummer(
            **{
                _("Nummer"): nytt.nummer,
                _("Overskrift på punkt %(nr)s") % {"nr": nytt.nummer}: nytt.overskrift,
                _("Tekst i punkt %(nr)s") % {"nr": nytt.nummer or nytt.overskrift}: nytt.tekst,
            }
        )
    identiteter = Punkt.objects.bulk_create([Punkt(avtale=versjon.avtale) for _ in punkter])
    start = (versjon.punkter.aggregate(m=Max("rekkefolge"))["m"] or 0) + 1
    identitet_for_nummer = dict(versjon.punkter.values_list("nummer", "punkt_id"))
    rader = []
    for plass, (nytt, identitet) in enumerate(zip(punkter, identiteter, strict=True)):
        forelder_nummer = nytt.nummer.rpartition(".")[0]
        rader.append(
            Punktversjon(
                versjon=versjon,
                punkt=identitet,
                forelder_id=identitet_for_nummer.get(forelder_nummer) if forelder_nummer else None,
                nummer=nytt.nummer,
                overskrift=nytt.overskrift,
                tekst=nytt.tekst,
                rekkefolge=start + plass,
            )
        )
        if nytt.nummer:
            identitet_for_nummer[nytt.nummer] = identitet.pk
    return bulk_create_with_history(rader, Punktversjon, default_change_reason="Opprettet")


@transaction.atomic
def avtale_opprett(
    *,
    utfort_av: User | None,
    helsefellesskap: Helsefellesskap,
    type: str,
    tittel: str,
    parter: Iterable[Organisasjon],
    tema=None,
    overordnet: Avtale | None = None,
    brudd_er_mislighold: bool = False,
    bindende: bool = True,
    enhet: str = "",
    punkter: Iterable[NyttPunkt] = (),
) -> Avtaleversjon:
    """Create an agreement with its first version as a draft."""
    parter = list(parter)
    if not parter:
        raise Domenefeil(_("En avtale må ha minst én part."))
    fremmede = [p.navn for p in parter if p.helsefellesskap_id != helsefellesskap.pk]
    if fremmede:
        raise Domenefeil(
            _("Partene må høre til %(hf)s: %(navn)s.")
            % {"hf": helsefellesskap.navn, "navn": ", ".join(fremmede)}
        )
    avtale = Avtale(
        helsefellesskap=helsefellesskap,
        type=type,
        tittel=tittel,
        tema=tema,
        overordnet=overordnet,
        brudd_er_mislighold=brudd_er_mislighold,
        bindende=bindende,
        enhet=enhet,
    )
    try:
        avtale.full_clean()
    except ValidationError as feil:
        raise Domenefeil(" ".join(feil.messages)) from None
    avtale.save()
    versjon = Avtaleversjon.objects.create(avtale=avtale, nummer=1, tittel=tittel)
    Versjonspart.objects.bulk_create(
        [Versjonspart(versjon=versjon, organisasjon=part) for part in parter]
    )
    Tilstandsendring.objects.create(versjon=versjon, fra="", til=T.UTKAST, utfort_av=utfort_av)
    _punkter_opprett(versjon, punkter)
    return versjon


@transaction.atomic
def punkter_legg_til(*, versjon: Avtaleversjon, punkter: Iterable[NyttPunkt]) -> list[Punktversjon]:
    """Append new clauses at the end of a draft."""
    versjon = _laas_utkast(versjon.pk)
    return _punkter_opprett(versjon, punkter)


@transaction.atomic
def punkter_erstatt(*, versjon: Avtaleversjon, punkter: Iterable[NyttPunkt]) -> list[Punktversjon]:
    """Replace every clause of a draft (an import into an empty or discarded draft)."""
    versjon = _laas_utkast(versjon.pk)
    versjon.punkter.all().delete()
    return _punkter_opprett(versjon, punkter)


@transaction.atomic
def versjon_send_til_behandling(
    *, versjon: Avtaleversjon, utfort_av: User, merknad: str = "", tider_begrunnelse: str = ""
) -> Avtaleversjon:
    if not versjon.punkter.exists():
        raise Domenefeil(_("Et tomt utkast kan ikke sendes til behandling."))
    if versjon.avtale.er_utskrivningsrutine:
        # Hours that contradict the clause they come from would be signed as the routine's. The
        # parser proposes, it never decides (#19): where it misreads the clause, the coordinator
        # sends the hours as entered with a reason, and the reason goes with the case.
        from avtaler.services.utskrivning import tider_mot_teksten

        if advarsel := tider_mot_teksten(versjon):
            if not tider_begrunnelse.strip():
                raise Domenefeil(
                    _(
                        "%(advarsel)s Er tidene riktige og teksten lest feil, skriv hvorfor "
                        "under «Tidene er riktige»; begrunnelsen følger saken."
                    )
                    % {"advarsel": advarsel},
                    felt="tider_begrunnelse",
                )
            merknad = "\n".join(
                del_
                for del_ in (
                    merknad,
                    _("Tidene avviker fra lesningen av teksten: %(advarsel)s Begrunnelse: %(b)s")
                    % {"advarsel": advarsel, "b": tider_begrunnelse.strip()},
                )
                if del_
            )
    versjon = _overgang(versjon, T.TIL_BEHANDLING, utfort_av=utfort_av, merknad=merknad)
    varsling.versjon_til_behandling(
        versjon, endring_id=_siste_endring(versjon), utfort_av=utfort_av
    )
    return versjon


def _siste_endring(versjon: Avtaleversjon) -> int:
    return Tilstandsendring.objects.filter(versjon=versjon).latest("pk").pk


@transaction.atomic
def versjon_returner(*, versjon: Avtaleversjon, utfort_av: User, begrunnelse: str) -> Avtaleversjon:
    """Send a version under consideration back to draft, with the reason."""
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor utkastet sendes tilbake."))
    versjon = _overgang(versjon, T.UTKAST, utfort_av=utfort_av, merknad=begrunnelse)
    varsling.versjon_returnert(versjon, endring_id=_siste_endring(versjon), utfort_av=utfort_av)
    return versjon


@transaction.atomic
def versjon_godkjenn(
    *,
    versjon: Avtaleversjon,
    utfort_av: User | None,
    vedtak: Vedtak | None = None,
    vedtaksreferanse: str = "",
) -> Avtaleversjon:
    """Approve a version under consideration by an adopted decision of SSU or LSU.

    Older versions whose decision is not in the product are approved by reference
    (for example «SSU 4/2019») only.
    """
    if vedtak is not None:
        if not vedtak.er_vedtatt:
            raise Domenefeil(
                _("Bare et vedtatt vedtak (enighet mellom partene) kan godkjenne en avtale.")
            )
        if not vedtak.mote.utvalg.kan_vedta:
            raise Domenefeil(_("Utvalget har ikke vedtaksmyndighet."))
        vedtaksreferanse = vedtak.sak.saksnummer
    if not vedtaksreferanse.strip():
        raise Domenefeil(_("Oppgi vedtaket som godkjenner versjonen, for eksempel SSU 12/2026."))
    versjon = _overgang(
        versjon,
        T.GODKJENT,
        utfort_av=utfort_av,
        merknad=vedtaksreferanse,
        godkjent_vedtak=vedtaksreferanse.strip(),
        godkjent_ved=vedtak,
    )
    livslop.sikre_forhold(versjon)
    varsling.versjon_godkjent(versjon, utfort_av=utfort_av)
    return versjon


def versjon_inngaa(
    versjon: Avtaleversjon, *, utfort_av: User | None, tidligst: datetime.date | None = None
) -> Avtaleversjon:
    """Conclude the parties' agreements whose signatures are all there (livslop.inngaa); the
    first one concluded makes the text signert. Call inside a transaction."""
    versjon = _laas(versjon.pk)
    forhold = livslop.sikre_forhold(versjon)
    parter = [f.part for f in forhold]
    signert = {f.part_id: f.signert_dato for f in forhold}
    klare = [f for f in forhold if livslop.kan_inngaas(f, parter, signert)]
    if versjon.tilstand == T.GODKJENT and klare:
        datoer = [
            d for f in forhold for d in (f.signert_dato, f.motpart_signert_dato) if d is not None
        ]
        forste = max(datoer) if versjon.gyldig_fra is None else versjon.gyldig_fra
        versjon = _overgang(
            versjon,
            T.SIGNERT,
            utfort_av=utfort_av,
            signert_dato=min(datoer),
            gyldig_fra=max(forste, min(datoer)),
            neste_gjennomgang=livslop.ett_ar_etter(max(forste, min(datoer))),
        )
    if livslop.inngaa(versjon, tidligst=tidligst):
        versjon_inngatt.send(sender=Avtaleversjon, versjon=versjon)
    return versjon


@transaction.atomic
def versjon_signer(
    *,
    versjon: Avtaleversjon,
    utfort_av: User | None,
    signert_dato: datetime.date,
    gyldig_fra: datetime.date,
    parter: Iterable[Organisasjon] | None = None,
) -> Avtaleversjon:
    """Record the version as signed by the parties (all, or those given, and the health trust)
    on one date, without the signatories' names: older agreements and the demo. In force for
    them from ``gyldig_fra``."""
    if gyldig_fra < signert_dato:
        raise Domenefeil(_("En avtale kan ikke gjelde fra før den er signert."))
    versjon = _laas(versjon.pk)
    livslop.krev_kan_signeres(versjon)
    if versjon.tilstand == T.GODKJENT:
        versjon.gyldig_fra = gyldig_fra
        versjon.save(update_fields=["gyldig_fra"])
    forhold = livslop.sikre_forhold(versjon)
    valgt = None if parter is None else {p.pk for p in parter}
    for f in forhold:
        if f.signert_dato is None and (
            valgt is None or f.part_id in valgt or not f.part.er_kommune
        ):
            f.signert_dato = signert_dato
            f.save(update_fields=["signert_dato"])
    return versjon_inngaa(versjon, utfort_av=utfort_av, tidligst=gyldig_fra)


@transaction.atomic
def versjon_si_opp(
    *,
    versjon: Avtaleversjon,
    utfort_av: User,
    varslet: datetime.date,
    oppsagt_av: Organisasjon,
) -> list[Avtaleforhold]:
    """One year's written notice. A municipality's notice ends its own agreement only; the
    health trust's notice on a version ends its agreement with every municipality on it."""
    forhold = list(
        Avtaleforhold.objects.select_for_update(of=("self",))
        .filter(versjon=versjon)
        .select_related("part")
    )
    parter = [f.part for f in forhold]
    if oppsagt_av.pk not in {p.pk for p in parter}:
        raise Domenefeil(_("Bare en part i avtalen kan si den opp."))
    if livslop.baerer(oppsagt_av, parter):
        berorte = [f for f in forhold if f.part_id == oppsagt_av.pk]
    else:
        berorte = [
            f
            for f in forhold
            if livslop.baerer(f.part, parter)
            and f.i_kraft_fra is not None
            and f.oppsigelse_varslet is None
            and (f.sluttdato is None or f.sluttdato >= varslet)
        ]
        if not berorte:
            raise Domenefeil(_("Ingen av avtalene på denne versjonen gjelder lenger."))
    return [
        forhold_si_opp(forhold=f, utfort_av=utfort_av, varslet=varslet, oppsagt_av=oppsagt_av)
        for f in berorte
    ]


@transaction.atomic
def forhold_si_opp(
    *,
    forhold: Avtaleforhold,
    utfort_av: User | None,
    varslet: datetime.date,
    oppsagt_av: Organisasjon,
) -> Avtaleforhold:
    """Notice on one party's agreement, by that party or its counterpart."""
    forhold = (
        Avtaleforhold.objects.select_for_update(of=("self",))
        .select_related("part", "versjon")
        .get(pk=forhold.pk)
    )
    parter = list(forhold.versjon.parter.all())
    if oppsagt_av.pk not in {
        forhold.part_id,
        *(m.pk for m in livslop.motparter(forhold.part, parter)),
    }:
        raise Domenefeil(
            _("Bare %(part)s eller motparten kan si opp denne avtalen.")
            % {"part": forhold.part.navn}
        )
    forhold = livslop.si_opp(forhold, varslet=varslet, oppsagt_av=oppsagt_av, utfort_av=utfort_av)
    varsling.oppsagt(forhold, utfort_av=utfort_av)
    Tilstandsendring.objects.create(
        versjon=forhold.versjon,
        fra=T.SIGNERT,
        til=T.SIGNERT,
        utfort_av=utfort_av,
        merknad=_("%(part)s: sagt opp av %(org)s, varslet %(dato)s, gjelder til %(slutt)s")
        % {
            "part": forhold.part.navn,
            "org": oppsagt_av.navn,
            "dato": varslet.strftime("%d.%m.%Y"),
            "slutt": forhold.sluttdato.strftime("%d.%m.%Y"),
        },
    )
    return forhold


@transaction.atomic
def versjon_start_revisjon(*, versjon: Avtaleversjon, utfort_av: User | None) -> Avtaleversjon:
    """A revision starts as a new draft copied from a signed version; clauses keep identity."""
    if versjon.tilstand not in SIGNERTE:
        raise Domenefeil(_("Bare en signert versjon kan revideres."))
    if versjon.avtale.versjoner.filter(tilstand__in=UNDER_ARBEID).exists():
        raise Domenefeil(_("Avtalen har allerede en versjon under arbeid."))
    nummer = versjon.avtale.versjoner.aggregate(m=Max("nummer"))["m"] + 1
    try:
        with transaction.atomic():
            utkast = Avtaleversjon.objects.create(
                avtale=versjon.avtale, nummer=nummer, tittel=versjon.tittel, basert_pa=versjon
            )
    except IntegrityError:  # someone started the same revision a moment ago
        raise Domenefeil(_("Avtalen har allerede en versjon under arbeid.")) from None
    Versjonspart.objects.bulk_create(
        [
            Versjonspart(versjon=utkast, organisasjon_id=org_id)
            for org_id in versjon.parter.values_list("pk", flat=True)
        ]
    )
    bulk_create_with_history(
        [
            Punktversjon(
                versjon=utkast,
                punkt_id=p.punkt_id,
                forelder_id=p.forelder_id,
                nummer=p.nummer,
                overskrift=p.overskrift,
                tekst=p.tekst,
                rekkefolge=p.rekkefolge,
            )
            for p in versjon.punkter.all()
        ],
        Punktversjon,
        default_change_reason=f"Kopiert fra versjon {versjon.nummer}",
    )
    from avtaler.services.utskrivning import utskrivningstider_kopier

    utskrivningstider_kopier(versjon, utkast)
    Tilstandsendring.objects.create(
        versjon=utkast,
        fra="",
        til=T.UTKAST,
        utfort_av=utfort_av,
        merknad=_("Revisjon av versjon %(nr)s") % {"nr": versjon.nummer},
    )
    return utkast


@transaction.atomic
def gjennomgang_registrer(
    *,
    versjon: Avtaleversjon,
    utfort_av: User | None,
    dato: datetime.date,
    organ: str,
    vedtak: str = "",
    merknad: str = "",
) -> Gjennomgang:
    """Record a yearly review that found nothing to change: no new version; the next review
    is due a year after this one."""
    versjon = _laas(versjon.pk)
    if not versjon.er_signert:
        raise Domenefeil(_("Bare en signert versjon gjennomgås."))
    if not organ.strip():
        raise Domenefeil(_("Oppgi hvem som gjennomgikk avtalen, for eksempel SSU."), felt="organ")
    if dato > timezone.localdate():
        raise Domenefeil(_("Gjennomgangen kan ikke være fram i tid."), felt="dato")
    if versjon.gyldig_fra and dato < versjon.gyldig_fra:
        raise Domenefeil(_("Gjennomgangen må være gjort mens versjonen har gjeldt."), felt="dato")
    if len(organ) > 100 or len(vedtak) > 100:
        raise Domenefeil(_("Organ og vedtak kan ha høyst 100 tegn."), felt="organ")
    gjennomgang = Gjennomgang.objects.create(
        versjon=versjon,
        dato=dato,
        organ=organ.strip(),
        vedtak=vedtak.strip(),
        merknad=merknad.strip(),
        registrert_av=utfort_av,
    )
    versjon.neste_gjennomgang = livslop.ett_ar_etter(dato)
    versjon._change_reason = f"Gjennomgått {dato:%d.%m.%Y}"
    versjon._history_user = utfort_av
    versjon.save(update_fields=["neste_gjennomgang"])
    return gjennomgang
