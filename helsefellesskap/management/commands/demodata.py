import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand

from helsefellesskap.demodata import BRUKERE, DEMO_PASSORD, last_demodata
from helsefellesskap.demodata_utvalg import last_demodata as last_utvalg


class Command(BaseCommand):
    help = "Laster demodata (Helsefellesskap Vest-Viken). Kan kjøres flere ganger."

    def handle(self, *args, **options):
        rapport = last_demodata()
        self.stdout.write(
            f"Demodata: {len(rapport.opprettet)} opprettet, {len(rapport.endret)} oppdatert."
        )
        for linje in last_utvalg():
            self.stdout.write(f"  + {linje}")
        # Later apps add their own demo data; this app must not import them (one-way
        # dependencies), so each is found by its module name, in INSTALLED_APPS order.
        for app in apps.get_app_configs():
            if app.name == "helsefellesskap" or not importlib.util.find_spec(
                f"{app.name}.demodata"
            ):
                continue
            for linje in importlib.import_module(f"{app.name}.demodata").last_demodata():
                self.stdout.write(f"  + {linje}")
        self.stdout.write(f"Demo-innlogginger (passord for alle: {DEMO_PASSORD}):")
        for email, _navn, orgnavn, rolle, _systemforvalter in BRUKERE:
            self.stdout.write(f"  {email:<22} {rolle.label} – {orgnavn}")
