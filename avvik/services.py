"""Every write to avvik: registration (screened for patient identifiers), handling with
deadlines, escalation along the ladder. Each one transaction, each a step in the thread."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avtaler.helligdager import er_helg_eller_helligdag
from avtaler.models import Avtaleversjon, Punktversjon
from avtaler.utskrivning import utskrivningsrutine
from avvik import access
from avvik.models import Avvik, Avvikshendelse, Avvikskategori, Eskaleringstrinn
from avvik.personnummer import finn_personnummer
from avvik.stiger import trinn_for
from helsefellesskap.models import Mote, Organisasjon, User, Utvalg
from helsefellesskap.services import sak_opprett, sak_sett_pa_sakliste
from kjerne.feil import Domenefeil

# Deadlines per state: received within 3 days, answered within 14 days of receipt.
FRISTER = {
    Avvik.Status.MELDT: datetime.timedelta(days=3),
    Avvik.Status.MOTTATT: datetime.timedelta(days=14),
}

PERSONNUMMER_MELDING = _(
    "Teksten ser ut til å inneholde et fødselsnummer eller D-nummer (%(funn)s). Et avvik skal "
    "aldri inneholde opplysninger som kan identifisere en pasient. Fjern nummeret og beskriv "
    "hendelsen uten navn og nummer, for eksempel «pasient utskrevet kl. 22.10 uten epikrise»."
)


def krev_uten_personnummer(tekst: str) -> None:
    funn = finn_personnummer(tekst)
    if funn:
        raise Domenefeil(PERSONNUMMER_MELDING % {"funn": ", ".join(f"«{f}»" for f in funn)})


def _hendelse(
    avvik: Avvik, type_: str, utfort_av: User, tekst: str = "", **felter
) -> Avvikshendelse:
    return Avvikshendelse.objects.create(
        avvik=avvik, type=type_, utfort_av=utfort_av, tekst=tekst, **felter
    )


def utskrivningssjekk(
    a: Organisasjon, b: Organisasjon, hendelse: datetime.datetime
) -> tuple[bool | None, str]:
    """Was the discharge outside the hours of the routine in force for the municipality then?

    Weekends and Norwegian public holidays have their own window. None if no agreement in
    force for the municipality states the hours.
    """
    kommune = a if a.type == Organisasjon.Type.KOMMUNE else b
    if kommune.type != Organisasjon.Type.KOMMUNE:
        return None, ""
    lokal = timezone.localtime(hendelse)
    rutine = utskrivningsrutine(kommune, lokal.date())
    if rutine is None:
        return None, ""
    helg = er_helg_eller_helligdag(lokal.date())
    vindu = rutine.vindu(lokal.date())
    beskrivelse = _("%(dag)s %(fra)s–%(til)s etter %(tittel)s, versjon %(nr)s, punkt %(punkt)s") % {
        "dag": _("helg/helligdag") if helg else _("hverdag"),
        "fra": vindu[0].strftime("%H:%M"),
        "til": vindu[1].strftime("%H:%M"),
        "tittel": rutine.versjon.tittel,
        "nr": rutine.versjon.nummer,
        "punkt": rutine.tidspunkt.nummer,
    }
    return not rutine.tillatt_na(lokal), beskrivelse


@transaction.atomic
def avvik_registrer(
    *,
    melder: User,
    meldt_av_organisasjon: Organisasjon,
    ansvarlig: Organisasjon,
    kategori: Avvikskategori,
    hendelse: datetime.datetime,
    beskrivelse: str,
    stige: str,
    punkt: Punktversjon | None = None,
) -> Avvik:
    """Register an avvik for one's own organisation against the responsible one."""
    if meldt_av_organisasjon.pk not in access.egne_organisasjoner(melder):
        raise Domenefeil(_("Du kan bare melde avvik for din egen organisasjon."))
    if ansvarlig.helsefellesskap_id != meldt_av_organisasjon.helsefellesskap_id:
        raise Domenefeil(_("Den ansvarlige organisasjonen hører til et annet helsefellesskap."))
    if hendelse > timezone.now():
        raise Domenefeil(_("Tidspunktet for hendelsen kan ikke være fram i tid."))
    if not beskrivelse.strip():
        raise Domenefeil(_("Beskriv hva som skjedde."))
    krev_uten_personnummer(beskrivelse)
    versjon = None
    if punkt is not None:
        dato = timezone.localtime(hendelse).date()
        versjon = Avtaleversjon.objects.gjeldende(dato).filter(pk=punkt.versjon_id).first()
        if versjon is None:
            raise Domenefeil(_("Punktet er ikke fra en versjon som gjaldt da hendelsen skjedde."))
        if not versjon.parter.filter(pk=ansvarlig.pk).exists():
            raise Domenefeil(
                _("Den ansvarlige organisasjonen er ikke part i avtalen punktet hører til.")
            )
    utenfor, avtalt = (None, "")
    if kategori.gjelder_utskrivning:
        utenfor, avtalt = utskrivningssjekk(meldt_av_organisasjon, ansvarlig, hendelse)
    avvik = Avvik.objects.create(
        utenfor_avtalt_tid=utenfor,
        avtalt_tid=avtalt,
        helsefellesskap_id=meldt_av_organisasjon.helsefellesskap_id,
        kategori=kategori,
        stige=stige,
        meldt_av=melder,
        meldt_av_organisasjon=meldt_av_organisasjon,
        ansvarlig=ansvarlig,
        hendelse=hendelse,
        beskrivelse=beskrivelse.strip(),
        avtaleversjon=versjon,
        punkt=punkt,
        frist=timezone.now() + FRISTER[Avvik.Status.MELDT],
    )
    _hendelse(avvik, Avvikshendelse.Type.MELDT, melder, organisasjon=meldt_av_organisasjon)
    return avvik


