"""Revising a draft in the browser: clauses, comments, approval by a body, signatures."""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from avtaler import livslop, varsling
from avtaler.models import (
    Avtaleforhold,
    Avtaleversjon,
    Kommentar,
    Lesebekreftelse,
    Leseforesporsel,
    Punktversjon,
    Signatur,
    Utskrivningstider,
    i_dag,
)
from avtaler.services.versjoner import (
    NyttPunkt,
    T,
    _laas,
    _laas_utkast,
    _punkter_opprett,
    versjon_godkjenn,
    versjon_inngaa,
    versjon_returner,
    versjon_send_til_behandling,
)
from helsefellesskap.models import Organisasjon, User, Utvalg, Vedtak
from helsefellesskap.services import sak_opprett
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

logger = logging.getLogger(__name__)


class Konflikt(Domenefeil):
    """Someone else saved the clause first; ``lagret`` is what is stored now."""

    def __init__(self, melding: str, lagret: Punktversjon):
        super().__init__(melding)
        self.lagret = lagret


def _krev_lengder(nummer: str, overskrift: str) -> None:
    if len(nummer.strip()) > 20:
        raise Domenefeil(_("Nummeret kan ha høyst 20 tegn."))
    if len(overskrift.strip()) > 300:
        raise Domenefeil(_("Overskriften kan ha høyst 300 tegn."))


def _punkt_i_utkast(punkt: Punktversjon) -> Avtaleversjon:
    return _laas_utkast(punkt.versjon_id)


@transaction.atomic
def punkt_lagre(
    *,
    punkt: Punktversjon,
    utfort_av: User | None,
    nummer: str,
    overskrift: str,
    tekst: str,
    forventet_teller: int,
) -> Punktversjon:
    """Save a clause if nobody saved it since it was read; otherwise raise Konflikt.

    The counter is checked in a conditional UPDATE, which works on both databases:
    of two concurrent saves of the same clause, exactly one matches.
    """
    _punkt_i_utkast(punkt)
    _krev_lengder(nummer, overskrift)
    krev_uten_personnummer(**{_("Nummer"): nummer, _("Overskrift"): overskrift, _("Tekst"): tekst})
    truffet = Punktversjon.objects.filter(pk=punkt.pk, endringsteller=forventet_teller).update(
        endringsteller=F("endringsteller") + 1
    )
    lagret = Punktversjon.objects.get(pk=punkt.pk)
    if not truffet:
        raise Konflikt(_("Noen andre har lagret dette punktet mens du skrev."), lagret)
    nummer = nummer.strip()
    if (
        nummer
        and Punktversjon.objects.filter(versjon=lagret.versjon_id, nummer=nummer)
        .exclude(pk=punkt.pk)
        .exists()
    ):
        raise Domenefeil(_("Nummer %(nr)s er allerede brukt i denne versjonen.") % {"nr": nummer})
    lagret.nummer, lagret.overskrift, lagret.tekst = nummer, overskrift.strip(), tekst
    lagret.forelder_id = (
        Punktversjon.objects.filter(versjon=lagret.versjon_id, nummer=nummer.rpartition(".")[0])
        .values_list("punkt_id", flat=True)
        .first()
        if "." in nummer
        else None
    )
    lagret._change_reason = (f"Redigert av {utfort_av.email}" if utfort_av else "Redigert")[:100]
    lagret.save()
    return lagret


@transaction.atomic
def punkt_legg_til_etter(
    *,
    etter: Punktversjon | None,
    versjon: Avtaleversjon,
    nummer: str,
    overskrift: str,
    tekst: str = "",
) -> Punktversjon:
    """A new clause right after another (or first), the following ones moved one down."""
    versjon = _laas_utkast(versjon.pk)
    _krev_lengder(nummer, overskrift)
    plass = (etter.rekkefolge + 1) if etter else 1
    Punktversjon.objects.filter(versjon=versjon, rekkefolge__gte=plass).update(
        rekkefolge=F("rekkefolge") + 1
    )
    if nummer and versjon.punkter.filter(nummer=nummer).exists():
        raise Domenefeil(_("Nummer %(nr)s er allerede brukt i denne versjonen.") % {"nr": nummer})
    ny = _punkter_opprett(versjon, [NyttPunkt(nummer, overskrift, tekst)])[0]
    ny.rekkefolge = plass
    ny.save(update_fields=["rekkefolge"])
    return ny


