"""Meetings, cases and decisions: recorded by the body's secretary, one transaction each."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helsefellesskap.models import (
    Mote,
    Oppmote,
    Referatbekreftelse,
    Sak,
    Sakbehandling,
    Saksdokument,
    User,
    Utvalg,
    Utvalgsmedlem,
    Vedtak,
)
from helsefellesskap.models.moter import POSISJONSFELT, Posisjon
from helsefellesskap.models.utvalg import PARTENE, Side
from helsefellesskap.services.utvalg import _krev_aktivt, _krev_sekretaer
from helsefellesskap.signals import vedtak_registrert
from kjerne.feil import Domenefeil


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
    return Mote.objects.create(utvalg=utvalg, start=start, sted=sted.strip())


@transaction.atomic
def sak_opprett(
    *,
    utfort_av: User | None,
    utvalg: Utvalg,
    tittel: str,
    beskrivelse: str = "",
    ar: int | None = None,
    sendt_fra: Sak | None = None,
) -> Sak:
    """A new case with the next number of the body for the year («SSU 12/2026»)."""
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
    )


@transaction.atomic
def sak_sett_pa_sakliste(*, utfort_av: User | None, mote: Mote, sak: Sak) -> Sakbehandling:
    _krev_sekretaer(utfort_av, mote.utvalg)
    if sak.utvalg_id != mote.utvalg_id:
        raise Domenefeil(_("Saken hører til et annet utvalg."))
    if sak.status != Sak.Status.APEN and not mote.sakliste.filter(sak=sak).exists():
        raise Domenefeil(_("Saken er %(status)s.") % {"status": sak.get_status_display().lower()})
    neste = (mote.sakliste.aggregate(m=Max("rekkefolge"))["m"] or 0) + 1
    behandling, _opprettet = Sakbehandling.objects.get_or_create(
        mote=mote, sak=sak, defaults={"rekkefolge": neste}
    )
    return behandling


def _aktive_medlemmer(utvalg: Utvalg, dato: datetime.date) -> list[Utvalgsmedlem]:
    return list(Utvalgsmedlem.objects.aktive(dato).filter(utvalg=utvalg))


@transaction.atomic
def oppmote_registrer(
    *, utfort_av: User | None, mote: Mote, medlem: Utvalgsmedlem, status: str
) -> Oppmote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    dato = timezone.localtime(mote.start).date()
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


@transaction.atomic
def vedtak_registrer(
    *,
    utfort_av: User | None,
    sak: Sak,
    mote: Mote,
    tekst: str,
    posisjoner: dict[str, str],
) -> Vedtak:
    """Record a decision with each side's position; adopted only when the parties agree."""
    utvalg = mote.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    sak = _laas_sak(sak)
    if not utvalg.kan_vedta:
        raise Domenefeil(
            _("%(navn)s har ikke vedtaksmyndighet og kan bare gi anbefalinger.")
            % {"navn": utvalg.navn}
        )
    if sak.utvalg_id != utvalg.pk:
        raise Domenefeil(_("Saken hører til et annet utvalg."))
    if sak.status != Sak.Status.APEN:
        raise Domenefeil(_("Saken er %(status)s.") % {"status": sak.get_status_display().lower()})
    if not tekst.strip():
        raise Domenefeil(_("Skriv vedtaksteksten."))
    dato = timezone.localtime(mote.start).date()
    _krev_aktivt(utvalg, dato)
    sider = representerte_sider(utvalg, dato)
    felter = {}
    for side in Side:
        posisjon = posisjoner.get(side.value, "")
        if side.value in sider:
            if posisjon not in Posisjon.values:
                raise Domenefeil(
                    _("Oppgi standpunktet til %(side)s.") % {"side": side.label.lower()}
                )
            felter[POSISJONSFELT[side]] = posisjon
        else:
            felter[POSISJONSFELT[side]] = ""  # not represented in the body
    enige_parter = all(felter[POSISJONSFELT[p]] == Posisjon.ENIG for p in PARTENE)
    ingen_uenig = Posisjon.UENIG not in felter.values()
    resultat = (
        Vedtak.Resultat.VEDTATT if enige_parter and ingen_uenig else Vedtak.Resultat.IKKE_ENIGHET
    )
    sak_sett_pa_sakliste(utfort_av=utfort_av, mote=mote, sak=sak)
    vedtak = Vedtak.objects.create(
        sak=sak,
        mote=mote,
        tekst=tekst.strip(),
        resultat=resultat,
        registrert_av=utfort_av,
        **felter,
    )
    if resultat == Vedtak.Resultat.VEDTATT:
        sak.status = Sak.Status.AVSLUTTET
        sak.save(update_fields=["status"])
    # An agreement version under consideration in this case is approved or returned.
    vedtak_registrert.send(sender=Vedtak, vedtak=vedtak)
    return vedtak


