from django.apps import AppConfig


class AvvikConfig(AppConfig):
    name = "avvik"
    verbose_name = "Avvik"
    # Counted in the summary of a backup (kjerne.sikkerhetskopi).
    sikkerhetskopi_telles = {"Avvik": "avvik"}

    def ready(self) -> None:
        from avvik.services import avvik_utfall
        from helsefellesskap.signals import vedtak_registrert

        vedtak_registrert.connect(avvik_utfall, dispatch_uid="avvik.avvik_utfall")
