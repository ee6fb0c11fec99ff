from django.apps import AppConfig


class VarslerConfig(AppConfig):
    name = "varsler"
    verbose_name = "Varsler"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from varsler import sjekker  # noqa: F401 -- registers the deploy check
        from varsler.tjenester import varm_opp_uleste

        user_logged_in.connect(varm_opp_uleste, dispatch_uid="varsler.varm_opp_uleste")
