"""Benchmark: the diff of two 150-clause versions, alone and as the whole /endringer/ page.

Run with `make bench` (or `.venv/bin/python bench/diff.py`). Uses a throwaway SQLite
database unless DATABASE_URL is set. Prints median and 95th percentile of repeated runs.
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

ORD = (
    "kommunen helseforetaket skal sikre at pasienten får nødvendig helsehjelp utskrivning "
    "epikrise legemiddelliste varsel innen timer partene samarbeide om tjenester avtalen "
    "gjelder fra rutine ansvar oppfølging informasjon"
).split()


def tekst(rng: random.Random, ord_antall: int = 60) -> str:
    return " ".join(rng.choice(ORD) for _ in range(ord_antall)).capitalize() + "."


def punkter(rng: random.Random, antall: int):
    from avtaler.services import NyttPunkt

    liste, hoved = [], 0
    while len(liste) < antall:
        hoved += 1
        liste.append(NyttPunkt(str(hoved), f"Kapittel {hoved}", tekst(rng)))
        for under in range(1, 6):
            if len(liste) < antall:
                liste.append(NyttPunkt(f"{hoved}.{under}", f"Punkt {hoved}.{under}", tekst(rng)))
    return liste


def mal(funksjon, ganger: int) -> tuple[float, float]:
    tider = []
    for _ in range(ganger):
        start = time.perf_counter()
        funksjon()
        tider.append((time.perf_counter() - start) * 1000)
    tider.sort()
    return statistics.median(tider), tider[int(len(tider) * 0.95) - 1]


def main() -> None:
    from bench.oppsett import start_django

    start_django()  # a new database of its own
    from django.test import Client

    from avtaler import services
    from avtaler.diff import diff_versjoner
    from avtaler.models import Avtaleversjon, Punktversjon
    from tests.factories import HelseforetakFactory, iverksett, lag_avtale

    rng = random.Random(2026)
    hf = HelseforetakFactory()
    v1 = iverksett(
        lag_avtale(hf.helsefellesskap, [hf], punkter=punkter(rng, 150)), datetime.date(2024, 1, 1)
    )
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=None)
    # A real revision: a third of the clauses reworded, five removed, five added.
    alle = list(v2.punkter.all())
    for punkt in rng.sample(alle, 50):
        ord_liste = punkt.tekst.split()
        for _ in range(6):
            ord_liste[rng.randrange(len(ord_liste))] = rng.choice(ORD)
        punkt.tekst = " ".join(ord_liste)
        punkt.save()
    for punkt in rng.sample(alle, 5):
        punkt.delete()
    services.punkter_legg_til(
        versjon=v2, punkter=[services.NyttPunkt(f"99.{i}", "Nytt", tekst(rng)) for i in range(1, 6)]
    )

    fra = list(Punktversjon.objects.filter(versjon=v1))
    til = list(Punktversjon.objects.filter(versjon=v2))
    assert len(fra) == 150 and len(til) == 150
    median, p95 = mal(lambda: diff_versjoner(fra, til), 50)
    print(f"diff_versjoner, 150 mot 150 punkter: median {median:.1f} ms, p95 {p95:.1f} ms")

    klient = Client()
    url = f"/avtaler/{v1.avtale_id}/endringer/?fra=1&til=2"
    # Drafts are visible to the parties' members only: read as a superuser.
    from tests.factories import UserFactory

    klient.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert klient.get(url).status_code == 200
    median, p95 = mal(lambda: klient.get(url), 30)
    print(
        f"GET /avtaler/<id>/endringer/ (hele siden, {Avtaleversjon.objects.count()} versjoner): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
