from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

LOGG = "sikkerhet_sikkerhetshendelse"


class Command(DjangoFlush):
    """Django's flush, able to empty locked tables on SQLite.

    Signed versions (migration avtaler 0002) and the security log (sikkerhet 0001) are
    protected by triggers that let a DELETE through only while their app's maintenance table
    (``*_vedlikehold``) has a row. Emptying the whole database is the one operation allowed
    past them: the locks are lifted inside the flush's own transaction only, so they can never
    stay lifted. PostgreSQL's flush uses TRUNCATE, which only the security log refuses; its
    trigger is lifted the same way.
    """

    def handle(self, **options):
        database = options["database"]
        tilkobling = connections[database]
        if tilkobling.vendor == "postgresql":
            # TRUNCATE is refused on the security log (sikkerhet 0002) but for this transaction.
            with transaction.atomic(using=database), tilkobling.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {LOGG} DISABLE TRIGGER sikkerhet_logg_trunkering")
                super().handle(**options)
                cursor.execute(f"ALTER TABLE {LOGG} ENABLE TRIGGER sikkerhet_logg_trunkering")
            return None
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
