from django.apps import AppConfig


class HelsefellesskapConfig(AppConfig):
    name = "helsefellesskap"
    verbose_name = "Helsefellesskap og organisasjoner"
    # Counted in the summary of a backup (kjerne.sikkerhetskopi).
    sikkerhetskopi_telles = {"Vedtak": "vedtak"}
