from django.core.management.base import BaseCommand

from helsefellesskap.demodata import BRUKERE, DEMO_PASSORD, last_demodata


class Command(BaseCommand):
    help = "Laster demodata (Helsefellesskap Vest-Viken). Kan kjøres flere ganger."

    def handle(self, *args, **options):
        rapport = last_demodata()
        self.stdout.write(
            f"Demodata: {len(rapport.opprettet)} opprettet, {len(rapport.endret)} oppdatert."
        )
        self.stdout.write(f"Demo-innlogginger (passord for alle: {DEMO_PASSORD}):")
        for email, _navn, orgnavn, rolle, _systemforvalter in BRUKERE:
            self.stdout.write(f"  {email:<22} {rolle.label} – {orgnavn}")
