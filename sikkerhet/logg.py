"""Writing to the security log: one function, called by the receivers and the 2FA views.

What a visitor typed is screened before it is stored (issue 15): a path segment or query
parameter that holds a patient identifier (kjerne.personvern) is stored as «[skjult]», and a
user name typed at a failed login that names no user is stored as a keyed hash of its
normalised form («ukjent:3f9a…@domene.no»), never as typed: people type their fødselsnummer or
their password into the user name field. The same name gives the same mark, so repeated
guesses are seen together, and skjermet_brukernavn(text) finds them in a search.
"""

import hashlib
import hmac
from urllib.parse import unquote, unquote_plus

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from kjerne.identitet import normaliser_epost
from kjerne.personvern import har_personnummer
from sikkerhet.models import Sikkerhetshendelse

Type = Sikkerhetshendelse.Type
SKJULT = "[skjult]"


def skjermet_adresse(request: HttpRequest) -> str:
    """The path and query string, each part that holds a patient identifier replaced."""
    sti = "/".join(SKJULT if har_personnummer(unquote(d)) else d for d in request.path.split("/"))
    if har_personnummer(unquote(sti)):  # split over segments: «/100224/58200/»
        sti = "/" + SKJULT
    sporring = request.META.get("QUERY_STRING", "")
    if sporring:
        deler = []
        for del_ in sporring.split("&"):
            navn, lik, verdi = del_.partition("=")
            if har_personnummer(unquote_plus(navn)):
                navn = SKJULT
            if har_personnummer(unquote_plus(verdi)):
                verdi = SKJULT
            deler.append(navn + lik + verdi)
        sporring = "&".join(deler)
        if har_personnummer(unquote_plus(sporring)):  # split over parameters
            sporring = SKJULT
        sti += "?" + sporring
    return sti[:300]


def skjermet_brukernavn(navn: str, bruker=None) -> str:
    """A typed user name as the log keeps it: the user's address when it names a user, else a
    mark that cannot be turned back into what was typed (HMAC with the secret key)."""
    if bruker is not None and getattr(bruker, "pk", None):
        return bruker.email
    navn = normaliser_epost(navn)
    if not navn:
        return ""
    merke = hmac.new(settings.SECRET_KEY.encode(), navn.encode(), hashlib.sha256).hexdigest()
    domene = navn.rpartition("@")[2] if "@" in navn else ""
    if har_personnummer(domene) or len(domene) > 100:
        domene = ""
    return f"ukjent:{merke[:16]}" + (f"@{domene}" if domene else "")


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
        adresse = skjermet_adresse(request)
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
        # The last line: no identifier in the free texts, whoever called.
        brukernavn=SKJULT if har_personnummer(brukernavn) else brukernavn[:254],
        ip=ip,
        nettleser=SKJULT if har_personnummer(nettleser) else nettleser,
        adresse=adresse,
        beskrivelse=SKJULT if har_personnummer(beskrivelse) else beskrivelse[:500],
    )
