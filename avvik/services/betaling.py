"""Recording the timestamps of a payment course on an avvik: by the parties only, screened for
patient identifiers, each change a step in the avvik's thread and a row in the history."""

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


@transaction.atomic
def betalingsforlop_lagre(*, avvik: Avvik, utfort_av: User, **data) -> Betalingsforlop:
    """Create or correct the course; the earlier values stay in the history."""
    if not access.kan_registrere_betaling(utfort_av, avvik):
        raise Domenefeil(_("Bare partene i avviket kan registrere tidspunktene for betaling."))
    if not avvik.kategori.gjelder_betaling:
        raise Domenefeil(_("Avvikets kategori gjelder ikke betaling for utskrivningsklar pasient."))
    krev_uten_personnummer(Merknad=data.get("merknad", ""))
    verdier = {navn: data.get(navn) for navn in FELTER}
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
