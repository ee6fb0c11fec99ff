"""Database triggers that make a version's text immutable once it leaves the draft state.

They guard every path, including QuerySet.update(), bulk operations and raw SQL:
- clauses (avtaler_punktversjon) and parties (avtaler_versjonspart) of a version
  that is not a draft cannot be inserted, changed or deleted;
- a version that is not a draft keeps its number, title and agreement; a signed one
  also keeps its in-force date, approval and signing date, and never goes back to an
  unsigned state;
- only drafts can be deleted.

On SQLite, ``manage.py flush`` (which empties every table with DELETE, also between
transactional tests) lifts the lock for the length of its own transaction by a row
in avtaler_vedlikehold (AvtalerConfig.tommingslaaser, kjerne.tomming). PostgreSQL's flush
uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

MELDING = "Versjonen er ikke et utkast og kan ikke endres"
SIGNERT = "('signert', 'gjeldende', 'erstattet', 'oppsagt')"

VERSJON_ENDRING_NEKTES = f"""
    (OLD.tilstand <> 'utkast' AND (
        NEW.tittel IS DISTINCT FROM OLD.tittel
        OR NEW.nummer IS DISTINCT FROM OLD.nummer
        OR NEW.avtale_id IS DISTINCT FROM OLD.avtale_id
        OR NEW.basert_pa_id IS DISTINCT FROM OLD.basert_pa_id))
    OR (OLD.tilstand IN {SIGNERT} AND (
        NEW.tilstand NOT IN {SIGNERT}
        OR NEW.gyldig_fra IS DISTINCT FROM OLD.gyldig_fra
        OR NEW.godkjent_vedtak IS DISTINCT FROM OLD.godkjent_vedtak
        OR NEW.signert_dato IS DISTINCT FROM OLD.signert_dato))
"""


def _sqlite() -> list[str]:
    # SQLite spells IS DISTINCT FROM as IS NOT.
    endring = VERSJON_ENDRING_NEKTES.replace("IS DISTINCT FROM", "IS NOT")
    vedlikehold = "NOT EXISTS (SELECT 1 FROM avtaler_vedlikehold)"
    sql = ["CREATE TABLE avtaler_vedlikehold (aktiv integer NOT NULL)"]
    for tabell in ("avtaler_punktversjon", "avtaler_versjonspart"):
        laast = (
            f"{vedlikehold} AND "
            "(SELECT tilstand FROM avtaler_avtaleversjon WHERE id = {rad}.versjon_id) <> 'utkast'"
        )
        sql += [
            f"""CREATE TRIGGER {tabell}_laast_insert BEFORE INSERT ON {tabell}
                WHEN {laast.format(rad="NEW")}
                BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
            f"""CREATE TRIGGER {tabell}_laast_update BEFORE UPDATE ON {tabell}
                WHEN ({laast.format(rad="OLD")}) OR ({laast.format(rad="NEW")})
                BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
            f"""CREATE TRIGGER {tabell}_laast_delete BEFORE DELETE ON {tabell}
                WHEN {laast.format(rad="OLD")}
                BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
        ]
    sql += [
        f"""CREATE TRIGGER avtaler_avtaleversjon_laast_update BEFORE UPDATE ON avtaler_avtaleversjon
            WHEN {endring}
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
        f"""CREATE TRIGGER avtaler_avtaleversjon_laast_delete BEFORE DELETE ON avtaler_avtaleversjon
            WHEN {vedlikehold} AND OLD.tilstand <> 'utkast'
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
    ]
    return sql


def _postgresql() -> list[str]:
    feil = f"RAISE EXCEPTION '{MELDING}' USING ERRCODE = 'integrity_constraint_violation'"
    return [
        f"""CREATE FUNCTION avtaler_versjonsinnhold_laast() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
                SELECT 1 FROM avtaler_avtaleversjon WHERE id = OLD.versjon_id AND tilstand <> 'utkast'
            ) THEN {feil}; END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
                SELECT 1 FROM avtaler_avtaleversjon WHERE id = NEW.versjon_id AND tilstand <> 'utkast'
            ) THEN {feil}; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER avtaler_punktversjon_laast
            BEFORE INSERT OR UPDATE OR DELETE ON avtaler_punktversjon
            FOR EACH ROW EXECUTE FUNCTION avtaler_versjonsinnhold_laast()""",
        """CREATE TRIGGER avtaler_versjonspart_laast
            BEFORE INSERT OR UPDATE OR DELETE ON avtaler_versjonspart
            FOR EACH ROW EXECUTE FUNCTION avtaler_versjonsinnhold_laast()""",
        f"""CREATE FUNCTION avtaler_avtaleversjon_laast() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.tilstand <> 'utkast' THEN {feil}; END IF;
                RETURN OLD;
            END IF;
            IF {VERSJON_ENDRING_NEKTES} THEN {feil}; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER avtaler_avtaleversjon_laast
            BEFORE UPDATE OR DELETE ON avtaler_avtaleversjon
            FOR EACH ROW EXECUTE FUNCTION avtaler_avtaleversjon_laast()""",
    ]


def _fjern_sqlite() -> list[str]:
    navn = [
        f"{tabell}_laast_{op}"
        for tabell in ("avtaler_punktversjon", "avtaler_versjonspart")
        for op in ("insert", "update", "delete")
    ] + ["avtaler_avtaleversjon_laast_update", "avtaler_avtaleversjon_laast_delete"]
    return [f"DROP TRIGGER IF EXISTS {n}" for n in navn] + [
        "DROP TABLE IF EXISTS avtaler_vedlikehold"
    ]


def _fjern_postgresql() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS avtaler_punktversjon_laast ON avtaler_punktversjon",
        "DROP TRIGGER IF EXISTS avtaler_versjonspart_laast ON avtaler_versjonspart",
        "DROP TRIGGER IF EXISTS avtaler_avtaleversjon_laast ON avtaler_avtaleversjon",
        "DROP FUNCTION IF EXISTS avtaler_versjonsinnhold_laast()",
        "DROP FUNCTION IF EXISTS avtaler_avtaleversjon_laast()",
    ]


def _kjor(schema_editor, setninger: dict) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in setninger:
        raise RuntimeError(f"Ingen låsetriggere for databasen {vendor}")
    for sql in setninger[vendor]():
        schema_editor.execute(sql, params=None)


def opprett(apps, schema_editor):
    _kjor(schema_editor, {"sqlite": _sqlite, "postgresql": _postgresql})


def fjern(apps, schema_editor):
    _kjor(schema_editor, {"sqlite": _fjern_sqlite, "postgresql": _fjern_postgresql})


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0001_initial")]

    operations = [migrations.RunPython(opprett, fjern)]
