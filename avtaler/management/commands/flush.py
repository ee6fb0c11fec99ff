from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction


class Command(DjangoFlush):
    """Django's flush, able to empty signed agreements on SQLite.

    Signed versions are protected by triggers (migration avtaler 0002). Emptying the
    whole database is the one operation allowed past them: the lock is lifted inside
    the flush's own transaction only, so it can never stay lifted.
    """

    def handle(self, **options):
        database = options["database"]
        tilkobling = connections[database]
        if tilkobling.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=database):
            with tilkobling.cursor() as cursor:
                cursor.execute("INSERT INTO avtaler_vedlikehold (aktiv) VALUES (1)")
            super().handle(**options)
            with tilkobling.cursor() as cursor:
                cursor.execute("DELETE FROM avtaler_vedlikehold")
        return None
