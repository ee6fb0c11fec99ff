"""Benchmark: the discharge lookup and the search at national scale (#7), in-process.

The data is ytelse.generator's (225,000 clause rows at BENCH_SKALA=1, 45,000 in force; clause
texts are sentences of the Vestre Viken agreement, shuffled, so common words hit tens of
thousands of clauses, as they would). Run against PostgreSQL:
DATABASE_URL=postgres://… .venv/bin/python bench/sok.py. Measures server time through Django's
test client, and the queries per request. Under load, with gunicorn: bench/sider.py.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
SKALA = os.environ.get("BENCH_SKALA", "1")
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


def _mal(client, adresser: list[str], *, uten_buffer=False) -> tuple[float, float, float, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tider, sporringer = [], []
    for adresse in adresser:
        if uten_buffer:
            cache.clear()
        with CaptureQueriesContext(connection) as fanget:
            start = time.perf_counter()
            svar = client.get(adresse)
            tider.append((time.perf_counter() - start) * 1000)
        assert svar.status_code == 200, adresse
        sporringer.append(len(fanget))
    tider.sort()
    p95 = tider[int(len(tider) * 0.95) - 1]
    return statistics.median(tider), p95, tider[-1], max(sporringer)


def main() -> None:
    from bench.oppsett import start_django

    start_django()
    from django.db import connection
    from django.test import Client

    from ytelse.generator import generer

    rng = random.Random(356)
    start = time.perf_counter()
    kommunenumre = generer(float(SKALA)).kommunenumre
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Generating indexes every version as a draft and drops four in five when they are
            # replaced, all at once: compact that churn, which a live database spreads over
            # years and autovacuum reuses.
            cursor.execute("VACUUM FULL avtaler_sokedokument")
            cursor.execute("VACUUM ANALYZE")
    from avtaler.models import Punktversjon

    print(
        f"{connection.vendor}: {len(kommunenumre)} kommuner, "
        f"{Punktversjon.objects.count():,} punktversjoner, generert på "
        f"{time.perf_counter() - start:.0f} s"
    )
    client = Client()
    utvalg = rng.sample(kommunenumre, min(50, len(kommunenumre)))
    oppslag = [f"/kommuner/{nr}/utskrivning/" for nr in utvalg]
    _mal(client, oppslag[:5])  # warm up
    # Rendered (a logged-in user, or the first visitor of the minute), then from the cache.
    for navn, uten_buffer in (("uten buffer", True), ("med buffer", False)):
        median, p95, verst, maks = _mal(client, oppslag * 2, uten_buffer=uten_buffer)
        print(
            f"oppslag /kommuner/<nr>/utskrivning/ {navn}: median {median:.1f} ms, "
            f"p95 {p95:.1f} ms, verst {verst:.1f} ms, {maks} spørringer"
        )
    adresser = [f"/sok/?q={q}" for q in SOK] + [
        f"/sok/?q={q}&kommune={nr}" for q in SOK for nr in utvalg[:3]
    ]
    _mal(client, adresser[:4])
    median, p95, verst, maks = _mal(client, adresser * 3)
    print(
        f"søk /sok/: median {median:.1f} ms, p95 {p95:.1f} ms, verst {verst:.1f} ms, "
        f"{maks} spørringer"
    )


if __name__ == "__main__":
    main()
