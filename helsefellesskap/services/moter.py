"""Meetings, cases and decisions: recorded by the body's secretary, one transaction each."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helsefellesskap import access, varsling
from helsefellesskap.models import (
    Mote,
    Oppmote,
    Referatbekreftelse,
    Sak,
    Sakbehandling,
    Saksdokument,
    Sakshendelse,
    User,
    Utvalg,
    Utvalgsmedlem,
    Vedtak,
)
from helsefellesskap.models.moter import POSISJONSFELT, Posisjon
from helsefellesskap.models.utvalg import PARTENE, Side
from helsefellesskap.services.utvalg import _krev_aktivt, _krev_sekretaer
from helsefellesskap.signals import sak_gjenapnet, sak_sendt_videre, vedtak_registrert
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer


def _laas_sak(sak: Sak) -> Sak:
    """Re-read the case under a row lock, so two requests cannot both act on it."""
    return (
        Sak.objects.select_for_update(of=("self",))
        .select_related("utvalg")
        .order_by()
        .get(pk=sak.pk)
    )


def _laas_mote(mote: Mote) -> Mote:
    return (
        Mote.objects.select_for_update(of=("self",))
        .select_related("utvalg")
        .order_by()
        .get(pk=mote.pk)
    )


@transaction.atomic
def mote_opprett(
    *, utfort_av: User | None, utvalg: Utvalg, start: datetime.datetime, sted: str
) -> Mote:
    _krev_sekretaer(utfort_av, utvalg)
    _krev_aktivt(utvalg, timezone.localtime(start).date())
    if not sted.strip():
        raise Domenefeil(_("Oppgi hvor møtet holdes."))
    mote = Mote.objects.create(utvalg=utvalg, start=start, sted=sted.strip())
    varsling.mote_innkalt(mote, utfort_av=utfort_av)
    return mote


def _krev_planlagt(mote: Mote) -> None:
    if mote.status != Mote.Status.PLANLAGT:
        raise Domenefeil(_("Møtet er %(status)s.") % {"status": mote.get_status_display().lower()})


@transaction.atomic
def mote_flytt(*, utfort_av: User | None, mote: Mote, start: datetime.datetime, sted: str) -> Mote:
    """Move a planned meeting (time or place); the members get the new invitation."""
    _krev_sekretaer(utfort_av, mote.utvalg)
    mote = _laas_mote(mote)
    _krev_planlagt(mote)
    _krev_aktivt(mote.utvalg, timezone.localtime(start).date())
    if not sted.strip():
        raise Domenefeil(_("Oppgi hvor møtet holdes."))
    fra = mote.start
    if start == fra and sted.strip() == mote.sted:
        return mote
    mote.start, mote.sted = start, sted.strip()
    mote.save(update_fields=["start", "sted"])
    varsling.mote_flyttet(mote, fra=fra, utfort_av=utfort_av)
    return mote


@transaction.atomic
def mote_avlys(*, utfort_av: User | None, mote: Mote, begrunnelse: str = "") -> Mote:
    """Cancel a planned meeting; the members get the cancellation for their calendars, with
    the reason, which the meeting's history keeps."""
    _krev_sekretaer(utfort_av, mote.utvalg)
    begrunnelse = begrunnelse.strip()
    krev_uten_personnummer(**{_("Begrunnelse"): begrunnelse})
    mote = _laas_mote(mote)
    _krev_planlagt(mote)
    mote.status = Mote.Status.AVLYST
    mote._change_reason = begrunnelse[:100]
    mote.save(update_fields=["status"])
    varsling.mote_avlyst(mote, utfort_av=utfort_av, begrunnelse=begrunnelse)
    return mote


