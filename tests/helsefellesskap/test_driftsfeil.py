"""Faults and recovery (#10): the database going away, /helse/, and a PDF render that crashes.

The faults are real on whichever database the suite runs. On PostgreSQL the test database stops
taking connections (``ALTER DATABASE … ALLOW_CONNECTIONS false``) and every backend the pool
holds is terminated (``pg_terminate_backend``). SQLite has no server to stop, and as root no
file permission keeps a reader out; its closest real equivalent is another connection holding
the file exclusively (``locking_mode=EXCLUSIVE``), so every reader and writer gets «database is
locked» when its timeout runs out. Only the waiting is shortened (the pool's timeout, SQLite's
busy timeout) so the tests do not wait ten or twenty seconds per request.

The requests go through a real server (``live_server``): Django's test client keeps one
connection for the whole test and never returns it to the pool, so it could not show that the
next request after an outage succeeds by itself.
"""

import contextlib
import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.test import Client, override_settings
from django.urls import path

from avtaler import pdf as pdfmodul
from avtaler.models import Pdfeksport
from avtaler.tasks import lag_pdf
from kjerne.tilgang import offentlig
from tests.factories import iverksett, lag_avtale, nye_punkter

D = datetime.date
KORT_VENT_SEKUNDER = 1
MELDING = "Tjenesten er midlertidig utilgjengelig"
ROT = Path(settings.BASE_DIR)


# --- making the database unavailable for real ----------------------------------------------


@contextlib.contextmanager
def _postgresql_borte():
    import psycopg
    from psycopg import sql

    innstillinger = connection.settings_dict
    # A database cannot close itself to connections: this is said from the maintenance
    # database, as Django does to create the test database. Nothing in it changes.
    parametre = {
        "dbname": "postgres",
        "user": innstillinger["USER"],
        "password": innstillinger["PASSWORD"],
        "host": innstillinger["HOST"],
        "port": innstillinger["PORT"],
    }
    admin = psycopg.connect(**{k: v for k, v in parametre.items() if v}, autocommit=True)
    database = sql.Identifier(innstillinger["NAME"])
    pool = connection.pool
    vent = pool.timeout
    try:
        admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(database))
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [innstillinger["NAME"]],
        )
        pool.timeout = KORT_VENT_SEKUNDER
        yield
    finally:
        admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(database))
        admin.close()
        pool.timeout = vent
        # The test's own connection was terminated too: hand it back as a request would, and
        # the pool replaces it.
        connection.close()


@contextlib.contextmanager
def _sqlite_borte():
    valg = connection.settings_dict["OPTIONS"]  # shared by the connections of every thread
    vent = valg["timeout"]
    # The file can be taken exclusively only while no one has it open: the server closes its
    # connections after each request, the test closes its own.
    connections.close_all()
    laas = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        laas.execute("PRAGMA locking_mode=EXCLUSIVE")
        laas.execute("BEGIN EXCLUSIVE")
        valg["timeout"] = KORT_VENT_SEKUNDER
        yield
    finally:
        laas.close()  # releases the lock
        valg["timeout"] = vent


def databasen_borte():
    """Inside the block the database is unavailable to the application; after it, back."""
    return _postgresql_borte() if connection.vendor == "postgresql" else _sqlite_borte()


def _hent(url: str, **hoder: str) -> tuple[int, dict, str]:
    foresporsel = urllib.request.Request(url, headers=hoder)  # noqa: S310 (the live server)
    try:
        with urllib.request.urlopen(foresporsel, timeout=60) as svar:  # noqa: S310
            return svar.status, svar.headers, svar.read().decode()
    except urllib.error.HTTPError as feil:
        return feil.code, feil.headers, feil.read().decode()


@pytest.fixture
def innlogget_cookie(client, koordinator):
    """The session cookie of a logged-in user, for requests to the live server."""
    client.force_login(koordinator)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# --- (a) the database going away mid-run ---------------------------------------------------


