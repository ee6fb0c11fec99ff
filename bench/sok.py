"""Benchmark: the discharge lookup and the search at national scale (#7).

Generates 20 Helsefellesskap and 356 municipalities; each Helsefellesskap has 15 agreements,
the same text with every municipality of its area as the domain describes (likelydende avtaler),
each with 150 clauses and 5 versions (4 replaced, 1 in force): 225,000 clause rows, 45,000 of
them in force. Clause texts are sentences of the Vestre Viken agreement, shuffled, so common words
("pasienten", "kommunen") hit hundreds of thousands of clauses, as they would.

Run against PostgreSQL: DATABASE_URL=postgres://… .venv/bin/python bench/sok.py
(BENCH_SKALA=0.1 for a tenth of the municipalities and two Helsefellesskap). Measures server time through Django's test
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
HELSEFELLESSKAP = max(1, round(20 * SKALA))
AVTALER = 15
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
    for h, hf in enumerate(hf_liste):
        # The same text with every municipality of the area (likelydende avtaler).
        parter = [foretak[h], *kommuner[h::HELSEFELLESSKAP]]
        avtaler = Avtale.objects.bulk_create(
            Avtale(
                helsefellesskap=hf,
                type="overordnet" if a == 0 else "saeravtale",
                tittel="Utskrivningsrutine" if a == 1 else f"Avtale {a} i {hf.navn}",
            )
            for a in range(AVTALER)
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
                Versjonspart(versjon=v, organisasjon=o) for v in versjoner for o in parter
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
        print(f"  {h + 1}/{HELSEFELLESSKAP} helsefellesskap", flush=True)
    return [k.kommunenummer for k in kommuner]


def _mal(client, adresser: list[str]) -> tuple[float, float, float, int]:
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
    p95 = tider[int(len(tider) * 0.95) - 1]
    return statistics.median(tider), p95, tider[-1], max(sporringer)


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
    _mal(client, [f"/kommuner/{nr}/utskrivning/" for nr in utvalg[:5]])  # warm up
    median, p95, verst, maks = _mal(client, [f"/kommuner/{nr}/utskrivning/" for nr in utvalg] * 2)
    print(
        f"oppslag /kommuner/<nr>/utskrivning/: median {median:.1f} ms, p95 {p95:.1f} ms, "
        f"verst {verst:.1f} ms, {maks} spørringer"
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