@transaction.atomic
def sak_opprett(
    *,
    utfort_av: User | None,
    utvalg: Utvalg,
    tittel: str,
    beskrivelse: str = "",
    ar: int | None = None,
    sendt_fra: Sak | None = None,
    neste: str = Sak.Neste.OVERORDNET,
) -> Sak:
    """A new case with the next number of the body for the year («SSU 12/2026»); `neste` is
    where it goes if the parties do not agree."""
    if sendt_fra is None:
        _krev_sekretaer(utfort_av, utvalg)
    ar = ar or timezone.localdate().year
    _krev_aktivt(utvalg, timezone.localdate())
    # Lock the body's row so two secretaries never draw the same number.
    Utvalg.objects.select_for_update().filter(pk=utvalg.pk).order_by().first()
    siste = Sak.objects.filter(utvalg=utvalg, ar=ar).aggregate(m=Max("lopenummer"))["m"] or 0
    return Sak.objects.create(
        utvalg=utvalg,
        ar=ar,
        lopenummer=siste + 1,
        tittel=tittel.strip(),
        beskrivelse=beskrivelse,
        sendt_fra=sendt_fra,
        neste=neste,
    )


@transaction.atomic
def sak_sett_pa_sakliste(*, utfort_av: User | None, mote: Mote, sak: Sak) -> Sakbehandling:
    _krev_sekretaer(utfort_av, mote.utvalg)
    if sak.utvalg_id != mote.utvalg_id:
        raise Domenefeil(_("Saken hører til et annet utvalg."))
    if sak.status != Sak.Status.APEN and not mote.sakliste.filter(sak=sak).exists():
        raise Domenefeil(_("Saken er %(status)s.") % {"status": sak.get_status_display().lower()})
    neste = (mote.sakliste.aggregate(m=Max("rekkefolge"))["m"] or 0) + 1
    behandling, opprettet = Sakbehandling.objects.get_or_create(
        mote=mote, sak=sak, defaults={"rekkefolge": neste}
    )
    if opprettet:
        varsling.sak_pa_sakliste(mote, sak, utfort_av=utfort_av)
    return behandling


def neste_planlagte_mote(utvalg: Utvalg, etter: datetime.datetime | None = None) -> Mote | None:
    """The body's next planned meeting (after `etter`, or from now)."""
    return (
        Mote.objects.filter(
            utvalg=utvalg, start__gt=etter or timezone.now(), status=Mote.Status.PLANLAGT
        )
        .order_by("start")
        .first()
    )


def sak_sett_pa_neste_mote(*, sak: Sak, etter: datetime.datetime | None = None) -> Mote | None:
    """Put the case on its body's next planned meeting, if one is planned."""
    mote = neste_planlagte_mote(sak.utvalg, etter)
    if mote is not None:
        sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    return mote


def _aktive_medlemmer(utvalg: Utvalg, dato: datetime.date) -> list[Utvalgsmedlem]:
    return list(Utvalgsmedlem.objects.aktive(dato).filter(utvalg=utvalg))


def _motedag(mote: Mote) -> datetime.date:
    return timezone.localtime(mote.start).date()


def _krev_avholdt(mote: Mote, hva: str) -> None:
    """What only happens in a meeting that has begun: its start time (Norwegian time) has
    come, not only its date, and it is not cancelled."""
    if mote.status == Mote.Status.AVLYST:
        raise Domenefeil(_("Møtet er avlyst."))
    if mote.start > timezone.now():
        raise Domenefeil(
            _("Møtet begynner %(tid)s. %(hva)s først når møtet har begynt.")
            % {"tid": timezone.localtime(mote.start).strftime("%d.%m.%Y kl. %H:%M"), "hva": hva}
        )


@transaction.atomic
def oppmote_registrer(
    *, utfort_av: User | None, mote: Mote, medlem: Utvalgsmedlem, status: str
) -> Oppmote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    dato = _motedag(mote)
    if medlem.utvalg_id != mote.utvalg_id or not medlem.er_aktiv(dato):
        raise Domenefeil(
            _("%(navn)s var ikke medlem av utvalget på møtedagen.") % {"navn": medlem.bruker.navn}
        )
    if status == "":
        # «Ikke registrert»: the registration is taken back.
        Oppmote.objects.filter(mote=mote, medlem=medlem).delete()
        return Oppmote(mote=mote, medlem=medlem, status="")
    if status not in Oppmote.Status.values:
        raise Domenefeil(_("Ukjent oppmøtestatus."))
    if status != Oppmote.Status.FORFALL:
        # Apologies come in advance; who was there is known on the day.
        _krev_avholdt(mote, _("Oppmøte føres"))
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet er godkjent; oppmøtet kan ikke endres."))
    oppmote, _opprettet = Oppmote.objects.update_or_create(
        mote=mote, medlem=medlem, defaults={"status": status}
    )
    return oppmote


