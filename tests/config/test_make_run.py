"""`make run`: the task worker's errors reach the terminal, and the port is a variable."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make mangler")


def _kommandoer(*variabler: str) -> str:
    # -n prints what `make run` would do without doing it; -B ignores what is up to date.
    return subprocess.run(
        [MAKE, "-n", "-B", "run", *variabler],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_workers_output_is_not_thrown_away():
    (arbeider,) = [linje for linje in _kommandoer().splitlines() if "db_worker" in linje]
    assert "/dev/null" not in arbeider
    assert "DJANGO_LOG_LEVEL=WARNING" in arbeider


def test_the_port_is_chosen_on_the_command_line():
    assert "runserver 127.0.0.1:8001" in _kommandoer("PORT=8001")
