from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from avtaler.oversikt import oversikt_for
from helsefellesskap.models import User


class Command(BaseCommand):
    help = "Sender påminnelser på e-post: gjennomganger, oppsigelser, signaturer og rutiner å lese."

    def handle(self, *args, **options):
        sendt = 0
        for bruker in User.objects.filter(is_active=True, medlemskap__isnull=False).distinct():
            oversikt = oversikt_for(bruker)
            if not oversikt.har_paminnelser:
                continue
            tekst = render_to_string(
                "avtaler/paminnelse.txt", {"bruker": bruker, "oversikt": oversikt}
            )
            send_mail("Påminnelser: samarbeidsavtaler", tekst, None, [bruker.email])
            sendt += 1
        self.stdout.write(f"Sendte påminnelser til {sendt} brukere.")
