from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction


class Command(DjangoFlush):
    """Django's flush, able to empty locked tables on SQLite.

    Signed versions (migration avtaler 0002) and the security log (sikkerhet 0001) are
    protected by triggers that let a DELETE through only while their app's maintenance table
    (``*_vedlikehold``) has a row. Emptying the whole database is the one operation allowed
    past them: the locks are lifted inside the flush's own transaction only, so they can never
    stay lifted. PostgreSQL's flush uses TRUNCATE, which the triggers do not see.
    """

    def handle(self, **options):
        database = options["database"]
        tilkobling = connections[database]
        if tilkobling.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=database):
            with tilkobling.cursor() as cursor:
                cursor.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name LIKE '%vedlikehold'"
                )
                tabeller = [rad[0] for rad in cursor.fetchall()]
                for tabell in tabeller:
                    cursor.execute(f'INSERT INTO "{tabell}" (aktiv) VALUES (1)')  # noqa: S608
            super().handle(**options)
            with tilkobling.cursor() as cursor:
                for tabell in tabeller:
                    cursor.execute(f'DELETE FROM "{tabell}"')  # noqa: S608
        return None
