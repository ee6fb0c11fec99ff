"""Two gunicorn instances on one database (#10 part 6): a session started on one works on the
other, and an edit through one is seen through the other at once."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from helsefellesskap.models import Erklaering
from tests.factories import PASSORD

ROT = Path(__file__).resolve().parents[2]


def _ledig_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_miljo() -> dict[str, str]:
    oppsett = connection.settings_dict
    if connection.vendor == "postgresql":
        vert = oppsett.get("HOST") or "127.0.0.1"
        url = f"postgres://{oppsett['USER']}@{vert}:{oppsett.get('PORT') or 5432}/{oppsett['NAME']}"
        return {"DATABASE_URL": url}
    return {"DATABASE_URL": "", "DJANGO_SQLITE_PATH": oppsett["NAME"]}


@pytest.fixture
def to_instanser(transactional_db):
    miljo = {
        **os.environ,
        **_database_miljo(),
        "DJANGO_DEBUG": "1",
        "DJANGO_TOFAKTOR_PAKREVD": "0",
    }
    miljo.pop("DJANGO_SETTINGS_MODULE", None)
    prosesser, adresser = [], []
    for _ in range(2):
        port = _ledig_port()
        prosesser.append(
            subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--log-level",
                    "warning",
                ],
                cwd=ROT,
                env=miljo,
            )
        )
        adresser.append(f"http://127.0.0.1:{port}")
    try:
        for adresse in adresser:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{adresse}/helse/", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
        yield adresser
    finally:
        for prosess in prosesser:
            prosess.terminate()
            prosess.wait(timeout=20)


class Nettleser:
    """One browser: one cookie jar, whichever instance it talks to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.apner = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def hent(self, url: str) -> tuple[str, str]:
        with self.apner.open(url, timeout=20) as svar:
            return svar.geturl(), svar.read().decode()

    def send(self, url: str, skjema: str, data: dict) -> tuple[str, str]:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', skjema).group(1)
        kropp = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with self.apner.open(url, data=kropp, timeout=20) as svar:
            return svar.geturl(), svar.read().decode()


def test_sessions_and_edits_are_shared_by_two_instances(to_instanser, systemforvalter):
    a, b = to_instanser
    # The instances run the real settings, whose hashers the tests' fast one is not among.
    systemforvalter.password = PBKDF2PasswordHasher().encode(PASSORD, "saltsalt1234")
    systemforvalter.save(update_fields=["password"])
    nettleser = Nettleser()
    _, side = nettleser.hent(f"{a}/logg-inn/")
    nettleser.send(f"{a}/logg-inn/", side, {"username": systemforvalter.email, "password": PASSORD})
    # Logged in through A; B knows the session.
    adresse, side = nettleser.hent(f"{b}/min-side/")
    assert adresse == f"{b}/min-side/" and systemforvalter.email in side
    # Edited through A (the form came from B): B shows the new text at once.
    _, skjema = nettleser.hent(f"{b}/personvern/rediger/")
    # The statement keeps the marker the retention period is filled into (issue 15).
    tekst = "Ny tekst fra instans A. Loggen lagres i {oppbevaring_sikkerhetslogg}."
    nettleser.send(f"{a}/personvern/rediger/", skjema, {"tekst": tekst})
    _, side = nettleser.hent(f"{b}/personvern/")
    assert "Ny tekst fra instans A." in side
    assert Erklaering.objects.get(type="personvern").tekst == tekst
    # Logged out through B: A no longer knows the session.
    _, side = nettleser.hent(f"{b}/min-side/")
    nettleser.send(f"{b}/logg-ut/", side, {})
    adresse, _ = nettleser.hent(f"{a}/min-side/")
    assert "/logg-inn/" in adresse