def test_the_database_going_away_gives_a_norwegian_503_and_the_app_recovers_by_itself(
    live_server, kommune, innlogget_cookie
):
    forside = live_server.url + "/"
    assert _hent(forside)[0] == 200
    assert _hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)[0] == 200

    with databasen_borte():
        status, hoder, html = _hent(forside)
        assert status == 503
        assert MELDING in html and "Prøv igjen om et minutt" in html
        assert "Traceback" not in html and "locked" not in html and "connection" not in html
        assert hoder["Retry-After"] == "60"
        assert "no-store" in hoder["Cache-Control"]
        # The view's error passed the rest of the middleware: its headers are there.
        assert "frame-ancestors" in hoder["Content-Security-Policy"]

        # Logged in, the session and user lookup in the middleware meets the outage first.
        status, hoder, html = _hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)
        assert status == 503 and MELDING in html and hoder["Retry-After"] == "60"
        assert "frame-ancestors" in hoder["Content-Security-Policy"]

        # An htmx request gets the message alone, to show in place.
        status, _, fragment = _hent(forside, **{"HX-Request": "true"})
        assert status == 503
        assert "Prøv igjen om et minutt" in fragment and "<html" not in fragment

    # Nothing restarted: the very next requests are served again.
    assert _hent(forside)[0] == 200
    status, _, html = _hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)
    assert status == 200 and "Min side" in html


def test_connections_the_server_dropped_are_replaced_without_a_failed_request(live_server, db):
    """With the pool, connections killed while idle are tried before use and replaced.

    On SQLite there is no pool and no server: each request opens the file anew, so the
    equivalent is that a lock released just now stands in the way of no request.
    """
    helse = live_server.url + "/helse/"
    assert _hent(helse)[0] == 200
    with databasen_borte():
        pass  # every pooled connection is terminated; the database comes straight back
    for _ in range(5):
        assert _hent(helse)[0] == 200


@offentlig
def _feil_sql(request):
    with connection.cursor() as cursor:
        cursor.execute("SELEC 1")  # a mistake in the code, not an outage


urlpatterns = [path("feil-sql/", _feil_sql)]
handler500 = "helsefellesskap.views.serverfeil"


@pytest.mark.urls(__name__)
def test_a_mistake_in_sql_stays_a_500(db):
    """SQLite reports a syntax error as OperationalError too; it must not look like an outage."""
    svar = Client(raise_request_exception=False).get("/feil-sql/")
    assert svar.status_code == 500
    assert "Retry-After" not in svar
    assert "Noe gikk galt" in svar.content.decode()


# --- (b) /helse/ ---------------------------------------------------------------------------


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
        status, hoder, tekst = _hent(live_server.url + "/helse/")
    assert status == 503
    assert hoder["Content-Type"] == "application/json"
    assert json.loads(tekst) == {
        "status": "feil",
        "database": {"status": "feil"},
        "oppgaveko": {"status": "ukjent"},
    }
    assert _hent(live_server.url + "/helse/")[0] == 200


# --- (c) a PDF render that crashes ---------------------------------------------------------
# A render that raises is covered in tests/avtaler/test_pdf.py
# (test_a_failed_render_leaves_no_file_and_can_be_retried); here the process dies, and the
# database fails after the file is written.


@pytest.fixture
def eksport(kommune, helseforetak):
    # Long enough that rendering takes a while: the worker is killed in the middle of it.
    punkter = nye_punkter(60, prefiks="Partene skal samarbeide om utskrivning. " * 40)
    versjon = iverksett(
        lag_avtale(kommune.helsefellesskap, [kommune, helseforetak], punkter=punkter),
        D(2025, 1, 1),
    )
    # Created, not ordered: ordering would render it at once with the test's task backend.
    return Pdfeksport.objects.create(versjon=versjon, innhold=pdfmodul.SIGNERT)