def _laas(avvik: Avvik) -> Avvik:
    return Avvik.objects.select_for_update(of=("self",)).order_by().get(pk=avvik.pk)


@transaction.atomic
def avvik_motta(*, avvik: Avvik, utfort_av: User) -> Avvik:
    avvik = _laas(avvik)
    if not access.kan_behandle(utfort_av, avvik):
        raise Domenefeil(_("Bare den ansvarlige organisasjonens koordinatorer tar imot avvik."))
    if avvik.status != Avvik.Status.MELDT:
        raise Domenefeil(_("Avviket er allerede tatt imot."))
    avvik.status = Avvik.Status.MOTTATT
    avvik.frist = timezone.now() + FRISTER[Avvik.Status.MOTTATT]
    avvik.save(update_fields=["status", "frist"])
    _hendelse(avvik, Avvikshendelse.Type.MOTTATT, utfort_av, organisasjon=avvik.ansvarlig)
    return avvik


@transaction.atomic
def avvik_svar(*, avvik: Avvik, utfort_av: User, tekst: str) -> Avvik:
    avvik = _laas(avvik)
    if not access.kan_behandle(utfort_av, avvik):
        raise Domenefeil(_("Bare den ansvarlige organisasjonens koordinatorer svarer på avvik."))
    if avvik.status == Avvik.Status.LUKKET:
        raise Domenefeil(_("Avviket er lukket."))
    if not tekst.strip():
        raise Domenefeil(_("Skriv svaret."))
    krev_uten_personnummer(tekst)
    if avvik.status == Avvik.Status.MELDT:
        _hendelse(avvik, Avvikshendelse.Type.MOTTATT, utfort_av, organisasjon=avvik.ansvarlig)
    avvik.status = Avvik.Status.BESVART
    avvik.frist = None
    avvik.save(update_fields=["status", "frist"])
    _hendelse(
        avvik, Avvikshendelse.Type.SVAR, utfort_av, tekst.strip(), organisasjon=avvik.ansvarlig
    )
    return avvik


@transaction.atomic
def avvik_kommenter(*, avvik: Avvik, utfort_av: User, tekst: str) -> Avvikshendelse:
    if not access.kan_se(utfort_av, avvik):
        raise Domenefeil(_("Du har ikke tilgang til dette avviket."))
    if avvik.anonymisert:
        raise Domenefeil(
            _("Avviket er anonymisert etter oppbevaringstiden og kan ikke kommenteres.")
        )
    if not tekst.strip():
        raise Domenefeil(_("Skriv en kommentar."))
    krev_uten_personnummer(tekst)
    egne = access.egne_organisasjoner(utfort_av)
    org = avvik.meldt_av_organisasjon if avvik.meldt_av_organisasjon_id in egne else avvik.ansvarlig
    return _hendelse(
        avvik, Avvikshendelse.Type.KOMMENTAR, utfort_av, tekst.strip(), organisasjon=org
    )


@transaction.atomic
def avvik_lukk(*, avvik: Avvik, utfort_av: User, tiltak: str) -> Avvik:
    """Close with the measures taken (tiltak)."""
    avvik = _laas(avvik)
    if not access.kan_behandle(utfort_av, avvik):
        raise Domenefeil(_("Bare den ansvarlige organisasjonens koordinatorer lukker avvik."))
    if avvik.status == Avvik.Status.LUKKET:
        raise Domenefeil(_("Avviket er allerede lukket."))
    if not tiltak.strip():
        raise Domenefeil(_("Beskriv tiltakene før avviket lukkes."))
    krev_uten_personnummer(tiltak)
    avvik.status = Avvik.Status.LUKKET
    avvik.tiltak = tiltak.strip()
    avvik.frist = None
    avvik.save(update_fields=["status", "tiltak", "frist"])
    _hendelse(
        avvik, Avvikshendelse.Type.LUKKET, utfort_av, tiltak.strip(), organisasjon=avvik.ansvarlig
    )
    return avvik


