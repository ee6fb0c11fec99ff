"""manage.py flush empties the tables apps lock, and the locks are back afterwards.

Transactional tests rely on it between tests; each app names its own locks on its AppConfig
(signed versions: tests/avtaler/test_immutability.py; the security log: here).
"""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from sikkerhet.logg import registrer
from sikkerhet.models import Sikkerhetshendelse


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_security_log_and_its_lock_is_back_afterwards(ansatt):
    registrer(Sikkerhetshendelse.Type.INNLOGGING, bruker=ansatt)
    call_command("flush", interactive=False, verbosity=0)
    assert not Sikkerhetshendelse.objects.exists()

    registrer(Sikkerhetshendelse.Type.UTLOGGING, brukernavn="etter tømmingen")
    with pytest.raises(DatabaseError), transaction.atomic():
        Sikkerhetshendelse.objects.all().delete()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE sikkerhet_sikkerhetshendelse")
    assert Sikkerhetshendelse.objects.exists()
