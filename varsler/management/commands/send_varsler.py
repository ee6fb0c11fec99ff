from django.core.management.base import BaseCommand

from varsler import tjenester


class Command(BaseCommand):
    help = "Legger e-post som ikke er sendt ennå, og som er klar for et nytt forsøk, i køen."

    def handle(self, *args, **options):
        antall = tjenester.eposter_legg_i_ko_ventende()
        self.stdout.write(f"{antall} e-poster lagt i køen.")
