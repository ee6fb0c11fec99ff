from django.apps import AppConfig


class ApnedataConfig(AppConfig):
    name = "apnedata"
    verbose_name = "Åpne data"

    def ready(self) -> None:
        from apnedata.eksport import planlegg_eksport
        from avtaler.signals import versjon_inngatt

        versjon_inngatt.connect(planlegg_eksport, dispatch_uid="apnedata.planlegg_eksport")
