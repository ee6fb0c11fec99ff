"""Benchmark: /avvik/statistikk/ with 50,000 avvik (run against PostgreSQL with DATABASE_URL).

Run with `make bench`. Creates the data in a fresh database, then measures the page's
server time through Django's test client (median and p95 of 20 requests).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
ANTALL = int(os.environ.get("BENCH_AVVIK", "50000"))


def main() -> None:
    from bench.oppsett import start_django

    start_django()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from avvik.models import Avvik, Avvikskategori
    from tests.factories import (
        HelsefellesskapFactory,
        HelseforetakFactory,
        KommuneFactory,
        LokalomradeFactory,
        UserFactory,
        iverksett,
        lag_avtale,
        nye_punkter,
    )

    rng = random.Random(50000)
    hf = HelsefellesskapFactory()
    foretak = HelseforetakFactory(helsefellesskap=hf)
    kommuner = KommuneFactory.create_batch(20, helsefellesskap=hf)
    for i in range(4):
        omrade = LokalomradeFactory(helsefellesskap=hf)
        omrade.kommuner.set(kommuner[i * 5 : i * 5 + 5])
    versjon = iverksett(
        lag_avtale(hf, [foretak, *kommuner], punkter=nye_punkter(30)), datetime.date(2020, 1, 1)
    )
    punkter = list(versjon.punkter.all())
    kategorier = list(Avvikskategori.objects.all())
    melder = UserFactory()
    na = timezone.now()
    start = time.perf_counter()
    rader = []
    for _ in range(ANTALL):
        kommune = rng.choice(kommuner)
        fra_kommune = rng.random() < 0.8
        hendelse = na - datetime.timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        rader.append(
            Avvik(
                helsefellesskap=hf,
                kategori=rng.choice(kategorier),
                meldt_av=melder,
                meldt_av_organisasjon=kommune if fra_kommune else foretak,
                ansvarlig=foretak if fra_kommune else kommune,
                hendelse=hendelse,
                beskrivelse="Generert for måling.",
                avtaleversjon=versjon,
                punkt=rng.choice(punkter) if rng.random() < 0.7 else None,
                status=rng.choice(["meldt", "mottatt", "besvart", "lukket"]),
            )
        )
    Avvik.objects.bulk_create(rader, batch_size=2000)
    print(f"{ANTALL} avvik laget på {time.perf_counter() - start:.1f} s ({connection.vendor})")

    klient = Client()
    klient.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert klient.get("/avvik/statistikk/").status_code == 200
    tider = []
    for _ in range(20):
        t = time.perf_counter()
        klient.get("/avvik/statistikk/")
        tider.append((time.perf_counter() - t) * 1000)
    tider.sort()
    print(
        "GET /avvik/statistikk/ (siste 12 måneder, systemforvalter ser alt): "
        f"median {statistics.median(tider):.0f} ms, p95 {tider[18]:.0f} ms"
    )


if __name__ == "__main__":
    main()
