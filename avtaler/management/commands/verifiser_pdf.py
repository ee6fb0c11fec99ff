from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from avtaler.pdf import finn_eksport, sjekksum


class Command(BaseCommand):
    help = "Sjekker om en PDF er en uendret eksport av en signert avtaleversjon, og hvilken."

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path)

    def handle(self, *args, fil: Path, **options):
        try:
            data = fil.read_bytes()
        except OSError as feil:
            raise CommandError(f"Kan ikke lese {fil}: {feil.strerror}") from None
        eksport = finn_eksport(data)
        if eksport is None or not eksport.versjon.er_signert:
            raise CommandError(
                f"{fil.name} er IKKE en uendret eksport av en signert versjon "
                f"(SHA-256 {sjekksum(data)})."
            )
        versjon = eksport.versjon
        self.stdout.write(
            f"{fil.name} er en uendret eksport av «{versjon.tittel}», versjon {versjon.nummer} "
            f"(signert {versjon.signert_dato:%d.%m.%Y}, "
            f"gjelder fra {versjon.gyldig_fra:%d.%m.%Y}). "
            f"SHA-256 {eksport.sha256}."
        )