@transaction.atomic
def punkt_slett(*, punkt: Punktversjon, utfort_av: User | None) -> None:
    _punkt_i_utkast(punkt)
    if Punktversjon.objects.filter(versjon=punkt.versjon_id, forelder=punkt.punkt_id).exists():
        raise Domenefeil(_("Punktet har underpunkter. Flytt eller slett dem først."))
    punkt._change_reason = (f"Slettet av {utfort_av.email}" if utfort_av else "Slettet")[:100]
    # The discharge hours keep their values; they no longer point at a clause not in the draft.
    Utskrivningstider.objects.filter(versjon=punkt.versjon_id, punkt=punkt.punkt_id).update(
        punkt=None
    )
    punkt.delete()


@transaction.atomic
def punkt_flytt(*, punkt: Punktversjon, retning: int) -> None:
    """Swap a clause with the one before (-1) or after (+1) it."""
    _punkt_i_utkast(punkt)
    nabo = (
        Punktversjon.objects.filter(
            versjon=punkt.versjon_id, rekkefolge__lt=punkt.rekkefolge
        ).order_by("-rekkefolge")
        if retning < 0
        else Punktversjon.objects.filter(
            versjon=punkt.versjon_id, rekkefolge__gt=punkt.rekkefolge
        ).order_by("rekkefolge")
    ).first()
    if nabo is None:
        return
    punkt.rekkefolge, nabo.rekkefolge = nabo.rekkefolge, punkt.rekkefolge
    punkt.save(update_fields=["rekkefolge"])
    nabo.save(update_fields=["rekkefolge"])


@transaction.atomic
def punkter_nummerer(*, versjon: Avtaleversjon) -> int:
    """Renumber the clauses in order, keeping each one's level (3.1 stays a sub-clause)."""
    versjon = _laas_utkast(versjon.pk)
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    tellere: list[int] = []
    nye: dict[int, str] = {}
    for punkt in punkter:
        if not punkt.nummer:
            continue
        niva = min(punkt.niva, len(tellere) + 1)
        tellere = tellere[:niva]
        if len(tellere) < niva:
            tellere.append(0)
        tellere[-1] += 1
        nye[punkt.pk] = ".".join(map(str, tellere))
    endret = [p for p in punkter if p.pk in nye and p.nummer != nye[p.pk]]
    if not endret:
        return 0
    # Free the numbers first so the unique constraint never sees a half-renumbered version.
    Punktversjon.objects.filter(pk__in=[p.pk for p in endret]).update(nummer="")
    identitet = {p.nummer: p.punkt_id for p in punkter if p.pk not in nye}
    for punkt in punkter:
        if punkt.pk in nye:
            identitet[nye[punkt.pk]] = punkt.punkt_id
    for punkt in endret:
        punkt.nummer = nye[punkt.pk]
        punkt.forelder_id = (
            identitet.get(punkt.nummer.rpartition(".")[0]) if "." in punkt.nummer else None
        )
        punkt.endringsteller += 1
        punkt._change_reason = "Nummerert på nytt"
        punkt.save()
    return len(endret)


@transaction.atomic
def kommentar_legg_til(*, punkt: Punktversjon, forfatter: User, tekst: str) -> Kommentar:
    if not tekst.strip():
        raise Domenefeil(_("Skriv en kommentar."))
    if punkt.versjon.tilstand not in ("utkast", "til_behandling"):
        raise Domenefeil(_("Versjonen tar ikke lenger imot kommentarer."))
    return Kommentar.objects.create(punkt=punkt, forfatter=forfatter, tekst=tekst.strip())


@transaction.atomic
def kommentar_los(*, kommentar: Kommentar, utfort_av: User) -> Kommentar:
    kommentar.lost = timezone.now()
    kommentar.lost_av = utfort_av
    kommentar.save(update_fields=["lost", "lost_av"])
    return kommentar


