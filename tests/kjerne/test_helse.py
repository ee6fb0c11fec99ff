"""/helse/: the database and the task queue, reported to load balancers."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from avtaler.tasks import lag_pdf
from tests.databasebrudd import databasen_borte, hent


def test_health_check_answers_ok(client, db):
    svar = client.get("/helse/")
    assert svar.status_code == 200
    assert svar.json()["status"] == "ok"


def test_health_reports_the_database_and_an_empty_queue(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        svar = client.get("/helse/")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/json"
    assert "no-store" in svar["Cache-Control"]
    rapport = svar.json()
    assert rapport["status"] == "ok"
    assert rapport["database"]["status"] == "ok"
    assert 0 <= rapport["database"]["svartid_ms"] < 5000
    assert rapport["oppgaveko"] == {
        "status": "ok",
        "ventende": 0,
        "eldste_ventende_sekunder": None,
        "kjorer": 0,
        "eldste_kjorende_sekunder": None,
        "sist_startet_sekunder_siden": None,
    }


def test_health_answers_head_and_refuses_post(client, db):
    assert client.head("/helse/").status_code == 200
    assert client.post("/helse/").status_code == 405


DATABASEKO = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASEKO)
def test_health_tells_a_waiting_queue_from_a_slow_and_a_stopped_worker(client):
    """The tasks are PDF renders of exports that do not exist: the worker has nothing to do."""
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        lag_pdf.enqueue(0)
        lag_pdf.enqueue(0)
        ko = client.get("/helse/").json()["oppgaveko"]
        assert ko["status"] == "ok" and ko["ventende"] == 2
        assert ko["eldste_ventende_sekunder"] == 0

    # Ten minutes later the worker takes one task: it lives, but the other has waited too long.
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        call_command("db_worker", "--max-tasks", "1", "--no-startup-delay", verbosity=0)
        svar = client.get("/helse/")
        assert svar.status_code == 200  # the web instance itself is fine
        rapport = svar.json()
        assert rapport["status"] == "forsinket"
        assert rapport["oppgaveko"] == {
            "status": "forsinket",
            "ventende": 1,
            "eldste_ventende_sekunder": 600,
            "kjorer": 0,
            "eldste_kjorende_sekunder": None,
            "sist_startet_sekunder_siden": 0,
        }

    # Another ten minutes with nothing started: the worker is stopped.
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        svar = client.get("/helse/")
        assert svar.status_code == 200
        ko = svar.json()["oppgaveko"]
        assert ko["status"] == "stoppet"
        assert ko["eldste_ventende_sekunder"] == 1200
        assert ko["sist_startet_sekunder_siden"] == 600


def test_health_is_503_without_the_database_and_says_nothing_of_the_error(live_server, db):
    with databasen_borte():
        status, hoder, tekst = hent(live_server.url + "/helse/")
    assert status == 503
    assert hoder["Content-Type"] == "application/json"
    assert json.loads(tekst) == {
        "status": "feil",
        "database": {"status": "feil"},
        "oppgaveko": {"status": "ukjent"},
    }
    assert hent(live_server.url + "/helse/")[0] == 200
