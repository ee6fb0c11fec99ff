from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from kjerne.sikkerhetskopi import (
    DATABASENAVN,
    Sikkerhetskopifeil,
    antall,
    oppsummering,
    standardfil,
    storrelse,
    ta_sikkerhetskopi,
)


class Command(BaseCommand):
    help = (
        "Tar sikkerhetskopi av databasen (pg_dump for PostgreSQL, backup-API-et for SQLite) og "
        "de opplastede filene (MEDIA_ROOT) til ett tar-arkiv. Kan kjøres mens løsningen er i bruk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fil",
            type=Path,
            help="Hvor arkivet skal skrives (standard: sikkerhetskopier/samhandling-<tid>.tar).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, fil: Path | None, database: str, **options):
        fil = fil or standardfil(Path(settings.BASE_DIR) / "sikkerhetskopier")
        media_rot = Path(settings.MEDIA_ROOT)
        try:
            beskrivelse = ta_sikkerhetskopi(
                fil=fil,
                db=connections[database].settings_dict,
                media_rot=media_rot,
                tall=antall(database),
            )
        except Sikkerhetskopifeil as feil:
            raise CommandError(str(feil)) from None
        self.stdout.write(f"Sikkerhetskopi: {fil} ({storrelse(fil.stat().st_size)})")
        self.stdout.write(
            f"Database: {DATABASENAVN[beskrivelse['database']]}. "
            f"Opplastede filer: {beskrivelse['filer']} fra {media_rot}."
        )
        self.stdout.write(f"Innhold: {oppsummering(beskrivelse['antall'])}.")
        self.stdout.write(f"Gjenopprett med: manage.py gjenopprett {fil}")
