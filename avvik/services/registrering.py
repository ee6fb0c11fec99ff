"""Registering an avvik: for one's own organisation, against the responsible one, screened for
patient identifiers, with the first deadline from the ladder."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avtaler.models import Avtaleversjon, Punktversjon
from avtaler.utskrivning import utskrivningsrutine
from avvik import access, varsling
from avvik.models import Avvik, Avvikshendelse, Avvikskategori
from avvik.services.frister import frist
from avvik.stiger import trinn_for
from helsefellesskap.models import Organisasjon, User
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer


def hendelse_ny(
    avvik: Avvik, type_: str, utfort_av: User | None, tekst: str = "", **felter
) -> Avvikshendelse:
    """A step in the avvik's thread: every action's text is kept here."""
    return Avvikshendelse.objects.create(
        avvik=avvik, type=type_, utfort_av=utfort_av, tekst=tekst.strip(), **felter
    )


def utskrivningssjekk(
    a: Organisasjon, b: Organisasjon, hendelse: datetime.datetime
) -> tuple[bool | None, str]:
    """Was the discharge outside the hours of the discharge routine in force for the
    municipality on the day of the event?

    Only the agreement marked as the discharge routine counts, and only its hours as entered
    (Utskrivningstider): Friday, the day before a public holiday, 24 and 31 December by their
    rules. None if the municipality has no routine in force then, or it has no hours.
    """
    kommune = a if a.type == Organisasjon.Type.KOMMUNE else b
    if kommune.type != Organisasjon.Type.KOMMUNE:
        return None, ""
    lokal = timezone.localtime(hendelse)
    # The routine with the avvik's health trust: a municipality may have one with each trust.
    andre = b if kommune is a else a
    helseforetak = andre if andre.type == Organisasjon.Type.HELSEFORETAK else None
    rutine = utskrivningsrutine(kommune, lokal.date(), helseforetak)
    if rutine is None or rutine.tider is None:
        return None, ""
    dag = rutine.dagvindu(lokal.date())
    beskrivelse = _("%(dag)s %(tid)s etter %(tittel)s, versjon %(nr)s") % {
        "dag": dag.dagtype.lower(),
        "tid": dag.tekst,
        "tittel": rutine.versjon.tittel,
        "nr": rutine.versjon.nummer,
    }
    if rutine.tidspunkt is not None:
        beskrivelse += _(", punkt %(punkt)s") % {"punkt": rutine.tidspunkt.nummer}
    return not dag.tillatt(lokal.time()), beskrivelse


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
    brudd_slutt: datetime.datetime | None = None,
    melders_referanse: str = "",
) -> Avvik:
    """Register an avvik for one's own organisation against the responsible one. It starts on
    the ladder's first step, with that step's answer deadline."""
    if meldt_av_organisasjon.pk not in access.egne_organisasjoner(melder):
        raise Domenefeil(_("Du kan bare melde avvik for din egen organisasjon."))
    if ansvarlig.helsefellesskap_id != meldt_av_organisasjon.helsefellesskap_id:
        raise Domenefeil(_("Den ansvarlige organisasjonen hører til et annet helsefellesskap."))
    if not kategori.passer_for(ansvarlig):
        raise Domenefeil(
            _("Kategorien «%(kategori)s» gjelder %(hvem)s, men %(org)s er ansvarlig.")
            % {
                "kategori": kategori.navn,
                "hvem": kategori.get_svikt_hos_display().lower(),
                "org": ansvarlig.navn,
            }
        )
    if hendelse > timezone.now():
        raise Domenefeil(_("Tidspunktet for hendelsen kan ikke være fram i tid."))
    if brudd_slutt is not None and not hendelse < brudd_slutt <= timezone.now():
        raise Domenefeil(_("Bruddet må ha opphørt etter at det skjedde, og ikke fram i tid."))
    if not beskrivelse.strip():
        raise Domenefeil(_("Beskriv hva som skjedde."))
    krev_uten_personnummer(
        **{_("Hva skjedde?"): beskrivelse, _("Nummer i eget kvalitetssystem"): melders_referanse}
    )
    versjon = None
    if punkt is not None:
        dato = timezone.localtime(hendelse).date()
        # The municipality's own agreement decides which version bound the two of them.
        kommune = next((o for o in (meldt_av_organisasjon, ansvarlig) if o.er_kommune), ansvarlig)
        versjon = Avtaleversjon.objects.gjeldende(dato, kommune).filter(pk=punkt.versjon_id).first()
        if versjon is None:
            raise Domenefeil(_("Punktet er ikke fra en versjon som gjaldt da hendelsen skjedde."))
        if not versjon.parter.filter(pk=ansvarlig.pk).exists():
            raise Domenefeil(
                _("Den ansvarlige organisasjonen er ikke part i avtalen punktet hører til.")
            )
    utenfor, avtalt = (None, "")
    if kategori.gjelder_utskrivningstid:
        utenfor, avtalt = utskrivningssjekk(meldt_av_organisasjon, ansvarlig, hendelse)
    forste = trinn_for(meldt_av_organisasjon.helsefellesskap, stige)[0]
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
        brudd_slutt=brudd_slutt,
        beskrivelse=beskrivelse.strip(),
        melders_referanse=melders_referanse.strip(),
        avtaleversjon=versjon,
        punkt=punkt,
        trinn=forste,
        frist=frist(forste.svarfrist, forste.fristenhet),
    )
    hendelse_ny(
        avvik,
        Avvikshendelse.Type.MELDT,
        melder,
        _("Nummer i eget kvalitetssystem: %(nr)s") % {"nr": avvik.melders_referanse}
        if avvik.melders_referanse
        else "",
        organisasjon=meldt_av_organisasjon,
        trinn=forste,
    )
    varsling.avvik_meldt(avvik, utfort_av=melder)
    return avvik
