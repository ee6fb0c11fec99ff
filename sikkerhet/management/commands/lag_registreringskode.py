"""The first administrator's enrolment code: no one in the product can make it for them."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kjerne.identitet import normaliser_epost
from sikkerhet import tofaktor
from sikkerhet.logg import Type, registrer


class Command(BaseCommand):
    help = (
        "Lager en registreringskode for tofaktor til brukeren med denne e-postadressen og viser "
        "den én gang. For den første administratoren og systemforvaltere; ellers lager "
        "administratoren i organisasjonen koden på brukersiden."
    )

    def add_arguments(self, parser):
        parser.add_argument("epost")

    def handle(self, *args, epost: str, **options):
        bruker = get_user_model().objects.filter(email=normaliser_epost(epost)).first()
        if bruker is None or not bruker.is_active:
            raise CommandError(f"Fant ingen aktiv bruker med e-postadressen {epost}.")
        kode = tofaktor.lag_registreringskode(bruker)
        registrer(Type.REGISTRERINGSKODE_LAGET, bruker=bruker, beskrivelse="manage.py")
        self.stdout.write(
            f"Registreringskode til {bruker.email}: {kode} (virker én gang, i "
            f"{tofaktor.REGISTRERINGSKODE_GYLDIG.days} dager)."
        )
