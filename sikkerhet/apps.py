from django.apps import AppConfig


class SikkerhetConfig(AppConfig):
    name = "sikkerhet"
    verbose_name = "Sikkerhet"

    def ready(self) -> None:
        from sikkerhet import signaler

        signaler.koble_til()
