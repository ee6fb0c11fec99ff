import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from helsefellesskap.models import Helsefellesskap
from ytelse.generator import generer


class Command(BaseCommand):
    help = (
        "Lager data i nasjonal skala for måling (#10): 20 helsefellesskap, 356 kommuner, "
        "avtaler med historikk, utvalg med fem års møter og 50 000 avvik ved --skala 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skala", type=float, default=1.0, help="1.0 er hele landet")
        parser.add_argument("--fro", type=int, default=356, help="frø: samme frø, samme data")
        parser.add_argument("--passord", default="Samhandling-2026", help="alle brukernes passord")

    def handle(self, *args, skala, fro, passord, **options):
        if not 0 < skala <= 10:
            raise CommandError("--skala må være større enn 0 og høyst 10.")
        if Helsefellesskap.objects.exists():
            raise CommandError(
                "Databasen har data fra før. Generatoren fyller en tom database "
                "(manage.py flush, eller en ny database)."
            )
        start = time.perf_counter()
        with transaction.atomic():
            resultat = generer(skala, fro=fro, passord=passord, melding=self.stdout.write)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Every version was indexed as a draft and four in five dropped when replaced:
                # compact that churn, which a live database spreads over years.
                cursor.execute("VACUUM FULL avtaler_sokedokument")
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Laget på {time.perf_counter() - start:.0f} s: {resultat.helsefellesskap} "
            f"helsefellesskap, {resultat.kommuner} kommuner, {resultat.brukere} brukere, "
            f"{resultat.punktversjoner:,} punktversjoner, {resultat.moter} møter, "
            f"{resultat.vedtak} vedtak, {resultat.avvik:,} avvik."
        )
