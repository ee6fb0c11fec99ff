"""PostgreSQL: TRUNCATE, which row triggers do not see, is refused on the security log too.

Django's flush (tests, or a mistake in production) uses TRUNCATE; kjerne's flush command lifts
this trigger inside its own transaction only. (SQLite has no TRUNCATE.)
"""

from django.db import migrations

FUNKSJON = """CREATE FUNCTION sikkerhet_logg_trunkering() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Sikkerhetsloggen kan ikke tømmes.'
        USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql"""
TRIGGER = """CREATE TRIGGER sikkerhet_logg_trunkering BEFORE TRUNCATE ON sikkerhet_sikkerhetshendelse
FOR EACH STATEMENT EXECUTE FUNCTION sikkerhet_logg_trunkering()"""


def opprett(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNKSJON)
        schema_editor.execute(TRIGGER)


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER sikkerhet_logg_trunkering ON sikkerhet_sikkerhetshendelse"
        )
        schema_editor.execute("DROP FUNCTION sikkerhet_logg_trunkering()")


class Migration(migrations.Migration):
    dependencies = [("sikkerhet", "0001_initial")]

    operations = [migrations.RunPython(opprett, fjern)]