@transaction.atomic
def versjon_send_til_godkjenning(
    *, versjon: Avtaleversjon, utfort_av: User, utvalg: Utvalg, tider_begrunnelse: str = ""
) -> Avtaleversjon:
    """Submit a draft: it goes til behandling and becomes a case in the chosen SSU or LSU."""
    if utvalg.type not in (Utvalg.Type.SSU, Utvalg.Type.LSU) or not utvalg.kan_vedta:
        raise Domenefeil(_("Velg strategisk eller lokalt samarbeidsutvalg."))
    if utvalg.helsefellesskap_id != versjon.avtale.helsefellesskap_id:
        raise Domenefeil(_("Utvalget hører til et annet helsefellesskap."))
    beskrivelse = _("Utkastet og endringene: %(url)s") % {"url": versjon.get_absolute_url()}
    if tider_begrunnelse.strip() and versjon.avtale.er_utskrivningsrutine:
        from avtaler.services.utskrivning import tider_mot_teksten

        if advarsel := tider_mot_teksten(versjon):
            # The body that decides sees that the hours differ from the text's reading, and why.
            beskrivelse += "\n" + _(
                "Utskrivningstidene avviker fra lesningen av teksten: %(advarsel)s "
                "Koordinatorens begrunnelse: %(b)s"
            ) % {"advarsel": advarsel, "b": tider_begrunnelse.strip()}
    sak = sak_opprett(
        utfort_av=None,
        utvalg=utvalg,
        tittel=_("Godkjenning av %(tittel)s, versjon %(nr)s")
        % {"tittel": versjon.tittel, "nr": versjon.nummer},
        beskrivelse=beskrivelse,
    )
    versjon = versjon_send_til_behandling(
        versjon=versjon,
        utfort_av=utfort_av,
        merknad=sak.saksnummer,
        tider_begrunnelse=tider_begrunnelse,
    )
    versjon.behandles_i = sak
    versjon.save(update_fields=["behandles_i"])
    return versjon


def versjon_behandlet(sender=None, *, vedtak: Vedtak, **kwargs) -> None:
    """A decision in a case where a version is under consideration approves or returns it;
    a postponed case leaves it under consideration."""
    if vedtak.resultat not in (Vedtak.Resultat.VEDTATT, Vedtak.Resultat.IKKE_ENIGHET):
        return
    for versjon in Avtaleversjon.objects.filter(
        behandles_i=vedtak.sak_id, tilstand=T.TIL_BEHANDLING
    ):
        if vedtak.er_vedtatt:
            versjon_godkjenn(versjon=versjon, utfort_av=vedtak.registrert_av, vedtak=vedtak)
        else:
            standpunkter = ", ".join(f"{side}: {pos.lower()}" for side, pos in vedtak.posisjoner)
            versjon_returner(
                versjon=versjon,
                utfort_av=vedtak.registrert_av,
                begrunnelse=_("Ikke enighet i %(sak)s (%(pos)s). %(tekst)s")
                % {"sak": vedtak.sak.saksnummer, "pos": standpunkter, "tekst": vedtak.tekst},
            )


def versjon_folger_saken(sender=None, *, sak, ny, utfort_av=None, **kwargs) -> None:
    """A case about a version, taken on to the next body, takes the draft with it: the body
    that decides has the version before it, so its decision and the version agree."""
    if ny is None:
        return
    for versjon in Avtaleversjon.objects.filter(behandles_i=sak.pk, tilstand=T.UTKAST):
        versjon = versjon_send_til_behandling(
            versjon=versjon, utfort_av=utfort_av, merknad=ny.saksnummer
        )
        versjon.behandles_i = ny
        versjon.save(update_fields=["behandles_i"])


