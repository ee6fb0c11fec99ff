from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from kjerne.tomming import laaser


class Command(DjangoFlush):
    """Django's flush, able to empty the tables apps lock (signed versions, the security log).

    Emptying the whole database is the one operation allowed past those locks: each app says how
    to lift its own (``tommingslaaser`` on its AppConfig, see kjerne.tomming), and they are lifted
    inside the flush's own transaction only, so they can never stay lifted.
    """

    def handle(self, **options):
        database = options["database"]
        tilkobling = connections[database]
        aktuelle = laaser(tilkobling)
        if not aktuelle:
            return super().handle(**options)
        with transaction.atomic(using=database):
            with tilkobling.cursor() as cursor:
                for laas in aktuelle:
                    cursor.execute(laas.opphev)
            super().handle(**options)
            with tilkobling.cursor() as cursor:
                for laas in aktuelle:
                    cursor.execute(laas.gjeninnfor)
        return None
