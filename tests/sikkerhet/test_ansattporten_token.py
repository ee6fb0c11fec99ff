"""The ID token is trusted only when it is signed by the provider's published key and was issued
by the configured issuer, for this client, for this login (nonce), and is still valid."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from sikkerhet.ansattporten.tokens import UgyldigToken, UkjentNokkel, valider_id_token

UTSTEDER = "https://test.ansattporten.no"
KLIENT = "samhandling-klient"
NONCE = "nonce-fra-denne-innloggingen"


@pytest.fixture(scope="module")
def nokkel():
    return RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})


@pytest.fixture(scope="module")
def jwks(nokkel):
    return KeySet([nokkel]).as_dict(private=False)


def _krav(**endret):
    na = int(time.time())
    krav = {
        "iss": UTSTEDER,
        "aud": KLIENT,
        "sub": "pseudonym-123",
        "nonce": NONCE,
        "iat": na,
        "exp": na + 120,
        "acr": "idporten-loa-substantial",
    }
    krav.update(endret)
    return {k: v for k, v in krav.items() if v is not None}


def _signert(nokkel, krav, alg="RS256", kid="k1"):
    return jwt.encode({"alg": alg, "kid": kid, "typ": "JWT"}, krav, nokkel, algorithms=[alg])


def _valider(token, jwks, nonce=NONCE):
    return valider_id_token(token, nokler=jwks, utsteder=UTSTEDER, klient_id=KLIENT, nonce=nonce)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_token_signed_by_the_provider_for_this_login_is_accepted(nokkel, jwks):
    krav = _valider(_signert(nokkel, _krav()), jwks)
    assert krav["sub"] == "pseudonym-123"
    assert krav["acr"] == "idporten-loa-substantial"


def test_wrong_issuer_is_refused(nokkel, jwks):
    with pytest.raises(UgyldigToken, match="utsteder"):
        _valider(_signert(nokkel, _krav(iss="https://ansattporten.example.org")), jwks)


def test_wrong_audience_is_refused(nokkel, jwks):
    with pytest.raises(UgyldigToken, match="mottaker"):
        _valider(_signert(nokkel, _krav(aud="en-annen-klient")), jwks)


def test_missing_audience_is_refused(nokkel, jwks):
    krav = _krav()
    del krav["aud"]
    with pytest.raises(UgyldigToken, match="mottaker"):
        _valider(_signert(nokkel, krav), jwks)


def test_several_audiences_need_this_client_as_authorized_party(nokkel, jwks):
    with pytest.raises(UgyldigToken, match="azp"):
        _valider(_signert(nokkel, _krav(aud=[KLIENT, "en-annen-klient"])), jwks)
    krav = _valider(_signert(nokkel, _krav(aud=[KLIENT, "en-annen"], azp=KLIENT)), jwks)
    assert krav["azp"] == KLIENT


def test_wrong_nonce_is_refused(nokkel, jwks):
    token = _signert(nokkel, _krav())
    with pytest.raises(UgyldigToken, match="nonce"):
        _valider(token, jwks, nonce="nonce-fra-en-annen-innlogging")


def test_a_token_without_nonce_is_refused(nokkel, jwks):
    with pytest.raises(UgyldigToken, match="nonce"):
        _valider(_signert(nokkel, _krav(nonce=None)), jwks)


def test_expired_token_is_refused(nokkel, jwks):
    na = int(time.time())
    token = _signert(nokkel, _krav(iat=na - 3600, exp=na - 600))
    with pytest.raises(UgyldigToken, match="utløpt"):
        _valider(token, jwks)


def test_a_minute_of_clock_skew_is_allowed(nokkel, jwks):
    na = int(time.time())
    assert _valider(_signert(nokkel, _krav(iat=na - 300, exp=na - 30)), jwks)


def test_token_issued_in_the_future_is_refused(nokkel, jwks):
    na = int(time.time())
    with pytest.raises(UgyldigToken, match="fremtiden"):
        _valider(_signert(nokkel, _krav(iat=na + 3600, exp=na + 7200)), jwks)


def test_unsigned_token_is_refused(jwks):
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_krav())}."
    with pytest.raises(UgyldigToken):
        _valider(token, jwks)


def test_unsigned_token_with_the_providers_key_id_is_refused(jwks):
    token = f"{_b64({'alg': 'none', 'kid': 'k1'})}.{_b64(_krav())}."
    with pytest.raises(UgyldigToken):
        _valider(token, jwks)


def test_hmac_signed_with_the_public_key_is_refused(nokkel, jwks):
    """The classic confusion: the public key used as an HMAC secret."""
    innhold = f"{_b64({'alg': 'HS256', 'kid': 'k1'})}.{_b64(_krav())}"
    mac = hmac.new(nokkel.as_pem(private=False), innhold.encode(), hashlib.sha256).digest()
    token = f"{innhold}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    with pytest.raises(UgyldigToken):
        _valider(token, jwks)


def test_token_signed_by_another_key_with_the_same_id_is_refused(jwks):
    falsk = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    with pytest.raises(UgyldigToken):
        _valider(_signert(falsk, _krav()), jwks)


def test_altered_claims_break_the_signature(nokkel, jwks):
    hode, _, signatur = _signert(nokkel, _krav()).split(".")
    token = f"{hode}.{_b64(_krav(sub='noen-andre'))}.{signatur}"
    with pytest.raises(UgyldigToken):
        _valider(token, jwks)


def test_unknown_key_id_asks_for_the_keys_again(jwks):
    ny = RSAKey.generate_key(2048, parameters={"kid": "k2"})
    with pytest.raises(UkjentNokkel):
        _valider(_signert(ny, _krav(), kid="k2"), jwks)


def test_garbage_is_refused(jwks):
    for token in ("", "abc", "a.b.c", "....."):
        with pytest.raises(UgyldigToken):
            _valider(token, jwks)


def test_a_token_not_valid_yet_is_refused(nokkel, jwks):
    na = int(time.time())
    with pytest.raises(UgyldigToken, match="nbf"):
        _valider(_signert(nokkel, _krav(nbf=na + 600)), jwks)
    with pytest.raises(UgyldigToken, match="nbf"):
        _valider(_signert(nokkel, _krav(nbf="snart")), jwks)


def test_not_before_allows_a_minute_of_clock_skew(nokkel, jwks):
    na = int(time.time())
    assert _valider(_signert(nokkel, _krav(nbf=na + 30)), jwks)
    assert _valider(_signert(nokkel, _krav(nbf=na - 10)), jwks)


def test_an_authorized_party_that_is_another_client_is_refused(nokkel, jwks):
    with pytest.raises(UgyldigToken, match="azp"):
        _valider(_signert(nokkel, _krav(azp="en-annen-klient")), jwks)
    assert _valider(_signert(nokkel, _krav(azp=KLIENT)), jwks)
