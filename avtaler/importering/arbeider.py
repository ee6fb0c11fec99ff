"""The child process of `budsjett`: limits itself, reads one file, writes the lines.

    python -m avtaler.importering.arbeider INN UT FILNAVN
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


def main() -> None:
    inn, ut, filnavn = sys.argv[1:4]
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from avtaler.importering.budsjett import MINNE_MB, SEKUNDER
    from avtaler.importering.formater import Frist, les_fil
    from avtaler.importering.modeller import Importfeil

    translation.activate(settings.LANGUAGE_CODE)
    _grenser(MINNE_MB, SEKUNDER)
    try:
        lesing = les_fil(filnavn, Path(inn).read_bytes(), Frist(SEKUNDER))
        svar = {"lesing": lesing.til_json()}
    except Importfeil as feil:
        svar = {"feil": str(feil)}
    except MemoryError:
        svar = {"feil": "minne"}
    Path(ut).write_text(json.dumps(svar, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
