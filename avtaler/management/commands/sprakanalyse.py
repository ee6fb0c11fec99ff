import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from avtaler.sprak import analyser_setning, ordliste_fra_db


class Command(BaseCommand):
    help = (
        "Leser en UTF-8-fil med én setning per linje og skriver språkanalysen av hver som "
        "ett JSON-objekt per linje: setning, niva, regel, ansvarlig, ikke_part, vage."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path)
        parser.add_argument(
            "--malform",
            choices=["nb", "nn"],
            help="Bruk bare ordlistene for bokmål eller nynorsk (ellers gjettes målformen).",
        )

    def handle(self, *args, fil: Path, malform: str | None, **options):
        try:
            tekst = fil.read_text(encoding="utf-8")
        except OSError as feil:
            raise CommandError(f"Kan ikke lese {fil}: {feil.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{fil} er ikke en UTF-8-fil.") from None
        ordliste = ordliste_fra_db()
        for linje in tekst.splitlines():
            if linje.strip():
                setning = analyser_setning(linje.strip(), ordliste, malform)
                self.stdout.write(json.dumps(setning.som_json(), ensure_ascii=False))