ARBEIDER = """
import sys
import tests.settings as innstillinger

innstillinger.DATABASES["default"]["NAME"] = sys.argv[2]
innstillinger.STORAGES["default"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": sys.argv[3]},
}
import django

django.setup()
from avtaler.pdf import pdf_lag

pdf_lag(int(sys.argv[1]))
"""


def _drep_under_rendering(eksport: Pdfeksport, filer: Path) -> None:
    """Render in a worker process of its own and kill it (SIGKILL, as the OOM killer does)
    once it has taken the export and is rendering."""
    miljo = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    arbeider = subprocess.Popen(
        [
            sys.executable,
            "-c",
            ARBEIDER,
            str(eksport.pk),
            settings.DATABASES["default"]["NAME"],
            str(filer),
        ],
        cwd=ROT,
        env=miljo,
    )
    try:
        frist = time.monotonic() + 60
        while Pdfeksport.objects.get(pk=eksport.pk).status == Pdfeksport.Status.VENTER:
            assert arbeider.poll() is None, "the worker ended before it took the export"
            assert time.monotonic() < frist, "the worker never took the export"
            time.sleep(0.02)
        arbeider.send_signal(signal.SIGKILL)
    finally:
        arbeider.kill()
        arbeider.wait()
    assert arbeider.returncode == -signal.SIGKILL


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_rendering_leaves_no_file_and_no_finished_row(eksport, tmp_path):
    _drep_under_rendering(eksport, tmp_path)
    eksport.refresh_from_db()
    assert eksport.status == Pdfeksport.Status.GENERERER
    assert not eksport.fil and not eksport.sha256 and eksport.ferdig is None
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.django_db(transaction=True)
def test_an_export_whose_worker_died_can_be_tried_again_later(eksport, tmp_path):
    _drep_under_rendering(eksport, tmp_path)
    # While it may still be rendering, no second render is started.
    eksport = pdfmodul.pdf_prov_igjen(eksport)
    assert eksport.status == Pdfeksport.Status.GENERERER and not eksport.kan_provs_igjen
    # Long after, the worker must have died: the page offers to try again, and it can.
    with time_machine.travel(datetime.timedelta(minutes=11)):
        eksport.refresh_from_db()
        assert eksport.kan_provs_igjen
        eksport = pdfmodul.pdf_prov_igjen(eksport)
    # The tests' task backend runs the new render at once: done, with its file.
    assert eksport.status == Pdfeksport.Status.FERDIG and eksport.fil and eksport.sha256


class LagringSomSvikter(InMemoryStorage):
    """Keeps files in memory and lets a test make the database fail once a file is written."""

    etter_skriving = None

    def _save(self, name, content):
        navn = super()._save(name, content)
        if self.etter_skriving is not None:
            self.etter_skriving()
        return navn


LAGRING = {
    "default": {"BACKEND": f"{__name__}.LagringSomSvikter"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.mark.django_db(transaction=True)
@override_settings(STORAGES=LAGRING)
def test_the_database_failing_after_the_file_is_written_leaves_no_file_and_no_finished_row(
    eksport,
):
    """PostgreSQL goes away between writing the file and saving the row. On SQLite the worker
    already holds the write lock then, so nobody else can take the file away; the closest real
    fault is the disk turning read-only (``PRAGMA query_only``, SQLITE_READONLY)."""
    with contextlib.ExitStack() as etterpa:
        if connection.vendor == "postgresql":
            default_storage.etter_skriving = lambda: etterpa.enter_context(databasen_borte())
        else:

            def skrivebeskytt():
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA query_only = ON")
                etterpa.callback(connection.cursor().execute, "PRAGMA query_only = OFF")

            default_storage.etter_skriving = skrivebeskytt
        with pytest.raises(OperationalError):
            pdfmodul.pdf_lag(eksport.pk)

    eksport.refresh_from_db()
    assert eksport.status != Pdfeksport.Status.FERDIG
    assert not eksport.fil and not eksport.sha256 and eksport.ferdig is None
    _, filer = default_storage.listdir("avtaler/pdf")
    assert filer == []