def representerte_sider(utvalg: Utvalg, dato: datetime.date) -> list[str]:
    """Sides with a (non-secretary) member in the body on the date, in the order of Side."""
    return sider_blant(_aktive_medlemmer(utvalg, dato))


def sider_blant(medlemmer: list[Utvalgsmedlem]) -> list[str]:
    """The sides the (non-secretary) members sit for, in the order of Side."""
    sider = {m.side for m in medlemmer if m.rolle != Utvalgsmedlem.Rolle.SEKRETAER}
    return [side.value for side in Side if side in sider]


class Standpunktfeil(Domenefeil):
    """A side's position contradicts the attendance: the message belongs at that side's field."""

    def __init__(self, melding: str, side: str):
        super().__init__(melding)
        self.side = side


def oppmote_for(mote: Mote) -> dict[int, str]:
    """Each member's attendance status in the meeting, by member id."""
    return dict(mote.oppmote.values_list("medlem_id", "status"))


def til_stede_per_side(
    medlemmer: list[Utvalgsmedlem], oppmote: dict[int, str]
) -> dict[str, list[str]]:
    """The names of the members present, per side (the secretary does not count)."""
    per_side: dict[str, list[str]] = {}
    for m in medlemmer:
        if (
            oppmote.get(m.pk) == Oppmote.Status.TIL_STEDE
            and m.rolle != Utvalgsmedlem.Rolle.SEKRETAER
        ):
            per_side.setdefault(m.side, []).append(m.bruker.navn)
    return per_side


def _krev_oppmote_fort(medlemmer: list[Utvalgsmedlem], fort: dict[int, str]) -> None:
    mangler = [
        m.bruker.navn
        for m in medlemmer
        if m.rolle != Utvalgsmedlem.Rolle.SEKRETAER and m.pk not in fort
    ]
    if mangler:
        raise Domenefeil(
            _("Før oppmøtet for alle medlemmene før vedtak registreres. Mangler: %(navn)s.")
            % {"navn": ", ".join(sorted(mangler))}
        )


def _standpunkter(
    posisjoner: dict[str, str], sider: list[str], til_stede: dict[str, list[str]]
) -> dict[str, str]:
    """Each represented side's position, checked against who was there."""
    felter = {}
    for side in Side:
        posisjon = posisjoner.get(side.value, "")
        navn = side.label.lower()
        if side.value not in sider:
            felter[POSISJONSFELT[side]] = ""  # not represented in the body
        elif side.value in til_stede:
            if posisjon == Posisjon.IKKE_TIL_STEDE:
                raise Standpunktfeil(
                    _(
                        "%(side)s er ført som til stede i oppmøtet (%(navn)s) og kan ikke ha "
                        "standpunktet «ikke til stede». Rett oppmøtet eller standpunktet."
                    )
                    % {"side": side.label, "navn": ", ".join(til_stede[side.value])},
                    side.value,
                )
            if posisjon not in (Posisjon.ENIG, Posisjon.UENIG):
                raise Standpunktfeil(
                    _("Oppgi standpunktet til %(side)s.") % {"side": navn}, side.value
                )
            felter[POSISJONSFELT[side]] = posisjon
        else:
            if posisjon in (Posisjon.ENIG, Posisjon.UENIG):
                raise Standpunktfeil(
                    _(
                        "Ingen fra %(side)s er ført som til stede i oppmøtet, så de kan ikke være "
                        "%(pos)s. Rett oppmøtet, eller velg «ikke til stede»."
                    )
                    % {"side": navn, "pos": Posisjon(posisjon).label.lower()},
                    side.value,
                )
            felter[POSISJONSFELT[side]] = Posisjon.IKKE_TIL_STEDE
    return felter


