"""Recording the timestamps of a payment course on an avvik: by the parties only, screened for
patient identifiers, each change a step in the avvik's thread and a row in the history."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avvik import access
from avvik.models import Avvik, Avvikshendelse, Betalingsforlop
from avvik.services.registrering import hendelse_ny
from helsefellesskap.models import User
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

FELTER = (
    "innlagt",
    "innleggelsesvarsel",
    "meldt_utskrivningsklar",
    "kommunens_svar",
    "svart",
    "kommunen_klar",
    "utskrevet",
    "merknad",
)
DAGER = ("svart", "utskrevet")


def _krev_rekkefolge(verdier: dict) -> None:
    """The process runs in one order; the form says it at each field, this keeps it for every
    other caller (demo data, imports)."""
    innlagt, meldt = verdier["innlagt"], verdier["meldt_utskrivningsklar"]
    if innlagt is None:
        raise Domenefeil(_("Oppgi når pasienten ble innlagt."))
    for navn in ("innleggelsesvarsel", "meldt_utskrivningsklar"):
        if verdier[navn] is not None and verdier[navn] < innlagt:
            raise Domenefeil(_("Ingen tidspunkter i forløpet kan ligge før innleggelsen."))
    if verdier["utskrevet"] is not None and verdier["utskrevet"] < timezone.localdate(innlagt):
        raise Domenefeil(_("Ingen tidspunkter i forløpet kan ligge før innleggelsen."))
    if verdier["kommunens_svar"] != Betalingsforlop.Svar.IKKE_SVART and meldt is None:
        raise Domenefeil(_("Kommunen kan ikke ha svart før den fikk melding om utskrivningsklar."))
    if (
        verdier["svart"] is not None
        and verdier["kommunens_svar"] == Betalingsforlop.Svar.IKKE_SVART
    ):
        raise Domenefeil(_("Et svartidspunkt hører til et svar."))
    svart = verdier["svart"]
    if isinstance(svart, datetime.datetime):
        svart = timezone.localdate(svart)
    if svart is not None and meldt is not None and svart < timezone.localtime(meldt).date():
        # A «yes» dated before the ready notice would make every day unpaid.
        raise Domenefeil(_("Kommunen kan ikke ha svart før den fikk melding om utskrivningsklar."))
    klar = verdier["kommunen_klar"]
    if klar is not None and (meldt is None or klar < timezone.localtime(meldt).date()):
        raise Domenefeil(_("Dagen kommunen kunne ta imot kan ikke ligge før meldingen."))


@transaction.atomic
def betalingsforlop_lagre(*, avvik: Avvik, utfort_av: User, **data) -> Betalingsforlop:
    """Create or correct the course; the earlier values stay in the history."""
    if not access.kan_registrere_betaling(utfort_av, avvik):
        raise Domenefeil(_("Bare partene i avviket kan registrere tidspunktene for betaling."))
    if not avvik.kategori.gjelder_betaling:
        raise Domenefeil(_("Avvikets kategori gjelder ikke betaling for utskrivningsklar pasient."))
    krev_uten_personnummer(Merknad=data.get("merknad", ""))
    verdier = {navn: data.get(navn) for navn in FELTER}
    for navn in DAGER:
        # The answer and the discharge are kept as days (docs/personvern.md «Betalingsforløp»):
        # a time of day given by a caller is dropped here, before anything stores it.
        if isinstance(verdier[navn], datetime.datetime):
            verdier[navn] = timezone.localdate(verdier[navn])
    _krev_rekkefolge(verdier)
    verdier["merknad"] = (verdier["merknad"] or "").strip()
    forlop = Betalingsforlop.objects.select_for_update().filter(avvik=avvik).first()
    ny = forlop is None
    if ny:
        forlop = Betalingsforlop(avvik=avvik)
    for navn, verdi in verdier.items():
        setattr(forlop, navn, verdi)
    forlop.endret = timezone.now()
    forlop.endret_av = utfort_av
    forlop._change_reason = "registrert" if ny else "endret"
    forlop.save()
    hendelse_ny(
        avvik,
        Avvikshendelse.Type.BETALING,
        utfort_av,
        _("Tidspunktene i forløpet er registrert.")
        if ny
        else _("Tidspunktene i forløpet er endret."),
        organisasjon=access.part_for(utfort_av, avvik),
    )
    return forlop
