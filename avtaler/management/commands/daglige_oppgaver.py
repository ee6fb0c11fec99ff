from django.core.management.base import BaseCommand

from avtaler.services import versjoner_sett_i_kraft


class Command(BaseCommand):
    help = (
        "Daglig jobb: signerte versjoner som har nådd sin dato, trer i kraft, og versjonen "
        "før blir erstattet. Kan kjøres så ofte man vil (idempotent)."
    )

    def handle(self, *args, **options):
        iverksatt = versjoner_sett_i_kraft()
        for versjon in iverksatt:
            self.stdout.write(f"I kraft: {versjon} fra {versjon.gyldig_fra:%d.%m.%Y}")
        self.stdout.write(f"{len(iverksatt)} versjoner trådte i kraft.")
