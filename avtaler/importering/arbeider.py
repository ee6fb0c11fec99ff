"""The child process of `budsjett`: limits itself, reads one file, writes the lines.

python -m avtaler.importering.arbeider INN UT FILNAVN SEKUNDER
"""

import json
import resource
import sys
from pathlib import Path


def _grenser(minne_mb: int, sekunder: int) -> None:
    # Address space, not resident memory: the kernel refuses any allocation past it, so
    # the process can never be resident past it either.
    grense = minne_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (grense, grense))
    resource.setrlimit(resource.RLIMIT_CPU, (sekunder, sekunder + 1))


def maks_minne_mb() -> float:
    """This process' peak resident memory as the kernel counts it (VmHWM), in MB.

    Unlike ru_maxrss, VmHWM starts afresh at exec, so the web worker's memory that the
    fork copied does not count; unlike tracemalloc it includes PDFium and zlib."""
    for linje in Path("/proc/self/status").read_text().splitlines():
        if linje.startswith("VmHWM:"):
            return round(int(linje.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    inn, ut, filnavn, sekunder = sys.argv[1:5]
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from avtaler.importering.budsjett import MINNE_MB
    from avtaler.importering.formater import Frist, les_fil
    from avtaler.importering.modeller import Importfeil

    translation.activate(settings.LANGUAGE_CODE)
    # The reading's own deadline gives the clear message; the CPU limit is the backstop.
    _grenser(MINNE_MB, int(float(sekunder)) + 5)
    try:
        lesing = les_fil(filnavn, Path(inn).read_bytes(), Frist(float(sekunder)))
        svar = {"lesing": lesing.til_json()}
    except Importfeil as feil:
        svar = {"feil": str(feil)}
    except MemoryError:
        svar = {"feil": "minne"}
    svar["maks_minne_mb"] = maks_minne_mb()
    Path(ut).write_text(json.dumps(svar, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
