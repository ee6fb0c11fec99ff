import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from kjerne.sikkerhetskopi import (
    DATABASENAVN,
    Sikkerhetskopifeil,
    antall,
    gjenopprett,
    les_beskrivelse,
    oppsummering,
    storrelse,
    tidspunkt,
)


class Command(BaseCommand):
    help = (
        "Gjenoppretter databasen og de opplastede filene fra et arkiv laget av "
        "«manage.py sikkerhetskopi». Erstatter alt som er i databasen og i MEDIA_ROOT nå."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path)
        parser.add_argument(
            "--ja",
            action="store_true",
            help="Bekreft på forhånd at databasen og filene skal erstattes.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Ikke spør; uten --ja avbrytes gjenopprettingen.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, fil: Path, ja: bool, interactive: bool, database: str, **options):
        media_rot = Path(settings.MEDIA_ROOT)
        db = connections[database].settings_dict
        try:
            beskrivelse = les_beskrivelse(fil)
        except Sikkerhetskopifeil as feil:
            raise CommandError(str(feil)) from None
        advarsel = (
            f"Dette erstatter hele databasen {db['NAME']} og alle filene i {media_rot} med "
            f"sikkerhetskopien {fil} (laget {tidspunkt(beskrivelse)}: "
            f"{oppsummering(beskrivelse['antall'])})."
        )
        if not ja:
            # Only a person at a terminal can say yes; a script must pass --ja.
            if not (interactive and sys.stdin.isatty()):
                raise CommandError(f"{advarsel} Avbrutt: bekreft med --ja. Ingenting er endret.")
            svar = input(f"{advarsel}\nSkriv «ja» for å fortsette: ")
            if svar.strip().lower() != "ja":
                raise CommandError("Avbrutt. Ingenting er endret.")
        # No connection of ours may hold a lock or an old snapshot while the database is replaced.
        connections.close_all()
        try:
            gjenopprett(fil=fil, db=db, media_rot=media_rot)
        except Sikkerhetskopifeil as feil:
            raise CommandError(f"{feil}\nDatabasen er ikke endret.") from None
        self.stdout.write(f"Gjenopprettet fra {fil} ({storrelse(fil.stat().st_size)}).")
        self.stdout.write(
            f"Database: {DATABASENAVN[beskrivelse['database']]}, laget {tidspunkt(beskrivelse)}. "
            f"Opplastede filer: {beskrivelse['filer']} til {media_rot}."
        )
        self.stdout.write(f"Innhold nå: {oppsummering(antall(database))}.")
        migreringer = MigrationExecutor(connections[database])
        mangler = migreringer.migration_plan(migreringer.loader.graph.leaf_nodes())
        if mangler:
            self.stdout.write(
                f"Sikkerhetskopien er fra en eldre versjon: {len(mangler)} "
                f"{'migrering' if len(mangler) == 1 else 'migreringer'} mangler. "
                "Kjør «manage.py migrate»."
            )
