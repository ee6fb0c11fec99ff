"""Locust scenario for the soak (bench/soak.py makes the data and reads bench/last.json):
anonymous readers, clinicians looking up the discharge routine, coordinators editing their
own clause of a draft, and secretaries recording decisions. Every acknowledged save and
decision is written to the file named by LAST_KVITTERINGER, so the soak can check afterwards
that nothing acknowledged was lost."""

import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, constant_throughput, task

OPPSETT = json.loads(Path(os.environ.get("LAST_OPPSETT", "bench/last.json")).read_text("utf-8"))
PASSORD = OPPSETT["passord"]
_laas = threading.Lock()
_koordinatorer = list(OPPSETT["koordinatorer"])
_sekretaerer = list(OPPSETT["sekretaerer"])
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _kvitter(rad: dict) -> None:
    with _laas, open(os.environ["LAST_KVITTERINGER"], "a", encoding="utf-8") as fil:
        fil.write(json.dumps(rad) + "\n")


def _logg_inn(bruker: HttpUser, epost: str) -> str:
    side = bruker.client.get("/logg-inn/", name="/logg-inn/").text
    bruker.client.post(
        "/logg-inn/",
        {"username": epost, "password": PASSORD, "csrfmiddlewaretoken": _TOKEN.search(side)[1]},
        name="/logg-inn/ (POST)",
    )
    # The token changes with the login: take the new one.
    return _TOKEN.search(bruker.client.get("/min-side/", name="/min-side/").text)[1]


class Leser(HttpUser):
    weight = 4
    wait_time = between(1, 3)

    @task(3)
    def avtale(self):
        self.client.get(f"/avtaler/{random.choice(OPPSETT['avtaler'])}/", name="/avtaler/<id>/")

    @task(2)
    def sok(self):
        ord_ = random.choice(["utskrivning", "epikrise", "legemiddelliste", "tvisteløsning"])
        self.client.get(f"/sok/?q={ord_}", name="/sok/?q=…")

    @task(1)
    def forside(self):
        self.client.get("/", name="/")


class Kliniker(HttpUser):
    weight = 4
    wait_time = between(1, 3)

    @task
    def oppslag(self):
        nr = random.choice(OPPSETT["kommuner"])
        self.client.get(f"/kommuner/{nr}/utskrivning/", name="/kommuner/<nr>/utskrivning/")


class Koordinator(HttpUser):
    """Edits its own clause of a draft, so every save must win: a conflict is an error."""

    weight = 1
    wait_time = constant_throughput(0.5)

    def on_start(self):
        with _laas:
            self.oppgave = _koordinatorer.pop() if _koordinatorer else None
        if self.oppgave:
            self.token = _logg_inn(self, self.oppgave["epost"])
            self.teller = 0
            self.n = 0

    @task
    def lagre(self):
        if not self.oppgave:
            return
        o = self.oppgave
        self.n += 1
        tekst = f"Soak {o['epost']} lagring {self.n}."
        adresse = f"/avtaler/{o['avtale']}/versjoner/{o['nummer']}/rediger/punkter/{o['punkt']}/"
        with self.client.post(
            adresse,
            {
                "csrfmiddlewaretoken": self.token,
                "endringsteller": self.teller,
                "nummer": o["punktnummer"],
                "overskrift": "Soak",
                "tekst": tekst,
            },
            name="/avtaler/…/punkter/<id>/ (lagre)",
            allow_redirects=False,
            catch_response=True,
        ) as svar:
            if svar.status_code == 302:
                self.teller += 1
                _kvitter({"punkt": o["punkt"], "tekst": tekst})
                svar.success()
            else:
                svar.failure(f"lagring ga {svar.status_code}")


class Sekretaer(HttpUser):
    """Puts a new case on a planned SSU meeting and records a unanimous decision on it."""

    weight = 1
    wait_time = constant_throughput(0.2)

    def on_start(self):
        with _laas:
            self.oppgave = _sekretaerer.pop() if _sekretaerer else None
        if self.oppgave:
            self.token = _logg_inn(self, self.oppgave["epost"])
            self.n = 0

    @task
    def vedtak(self):
        if not self.oppgave:
            return
        mote = self.oppgave["mote"]
        self.n += 1
        tittel = f"Soak {self.oppgave['epost']} sak {self.n}"
        self.client.post(
            f"/moter/{mote}/saker/",
            {"csrfmiddlewaretoken": self.token, "tittel": tittel, "beskrivelse": ""},
            name="/moter/<id>/saker/ (ny sak)",
        )
        side = self.client.get(f"/moter/{mote}/", name="/moter/<id>/").text
        saker = [int(s) for s in re.findall(r'name="sak(\d+)-tekst"', side)]
        if not saker:
            return
        sak = max(saker)
        tekst = f"Vedtak i {tittel}."
        with self.client.post(
            f"/moter/{mote}/saker/{sak}/vedtak/",
            {
                "csrfmiddlewaretoken": self.token,
                f"sak{sak}-tekst": tekst,
                f"sak{sak}-kommunene": "enig",
                f"sak{sak}-helseforetaket": "enig",
            },
            name="/moter/<id>/saker/<id>/vedtak/",
            allow_redirects=False,
            catch_response=True,
        ) as svar:
            if svar.status_code in (200, 302):
                _kvitter({"sak": sak, "vedtak": tekst})
                svar.success()
            else:
                svar.failure(f"vedtak ga {svar.status_code}")
