from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS


class AvvikConfig(AppConfig):
    name = "avvik"
    verbose_name = "Avvik"
    # Counted in the summary of a backup (kjerne.sikkerhetskopi).
    sikkerhetskopi_telles = {"Avvik": "avvik"}

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # The shipped categories are made by data migrations; a flush (manage.py flush, and
        # after each transactional test) empties the table and emits post_migrate.
        post_migrate.connect(sikre_standardkategorier, sender=self, dispatch_uid="avvik.kategorier")

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


def sikre_standardkategorier(sender, *, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: the shipped avvik categories missing from the table (after a flush) are
    created; what an administrator has set is left alone. Uses the model of the migrated state
    (migrate passes it; flush does not); before the payment categories' migration it does
    nothing — the data migrations make them."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import router

    from avvik.kategorier import sikre_betalingskategorier, sikre_kategorier

    try:
        kategori = apps.get_model("avvik", "Avvikskategori")
        kategori._meta.get_field("gjelder_betaling")
    except (LookupError, FieldDoesNotExist):  # no table yet, or an older migrated state
        return
    if using == DEFAULT_DB_ALIAS and router.allow_migrate_model(using, kategori):
        sikre_betalingskategorier(kategori)
        sikre_kategorier(kategori)
