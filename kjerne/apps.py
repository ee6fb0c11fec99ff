from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save


class KjerneConfig(AppConfig):
    name = "kjerne"
    verbose_name = "Felles infrastruktur"

    def ready(self):
        from kjerne import sjekker  # noqa: F401 -- registers the deploy checks
        from kjerne.inndata import installer_kalendervern
        from kjerne.personvern import skjerm_modell
        from kjerne.sortering import registrer_sqlite

        # Lists of names sort in Norwegian order on SQLite too (kjerne.sortering).
        connection_created.connect(registrer_sqlite, dispatch_uid="kjerne.sortering")

        # A date already stored at the edge of the calendar breaks no page.
        installer_kalendervern()

        # The last line of the screen for patient identifiers: every save of every model.
        pre_save.connect(skjerm_modell, dispatch_uid="kjerne.personvern.skjerm_modell")