def _krev_kan_behandles(sak: Sak, mote: Mote) -> None:
    if sak.utvalg_id != mote.utvalg_id:
        raise Domenefeil(_("Saken hører til et annet utvalg."))
    if sak.status != Sak.Status.APEN:
        raise Domenefeil(
            _(
                "Saken er %(status)s og kan ikke behandles på nytt. "
                "Gjenåpne den med en begrunnelse først."
            )
            % {"status": sak.get_status_display().lower()}
        )
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet fra møtet er godkjent; det kan ikke få nye vedtak."))


def _forbered_behandling(
    utfort_av: User | None, sak: Sak, mote: Mote, hva: str
) -> tuple[Sak, Mote, list[Utvalgsmedlem], dict[int, str]]:
    """The checks before a case is decided or postponed in a meeting, under row locks: the
    body's secretary, an open case of the body, a meeting that has begun,
    its minutes not approved, and everyone's attendance recorded."""
    utvalg = mote.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    sak = _laas_sak(sak)
    mote = _laas_mote(mote)
    _krev_kan_behandles(sak, mote)
    _krev_avholdt(mote, hva)
    dato = _motedag(mote)
    _krev_aktivt(utvalg, dato)
    medlemmer = list(
        Utvalgsmedlem.objects.aktive(dato).filter(utvalg=utvalg).select_related("bruker")
    )
    return sak, mote, medlemmer, oppmote_for(mote)


def _utsett(*, sak: Sak, mote: Mote, utfort_av: User | None, tekst: str) -> Mote | None:
    """The case goes on the next planned meeting, and its history says why."""
    neste = sak_sett_pa_neste_mote(sak=sak, etter=mote.start)
    Sakshendelse.objects.create(
        sak=sak,
        type=Sakshendelse.Type.UTSATT,
        tekst=tekst,
        utfort_av=utfort_av,
        mote=neste,
    )
    return neste


@transaction.atomic
def vedtak_registrer(
    *,
    utfort_av: User | None,
    sak: Sak,
    mote: Mote,
    tekst: str,
    posisjoner: dict[str, str],
    protokolltilforsel: str = "",
) -> Vedtak:
    """Record a decision from the parties' positions (the agreement § 5.3, § 5.4).

    Adopted when both parties are present and agree; not agreed when both are present and
    one disagrees; postponed to the next meeting when a party is not present. The other
    members' views are recorded, and their disagreement is dissent, not a veto.
    """
    utvalg = mote.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    if not utvalg.kan_vedta:
        raise Domenefeil(
            _("%(navn)s har ikke vedtaksmyndighet og kan bare gi anbefalinger.")
            % {"navn": utvalg.navn}
        )
    sak, mote, medlemmer, oppmote = _forbered_behandling(
        utfort_av, sak, mote, _("Vedtak registreres")
    )
    if not tekst.strip():
        raise Domenefeil(_("Skriv vedtaksteksten."))
    _krev_oppmote_fort(medlemmer, oppmote)
    felter = _standpunkter(
        posisjoner, sider_blant(medlemmer), til_stede_per_side(medlemmer, oppmote)
    )
    parter = [felter[POSISJONSFELT[p]] for p in PARTENE]
    if any(p != Posisjon.ENIG and p != Posisjon.UENIG for p in parter):
        resultat = Vedtak.Resultat.UTSATT
    elif all(p == Posisjon.ENIG for p in parter):
        resultat = Vedtak.Resultat.VEDTATT
    else:
        resultat = Vedtak.Resultat.IKKE_ENIGHET
    sak_sett_pa_sakliste(utfort_av=utfort_av, mote=mote, sak=sak)
    vedtak = Vedtak.objects.create(
        sak=sak,
        mote=mote,
        tekst=tekst.strip(),
        protokolltilforsel=protokolltilforsel.strip(),
        resultat=resultat,
        registrert_av=utfort_av,
        **felter,
    )
    if resultat == Vedtak.Resultat.UTSATT:
        _utsett(
            sak=sak,
            mote=mote,
            utfort_av=utfort_av,
            tekst=_("%(parter)s ikke til stede.")
            % {"parter": " og ".join(vedtak.fravaerende_parter)},
        )
    else:
        sak.status = (
            Sak.Status.AVSLUTTET if resultat == Vedtak.Resultat.VEDTATT else Sak.Status.IKKE_ENIGHET
        )
        sak.save(update_fields=["status"])
    # An agreement version under consideration in this case is approved or returned, and an
    # avvik escalated to it gets the outcome.
    vedtak_registrert.send(sender=Vedtak, vedtak=vedtak)
    return vedtak