def versjon_gjenapnes(sender=None, *, sak, begrunnelse: str = "", **kwargs) -> None:
    """Reopening a case: a version it approved stays approved (the reopening is refused); a
    draft it returned comes back under consideration in the same case."""
    for versjon in Avtaleversjon.objects.filter(behandles_i=sak.pk):
        if versjon.tilstand == T.UTKAST:
            versjon_send_til_behandling(versjon=versjon, utfort_av=None, merknad=begrunnelse)
        elif versjon.tilstand != T.TIL_BEHANDLING:
            raise Domenefeil(
                _(
                    "Saken godkjente versjon %(nr)s av %(tittel)s, som nå er %(tilstand)s. "
                    "En godkjent versjon behandles ikke på nytt; start en revisjon i stedet."
                )
                % {
                    "nr": versjon.nummer,
                    "tittel": versjon.tittel,
                    "tilstand": versjon.get_tilstand_display().lower(),
                }
            )


def _krev_etter_forrige(versjon: Avtaleversjon, dato: datetime.date) -> None:
    """A new version cannot take effect before the one in force began: history stays true."""
    forrige = versjon.forrige_signerte()
    if forrige is not None and forrige.gyldig_fra and dato <= forrige.gyldig_fra:
        raise Domenefeil(
            _("Versjonen må gjelde fra etter %(dato)s, da versjon %(nr)s begynte å gjelde.")
            % {"dato": forrige.gyldig_fra.strftime("%d.%m.%Y"), "nr": forrige.nummer}
        )


@transaction.atomic
def versjon_sett_ikrafttredelse(*, versjon: Avtaleversjon, dato: datetime.date) -> Avtaleversjon:
    """Set the planned in-force date of an approved version before the parties sign."""
    versjon = _laas(versjon.pk)
    if versjon.tilstand != T.GODKJENT:
        raise Domenefeil(_("Datoen settes når versjonen er godkjent og før den er signert."))
    _krev_etter_forrige(versjon, dato)
    versjon.gyldig_fra = dato
    versjon.save(update_fields=["gyldig_fra"])
    return versjon


