"""Measure the screen for patient identifiers: how many ordinary numbers it refuses.

Run with `.venv/bin/python bench/personvern.py [antall]` (default 200,000 of each kind). No
database. Prints, for each kind of ordinary text, how many were refused (false refusals), and
the same for eleven digits typed at random in one run and for bank account numbers, which
are not in the promise (docs/personvern.md says why).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def mal(antall: int, frø: int = 2026) -> dict[str, tuple[int, int]]:
    from kjerne.personvern import har_personnummer
    from tests.personnummerhjelp import vanlige_tall

    rng = random.Random(frø)
    tall: dict[str, list[int]] = {}
    for _ in range(antall):
        for slag, tekst in vanlige_tall(rng).items():
            telling = tall.setdefault(slag, [0, 0])
            telling[0] += har_personnummer(tekst)
            telling[1] += 1
        tilfeldig = "".join(rng.choice("0123456789") for _ in range(11))
        konto = f"{rng.randrange(1000, 10000)}.{rng.randrange(100):02d}.{rng.randrange(100000):05d}"
        for slag, tekst in (("11 tilfeldige sifre i ett", tilfeldig), ("kontonummer", konto)):
            telling = tall.setdefault(slag, [0, 0])
            telling[0] += har_personnummer(tekst)
            telling[1] += 1
    return {slag: (a, n) for slag, (a, n) in tall.items()}


if __name__ == "__main__":
    antall = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    for slag, (avvist, n) in mal(antall).items():
        print(f"{slag:28} {avvist:7} av {n:7} avvist = {100 * avvist / n:.3f} %")
