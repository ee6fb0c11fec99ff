from django.apps import AppConfig


class YtelseConfig(AppConfig):
    name = "ytelse"
    verbose_name = "Ytelse og skala"
