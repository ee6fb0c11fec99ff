"""Retention of the security log: delete the events older than SIKKERHETSLOGG_OPPBEVARING_MANEDER
months (twelve unless set longer), the period the privacy statement states.

Deletion, not anonymisation: the log is about people (who logged in, from where), and nothing
else points at its rows. The database triggers let DELETE through only for rows older than twelve
months (migration 0005), so a longer setting is kept and a shorter one is refused by the settings
and the database alike. Idempotent: run it every night (docker-compose.yml's scheduler); it
deletes in batches, each its own transaction, so an interrupted run continues the next time. What
it deleted is itself logged, as a count."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sikkerhet.logg import Type, registrer
from sikkerhet.models import Sikkerhetshendelse

PARTI = 5000
MINST_MANEDER = 12


def grense_for(i_dag: datetime.date, maneder: int) -> datetime.datetime:
    """Midnight (Oslo time) `maneder` months before today: what happened before it is older."""
    ar, maned = divmod(i_dag.year * 12 + i_dag.month - 1 - maneder, 12)
    dag = i_dag.day
    while True:
        try:
            dato = datetime.date(ar, maned + 1, dag)
            break
        except ValueError:  # 31st or 29 February in a shorter month
            dag -= 1
    return timezone.make_aware(datetime.datetime.combine(dato, datetime.time.min))


def slett_eldre_enn(grense: datetime.datetime) -> int:
    slettet = 0
    while True:
        with transaction.atomic():
            ider = list(
                Sikkerhetshendelse.objects.filter(tidspunkt__lt=grense)
                .order_by("pk")
                .values_list("pk", flat=True)[:PARTI]
            )
            if not ider:
                return slettet
            slettet += Sikkerhetshendelse.objects.filter(pk__in=ider).delete()[0]


class Command(BaseCommand):
    help = (
        "Sletter hendelser i sikkerhetsloggen som er eldre enn "
        "SIKKERHETSLOGG_OPPBEVARING_MANEDER måneder (standard 12, som personvernerklæringen "
        "sier). Kan kjøres så ofte man vil (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vis hvor mange hendelser som ville blitt slettet, uten å slette noe.",
        )

    def handle(self, *args, dry_run: bool, **options):
        maneder = settings.SIKKERHETSLOGG_OPPBEVARING_MANEDER
        if maneder < MINST_MANEDER:
            raise CommandError(
                f"SIKKERHETSLOGG_OPPBEVARING_MANEDER må være minst {MINST_MANEDER}, ikke {maneder}."
            )
        grense = grense_for(timezone.localdate(), maneder)
        self.stdout.write(
            f"Oppbevaringstid {maneder} måneder: hendelser fra før {grense:%d.%m.%Y} skal slettes."
        )
        if dry_run:
            antall = Sikkerhetshendelse.objects.filter(tidspunkt__lt=grense).count()
            self.stdout.write(f"Tørrkjøring: {antall} hendelser ville blitt slettet.")
            return
        antall = slett_eldre_enn(grense)
        if antall:
            registrer(
                Type.LOGG_SLETTET,
                beskrivelse=f"{antall} hendelser fra før {grense:%d.%m.%Y} slettet "
                f"(oppbevaringstid {maneder} måneder)",
            )
        self.stdout.write(f"Slettet {antall} hendelser.")