@transaction.atomic
def anbefaling_registrer(*, utfort_av: User | None, sak: Sak, mote: Mote, tekst: str) -> Vedtak:
    """A body without decision authority (FSU, AU) gives a recommendation."""
    utvalg = mote.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    sak = _laas_sak(sak)
    if sak.status != Sak.Status.APEN:
        raise Domenefeil(_("Saken er %(status)s.") % {"status": sak.get_status_display().lower()})
    if sak.utvalg_id != utvalg.pk:
        raise Domenefeil(_("Saken hører til et annet utvalg."))
    if not tekst.strip():
        raise Domenefeil(_("Skriv anbefalingen."))
    _krev_aktivt(utvalg, timezone.localtime(mote.start).date())
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


@transaction.atomic
def sak_send_videre(*, utfort_av: User | None, sak: Sak) -> Sak | None:
    """After disagreement: LSU → SSU; SSU → the national dispute body (DOMAIN.md §3)."""
    utvalg = sak.utvalg
    _krev_sekretaer(utfort_av, utvalg)
    sak = _laas_sak(sak)
    siste = sak.vedtak.order_by("-tidspunkt").first()
    if (
        sak.status != Sak.Status.APEN
        or siste is None
        or siste.resultat != Vedtak.Resultat.IKKE_ENIGHET
    ):
        raise Domenefeil(_("Bare en åpen sak der partene ikke ble enige kan sendes videre."))
    if utvalg.type == Utvalg.Type.SSU:
        sak.status = Sak.Status.NASJONAL
        sak.save(update_fields=["status"])
        return None
    if utvalg.type != Utvalg.Type.LSU or utvalg.overordnet is None:
        raise Domenefeil(_("Saker fra %(navn)s kan ikke sendes videre.") % {"navn": utvalg.navn})
    ny = sak_opprett(
        utfort_av=None,
        utvalg=utvalg.overordnet,
        tittel=sak.tittel,
        beskrivelse=_("Sendt fra %(nr)s etter at partene ikke ble enige.\n\n%(tekst)s")
        % {"nr": sak.saksnummer, "tekst": sak.beskrivelse},
        sendt_fra=sak,
    )
    sak.status = Sak.Status.SENDT_VIDERE
    sak.save(update_fields=["status"])
    return ny


@transaction.atomic
def referat_lagre(*, utfort_av: User | None, mote: Mote, tekst: str) -> Mote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    mote = _laas_mote(mote)
    if mote.status == Mote.Status.AVLYST:
        raise Domenefeil(_("Møtet er avlyst."))
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet er godkjent og kan ikke endres."))
    mote.referat = tekst
    mote.status = Mote.Status.GJENNOMFORT
    mote.save(update_fields=["referat", "status"])
    return mote


@transaction.atomic
def referat_godkjenn(*, utfort_av: User | None, mote: Mote) -> Mote:
    _krev_sekretaer(utfort_av, mote.utvalg)
    mote = _laas_mote(mote)
    if mote.referat_godkjent:
        raise Domenefeil(_("Referatet er allerede godkjent."))
    if not mote.referat.strip():
        raise Domenefeil(_("Referatet er tomt."))
    mote.referat_godkjent = timezone.now()
    mote.referat_godkjent_av = utfort_av
    mote.save(update_fields=["referat_godkjent", "referat_godkjent_av"])
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
