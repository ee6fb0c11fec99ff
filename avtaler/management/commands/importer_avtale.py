from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from avtaler.importering import tolk
from avtaler.importering.budsjett import les_med_budsjett
from avtaler.models import Avtale
from avtaler.services import avtale_opprett
from helsefellesskap.models import Helsefellesskap
from kjerne.feil import Domenefeil


class Command(BaseCommand):
    help = (
        "Importerer en eksisterende avtale (Word .docx, PDF eller ren tekst) som utkast. "
        "Med --vis skrives ingenting; den tolkede avtalen vises som Markdown, og "
        "merknadene (med linjenummer) og sikkerheten skrives til stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path)
        parser.add_argument("--vis", action="store_true", help="Vis resultatet, lagre ingenting.")
        parser.add_argument("--helsefellesskap", help="Kortnavn, f.eks. vest-viken.")
        parser.add_argument("--tittel", help="Avtalens tittel (ellers fra filen eller filnavnet).")
        parser.add_argument(
            "--type", choices=Avtale.Type.values, default=Avtale.Type.OVERORDNET, help="Avtaletype."
        )

    def handle(self, *args, fil: Path, vis: bool, **options):
        try:
            data = fil.read_bytes()
        except OSError as feil:
            raise CommandError(f"Kan ikke lese {fil}: {feil.strerror}") from None
        try:
            resultat = tolk(les_med_budsjett(fil.name, data))
        except Domenefeil as feil:
            raise CommandError(str(feil)) from None
        for merknad in resultat.merknader:
            linje = f" (linje {merknad.linje})" if merknad.linje else ""
            self.stderr.write(f"Merknad: {merknad.tekst}{linje}")
        self.stderr.write(f"Lest som {resultat.format}; sikkerhet: {resultat.sikkerhet}.")
        if vis:
            if resultat.tittel:
                self.stderr.write(f"Tittel: {resultat.tittel}")
            self.stdout.write(resultat.som_markdown().rstrip("\n"))
            return
        if not options["helsefellesskap"]:
            raise CommandError("Oppgi --helsefellesskap (kortnavn) for å lagre, eller bruk --vis.")
        try:
            helsefellesskap = Helsefellesskap.objects.get(kortnavn=options["helsefellesskap"])
        except Helsefellesskap.DoesNotExist:
            raise CommandError(
                f"Fant ikke helsefellesskapet «{options['helsefellesskap']}»."
            ) from None
        tittel = options["tittel"] or resultat.tittel or fil.stem.replace("_", " ")
        try:
            versjon = avtale_opprett(
                utfort_av=None,
                helsefellesskap=helsefellesskap,
                type=options["type"],
                tittel=tittel,
                parter=helsefellesskap.organisasjoner.all(),
                punkter=resultat.punkter(),
            )
        except Domenefeil as feil:
            raise CommandError(str(feil)) from None
        self.stdout.write(
            f"Importerte «{tittel}» som utkast (avtale {versjon.avtale_id}, versjon 1) "
            f"med {len(resultat.seksjoner)} punkter: {versjon.get_absolute_url()}"
        )
