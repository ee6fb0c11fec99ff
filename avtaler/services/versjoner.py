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
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from avtaler.models import (
    SIGNERTE,
    UNDER_ARBEID,
    Avtale,
    Avtaleversjon,
    Punkt,
    Punktversjon,
    Tilstandsendring,
    Versjonspart,
    i_dag,
)
from helsefellesskap.models import Helsefellesskap, Organisasjon, User, Vedtak
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

T = Avtaleversjon.Tilstand

OVERGANGER: dict[str, set[str]] = {
    T.UTKAST: {T.TIL_BEHANDLING},
    T.TIL_BEHANDLING: {T.UTKAST, T.GODKJENT},
    T.GODKJENT: {T.SIGNERT},
    T.SIGNERT: {T.GJELDENDE, T.OPPSAGT},
    T.GJELDENDE: {T.ERSTATTET, T.OPPSAGT},
    T.ERSTATTET: set(),
    T.OPPSAGT: set(),
}


@dataclass(frozen=True)
class NyttPunkt:
    """A clause to put in a draft: what the importer and the demo data produce."""

    nummer: str
    overskrift: str
    tekst: str


def _ett_ar_etter(dato: datetime.date) -> datetime.date:
    try:
        return dato.replace(year=dato.year + 1)
    except ValueError:  # 29 February
        return dato.replace(year=dato.year + 1, day=28)


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
    *, versjon: Avtaleversjon, utfort_av: User, merknad: str = ""
) -> Avtaleversjon:
    if not versjon.punkter.exists():
        raise Domenefeil(_("Et tomt utkast kan ikke sendes til behandling."))
    return _overgang(versjon, T.TIL_BEHANDLING, utfort_av=utfort_av, merknad=merknad)


@transaction.atomic
def versjon_returner(*, versjon: Avtaleversjon, utfort_av: User, begrunnelse: str) -> Avtaleversjon:
    """Send a version under consideration back to draft, with the reason."""
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor utkastet sendes tilbake."))
    return _overgang(versjon, T.UTKAST, utfort_av=utfort_av, merknad=begrunnelse)


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
    return _overgang(
        versjon,
        T.GODKJENT,
        utfort_av=utfort_av,
        merknad=vedtaksreferanse,
        godkjent_vedtak=vedtaksreferanse.strip(),
        godkjent_ved=vedtak,
    )


@transaction.atomic
def versjon_signer(
    *,
    versjon: Avtaleversjon,
    utfort_av: User,
    signert_dato: datetime.date,
    gyldig_fra: datetime.date,
) -> Avtaleversjon:
    """Record the version as signed by all parties, in force from the given date."""
    if gyldig_fra < signert_dato:
        raise Domenefeil(_("En avtale kan ikke gjelde fra før den er signert."))
    return _overgang(
        versjon,
        T.SIGNERT,
        utfort_av=utfort_av,
        signert_dato=signert_dato,
        gyldig_fra=gyldig_fra,
        neste_gjennomgang=_ett_ar_etter(gyldig_fra),
    )


@transaction.atomic
def versjon_sett_i_kraft(
    *, versjon: Avtaleversjon, dato: datetime.date | None = None, utfort_av: User | None = None
) -> Avtaleversjon:
    """A signed version whose date has come becomes gjeldende; the one before is erstattet."""
    dato = dato or i_dag()
    if versjon.gyldig_fra is None or versjon.gyldig_fra > dato:
        raise Domenefeil(_("Versjonen gjelder ikke før %(dato)s.") % {"dato": versjon.gyldig_fra})
    forrige = (
        Avtaleversjon.objects.select_for_update(of=("self",))
        .filter(avtale=versjon.avtale_id, tilstand=T.GJELDENDE, nummer__lt=versjon.nummer)
        .order_by("-nummer")
        .first()
    )
    if forrige is not None:
        _overgang(
            forrige,
            T.ERSTATTET,
            utfort_av=utfort_av,
            merknad=_("Erstattet av versjon %(nr)s") % {"nr": versjon.nummer},
            gyldig_til=versjon.gyldig_fra - datetime.timedelta(days=1),
        )
    return _overgang(versjon, T.GJELDENDE, utfort_av=utfort_av)


@transaction.atomic
def versjon_gjennomgatt(
    *, versjon: Avtaleversjon, utfort_av: User | None, dato: datetime.date, merknad: str = ""
) -> Avtaleversjon:
    """The parties' annual review of the version in force is done («Avtalepartene skal årlig
    gjennomgå avtalen», seed § 7): the next one is due a year after, and history keeps who."""
    laast = _laas(versjon.pk)
    if laast.tilstand != T.GJELDENDE:
        raise Domenefeil(_("Bare en gjeldende versjon gjennomgås årlig."))
    if dato > i_dag() or (laast.gyldig_fra and dato < laast.gyldig_fra):
        raise Domenefeil(
            _("Gjennomgangen må være gjort mens versjonen har gjeldt, og ikke fram i tid.")
        )
    laast.neste_gjennomgang = _ett_ar_etter(dato)
    laast._change_reason = (
        merknad or _("Årlig gjennomgang %(dato)s") % {"dato": f"{dato:%d.%m.%Y}"}
    )[:100]
    laast._history_user = utfort_av
    laast.save(update_fields=["neste_gjennomgang"])
    return laast


@transaction.atomic
def versjon_si_opp(
    *,
    versjon: Avtaleversjon,
    utfort_av: User,
    varslet: datetime.date,
    oppsagt_av: Organisasjon,
) -> Avtaleversjon:
    """Termination with one year's written notice: the version ends one year after notice."""
    if not versjon.parter.filter(pk=oppsagt_av.pk).exists():
        raise Domenefeil(_("Bare en part i avtalen kan si den opp."))
    slutt = _ett_ar_etter(varslet)
    return _overgang(
        versjon,
        T.OPPSAGT,
        utfort_av=utfort_av,
        merknad=_("Sagt opp av %(org)s, varslet %(dato)s")
        % {"org": oppsagt_av.navn, "dato": varslet.strftime("%d.%m.%Y")},
        oppsigelse_varslet=varslet,
        oppsagt_av=oppsagt_av,
        gyldig_til=slutt,
    )


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
    Tilstandsendring.objects.create(
        versjon=utkast,
        fra="",
        til=T.UTKAST,
        utfort_av=utfort_av,
        merknad=_("Revisjon av versjon %(nr)s") % {"nr": versjon.nummer},
    )
    return utkast
