"""The discharge routine: which agreement it is, and the hours its version states."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avtaler.models import Avtale, Avtaleversjon, Dagregel, Punktversjon, Utskrivningstider
from avtaler.services.versjoner import _laas_utkast
from helsefellesskap.models import User
from kjerne.feil import Domenefeil

# The fields a coordinator enters; everything else is bookkeeping.
FELTER = [
    "hverdag_fra",
    "hverdag_til",
    "fredag",
    "fredag_fra",
    "fredag_til",
    "helg_fra",
    "helg_til",
    "dag_for_helligdag",
    "dag_for_helligdag_fra",
    "dag_for_helligdag_til",
    "julaften",
    "julaften_fra",
    "julaften_til",
    "nyttarsaften",
    "nyttarsaften_fra",
    "nyttarsaften_til",
    "varsel_senest",
]


@transaction.atomic
def utskrivningsrutine_utpek(*, avtale: Avtale, utfort_av: User | None) -> Avtale:
    """Mark the agreement as its helsefellesskap's discharge routine; the one marked before
    is no longer it. The lookup and the avvik hour check use only this one."""
    # No ordering: Avtale's default joins the topic, which PostgreSQL will not lock.
    forrige = (
        Avtale.objects.select_for_update()
        .filter(helsefellesskap=avtale.helsefellesskap_id, er_utskrivningsrutine=True)
        .order_by()
    )
    for gammel in forrige.exclude(pk=avtale.pk):
        gammel.er_utskrivningsrutine = False
        gammel._change_reason = _("Ikke lenger utskrivningsrutinen")
        gammel.save(update_fields=["er_utskrivningsrutine"])
    avtale.er_utskrivningsrutine = True
    avtale._change_reason = _("Utpekt som utskrivningsrutinen")
    avtale.save(update_fields=["er_utskrivningsrutine"])
    return avtale


@transaction.atomic
def utskrivningstider_lagre(
    *,
    versjon: Avtaleversjon,
    utfort_av: User | None,
    punkt: Punktversjon | None = None,
    **verdier,
) -> Utskrivningstider:
    """Save the hours of a draft (the coordinator has confirmed them); a signed version's
    hours cannot change. Hours of a day kind not set to «egne tider» are cleared."""
    versjon = _laas_utkast(versjon.pk)
    if not versjon.avtale.er_utskrivningsrutine:
        raise Domenefeil(
            _("Avtalen er ikke utpekt som utskrivningsrutinen; tidene ville ikke bli brukt.")
        )
    if punkt is not None and punkt.versjon_id != versjon.pk:
        raise Domenefeil(_("Punktet hører til en annen versjon."))
    ukjente = set(verdier) - set(FELTER)
    if ukjente:
        raise Domenefeil(_("Ukjente felt: %(f)s") % {"f": ", ".join(sorted(ukjente))})
    for felt in Utskrivningstider.SPESIELLE:
        if verdier.get(felt, Dagregel.SOM_HVERDAG) != Dagregel.EGNE:
            verdier[f"{felt}_fra"] = verdier[f"{felt}_til"] = None
    tider = Utskrivningstider.objects.filter(versjon=versjon).first() or Utskrivningstider(
        versjon=versjon
    )
    for felt in FELTER:
        setattr(tider, felt, verdier.get(felt, tider._meta.get_field(felt).get_default()))
    tider.punkt_id = punkt.punkt_id if punkt else None
    tider.bekreftet_av = utfort_av
    tider.bekreftet = timezone.now()
    try:
        tider.full_clean(exclude=["versjon"])
    except ValidationError as feil:
        raise Domenefeil(" ".join(feil.messages)) from None
    tider.save()
    return tider


def utskrivningstider_kopier(fra: Avtaleversjon, til: Avtaleversjon) -> None:
    """A revision starts with the hours of the version it is based on."""
    gamle = Utskrivningstider.objects.filter(versjon=fra).first()
    if gamle is None:
        return
    Utskrivningstider.objects.create(
        versjon=til,
        punkt_id=gamle.punkt_id,
        bekreftet_av=gamle.bekreftet_av,
        bekreftet=gamle.bekreftet,
        **{felt: getattr(gamle, felt) for felt in FELTER},
    )


def tider_mot_teksten(versjon: Avtaleversjon, tider: Utskrivningstider | None = None) -> str:
    """A warning when the saved hours differ from what the parser reads in any clause that
    states discharge hours, as the clauses read now; "" when they agree or there is nothing to
    compare. Compared are the clause the hours come from and every clause with a sentence that
    states hours for discharge («utskrivning», «skrives ut»; not contact hours): hours
    confirmed from one clause must not contradict another. Only what the parser reads is
    compared: a field it reads nothing for may be entered by hand.
    """
    from avtaler.utskrivningstider import foreslaa

    tider = tider or Utskrivningstider.objects.filter(versjon=versjon).first()
    if tider is None:
        return ""
    advarsler = []
    for punkt in versjon.punkter.order_by("rekkefolge"):
        egen = tider.punkt_id is not None and punkt.punkt_id == tider.punkt_id
        if not (egen or _sier_utskrivningstider(punkt.tekst or "")):
            continue
        forslag = foreslaa(punkt.tekst)
        # A start of 00:00 is the parser's placeholder where the clause gives only a latest time
        # («innen kl. 16»): the coordinator enters the real start, and it is not held to 00:00.
        ulike = [
            felt
            for felt, verdi in forslag.verdier.items()
            if getattr(tider, felt) != verdi
            and not (felt.endswith("_fra") and verdi == datetime.time(0, 0))
        ]
        if ulike:
            advarsler.append(_tider_mot_punktet(tider, punkt, forslag, ulike))
    return " ".join(advarsler)


# Hours of someone to contact are not discharge hours: «Spørsmål om utskrivning rettes til
# tildelingskontoret på hverdager mellom 08:00 og 15:30» (the demo routine's clause 5).
_KONTAKTTID = re.compile(
    r"\b(?:spørsmål|henvendels\w*|rettes\s+til|ring\w*|kontakt\w*|åpen|åpent|open|"
    r"åpningstid\w*|opningstid\w*|tilgjengeleg|tilgjengelig|telefon\w*|kontor\w*)",
    re.IGNORECASE,
)


def _sier_utskrivningstider(tekst: str) -> bool:
    """Whether a sentence of the clause states hours for discharge: it speaks of discharge,
    the parser reads hours in it, and it is not about when someone can be reached."""
    from avtaler.utskrivningstider import _SEGMENT, _UTSKRIVNING, foreslaa

    return any(
        _UTSKRIVNING.search(setning) and not _KONTAKTTID.search(setning) and foreslaa(setning)
        for setning in _SEGMENT.split(re.sub(r"\s+", " ", tekst))
    )


def _tider_mot_punktet(tider, punkt, forslag, ulike) -> str:
    def vis(felt: str, verdi) -> str:
        if verdi is None or verdi == "":
            return str(_("tomt"))
        if isinstance(verdi, datetime.time):
            return f"{verdi:%H:%M}"
        return str(dict(Utskrivningstider._meta.get_field(felt).choices).get(verdi, verdi)).lower()

    # Name what differs: «stemmer ikke» alone leaves the coordinator comparing seven rows.
    forskjeller = "; ".join(
        _("%(felt)s: %(tider)s i tidene, %(tekst)s i teksten")
        % {
            "felt": str(Utskrivningstider._meta.get_field(felt).verbose_name).capitalize(),
            "tider": vis(felt, getattr(tider, felt)),
            "tekst": vis(felt, forslag.verdier[felt]),
        }
        for felt in ulike
    )
    return _(
        "Tidene i skjemaet stemmer ikke med teksten i punkt %(nr)s «%(o)s» (%(forskjeller)s). "
        "Rett tidene eller teksten før utkastet sendes til godkjenning."
    ) % {"nr": punkt.nummer or punkt.overskrift, "o": punkt.overskrift, "forskjeller": forskjeller}
