from django.core.management.base import BaseCommand

from varsler import tjenester


class Command(BaseCommand):
    help = (
        "Daglig: lager påminnelser (signaturer, gjennomganger, oppsigelser, rutiner å lese, "
        "avviksfrister) som varsler, sender samle-e-posten med varslene hver bruker vil ha "
        "daglig, og legger e-post som ikke gikk tilbake i køen."
    )

    def handle(self, *args, **options):
        paminnelser = tjenester.paminnelser_lag()
        sammendrag = tjenester.sammendrag_lag()
        tjenester.legg_i_ko(sammendrag)
        igjen = tjenester.eposter_legg_i_ko_ventende()
        self.stdout.write(
            f"{paminnelser} nye påminnelser; {len(sammendrag)} samle-e-poster og "
            f"{igjen} nye forsøk lagt i køen."
        )
