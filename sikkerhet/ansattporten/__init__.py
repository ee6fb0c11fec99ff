"""Login with Ansattporten, Digdir's OpenID Connect login for public employees: the person is
authenticated at an ID-porten level (acr) and states which organisation they act for.

Off unless ``ANSATTPORTEN_ISSUER`` is set (config/settings.py); then the login page offers it
beside the password, and an Ansattporten login at level substantial or high stands in for the
TOTP code the leading roles otherwise need (sikkerhet.middleware)."""

import base64
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

# ID-porten's levels of assurance and their rank. ID-porten names them idporten-loa-*;
# Ansattporten's documentation also names them plainly (acr_values=substantial). Any other value
# (entraid, an unknown one) ranks 0 and never stands in for a second factor.
NIVAER = {
    "idporten-loa-low": 1,
    "low": 1,
    "idporten-loa-substantial": 2,
    "substantial": 2,
    "idporten-loa-high": 3,
    "high": 3,
}
# The level that stands in for a second factor.
STERKT_NIVA = "idporten-loa-substantial"
# What the session remembers about an Ansattporten login (acr, the ID token for logging out
# at the provider, encrypted with skjul(), the organisation).
OKT = "ansattporten"


def _fernet() -> Fernet:
    # A key of its own, derived from SECRET_KEY: sessions live in the database, and the ID token
    # holds the national identity number (pid), which must not be readable there.
    nokkel = salted_hmac("sikkerhet.ansattporten.id_token", "fernet", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(nokkel))


def skjul(id_token: str) -> str:
    """The ID token encrypted (and authenticated) for keeping in the session."""
    return _fernet().encrypt(id_token.encode()).decode()


def vis(kryptert: str) -> str | None:
    """The ID token back from skjul(), or None if it cannot be read (another SECRET_KEY)."""
    try:
        return _fernet().decrypt(kryptert.encode()).decode()
    except (InvalidToken, ValueError, TypeError, AttributeError):
        return None


@dataclass(frozen=True)
class Oppsett:
    issuer: str
    client_id: str
    client_secret: str
    private_key_file: str
    key_id: str
    scopes: str
    acr: str
    authorization_details: str


def oppsett() -> Oppsett | None:
    """The configuration, or None when Ansattporten is off."""
    verdier = getattr(settings, "ANSATTPORTEN", None)
    if not verdier:
        return None
    return Oppsett(**{navn.lower(): verdi for navn, verdi in verdier.items()})


def konfigurert() -> bool:
    return oppsett() is not None


def niva(acr: str | None) -> int:
    """The level's rank (0 for none or unknown), so levels compare as numbers."""
    return NIVAER.get(acr, 0) if isinstance(acr, str) else 0


def steg_opp(oppsett: Oppsett) -> str:
    """The level to ask for where the code would be needed: the configured one if it is at
    least substantial, else substantial, named as the configuration names levels."""
    if niva(oppsett.acr) >= niva(STERKT_NIVA):
        return oppsett.acr
    return STERKT_NIVA if oppsett.acr.startswith("idporten-loa-") else "substantial"


def opprinnelse() -> str | None:
    """The provider's origin (scheme and host), which forms may be sent on to: logging out goes
    there after the POST to /logg-ut/, and the content security policy must allow it."""
    valgt = oppsett()
    if valgt is None:
        return None
    deler = urlsplit(valgt.issuer)
    return f"{deler.scheme}://{deler.netloc}"


def okt_acr(request: HttpRequest) -> str | None:
    """The level the session logged in at through Ansattporten, if it did."""
    data = request.session.get(OKT) if hasattr(request, "session") else None
    return data.get("acr") if isinstance(data, dict) else None


def sterk_innlogging(request: HttpRequest) -> bool:
    """Logged in through Ansattporten at level substantial or high: as good as a TOTP code."""
    return konfigurert() and niva(okt_acr(request)) >= niva(STERKT_NIVA)
