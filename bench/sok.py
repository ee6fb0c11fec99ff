"""Benchmark: the discharge lookup and the search at national scale (#7).

Generates ~20 Helsefellesskap, 356 municipalities, 15 agreements per municipality, ~150 clauses
per agreement and 5 versions each (4 replaced, 1 in force): about 4 million clause rows at
BENCH_SKALA=1. Clause texts are sentences of the Vestre Viken agreement, shuffled, so common words
("pasienten", "kommunen") hit hundreds of thousands of clauses, as they would.

Run against PostgreSQL: DATABASE_URL=postgres://… .venv/bin/python bench/sok.py
(BENCH_SKALA=0.1 for a tenth of the municipalities). Measures server time through Django's test
client and the queries per request.
"""

import datetime
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
SKALA = float(os.environ.get("BENCH_SKALA", "1"))
KOMMUNER = max(1, round(356 * SKALA))
HELSEFELLESSKAP = min(20, KOMMUNER)
AVTALER_PER_KOMMUNE = 15
PUNKTER = 150
VERSJONER = 5
TIDER = (
    "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, "
    "og i helger og på helligdager mellom 10:00 og 14:00."
)
SOK = [
    "utskrivning",
    "utskrivningsklare pasienter",
    "legemiddelliste",
    "epikrise",
    "betaling",
    "tvisteløsning",
    "kommunen skal varsle",
    "pasienten",
]


def _setninger() -> list[str]:
    kilde = (
        Path(__file__).resolve().parents[1] / "tests/avtaler/data/overordnet_vestre_viken_2021.txt"
    )
    tekst = " ".join(kilde.read_text(encoding="utf-8").split())
    return [s for s in re.split(r"(?<=[.!?])\s+", tekst) if 40 <= len(s) <= 400]


def generer(rng: random.Random) -> list[str]:
    from avtaler.models import Avtale, Avtaleversjon, Punkt, Punktversjon, Versjonspart
    from helsefellesskap.models import Helsefellesskap, Organisasjon

    setninger = _setninger()
    overskrifter = [s.split(",")[0][:60] for s in setninger]
    hf_liste = Helsefellesskap.objects.bulk_create(
        Helsefellesskap(navn=f"Helsefellesskap {i}", kortnavn=f"hf-{i}")
        for i in range(HELSEFELLESSKAP)
    )
    foretak = Organisasjon.objects.bulk_create(
        Organisasjon(
            type=Organisasjon.Type.HELSEFORETAK,
            navn=f"Helseforetak {i} HF",
            organisasjonsnummer=f"9{i:08d}",
            helsefellesskap=hf,
        )
        for i, hf in enumerate(hf_liste)
    )
    kommuner = Organisasjon.objects.bulk_create(
        Organisasjon(
            type=Organisasjon.Type.KOMMUNE,
            navn=f"Kommune {i} kommune",
            kommunenummer=f"{1000 + i:04d}",
            organisasjonsnummer=f"8{i:08d}",
            helsefellesskap=hf_liste[i % HELSEFELLESSKAP],
        )
        for i in range(KOMMUNER)
    )
    i_dag = datetime.date.today()
    for k, kommune in enumerate(kommuner):
        hf = hf_liste[k % HELSEFELLESSKAP]
        avtaler = Avtale.objects.bulk_create(
            Avtale(
                helsefellesskap=hf,
                type="overordnet" if a == 0 else "saeravtale",
                tittel="Utskrivningsrutine" if a == 1 else f"Avtale {a} for {kommune.navn}",
            )
            for a in range(AVTALER_PER_KOMMUNE)
        )
        punkter = Punkt.objects.bulk_create(
            Punkt(avtale=avtale) for avtale in avtaler for _ in range(PUNKTER)
        )
        # One version per agreement at a time: only one may be a draft.
        for n in range(1, VERSJONER + 1):
            versjoner = Avtaleversjon.objects.bulk_create(
                Avtaleversjon(avtale=avtale, nummer=n, tittel=avtale.tittel) for avtale in avtaler
            )
            Versjonspart.objects.bulk_create(
                Versjonspart(versjon=v, organisasjon=o)
                for v in versjoner
                for o in (kommune, foretak[k % HELSEFELLESSKAP])
            )
            rader = [
                Punktversjon(
                    versjon=v,
                    punkt=punkt,
                    nummer=str(p + 1),
                    overskrift=rng.choice(overskrifter),
                    tekst=TIDER if a == 1 and p == 0 else " ".join(rng.sample(setninger, 3)),
                    rekkefolge=p,
                )
                for a, v in enumerate(versjoner)
                for p, punkt in enumerate(punkter[a * PUNKTER : (a + 1) * PUNKTER])
            ]
            Punktversjon.objects.bulk_create(rader, batch_size=5000)
            fra = i_dag.replace(year=i_dag.year - (VERSJONER - n + 1))
            til = None
            if n < VERSJONER:
                til = i_dag.replace(year=i_dag.year - (VERSJONER - n)) - datetime.timedelta(days=1)
            Avtaleversjon.objects.filter(pk__in=[v.pk for v in versjoner]).update(
                tilstand="gjeldende" if n == VERSJONER else "erstattet",
                godkjent_vedtak=f"SSU {n}",
                signert_dato=fra,
                gyldig_fra=fra,
                gyldig_til=til,
            )
        if k % 20 == 0:
            print(f"  {k + 1}/{KOMMUNER} kommuner", flush=True)
    return [k.kommunenummer for k in kommuner]


def _mal(client, adresser: list[str]) -> tuple[float, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tider, sporringer = [], []
    for adresse in adresser:
        with CaptureQueriesContext(connection) as fanget:
            start = time.perf_counter()
            svar = client.get(adresse)
            tider.append((time.perf_counter() - start) * 1000)
        assert svar.status_code == 200, adresse
        sporringer.append(len(fanget))
    tider.sort()
    return statistics.median(tider), tider[int(len(tider) * 0.95) - 1], max(sporringer)


def main() -> None:
    from bench.oppsett import start_django

    start_django()
    from django.db import connection
    from django.test import Client

    rng = random.Random(356)
    start = time.perf_counter()
    kommunenumre = generer(rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from avtaler.models import Punktversjon

    print(
        f"{connection.vendor}: {len(kommunenumre)} kommuner, "
        f"{Punktversjon.objects.count():,} punktversjoner, generert på "
        f"{time.perf_counter() - start:.0f} s"
    )
    client = Client()
    utvalg = rng.sample(kommunenumre, min(50, len(kommunenumre)))
    _mal(client, [f"/kommuner/{nr}/utskrivning/" for nr in utvalg[:5]])  # warm up
    median, p95, maks = _mal(client, [f"/kommuner/{nr}/utskrivning/" for nr in utvalg] * 2)
    print(
        f"oppslag /kommuner/<nr>/utskrivning/: median {median:.1f} ms, p95 {p95:.1f} ms, {maks} spørringer"
    )
    adresser = [f"/sok/?q={q}" for q in SOK] + [
        f"/sok/?q={q}&kommune={nr}" for q in SOK for nr in utvalg[:3]
    ]
    _mal(client, adresser[:4])
    median, p95, maks = _mal(client, adresser * 3)
    print(f"søk /sok/: median {median:.1f} ms, p95 {p95:.1f} ms, {maks} spørringer")


if __name__ == "__main__":
    main()
