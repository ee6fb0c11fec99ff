"""A real OpenID Connect provider for the tests (provider.mjs, npm oidc-provider), started once
per test session on a free port and stopped at the end."""

import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
SKRIPT = Path(__file__).with_name("provider.mjs")
KLIENT_ID = "samhandling-test"
KLIENT_HEMMELIGHET = "en-hemmelighet-bare-for-testene-0123456789"
NOKKEL_ID = "klientnokkel-1"


@dataclass
class Leverandor:
    issuer: str
    prosess: subprocess.Popen
    logg: list[str]
    nokkelfil: Path

    def innstillinger(self, *, med_nokkel: bool = False, **endret) -> dict:
        """Settings that turn Ansattporten on against this provider: the client with a secret,
        or (``med_nokkel``) the one with a private key."""
        verdier = {
            "ISSUER": self.issuer,
            "CLIENT_ID": f"{KLIENT_ID}-nokkel" if med_nokkel else KLIENT_ID,
            "CLIENT_SECRET": "" if med_nokkel else KLIENT_HEMMELIGHET,
            "PRIVATE_KEY_FILE": str(self.nokkelfil) if med_nokkel else "",
            "KEY_ID": NOKKEL_ID if med_nokkel else "",
            "SCOPES": "openid profile",
            "ACR": "idporten-loa-substantial",
            "AUTHORIZATION_DETAILS": (
                '[{"type":"ansattporten:altinn:resource",'
                '"resource":"urn:altinn:resource:samhandlingsavtaler"}]'
            ),
        }
        verdier.update(endret)
        return verdier


def mangler() -> str | None:
    """Why the provider cannot start here, or None."""
    if shutil.which("node") is None:
        return "node finnes ikke (Node.js trengs for den lokale OpenID Connect-leverandøren)"
    if not (ROT / "node_modules" / "oidc-provider").is_dir():
        return "node_modules/oidc-provider mangler (make assets)"
    return None


def start(mappe: Path) -> Leverandor:
    """The provider, and in ``mappe`` the private key of its second client."""
    from joserfc.jwk import RSAKey

    nokkel = RSAKey.generate_key(2048, parameters={"kid": NOKKEL_ID, "use": "sig"})
    nokkelfil = mappe / "klientnokkel.pem"
    nokkelfil.write_bytes(nokkel.as_pem(private=True))
    offentlig = json.dumps(nokkel.as_dict(private=False))
    prosess = subprocess.Popen(
        [shutil.which("node"), str(SKRIPT), KLIENT_ID, KLIENT_HEMMELIGHET, offentlig],
        cwd=ROT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NODE_ENV": "test"},
    )
    logg: list[str] = []
    linje = prosess.stdout.readline()
    while linje and not linje.startswith("ISSUER "):
        logg.append(linje)
        linje = prosess.stdout.readline()
    if not linje:
        prosess.kill()
        raise RuntimeError("OpenID Connect-leverandøren startet ikke:\n" + "".join(logg))
    # Keep reading, so a full pipe never stops the provider.
    threading.Thread(target=lambda: logg.extend(prosess.stdout), daemon=True).start()
    issuer = linje.split(" ", 1)[1].strip()
    return Leverandor(issuer=issuer, prosess=prosess, logg=logg, nokkelfil=nokkelfil)


def stopp(leverandor: Leverandor) -> None:
    leverandor.prosess.terminate()
    try:
        leverandor.prosess.wait(timeout=10)
    except subprocess.TimeoutExpired:
        leverandor.prosess.kill()
        leverandor.prosess.wait()
    leverandor.prosess.stdout.close()
