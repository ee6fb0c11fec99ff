from django.apps import AppConfig


class AvvikConfig(AppConfig):
    name = "avvik"
    verbose_name = "Avvik"
