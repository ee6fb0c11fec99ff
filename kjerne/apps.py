from django.apps import AppConfig


class KjerneConfig(AppConfig):
    name = "kjerne"
    verbose_name = "Felles infrastruktur"

    def ready(self):
        from kjerne import sjekker  # noqa: F401 -- registers the deploy checks