@transaction.atomic
def sak_utsett(
    *, utfort_av: User | None, sak: Sak, mote: Mote, begrunnelse: str, tekst: str = ""
) -> Vedtak:
    """The body postpones an open case to its next meeting for a stated reason (more
    information needed, the case came late, time ran out …), not only because a party is
    absent. It is a decision of the meeting like any other: both parties present agree to it
    (the agreement § 5.3, § 5.4), the reason is in the minutes and the case's history, and the
    case stays open – a decided case is still only treated again by an explicit reopening."""
    sak, mote, medlemmer, oppmote = _forbered_behandling(
        utfort_av, sak, mote, _("Utsettelse registreres")
    )
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor saken utsettes."))
    _krev_oppmote_fort(medlemmer, oppmote)
    sider = sider_blant(medlemmer)
    til_stede = til_stede_per_side(medlemmer, oppmote)
    borte = [str(p.label) for p in PARTENE if p.value in sider and p.value not in til_stede]
    if borte:
        raise Domenefeil(
            _(
                "%(parter)s er ikke til stede. Registrer saken med standpunktene; "
                "den utsettes da av seg selv."
            )
            % {"parter": " og ".join(borte)}
        )
    felter = {POSISJONSFELT[p]: Posisjon.ENIG if p.value in sider else "" for p in PARTENE}
    sak_sett_pa_sakliste(utfort_av=utfort_av, mote=mote, sak=sak)
    vedtak = Vedtak.objects.create(
        sak=sak,
        mote=mote,
        tekst=tekst.strip() or _("Saken utsettes til neste møte."),
        utsatt_fordi=begrunnelse.strip(),
        resultat=Vedtak.Resultat.UTSATT,
        registrert_av=utfort_av,
        **felter,
    )
    _utsett(sak=sak, mote=mote, utfort_av=utfort_av, tekst=begrunnelse.strip())
    # An avvik escalated to the case learns of it; a version stays under consideration.
    vedtak_registrert.send(sender=Vedtak, vedtak=vedtak)
    return vedtak


@transaction.atomic
def anbefaling_registrer(*, utfort_av: User | None, sak: Sak, mote: Mote, tekst: str) -> Vedtak:
    """A body without decision authority (FSU, AU) gives a recommendation."""
    utvalg = mote.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    sak = _laas_sak(sak)
    mote = _laas_mote(mote)
    _krev_kan_behandles(sak, mote)
    _krev_avholdt(mote, _("Anbefalinger registreres"))
    if not tekst.strip():
        raise Domenefeil(_("Skriv anbefalingen."))
    _krev_aktivt(utvalg, _motedag(mote))
    sak_sett_pa_sakliste(utfort_av=utfort_av, mote=mote, sak=sak)
    sak.status = Sak.Status.AVSLUTTET
    sak.save(update_fields=["status"])
    return Vedtak.objects.create(
        sak=sak,
        mote=mote,
        tekst=tekst.strip(),
        resultat=Vedtak.Resultat.ANBEFALING,
        registrert_av=utfort_av,
    )


def _krev_part(utfort_av: User | None, utvalg: Utvalg, side: str) -> str:
    """The party a step is taken for: the user's own (None is the system, which names it)."""
    if utfort_av is not None:
        egen = access.partsside(utfort_av, utvalg)
        if not egen:
            raise Domenefeil(
                _(
                    "Bare partene – kommunenes eller helseforetakets representanter, "
                    "koordinatorer og ledere – kan ta saken videre."
                )
            )
        side = egen
    if side not in {p.value for p in PARTENE}:
        raise Domenefeil(_("Oppgi hvilken part som tar saken videre."))
    return side


