"""Backup and restore of the database and the uploaded files, as one tar archive.

The archive holds ``sikkerhetskopi.json`` (what it is), the database and ``media/`` (MEDIA_ROOT:
case documents and generated PDFs, which the database points at). PostgreSQL is copied by
``pg_dump --format=custom``, SQLite by its backup API; both give a consistent snapshot while the
application runs. The database is copied before the files, so every file it points at is there.

Restoring replaces the database as a whole or not at all: ``pg_restore --single-transaction``,
and SQLite's backup API writes the pages in one transaction. On PostgreSQL ``--clean`` drops the
tables (DROP does not fire the row triggers that lock signed versions and the security log), and
pg_dump places triggers in its post-data section, so they are created after COPY has loaded the
rows; the sequences are set from the dump (``SEQUENCE SET``).
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.db.models import Model
from django.utils import timezone

FORMAT = 1
BESKRIVELSE = "sikkerhetskopi.json"
MEDIA = "media"
DATABASEFIL = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
DATABASENAVN = {"postgresql": "PostgreSQL (pg_dump)", "sqlite": "SQLite (backup-API)"}


class Sikkerhetskopifeil(Exception):
    """A backup or restore that cannot go on; the message is Norwegian and shown as is."""


def databasetype(db: dict) -> str:
    """'postgresql' or 'sqlite' from a DATABASES entry."""
    motor = db["ENGINE"]
    if motor.endswith("postgresql"):
        return "postgresql"
    if motor.endswith("sqlite3"):
        return "sqlite"
    raise Sikkerhetskopifeil(f"Sikkerhetskopi støttes ikke for databasemotoren {motor}.")


def telles() -> list[tuple[type[Model], str]]:
    """The models the summaries count and the word for them, in INSTALLED_APPS order.

    Each app names its own on its AppConfig, so this module never names a domain model::

        sikkerhetskopi_telles = {"Avtale": "avtaler"}  # model name -> word in the summary
    """
    return [
        (app.get_model(modell), navn)
        for app in apps.get_app_configs()
        for modell, navn in getattr(app, "sikkerhetskopi_telles", {}).items()
    ]


def antall(using: str = "default") -> dict[str, int]:
    """Rows of the tables the summaries name, counted in the database."""
    return {navn: modell.objects.using(using).count() for modell, navn in telles()}


def oppsummering(tall: dict[str, int]) -> str:
    return ", ".join(f"{verdi} {navn}" for navn, verdi in tall.items())


def storrelse(byte: int) -> str:
    """A file size for people, Norwegian style (1,5 MB)."""
    for enhet, faktor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if byte >= faktor:
            return f"{byte / faktor:.1f} {enhet}".replace(".", ",")
    return f"{byte} byte"


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg(program: str, db: dict, *argumenter: str) -> None:
    """Run pg_dump or pg_restore against the database; the password goes by PGPASSWORD only."""
    kommando = [program, "--no-password"]
    for flagg, nokkel in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(nokkel):
            kommando.append(f"{flagg}={db[nokkel]}")
    kommando += [f"--dbname={db['NAME']}", *argumenter]
    miljo = dict(os.environ)
    if db.get("PASSWORD"):
        miljo["PGPASSWORD"] = db["PASSWORD"]
    for nokkel, variabel in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if db.get("OPTIONS", {}).get(nokkel):
            miljo[variabel] = str(db["OPTIONS"][nokkel])
    try:
        resultat = subprocess.run(  # noqa: S603 (fixed program, arguments from settings)
            kommando, env=miljo, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise Sikkerhetskopifeil(
            f"Finner ikke {program}. Installer PostgreSQL-klienten i samme hovedversjon som "
            "serveren (Debian: apt-get install postgresql-client)."
        ) from None
    if resultat.returncode != 0:
        raise Sikkerhetskopifeil(f"{program} feilet: {resultat.stderr.strip()}")


# --- the database -----------------------------------------------------------------------------


def _kopier_sqlite(fra: Path | str, til: Path | str) -> None:
    # The backup API reads one consistent snapshot (WAL lets the application write meanwhile)
    # and writes the destination in one transaction.
    try:
        with (
            closing(sqlite3.connect(fra, timeout=20)) as kilde,
            closing(sqlite3.connect(til, timeout=20)) as maal,
        ):
            kilde.backup(maal)
    except sqlite3.Error as feil:
        raise Sikkerhetskopifeil(f"SQLite: {feil}") from None


def _dump_database(db: dict, til: Path) -> None:
    if databasetype(db) == "postgresql":
        _pg("pg_dump", db, "--format=custom", f"--file={til}")
    else:
        _kopier_sqlite(db["NAME"], til)


def _last_database(db: dict, fra: Path) -> None:
    if databasetype(db) == "postgresql":
        _pg(
            "pg_restore",
            db,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(fra),
        )
    else:
        _kopier_sqlite(fra, db["NAME"])


# --- the archive ------------------------------------------------------------------------------


def standardfil(mappe: Path) -> Path:
    return mappe / f"samhandling-{timezone.localtime():%Y%m%d-%H%M%S}.tar"


def ta_sikkerhetskopi(*, fil: Path, db: dict, media_rot: Path, tall: dict[str, int]) -> dict:
    """Write the database and MEDIA_ROOT to a new archive at `fil`; returns its description.

    `tall` are the counts read just before the copy. The archive appears under its name only
    when complete, readable by its owner only (it holds personal data and password hashes)."""
    if fil.exists():
        raise Sikkerhetskopifeil(f"{fil} finnes allerede.")
    type_ = databasetype(db)
    fil.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    beskrivelse = {
        "format": FORMAT,
        "database": type_,
        "laget": timezone.now().isoformat(timespec="seconds"),
        "antall": tall,
    }
    with tempfile.TemporaryDirectory(dir=fil.parent, prefix=".sikkerhetskopi-") as arbeid:
        arbeid = Path(arbeid)
        dump = arbeid / DATABASEFIL[type_]
        _dump_database(db, dump)
        beskrivelse["filer"] = sum(1 for f in media_rot.rglob("*") if f.is_file())
        (arbeid / BESKRIVELSE).write_text(json.dumps(beskrivelse, indent=2), encoding="utf-8")
        delvis = arbeid / "arkiv.tar"
        with tarfile.open(delvis, "w") as arkiv:
            arkiv.add(arbeid / BESKRIVELSE, arcname=BESKRIVELSE)
            arkiv.add(dump, arcname=dump.name)
            if media_rot.is_dir():
                arkiv.add(media_rot, arcname=MEDIA)
            else:
                mappe = tarfile.TarInfo(MEDIA)
                mappe.type, mappe.mode, mappe.mtime = tarfile.DIRTYPE, 0o755, time.time()
                arkiv.addfile(mappe)
        delvis.chmod(0o600)
        delvis.replace(fil)
    return beskrivelse


def les_beskrivelse(fil: Path) -> dict:
    """The description of an archive made by ta_sikkerhetskopi, or Sikkerhetskopifeil."""
    try:
        with tarfile.open(fil, "r") as arkiv:
            innhold = arkiv.extractfile(BESKRIVELSE)
            beskrivelse = json.load(innhold)
        if (
            beskrivelse["format"] != FORMAT
            or beskrivelse["database"] not in DATABASEFIL
            or not isinstance(beskrivelse["antall"], dict)
            or not isinstance(beskrivelse["filer"], int)
        ):
            raise ValueError
        beskrivelse["laget"] = datetime.datetime.fromisoformat(beskrivelse["laget"])
        if timezone.is_naive(beskrivelse["laget"]):
            raise ValueError
    except (OSError, tarfile.TarError, AttributeError, KeyError, TypeError, ValueError):
        raise Sikkerhetskopifeil(
            f"{fil} er ikke en sikkerhetskopi fra «manage.py sikkerhetskopi»."
        ) from None
    return beskrivelse


def tidspunkt(beskrivelse: dict) -> str:
    """When the archive was made, in local time (25.11.2026 kl. 21.05)."""
    return f"{timezone.localtime(beskrivelse['laget']):%d.%m.%Y kl. %H.%M}"


def gjenopprett(*, fil: Path, db: dict, media_rot: Path) -> dict:
    """Replace the database and the contents of MEDIA_ROOT with the archive's.

    The database goes first and as one transaction: if it fails, nothing has changed."""
    beskrivelse = les_beskrivelse(fil)
    type_ = databasetype(db)
    if beskrivelse["database"] != type_:
        raise Sikkerhetskopifeil(
            f"Sikkerhetskopien er av en {beskrivelse['database']}-database og kan ikke "
            f"gjenopprettes til {type_}."
        )
    with tempfile.TemporaryDirectory(prefix="gjenoppretting-") as arbeid:
        arbeid = Path(arbeid)
        with tarfile.open(fil, "r") as arkiv:
            # The "data" filter refuses absolute paths, links out of the directory and devices.
            arkiv.extractall(arbeid, filter="data")
        _last_database(db, arbeid / DATABASEFIL[type_])
        media_rot.mkdir(parents=True, exist_ok=True)
        for gammel in media_rot.iterdir():
            if gammel.is_dir() and not gammel.is_symlink():
                shutil.rmtree(gammel)
            else:
                gammel.unlink()
        for ny in (arbeid / MEDIA).iterdir():
            shutil.move(ny, media_rot / ny.name)
    return beskrivelse
