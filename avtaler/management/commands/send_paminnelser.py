from django.core.management.base import BaseCommand
from django.db import transaction

from avtaler.oversikt import oversikt_for
from avtaler.varsling import paminnelser_for
from avvik.varsling import frister_paminn
from helsefellesskap.models import User
from varsler import tjenester


class Command(BaseCommand):
    help = (
        "Daglig: lager påminnelser (signaturer, gjennomganger, oppsigelser, rutiner å lese, "
        "avviksfrister) som varsler, sender samle-e-posten med varslene hver bruker vil ha "
        "daglig, og legger e-post som ikke gikk tilbake i køen."
    )

    def handle(self, *args, **options):
        paminnet = 0
        for bruker in User.objects.filter(is_active=True, medlemskap__isnull=False).distinct():
            oversikt = oversikt_for(bruker)
            if oversikt.har_paminnelser:
                with transaction.atomic():
                    paminnelser_for(bruker, oversikt)
                paminnet += 1
        with transaction.atomic():
            frister = frister_paminn()
        sammendrag = tjenester.sammendrag_lag()
        tjenester.legg_i_ko(sammendrag)
        igjen = tjenester.eposter_legg_i_ko_ventende()
        self.stdout.write(
            f"Påminnelser til {paminnet} brukere, {frister} om avviksfrister; "
            f"{len(sammendrag)} samle-e-poster og {igjen} nye forsøk lagt i køen."
        )
