from django.apps import AppConfig


class AvvikConfig(AppConfig):
    name = "avvik"
    verbose_name = "Avvik"
    # Counted in the summary of a backup (kjerne.sikkerhetskopi).
    sikkerhetskopi_telles = {"Avvik": "avvik"}

    def ready(self) -> None:
        from avvik.varsling import frister_paminn
        from varsler.tjenester import paminnelser_registrer

        paminnelser_registrer(frister_paminn)

        from avvik.services import avvik_folger_saken, avvik_sak_gjenapnet, avvik_utfall
        from helsefellesskap.signals import sak_gjenapnet, sak_sendt_videre, vedtak_registrert

        vedtak_registrert.connect(avvik_utfall, dispatch_uid="avvik.avvik_utfall")
        sak_sendt_videre.connect(avvik_folger_saken, dispatch_uid="avvik.avvik_folger_saken")
        sak_gjenapnet.connect(avvik_sak_gjenapnet, dispatch_uid="avvik.avvik_sak_gjenapnet")

        from django.db.models.signals import post_save

        from avvik.stiger import helsefellesskap_opprettet
        from helsefellesskap.models import Helsefellesskap

        # The escalation ladders are made with the Helsefellesskap, not on the first read.
        post_save.connect(
            helsefellesskap_opprettet, sender=Helsefellesskap, dispatch_uid="avvik.stiger"
        )