@transaction.atomic
def signatur_registrer(
    *,
    versjon: Avtaleversjon,
    organisasjon: Organisasjon,
    navn: str,
    tittel: str,
    dato: datetime.date,
    vedtaksreferanse: str = "",
    vedtak_organ: str = "",
    vedtak_dato: datetime.date | None = None,
    utfort_av: User | None,
    forhold: Avtaleforhold | None = None,
) -> Signatur:
    """Record one party's signature on its own agreement. When it and its counterpart (the
    health trust) have both signed, that party's agreement is concluded (livslop.inngaa).

    With ``forhold``: the counterpart signs that one party's agreement only. The health trust
    signs each agreement so, or once for all (without ``forhold``), as it prefers."""
    versjon = _laas(versjon.pk)
    livslop.krev_kan_signeres(versjon)
    parter = list(versjon.parter.all())
    if organisasjon.pk not in {p.pk for p in parter}:
        raise Domenefeil(
            _("%(org)s er ikke part i avtalen.") % {"org": organisasjon.navn}, felt="organisasjon"
        )
    if forhold is not None:
        forhold = Avtaleforhold.objects.select_related("part").get(pk=forhold.pk)
        if forhold.versjon_id != versjon.pk or organisasjon not in livslop.motparter(
            forhold.part, parter
        ):
            raise Domenefeil(
                _("%(org)s er ikke motpart i avtalen med %(part)s.")
                % {"org": organisasjon.navn, "part": forhold.part.navn}
            )
        if len(livslop.motparter(forhold.part, parter)) != 1:
            # motpart_signert_dato holds one counterpart's signature.
            raise Domenefeil(_("Med flere motparter signerer hver av dem én gang for alle."))
    if not navn.strip() or not tittel.strip():
        raise Domenefeil(_("Oppgi navn og stilling på den som signerte."), felt="navn")
    if dato > i_dag():
        raise Domenefeil(_("Signaturdatoen kan ikke være fram i tid."), felt="dato")
    if vedtak_dato is not None and vedtak_dato > dato:
        raise Domenefeil(_("Vedtaket må være gjort før avtalen ble signert."), felt="dato")
    if versjon.godkjent_ved_id:
        vedtatt = timezone.localtime(versjon.godkjent_ved.mote.start).date()
        if dato < vedtatt:
            raise Domenefeil(
                _("Avtalen kan ikke være signert før den ble godkjent (%(dato)s).")
                % {"dato": vedtatt.strftime("%d.%m.%Y")},
                felt="dato",
            )
    if (
        len(navn) > 200
        or len(tittel) > 200
        or len(vedtaksreferanse) > 100
        or len(vedtak_organ) > 100
    ):
        raise Domenefeil(_("Navn og stilling kan ha høyst 200 tegn, vedtaket høyst 100."))
    # Signed for itself (for the health trust: once for all), registered here or recorded on
    # its agreement by an older route (versjon_signer).
    if (
        Signatur.objects.filter(
            versjon=versjon, organisasjon=organisasjon, forhold__isnull=True
        ).exists()
        or Avtaleforhold.objects.filter(
            versjon=versjon, part=organisasjon, signert_dato__isnull=False
        ).exists()
    ):
        raise Domenefeil(_("%(org)s har allerede signert.") % {"org": organisasjon.navn})
    if forhold is not None and (
        forhold.motpart_signert_dato is not None
        or Signatur.objects.filter(forhold=forhold, organisasjon=organisasjon).exists()
    ):
        raise Domenefeil(
            _("%(org)s har allerede signert avtalen med %(part)s.")
            % {"org": organisasjon.navn, "part": forhold.part.navn}
        )
    signatur = Signatur.objects.create(
        versjon=versjon,
        organisasjon=organisasjon,
        forhold=forhold,
        navn=navn.strip(),
        tittel=tittel.strip(),
        dato=dato,
        vedtaksreferanse=vedtaksreferanse.strip(),
        registrert_av=utfort_av,
    )
    livslop.sikre_forhold(versjon)
    varsling.signert(versjon, organisasjon, utfort_av=utfort_av, forhold=forhold)
    if forhold is not None:
        forhold.motpart_signert_dato = dato
        forhold._change_reason = f"Signert av {organisasjon.navn}"[:100]
        forhold.save(update_fields=["motpart_signert_dato"])
        versjon_inngaa(versjon, utfort_av=utfort_av)
        return signatur
    forhold = Avtaleforhold.objects.get(versjon=versjon, part=organisasjon)
    forhold.signert_dato = dato
    forhold.vedtak_saksnummer = vedtaksreferanse.strip() or forhold.vedtak_saksnummer
    forhold.vedtak_organ = vedtak_organ.strip() or forhold.vedtak_organ
    forhold.vedtak_dato = vedtak_dato or forhold.vedtak_dato
    forhold._change_reason = "Signert"
    forhold.save()
    versjon_inngaa(versjon, utfort_av=utfort_av)
    return signatur


@transaction.atomic
def leseforesporsel_opprett(
    *, versjon: Avtaleversjon, utfort_av: User, begrunnelse: str = ""
) -> Leseforesporsel:
    """Mark a signed routine's change as significant: its readers must confirm it."""
    if not versjon.er_signert:
        raise Domenefeil(_("Bare en signert versjon kan sendes til lesebekreftelse."))
    if versjon.avtale.type not in ("rutine", "retningslinje"):
        raise Domenefeil(_("Lesebekreftelse brukes for rutiner og retningslinjer."))
    foresporsel, opprettet = Leseforesporsel.objects.get_or_create(
        versjon=versjon, defaults={"opprettet_av": utfort_av, "begrunnelse": begrunnelse.strip()}
    )
    if opprettet:
        varsling.lesing_bedt_om(versjon, utfort_av=utfort_av)
    return foresporsel


@transaction.atomic
def lesing_bekreft(*, versjon: Avtaleversjon, bruker: User) -> Lesebekreftelse:
    if not Leseforesporsel.objects.filter(versjon=versjon).exists():
        raise Domenefeil(_("Denne versjonen er ikke sendt til lesebekreftelse."))
    bekreftelse, _opprettet = Lesebekreftelse.objects.get_or_create(versjon=versjon, bruker=bruker)
    varsling.lesing_bekreftet(versjon, bruker=bruker)
    return bekreftelse