@transaction.atomic
def sak_send_videre(
    *, utfort_av: User | None, sak: Sak, begrunnelse: str, side: str = ""
) -> Sak | None:
    """After the body has treated the case without agreement, either party takes the next step
    (the agreement § 6): LSU → SSU, or to the national dispute body. No step is skipped."""
    sak = _laas_sak(sak)
    utvalg = sak.utvalg
    side = _krev_part(utfort_av, utvalg, side)
    if sak.status != Sak.Status.IKKE_ENIGHET:
        raise Domenefeil(
            _(
                "En sak tas videre først når utvalget har behandlet den uten at partene ble "
                "enige. Saken er %(status)s."
            )
            % {"status": sak.get_status_display().lower()}
        )
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor saken tas videre."))
    if sak.gar_til_nasjonal:
        ny, sak.status, hendelse = None, Sak.Status.NASJONAL, Sakshendelse.Type.NASJONAL
    else:
        ny = sak_opprett(
            utfort_av=None,
            utvalg=utvalg.overordnet,
            tittel=sak.tittel,
            beskrivelse=_("Sendt fra %(nr)s etter at partene ikke ble enige.\n\n%(tekst)s")
            % {"nr": sak.saksnummer, "tekst": sak.beskrivelse},
            sendt_fra=sak,
        )
        sak.status, hendelse = Sak.Status.SENDT_VIDERE, Sakshendelse.Type.SENDT_VIDERE
    sak.save(update_fields=["status"])
    Sakshendelse.objects.create(
        sak=sak,
        type=hendelse,
        tekst=begrunnelse.strip(),
        side=side,
        utfort_av=utfort_av,
        til_sak=ny,
    )
    if ny is not None:
        sak_sett_pa_neste_mote(sak=ny)
    sak_sendt_videre.send(sender=Sak, sak=sak, ny=ny, side=side, utfort_av=utfort_av)
    return ny


@transaction.atomic
def sak_gjenapne(*, utfort_av: User | None, sak: Sak, begrunnelse: str) -> Sak:
    """Open a decided case again, with the reason: its decision stays in the minutes, marked
    as reopened, and the case can be treated anew. Only the body's secretary does this."""
    _krev_sekretaer(utfort_av, sak.utvalg)
    sak = _laas_sak(sak)
    if sak.status not in (Sak.Status.AVSLUTTET, Sak.Status.IKKE_ENIGHET):
        raise Domenefeil(
            _("Bare en behandlet sak kan gjenåpnes. Saken er %(status)s.")
            % {"status": sak.get_status_display().lower()}
        )
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor saken gjenåpnes."))
    naa = timezone.now()
    vedtak = sak.vedtak.filter(gjenapnet__isnull=True).exclude(resultat=Vedtak.Resultat.UTSATT)
    for gjeldende in vedtak:
        gjeldende.gjenapnet = naa
        gjeldende._change_reason = begrunnelse.strip()[:100]
        gjeldende.save(update_fields=["gjenapnet"])
    sak.status = Sak.Status.APEN
    sak.save(update_fields=["status"])
    Sakshendelse.objects.create(
        sak=sak, type=Sakshendelse.Type.GJENAPNET, tekst=begrunnelse.strip(), utfort_av=utfort_av
    )
    # Other apps refuse (Domenefeil) or follow: an approved agreement version cannot be
    # reopened; a returned draft goes back under consideration; an avvik learns of it.
    sak_gjenapnet.send(sender=Sak, sak=sak, begrunnelse=begrunnelse.strip())
    return sak


