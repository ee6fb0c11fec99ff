import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler

from config.database import database_config
from config.env import env_bool, env_int, env_list

ROT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("verdi", "forventet"), [("1", True), ("true", True), ("0", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, verdi, forventet):
    monkeypatch.setenv("X_BOOL", verdi)
    assert env_bool("X_BOOL") is forventet


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("X_BOOL", "kanskje")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")


def test_env_int_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("X_INT", "ti")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.no, b.no,,")
    assert env_list("X_LIST") == ["a.no", "b.no"]


def test_without_database_url_sqlite_runs_in_wal_mode(tmp_path, django_db_blocker):
    config = database_config("", tmp_path / "db.sqlite3")
    tilkoblinger = ConnectionHandler({"default": config})
    tilkobling = tilkoblinger["default"]
    # A separate file database, not the test database: unblock pytest-django's guard.
    with django_db_blocker.unblock():
        with tilkobling.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
        tilkobling.close()


def test_database_url_gives_postgresql_with_a_connection_pool():
    config = database_config("postgres://app:hemmelig@db:5432/samhandling", Path("x"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "samhandling"
    assert config["HOST"] == "db"
    assert config["OPTIONS"]["pool"]["max_size"] >= 2
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("url", ["mysql://x@y/z", "ikke en url"])
def test_other_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_config(url, Path("x"))


def _manage(*args, **env):
    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    miljo.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROT,
        env=miljo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_requires_a_secret_key():
    resultat = _manage("check", DJANGO_DEBUG="0")
    assert resultat.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in resultat.stderr


def test_check_deploy_is_clean_in_production_mode():
    resultat = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k3y" * 12,
        DJANGO_ALLOWED_HOSTS="samhandling.example.no",
        DJANGO_NETTSTED_URL="https://samhandling.example.no",
    )
    assert resultat.returncode == 0, resultat.stderr + resultat.stdout
    assert "no issues" in resultat.stdout


def test_no_model_change_lacks_a_migration(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_redis_url_gives_a_shared_cache():
    kode = "from config import settings as s; print(s.CACHES['default']['BACKEND'])"
    miljo = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for url, forventet in [
        ("redis://redis:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("", "django.core.cache.backends.locmem.LocMemCache"),
    ]:
        resultat = subprocess.run(
            [sys.executable, "-c", kode],
            cwd=ROT,
            env={**miljo, "DJANGO_DEBUG": "1", "DJANGO_REDIS_URL": url},
            capture_output=True,
            text=True,
            check=True,
        )
        assert resultat.stdout.strip() == forventet
