"""Retention of the security log (#15 item 4): events older than the period the privacy
statement states (twelve months) are deleted by the nightly job; nothing younger can be deleted
by anyone, the database refuses it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from helsefellesskap.models import Erklaering
from sikkerhet.management.commands.slett_gammel_sikkerhetslogg import grense_for
from sikkerhet.models import Sikkerhetshendelse
from tests.factories import UserFactory

Type = Sikkerhetshendelse.Type


def _hendelse(dager_siden: float, **felt) -> Sikkerhetshendelse:
    return Sikkerhetshendelse.objects.create(
        type=Type.INNLOGGING,
        tidspunkt=timezone.now() - datetime.timedelta(days=dager_siden),
        **felt,
    )


def _kjor(*args) -> str:
    ut = io.StringIO()
    call_command("slett_gammel_sikkerhetslogg", *args, stdout=ut)
    return ut.getvalue()


def test_events_older_than_twelve_months_are_deleted_and_the_rest_kept(db):
    bruker = UserFactory()
    gammel = _hendelse(400, bruker=bruker)
    eldgammel = _hendelse(3000, brukernavn="ukjent@example.no")
    ny = _hendelse(300, bruker=bruker)
    i_dag = _hendelse(0, bruker=bruker)
    torr = _kjor("--dry-run")
    assert "2 hendelser ville blitt slettet" in torr
    assert Sikkerhetshendelse.objects.count() == 4
    assert "Slettet 2 hendelser" in _kjor()
    igjen = set(Sikkerhetshendelse.objects.values_list("pk", flat=True))
    assert {ny.pk, i_dag.pk} <= igjen and not {gammel.pk, eldgammel.pk} & igjen
    # The deletion is itself in the log, as a count.
    slettet = Sikkerhetshendelse.objects.get(type=Type.LOGG_SLETTET)
    assert slettet.beskrivelse.startswith("2 hendelser fra før")
    # Idempotent: a second run finds nothing, and logs nothing.
    assert "Slettet 0 hendelser" in _kjor()
    assert Sikkerhetshendelse.objects.filter(type=Type.LOGG_SLETTET).count() == 1


def test_a_longer_period_keeps_more_and_a_shorter_one_is_refused(db, settings):
    gammel = _hendelse(400)
    settings.SIKKERHETSLOGG_OPPBEVARING_MANEDER = 24
    assert "Slettet 0 hendelser" in _kjor()
    assert Sikkerhetshendelse.objects.filter(pk=gammel.pk).exists()
    settings.SIKKERHETSLOGG_OPPBEVARING_MANEDER = 6
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="minst 12"):
        _kjor()


def test_the_database_refuses_to_delete_younger_events_or_change_any(db):
    """Not even a stray query or the admin can shorten the period: the floor is in the triggers."""
    ny = _hendelse(360)
    gammel = _hendelse(370)
    with pytest.raises(DatabaseError), transaction.atomic():
        Sikkerhetshendelse.objects.filter(pk=ny.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Sikkerhetshendelse.objects.filter(pk=gammel.pk).update(beskrivelse="endret")
    Sikkerhetshendelse.objects.filter(pk=gammel.pk).delete()
    assert list(Sikkerhetshendelse.objects.values_list("pk", flat=True)) == [ny.pk]


@pytest.mark.parametrize(
    ("i_dag", "maneder", "grense"),
    [
        (datetime.date(2026, 11, 29), 12, datetime.date(2025, 11, 29)),
        (datetime.date(2026, 3, 31), 13, datetime.date(2025, 2, 28)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 1, 15), 18, datetime.date(2025, 7, 15)),
    ],
)
def test_the_limit_is_midnight_that_many_months_ago(i_dag, maneder, grense):
    assert grense_for(i_dag, maneder) == timezone.make_aware(
        datetime.datetime.combine(grense, datetime.time.min)
    )


def test_the_privacy_statement_states_the_period(client, db):
    """The period is stated where users read it, and the nightly job runs it."""
    from pathlib import Path

    tekst = Erklaering.objects.hent(Erklaering.Type.PERSONVERN).tekst
    assert "Sikkerhetsloggen lagres i {oppbevaring_sikkerhetslogg}" in tekst
    assert "Sikkerhetsloggen lagres i 12 måneder" in client.get("/personvern/").content.decode()
    compose = (Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text()
    assert "python manage.py slett_gammel_sikkerhetslogg" in compose


def test_the_statement_and_the_deletion_read_the_same_setting(client, db, settings):
    """Issue 15: the text said «12 måneder» whatever the job was set to."""
    settings.SIKKERHETSLOGG_OPPBEVARING_MANEDER = 18
    side = client.get("/personvern/").content.decode()
    assert "Sikkerhetsloggen lagres i 18 måneder" in side and "12 måneder" not in side
    _hendelse(17 * 31)  # kept
    _hendelse(19 * 31)  # deleted
    ut = io.StringIO()
    call_command("slett_gammel_sikkerhetslogg", stdout=ut)
    assert "Oppbevaringstid 18 måneder" in ut.getvalue()
    assert Sikkerhetshendelse.objects.filter(type=Type.INNLOGGING).count() == 1


def test_an_administrator_cannot_write_a_period_of_their_own(client, systemforvalter):
    client.force_login(systemforvalter)
    tekst = Erklaering.objects.hent(Erklaering.Type.PERSONVERN).tekst
    egen = tekst.replace("{oppbevaring_sikkerhetslogg}", "seks måneder")
    svar = client.post("/personvern/rediger/", {"tekst": egen})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "{oppbevaring_sikkerhetslogg}" in html and "nå 12 måneder" in html
    assert "seks måneder" in html  # the text as written stays in the form
    assert client.post("/personvern/rediger/", {"tekst": tekst + "\nNy linje."}).status_code == 302


def test_the_migration_puts_the_marker_in_every_kind_of_statement():
    from importlib import import_module

    migrering = import_module(
        "helsefellesskap.migrations.0013_personvern_oppbevaring_fra_innstilling"
    )
    gammel = (
        "Tekst.\n\n## Hvor lenge opplysningene lagres\n- Sikkerhetsloggen lagres i tolv "
        "måneder og slettes deretter automatisk hver natt.\n- Avvik."
    )
    ny = migrering.med_merket(gammel)
    assert "- Sikkerhetsloggen lagres i {oppbevaring_sikkerhetslogg} og slettes" in ny
    assert "tolv" not in ny and ny.endswith("- Avvik.")
    omskrevet = migrering.med_merket("A.\n- Sikkerhetsloggen lagres et år.\nB.")
    assert omskrevet == f"A.\n{migrering.LINJE}\nB."
    assert migrering.LINJE in migrering.med_merket("Bare tekst.")
    assert migrering.med_merket(ny) == ny


def test_an_edited_privacy_statement_gets_the_line_and_keeps_its_text():
    from importlib import import_module

    migrering = import_module("helsefellesskap.migrations.0009_personvern_sikkerhetslogg")
    med_overskrift = "Vår tekst.\n\n## Hvor lenge opplysningene lagres\n- Avvik i ti år."
    assert migrering.med_linjen(med_overskrift) == (
        f"Vår tekst.\n\n## Hvor lenge opplysningene lagres\n{migrering.LINJE}\n- Avvik i ti år."
    )
    uten = migrering.med_linjen("Bare vår tekst.")
    assert uten.startswith("Bare vår tekst.\n\n## Hvor lenge") and migrering.LINJE in uten
    assert migrering.med_linjen(uten) == uten
