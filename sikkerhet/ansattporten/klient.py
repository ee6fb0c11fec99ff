"""The OpenID Connect client: the provider's discovery document and keys, the authorization
request (code flow with PKCE, state and nonce), the token request and the end-session
address. Every call to the provider has a timeout; what it publishes is cached for an hour."""

from urllib.parse import urlencode

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from django.core.cache import cache

from sikkerhet.ansattporten import Oppsett
from sikkerhet.ansattporten.tokens import UkjentNokkel, valider_id_token

TIDSAVBRUDD = 10
BUFRES_SEKUNDER = 60 * 60


class Leverandorfeil(Exception):
    """Ansattporten could not be reached, or answered with an error."""


def _hent_json(adresse: str) -> dict:
    try:
        svar = requests.get(adresse, timeout=TIDSAVBRUDD)
        svar.raise_for_status()
        data = svar.json()
    except (requests.RequestException, ValueError) as feil:
        raise Leverandorfeil(f"{adresse}: {feil}") from None
    if not isinstance(data, dict):
        raise Leverandorfeil(f"{adresse}: ikke et JSON-objekt")
    return data


def oppdagelse(oppsett: Oppsett) -> dict:
    """The provider's discovery document; its issuer must be exactly the configured one."""
    nokkel = f"ansattporten:oppdagelse:{oppsett.issuer}"
    if (dokument := cache.get(nokkel)) is None:
        dokument = _hent_json(oppsett.issuer.rstrip("/") + "/.well-known/openid-configuration")
        if dokument.get("issuer") != oppsett.issuer:
            raise Leverandorfeil(f"discovery-dokumentet har issuer {dokument.get('issuer')!r}")
        for felt in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(dokument.get(felt), str):
                raise Leverandorfeil(f"discovery-dokumentet mangler {felt}")
        cache.set(nokkel, dokument, BUFRES_SEKUNDER)
    return dokument


def nokler(oppsett: Oppsett, *, forny: bool = False) -> dict:
    """The provider's public signing keys (JWKS) from the discovery document's jwks_uri."""
    nokkel = f"ansattporten:nokler:{oppsett.issuer}"
    if forny or (jwks := cache.get(nokkel)) is None:
        jwks = _hent_json(oppdagelse(oppsett)["jwks_uri"])
        cache.set(nokkel, jwks, BUFRES_SEKUNDER)
    return jwks


def autorisasjonsadresse(
    oppsett: Oppsett,
    *,
    redirect_uri: str,
    state: str,
    nonce: str,
    code_verifier: str,
    acr: str,
    ny_innlogging: bool = False,
) -> str:
    """Where the browser goes to log in. ``ny_innlogging`` asks the person to authenticate again
    (step-up to a higher level), even with a session at the provider."""
    parametere = {
        "response_type": "code",
        "client_id": oppsett.client_id,
        "redirect_uri": redirect_uri,
        "scope": oppsett.scopes,
        "state": state,
        "nonce": nonce,
        "acr_values": acr,
        "code_challenge": create_s256_code_challenge(code_verifier),
        "code_challenge_method": "S256",
        "ui_locales": "nb",
    }
    if ny_innlogging:
        parametere["prompt"] = "login"
    if oppsett.authorization_details:
        parametere["authorization_details"] = oppsett.authorization_details
    return f"{oppdagelse(oppsett)['authorization_endpoint']}?{urlencode(parametere)}"


def _okt(oppsett: Oppsett, redirect_uri: str) -> OAuth2Session:
    if oppsett.private_key_file:
        with open(oppsett.private_key_file, "rb") as fil:
            privat = fil.read()
        okt = OAuth2Session(
            oppsett.client_id,
            privat,
            redirect_uri=redirect_uri,
            token_endpoint_auth_method="private_key_jwt",  # noqa: S106
        )
        # Ansattporten wants its issuer as the audience of the client's assertion.
        okt.register_client_auth_method(
            PrivateKeyJWT(
                oppsett.issuer,
                alg="RS256",
                headers={"kid": oppsett.key_id} if oppsett.key_id else None,
            )
        )
        return okt
    return OAuth2Session(
        oppsett.client_id,
        oppsett.client_secret,
        redirect_uri=redirect_uri,
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106
    )


def hent_id_token(
    oppsett: Oppsett, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
) -> tuple[str, dict]:
    """Exchange the code for tokens; the ID token and its validated claims."""
    okt = _okt(oppsett, redirect_uri)
    try:
        svar = okt.fetch_token(
            oppdagelse(oppsett)["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=code_verifier,
            timeout=TIDSAVBRUDD,
        )
    except Exception as feil:  # Authlib's own errors as well as requests'
        raise Leverandorfeil(f"tokenforespørselen feilet: {feil}") from None
    finally:
        okt.close()
    id_token = svar.get("id_token")
    if not isinstance(id_token, str):
        raise Leverandorfeil("svaret hadde ikke noe ID-token")
    return id_token, valider(oppsett, id_token, nonce=nonce)


def valider(oppsett: Oppsett, id_token: str, *, nonce: str) -> dict:
    """The token's claims; on an unknown key the keys are fetched again once (rotation)."""
    argumenter = {"utsteder": oppsett.issuer, "klient_id": oppsett.client_id, "nonce": nonce}
    try:
        return valider_id_token(id_token, nokler=nokler(oppsett), **argumenter)
    except UkjentNokkel:
        return valider_id_token(id_token, nokler=nokler(oppsett, forny=True), **argumenter)


def utloggingsadresse(
    oppsett: Oppsett, *, id_token: str, post_logout_redirect_uri: str, state: str
) -> str | None:
    """Where the browser goes to end the session at the provider, if it publishes where."""
    try:
        endepunkt = oppdagelse(oppsett).get("end_session_endpoint")
    except Leverandorfeil:
        return None
    if not isinstance(endepunkt, str):
        return None
    parametere = {
        "id_token_hint": id_token,
        "client_id": oppsett.client_id,
        "post_logout_redirect_uri": post_logout_redirect_uri,
        "state": state,
    }
    return f"{endepunkt}?{urlencode(parametere)}"
