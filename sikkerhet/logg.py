"""Writing to the security log: one function, called by the receivers and the 2FA views."""

from axes.helpers import get_client_ip_address
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from sikkerhet.models import Sikkerhetshendelse

Type = Sikkerhetshendelse.Type


def gjeldende_foresporsel() -> HttpRequest | None:
    """The request being served, if any: django-simple-history's middleware keeps it, so a
    change made in the admin site or a view is logged with its author and address."""
    return getattr(HistoricalRecords.context, "request", None)


def registrer(
    type_: str,
    *,
    request: HttpRequest | None = None,
    bruker=None,
    utfort_av=None,
    organisasjon=None,
    brukernavn: str = "",
    beskrivelse: str = "",
) -> Sikkerhetshendelse:
    request = request or gjeldende_foresporsel()
    ip, nettleser, adresse = None, "", ""
    if request is not None:
        ip = get_client_ip_address(request)
        nettleser = request.META.get("HTTP_USER_AGENT", "")[:200]
        adresse = request.get_full_path()[:300]
        innlogget = getattr(request, "user", None)
        if utfort_av is None and innlogget is not None and innlogget.is_authenticated:
            utfort_av = innlogget if innlogget != bruker else None
    if bruker is not None and not getattr(bruker, "pk", None):
        bruker = None
    return Sikkerhetshendelse.objects.create(
        type=type_,
        bruker=bruker,
        utfort_av=utfort_av,
        organisasjon=organisasjon,
        brukernavn=brukernavn[:254],
        ip=ip,
        nettleser=nettleser,
        adresse=adresse,
        beskrivelse=beskrivelse[:500],
    )