@transaction.atomic
def referat_lagre(*, utfort_av: User | None, mote: Mote, tekst: str) -> Mote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    mote = _laas_mote(mote)
    _krev_avholdt(mote, _("Referatet skrives"))
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet er godkjent og kan ikke endres."))
    mote.referat = tekst
    mote.status = Mote.Status.GJENNOMFORT
    mote.save(update_fields=["referat", "status"])
    if tekst.strip():
        varsling.referat_klart(mote, utfort_av=utfort_av)
    return mote


@transaction.atomic
def referat_godkjenn(*, utfort_av: User | None, mote: Mote) -> Mote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    mote = _laas_mote(mote)
    _krev_avholdt(mote, _("Referatet godkjennes"))
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet er allerede godkjent."))
    if not mote.referat.strip():
        raise Domenefeil(_("Referatet er tomt."))
    mote.referat_godkjent = timezone.now()
    mote.referat_godkjent_av = utfort_av
    mote.save(update_fields=["referat_godkjent", "referat_godkjent_av"])
    varsling.referat_godkjent(mote, utfort_av=utfort_av)
    return mote


@transaction.atomic
def referat_bekreft(*, bruker: User, mote: Mote) -> Referatbekreftelse:
    """A member confirms the minutes."""
    mote = Mote.objects.select_related("utvalg").get(pk=mote.pk)
    dato = timezone.localtime(mote.start).date()
    medlem = Utvalgsmedlem.objects.aktive(dato).filter(utvalg=mote.utvalg, bruker=bruker).first()
    if medlem is None:
        raise Domenefeil(_("Bare utvalgets medlemmer bekrefter referatet."))
    if not mote.referat.strip():
        raise Domenefeil(_("Referatet er ikke skrevet ennå."))
    bekreftelse, _opprettet = Referatbekreftelse.objects.get_or_create(mote=mote, medlem=medlem)
    return bekreftelse


TILLATTE_DOKUMENTTYPER = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".txt", ".pptx")
MAKS_DOKUMENT = 20 * 1024 * 1024
# What the first bytes of each type are: a program renamed to .pdf is refused too.
_SIGNATUR = {".pdf": (b"%PDF-",), ".txt": ()}
_ZIP = (b"PK\x03\x04",)  # Office Open XML and OpenDocument are zip files


def _innhold_passer(fil, navn: str) -> bool:
    fil.seek(0)
    start = fil.read(2048)
    fil.seek(0)
    endelse = navn[navn.rfind(".") :]
    if endelse == ".txt":
        try:
            start.decode("utf-8")
        except UnicodeDecodeError as feil:
            # A multi-byte character cut at the end of the sample is still text.
            return feil.start >= len(start) - 3 and b"\x00" not in start
        return b"\x00" not in start
    return start.startswith(_SIGNATUR.get(endelse, _ZIP))


@transaction.atomic
def saksdokument_legg_til(*, utfort_av: User | None, sak: Sak, tittel: str, fil) -> Saksdokument:
    """Attach a document to a case; only common office formats, at most 20 MB."""
    _krev_sekretaer(utfort_av, sak.utvalg)
    krev_uten_personnummer(**{_("Tittel"): tittel, _("Filnavn"): fil.name})
    navn = (fil.name or "").lower()
    if not navn.endswith(TILLATTE_DOKUMENTTYPER):
        raise Domenefeil(
            _(
                "Filtypen kan ikke lastes opp. "
                "Bruk PDF, Word, Excel, PowerPoint, OpenDocument eller tekst."
            )
        )
    if len(tittel) > 200:
        raise Domenefeil(_("Tittelen kan ha høyst 200 tegn."))
    if fil.size > MAKS_DOKUMENT:
        raise Domenefeil(_("Filen er for stor. Største tillatte størrelse er 20 MB."))
    if not _innhold_passer(fil, navn):
        raise Domenefeil(
            _(
                "Innholdet i filen passer ikke med filtypen %(type)s. Lagre dokumentet på nytt "
                "fra programmet det ble laget i, og last det opp igjen."
            )
            % {"type": navn[navn.rfind(".") :]}
        )
    return Saksdokument.objects.create(
        sak=sak, tittel=tittel.strip() or fil.name, fil=fil, lastet_opp_av=utfort_av
    )
