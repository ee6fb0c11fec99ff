"""Plays the person at the local OpenID Connect provider (tests/oidc/provider.mjs), as a browser
would: follows its redirects, fills in its login page, and hands back the address it sends the
browser to on this site."""

from urllib.parse import parse_qs, urljoin, urlsplit

import requests

ADRESSE = "127.0.0.1"  # the host the Django test client says it is (a registered loopback)


class Person:
    """One browser at the provider: its cookies keep the provider's session between logins."""

    def __init__(self, issuer: str):
        self.issuer = issuer
        self.okt = requests.Session()
        self.innloggingssider = 0
        self.siste_foresporsel: dict[str, list[str]] = {}

    def gjennom(
        self, adresse: str, *, konto: str, orgno: str = "", acr: str | None = None, navn: str = ""
    ) -> str:
        """From the provider's address to the address (path and query) it sends back here."""
        if adresse.startswith(self.issuer + "/auth"):
            self.siste_foresporsel = parse_qs(urlsplit(adresse).query)
        svar = self.okt.get(adresse, allow_redirects=False, timeout=10)
        for _ in range(20):
            if svar.is_redirect:
                neste = urljoin(svar.url, svar.headers["location"])
                if not neste.startswith(self.issuer):
                    deler = urlsplit(neste)
                    assert deler.hostname == ADRESSE, neste
                    return f"{deler.path}?{deler.query}"
                svar = self.okt.get(neste, allow_redirects=False, timeout=10)
            elif svar.status_code == 200 and 'name="konto"' in svar.text:
                self.innloggingssider += 1
                skjema = {"konto": konto, "orgno": orgno, "navn": navn}
                if acr:
                    skjema["acr"] = acr
                svar = self.okt.post(svar.url, data=skjema, allow_redirects=False, timeout=10)
            else:
                raise AssertionError(f"{svar.status_code} fra leverandøren: {svar.text[:500]}")
        raise AssertionError("for mange omdirigeringer hos leverandøren")
