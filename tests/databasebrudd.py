"""Making the database unavailable for real, on whichever database the suite runs.

On PostgreSQL the test database stops taking connections (``ALTER DATABASE … ALLOW_CONNECTIONS
false``) and every backend the pool holds is terminated (``pg_terminate_backend``). SQLite has no
server to stop, and as root no file permission keeps a reader out; its closest real equivalent is
another connection holding the file exclusively (``locking_mode=EXCLUSIVE``), so every reader and
writer gets «database is locked» when its timeout runs out. Only the waiting is shortened (the
pool's timeout, SQLite's busy timeout) so the tests do not wait ten or twenty seconds per request.
"""

import contextlib
import sqlite3
import urllib.error
import urllib.request

from django.db import connection, connections

KORT_VENT_SEKUNDER = 1


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
    # Each outage starts from a fresh pool, as each test specifies one outage. With the pool
    # the earlier tests had used, the first request after an outage sometimes waited out the
    # pool's whole timeout in full-suite runs (on main too), never when these tests ran alone.
    connection.close()
    connection.close_pool()
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


def hent(url: str, **hoder: str) -> tuple[int, dict, str]:
    foresporsel = urllib.request.Request(url, headers=hoder)  # noqa: S310 (the live server)
    try:
        with urllib.request.urlopen(foresporsel, timeout=60) as svar:  # noqa: S310
            return svar.status, svar.headers, svar.read().decode()
    except urllib.error.HTTPError as feil:
        return feil.code, feil.headers, feil.read().decode()
