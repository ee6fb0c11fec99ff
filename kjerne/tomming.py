"""Emptying the whole database (``manage.py flush``, and between transactional tests) past the
locks apps put on their own tables.

An app whose triggers refuse to let its rows be deleted or truncated names, on its AppConfig, how
the flush lifts them and puts them back, per database vendor::

    tommingslaaser = {"sqlite": [Tommingslaas.vedlikeholdsrad("avtaler_vedlikehold")]}

The flush runs both inside its own transaction, so a lock can never stay lifted.
"""

from typing import NamedTuple

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper


class Tommingslaas(NamedTuple):
    opphev: str  # SQL run first in the flush's transaction
    gjeninnfor: str  # SQL run last in the same transaction

    @classmethod
    def vedlikeholdsrad(cls, tabell: str) -> "Tommingslaas":
        """Triggers that let a DELETE through while ``tabell`` has a row (SQLite's locks here)."""
        return cls(
            opphev=f"INSERT INTO {tabell} (aktiv) VALUES (1)",  # noqa: S608 (a table name of ours)
            gjeninnfor=f"DELETE FROM {tabell}",  # noqa: S608
        )


def laaser(tilkobling: BaseDatabaseWrapper) -> list[Tommingslaas]:
    """The locks to lift on this database, of the apps whose tables it has (in app order)."""
    tabeller = set(tilkobling.introspection.table_names())
    return [
        laas
        for app in apps.get_app_configs()
        if any(modell._meta.db_table in tabeller for modell in app.get_models())
        for laas in getattr(app, "tommingslaaser", {}).get(tilkobling.vendor, ())
    ]
