from django.apps import AppConfig


class AvtalerConfig(AppConfig):
    name = "avtaler"
    verbose_name = "Samarbeidsavtaler"

    def ready(self) -> None:
        from avtaler.services import versjon_behandlet
        from helsefellesskap.signals import vedtak_registrert

        vedtak_registrert.connect(versjon_behandlet, dispatch_uid="avtaler.versjon_behandlet")
