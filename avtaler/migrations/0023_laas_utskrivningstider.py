"""The discharge hours are part of the version's text: once the version leaves the draft state
the database refuses to insert, change or delete them, by every path (as migration 0002 does
for clauses and parties; the same PostgreSQL function, and SQLite's maintenance row for flush).
"""

from django.db import migrations

MELDING = "Versjonen er ikke et utkast og kan ikke endres"
TABELL = "avtaler_utskrivningstider"


def _sqlite() -> list[str]:
    laast = (
        "NOT EXISTS (SELECT 1 FROM avtaler_vedlikehold) AND "
        "(SELECT tilstand FROM avtaler_avtaleversjon WHERE id = {rad}.versjon_id) <> 'utkast'"
    )
    return [
        f"""CREATE TRIGGER {TABELL}_laast_insert BEFORE INSERT ON {TABELL}
            WHEN {laast.format(rad="NEW")}
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
        f"""CREATE TRIGGER {TABELL}_laast_update BEFORE UPDATE ON {TABELL}
            WHEN ({laast.format(rad="OLD")}) OR ({laast.format(rad="NEW")})
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
        f"""CREATE TRIGGER {TABELL}_laast_delete BEFORE DELETE ON {TABELL}
            WHEN {laast.format(rad="OLD")}
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
    ]


def _postgresql() -> list[str]:
    return [
        f"""CREATE TRIGGER {TABELL}_laast
            BEFORE INSERT OR UPDATE OR DELETE ON {TABELL}
            FOR EACH ROW EXECUTE FUNCTION avtaler_versjonsinnhold_laast()"""
    ]


def _utfor(sql_for):
    def utfor(apps, schema_editor):
        for sql in sql_for[schema_editor.connection.vendor]():
            schema_editor.execute(sql)

    return utfor


LAAS = {"sqlite": _sqlite, "postgresql": _postgresql}
FJERN = {
    "sqlite": lambda: [
        f"DROP TRIGGER IF EXISTS {TABELL}_laast_{op}" for op in ("insert", "update", "delete")
    ],
    "postgresql": lambda: [f"DROP TRIGGER IF EXISTS {TABELL}_laast ON {TABELL}"],
}


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0022_utskrivningsrutine_og_tider")]

    operations = [migrations.RunPython(_utfor(LAAS), _utfor(FJERN))]
