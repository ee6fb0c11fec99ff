"""Validation of the ID token Ansattporten returns: signature with the provider's published keys,
then issuer, audience, nonce and times (OpenID Connect Core 1.0, 3.1.3.7). Everything not
proven is refused."""

import time

from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

# Asymmetric signatures only: «none» and the HMAC family (which a client secret could forge)
# are never accepted for an ID token.
ALGORITMER = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
SLINGRING_SEKUNDER = 60


class UgyldigToken(Exception):
    """The token is not one this client may trust; the reason is for the log, not the user."""


class UkjentNokkel(UgyldigToken):
    """Signed with a key not (yet) in the key set: the provider may have rotated its keys."""


def valider_id_token(
    token: str,
    *,
    nokler: dict,
    utsteder: str,
    klient_id: str,
    nonce: str,
    na: int | None = None,
) -> dict:
    """The token's claims, if it is signed by one of the keys and meant for this login."""
    try:
        nokkelsett = KeySet.import_key_set(nokler)
    except (JoseError, ValueError, TypeError, KeyError) as feil:
        raise UgyldigToken(f"nøklene kan ikke leses: {feil}") from None
    try:
        dekodet = jwt.decode(token, nokkelsett, algorithms=ALGORITMER)
    except InvalidKeyIdError:
        raise UkjentNokkel("tokenet er signert med en nøkkel som ikke er publisert") from None
    except JoseError as feil:
        raise UgyldigToken(f"signaturen kan ikke godtas: {feil.error}") from None
    except ValueError as feil:
        raise UgyldigToken(f"tokenet kan ikke leses: {feil}") from None
    krav = dekodet.claims
    na = int(time.time()) if na is None else na
    if krav.get("iss") != utsteder:
        raise UgyldigToken(f"feil utsteder: {krav.get('iss')!r}")
    mottakere = krav.get("aud")
    mottakere = [mottakere] if isinstance(mottakere, str) else mottakere
    if not isinstance(mottakere, list) or klient_id not in mottakere:
        raise UgyldigToken(f"feil mottaker: {krav.get('aud')!r}")
    if len(mottakere) > 1 and krav.get("azp") != klient_id:
        raise UgyldigToken("flere mottakere uten denne klienten som azp")
    if "azp" in krav and krav["azp"] != klient_id:
        raise UgyldigToken(f"azp er en annen klient: {krav['azp']!r}")
    if not nonce or krav.get("nonce") != nonce:
        raise UgyldigToken("feil nonce")
    utloper, utstedt = krav.get("exp"), krav.get("iat")
    if not isinstance(utloper, int | float) or utloper + SLINGRING_SEKUNDER < na:
        raise UgyldigToken("tokenet er utløpt")
    if not isinstance(utstedt, int | float) or utstedt - SLINGRING_SEKUNDER > na:
        raise UgyldigToken("tokenet er utstedt i fremtiden")
    ikke_for = krav.get("nbf")
    if "nbf" in krav and (
        not isinstance(ikke_for, int | float) or ikke_for - SLINGRING_SEKUNDER > na
    ):
        raise UgyldigToken("tokenet gjelder ikke ennå (nbf)")
    if not isinstance(krav.get("sub"), str) or not krav["sub"]:
        raise UgyldigToken("mangler sub")
    return dict(krav)
