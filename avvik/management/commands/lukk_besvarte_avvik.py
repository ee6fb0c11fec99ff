from django.core.management.base import BaseCommand

from avvik.services import avvik_lukk_etter_frist


class Command(BaseCommand):
    help = (
        "Daglig jobb: besvarte avvik der melderen lot fristen for å avvise svaret gå ut, "
        "lukkes (svaret regnes som godtatt). Kan kjøres så ofte man vil (idempotent)."
    )

    def handle(self, *args, **options):
        lukket = avvik_lukk_etter_frist()
        self.stdout.write(f"{len(lukket)} avvik lukket etter fristen for å avvise svaret.")
