from django.apps import AppConfig


class KjerneConfig(AppConfig):
    name = "kjerne"
    verbose_name = "Felles infrastruktur"