def _utvalg_for(avvik: Avvik, mal: str) -> Utvalg | None:
    if mal == Eskaleringstrinn.Mal.SSU:
        return Utvalg.objects.filter(
            helsefellesskap=avvik.helsefellesskap_id, type=Utvalg.Type.SSU
        ).first()
    kommune = next(
        (
            o
            for o in (avvik.meldt_av_organisasjon, avvik.ansvarlig)
            if o.type == Organisasjon.Type.KOMMUNE
        ),
        None,
    )
    if kommune is None:
        return None
    return Utvalg.objects.filter(type=Utvalg.Type.LSU, lokalomrade__kommuner=kommune).first()


@transaction.atomic
def avvik_eskaler(*, avvik: Avvik, utfort_av: User, begrunnelse: str) -> Avvikshendelse:
    """Take the next step of the ladder; a step to LSU or SSU becomes a case in its next meeting."""
    avvik = _laas(avvik)
    if not access.kan_eskalere(utfort_av, avvik):
        raise Domenefeil(_("Bare partenes koordinatorer kan eskalere et avvik."))
    if avvik.status == Avvik.Status.LUKKET:
        raise Domenefeil(_("Avviket er lukket."))
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor saken tas videre."))
    krev_uten_personnummer(begrunnelse)
    stige = trinn_for(avvik.helsefellesskap, avvik.stige)
    neste_nummer = (avvik.trinn.nummer + 1) if avvik.trinn else 1
    neste = next((t for t in stige if t.nummer == neste_nummer), None)
    if neste is None:
        raise Domenefeil(_("Saken er allerede på siste trinn."))
    sak, utvalg = None, None
    if neste.mal in (Eskaleringstrinn.Mal.LSU, Eskaleringstrinn.Mal.SSU):
        utvalg = _utvalg_for(avvik, neste.mal)
        if utvalg is None:
            raise Domenefeil(
                _("Fant ikke utvalget saken skal til (%(mal)s).") % {"mal": neste.get_mal_display()}
            )
        sak = sak_opprett(
            utfort_av=None,
            utvalg=utvalg,
            tittel=_("Avvik %(nr)s: %(kategori)s")
            % {"nr": avvik.pk, "kategori": avvik.kategori.navn},
            beskrivelse=_("Eskalert fra avvik %(nr)s mellom %(a)s og %(b)s. %(begrunnelse)s")
            % {
                "nr": avvik.pk,
                "a": avvik.meldt_av_organisasjon.navn,
                "b": avvik.ansvarlig.navn,
                "begrunnelse": begrunnelse.strip(),
            },
        )
        neste_mote = (
            utvalg.moter.filter(start__gte=timezone.now(), status=Mote.Status.PLANLAGT)
            .order_by("start")
            .first()
        )
        if neste_mote is not None:
            sak_sett_pa_sakliste(utfort_av=None, mote=neste_mote, sak=sak)
    avvik.trinn = neste
    avvik.save(update_fields=["trinn"])
    egne = access.egne_organisasjoner(utfort_av)
    org = avvik.meldt_av_organisasjon if avvik.meldt_av_organisasjon_id in egne else avvik.ansvarlig
    return _hendelse(
        avvik,
        Avvikshendelse.Type.ESKALERT,
        utfort_av,
        begrunnelse.strip(),
        organisasjon=org,
        trinn=neste,
        sak=sak,
        utvalg=utvalg,
    )


def avvik_utfall(sender=None, *, vedtak, **kwargs) -> None:
    """A decision in a case an avvik was escalated to is the outcome of that step: it is
    written into the avvik's thread (the decision itself lives with the case)."""
    for hendelse in Avvikshendelse.objects.filter(
        sak=vedtak.sak_id, type=Avvikshendelse.Type.ESKALERT, avvik__anonymisert__isnull=True
    ).select_related("avvik"):
        standpunkter = ", ".join(f"{side}: {pos.lower()}" for side, pos in vedtak.posisjoner)
        Avvikshendelse.objects.create(
            avvik=hendelse.avvik,
            type=Avvikshendelse.Type.UTFALL,
            utfort_av=vedtak.registrert_av or hendelse.utfort_av,
            tekst=f"{vedtak.get_resultat_display()}: {vedtak.tekst}"
            + (f" ({standpunkter})" if standpunkter else ""),
            trinn=hendelse.trinn,
            sak=vedtak.sak,
            utvalg=hendelse.utvalg,
        )
