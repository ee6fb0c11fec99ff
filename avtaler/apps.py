from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from kjerne.tomming import Tommingslaas


class AvtalerConfig(AppConfig):
    name = "avtaler"
    verbose_name = "Samarbeidsavtaler"
    # Counted in the summary of a backup (kjerne.sikkerhetskopi).
    sikkerhetskopi_telles = {
        "Avtale": "avtaler",
        "Avtaleversjon": "versjoner",
        "Signatur": "signaturer",
    }
    # Signed versions refuse DELETE on SQLite unless avtaler_vedlikehold has a row (migration
    # 0002); kjerne's flush lifts that. PostgreSQL's flush uses TRUNCATE, which row triggers miss.
    tommingslaaser = {"sqlite": [Tommingslaas.vedlikeholdsrad("avtaler_vedlikehold")]}

    def laast_tekst(self, modell, rad, felt) -> bool:
        """For kjerne's finn_personnummer: whether a text column of a row (or of its history
        row) is locked. The clauses, parties and title of a version that is no longer a draft
        are (migration 0002's triggers), and so is their history, the record of that text."""
        from avtaler.models import Avtaleversjon, Punktversjon, Versjonspart

        grunn = getattr(modell, "instance_type", modell)
        if grunn in (Punktversjon, Versjonspart):
            versjon_id = rad.versjon_id
        elif grunn is Avtaleversjon and felt.name == "tittel":
            versjon_id = rad.id
        else:
            return False
        # Asked only for rows that hold a number: one query each is cheap.
        return Avtaleversjon.objects.filter(pk=versjon_id).exclude(tilstand="utkast").exists()

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # The § 6-2 topics are seeded by data migrations; a flush (manage.py flush, and between
        # transactional tests) empties the table and emits post_migrate, as contenttypes relies
        # on, so the topics come back here instead of waiting for the demo data.
        post_migrate.connect(sikre_lovtemaer, sender=self, dispatch_uid="avtaler.sikre_lovtemaer")

        from avtaler.varsling import paminnelser_lag
        from varsler.tjenester import paminnelser_registrer

        paminnelser_registrer(paminnelser_lag)

        from avtaler.services.redigering import (
            versjon_behandlet,
            versjon_folger_saken,
            versjon_gjenapnes,
        )
        from helsefellesskap.signals import sak_gjenapnet, sak_sendt_videre, vedtak_registrert

        vedtak_registrert.connect(versjon_behandlet, dispatch_uid="avtaler.versjon_behandlet")
        sak_sendt_videre.connect(versjon_folger_saken, dispatch_uid="avtaler.versjon_folger_saken")
        sak_gjenapnet.connect(versjon_gjenapnes, dispatch_uid="avtaler.versjon_gjenapnes")

        from django.db.models.signals import post_delete, post_save

        from avtaler.models import (
            Avtale,
            Avtaleforhold,
            Avtaleversjon,
            Punktversjon,
            Utskrivningstider,
            Versjonspart,
        )
        from avtaler.utskrivning import ny_generasjon

        for modell in (
            Avtale,
            Avtaleforhold,
            Avtaleversjon,
            Punktversjon,
            Utskrivningstider,
            Versjonspart,
        ):
            for signal in (post_save, post_delete):
                signal.connect(ny_generasjon, sender=modell, dispatch_uid=f"generasjon.{modell}")


def sikre_lovtemaer(sender, *, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: the statutory topics missing from the table (after a flush) are created;
    what an administrator has written is left alone (avtaler.temaer.sikre_temaer). Uses the
    model of the migrated state (migrate passes it; flush does not), which before migration 0003
    has no topic table."""
    from django.db import router

    from avtaler.temaer import sikre_temaer

    try:
        tema = apps.get_model("avtaler", "Tema")
    except LookupError:
        return
    if router.allow_migrate_model(using, tema):
        sikre_temaer(tema, using=using)
