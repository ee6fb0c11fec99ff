"""Measure the screen for patient identifiers: valid numbers missed and ordinary numbers refused.

Run with `.venv/bin/python bench/personvern.py [antall]` (default 200,000 of each kind). No
database. Prints
- how many valid identifiers of every kind and way of writing the screen misses (should be 0),
- for each kind of ordinary text holding eleven digits (tests/personnummerhjelp.vanlige_tall:
  account numbers from the bank register with their check digit, KID, case and archive numbers,
  phone numbers with extension, organisation numbers, dates followed by a reference) how many
  are refused (false refusals), and the same numbers as eleven bare digits,
- number-dense text (minutes, statistics) and the speed of the screen.
docs/personvern.md has the figures and what they mean.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def mal(antall: int, frø: int = 2026) -> dict[str, tuple[int, int]]:
    from kjerne.bankregister import BANKREGISTER
    from kjerne.personvern import har_personnummer
    from tests.personnummerhjelp import tallrik_tekst, vanlige_tall

    rng = random.Random(frø)
    tall: dict[str, list[int]] = {}
    for _ in range(antall):
        tekster = vanlige_tall(rng, BANKREGISTER)
        tekster["tallrik tekst (25 ord og tall)"] = tallrik_tekst(rng)
        tekster["uten_ord: 11 tilfeldige sifre i ett"] = "".join(
            rng.choice("0123456789") for _ in range(11)
        )
        for slag, tekst in tekster.items():
            telling = tall.setdefault(slag, [0, 0])
            telling[0] += har_personnummer(tekst)
            telling[1] += 1
    return {slag: (a, n) for slag, (a, n) in tall.items()}


def savnet(antall: int, frø: int = 2026) -> tuple[int, int, float]:
    from kjerne.personvern import finn_personnummer
    from tests.personnummerhjelp import eksempler

    numre = eksempler(antall, frø=frø) + eksempler(antall // 4, frø=frø + 1, kort=True)
    start = time.perf_counter()
    borte = sum(nummer not in finn_personnummer(tekst) for _t, nummer, tekst in numre)
    return borte, len(numre), (time.perf_counter() - start) / len(numre)


if __name__ == "__main__":
    antall = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    borte, n, tid = savnet(antall)
    print(f"gyldige numre som slapp gjennom: {borte} av {n} ({tid * 1e6:.0f} µs per tekst)")
    for slag, (avvist, n) in sorted(mal(antall).items()):
        print(f"{slag:48} {avvist:7} av {n:7} avvist = {100 * avvist / n:.3f} %")
