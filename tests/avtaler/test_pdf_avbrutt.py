"""A PDF render that crashes leaves no file and no finished row, and can be tried again.

A render that raises is covered in tests/avtaler/test_pdf.py
(test_a_failed_render_leaves_no_file_and_can_be_retried); here the process dies, and the
database fails after the file is written (tests/databasebrudd.py makes it fail for real).
"""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage
from django.db import OperationalError, connection
from django.test import override_settings

from avtaler import pdf as pdfmodul
from avtaler.models import Pdfeksport
from tests.databasebrudd import databasen_borte
from tests.factories import iverksett, lag_avtale, nye_punkter

D = datetime.date
ROT = Path(settings.BASE_DIR)


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
