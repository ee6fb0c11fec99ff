"""The search index holds the clauses of versions not replaced, with a stored document.

Measured at national scale (docs/ytelse.md): ranking with ``ts_rank`` over the expression index
of 0011 parsed every matching clause again, and four in five matches were in replaced versions
nobody can search. Now:

PostgreSQL: ``avtaler_sokedokument`` holds the weighted ``tsvector`` of each clause of a version
not replaced (heading A, text B: the same document as ``avtaler.sok.vektor``), with a GIN index.
Statement-level triggers on the clauses (insert, update, delete) and a row trigger on a
version's state keep it; the expression index of 0011 goes.

SQLite: the FTS5 table of 0011 is kept by the same rule, its triggers now leaving replaced
versions out.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

DOKUMENT = """setweight(to_tsvector('norwegian'::regconfig, COALESCE({p}.overskrift, '')), 'A')
           || setweight(to_tsvector('norwegian'::regconfig, COALESCE({p}.tekst, '')), 'B')"""

POSTGRESQL = [
    "CREATE INDEX avtaler_sokedokument_gin ON avtaler_sokedokument USING gin (dokument)",
    f"""CREATE FUNCTION avtaler_sokedokument_nye() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO avtaler_sokedokument (punkt_id, versjon_id, dokument)
          SELECT p.id, p.versjon_id, {DOKUMENT.format(p="p")}
            FROM ny p JOIN avtaler_avtaleversjon v ON v.id = p.versjon_id
           WHERE v.tilstand <> 'erstattet';
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER avtaler_sokedokument_ny AFTER INSERT ON avtaler_punktversjon
       REFERENCING NEW TABLE AS ny FOR EACH STATEMENT
       EXECUTE FUNCTION avtaler_sokedokument_nye()""",
    f"""CREATE FUNCTION avtaler_sokedokument_endrede() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE avtaler_sokedokument s SET dokument = {DOKUMENT.format(p="p")}
            FROM ny p JOIN gammel g ON g.id = p.id
           WHERE s.punkt_id = p.id
             AND (p.overskrift IS DISTINCT FROM g.overskrift OR p.tekst IS DISTINCT FROM g.tekst);
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER avtaler_sokedokument_endret AFTER UPDATE ON avtaler_punktversjon
       REFERENCING OLD TABLE AS gammel NEW TABLE AS ny FOR EACH STATEMENT
       EXECUTE FUNCTION avtaler_sokedokument_endrede()""",
    """CREATE FUNCTION avtaler_sokedokument_slettede() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM avtaler_sokedokument WHERE punkt_id IN (SELECT id FROM gammel);
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER avtaler_sokedokument_slettet AFTER DELETE ON avtaler_punktversjon
       REFERENCING OLD TABLE AS gammel FOR EACH STATEMENT
       EXECUTE FUNCTION avtaler_sokedokument_slettede()""",
    f"""CREATE FUNCTION avtaler_sokedokument_tilstand() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.tilstand = 'erstattet' THEN
            DELETE FROM avtaler_sokedokument WHERE versjon_id = NEW.id;
          ELSE
            INSERT INTO avtaler_sokedokument (punkt_id, versjon_id, dokument)
            SELECT p.id, p.versjon_id, {DOKUMENT.format(p="p")}
              FROM avtaler_punktversjon p WHERE p.versjon_id = NEW.id;
          END IF;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER avtaler_sokedokument_tilstand AFTER UPDATE OF tilstand
       ON avtaler_avtaleversjon FOR EACH ROW
       WHEN ((OLD.tilstand = 'erstattet') IS DISTINCT FROM (NEW.tilstand = 'erstattet'))
       EXECUTE FUNCTION avtaler_sokedokument_tilstand()""",
    f"""INSERT INTO avtaler_sokedokument (punkt_id, versjon_id, dokument)
        SELECT p.id, p.versjon_id, {DOKUMENT.format(p="p")}
          FROM avtaler_punktversjon p JOIN avtaler_avtaleversjon v ON v.id = p.versjon_id
         WHERE v.tilstand <> 'erstattet'""",
    "DROP INDEX avtaler_punkt_sok_gin",
]
POSTGRESQL_FJERN = [
    "DROP TRIGGER avtaler_sokedokument_tilstand ON avtaler_avtaleversjon",
    "DROP TRIGGER avtaler_sokedokument_ny ON avtaler_punktversjon",
    "DROP TRIGGER avtaler_sokedokument_endret ON avtaler_punktversjon",
    "DROP TRIGGER avtaler_sokedokument_slettet ON avtaler_punktversjon",
    "DROP FUNCTION avtaler_sokedokument_tilstand()",
    "DROP FUNCTION avtaler_sokedokument_nye()",
    "DROP FUNCTION avtaler_sokedokument_endrede()",
    "DROP FUNCTION avtaler_sokedokument_slettede()",
    f"""CREATE INDEX avtaler_punkt_sok_gin ON avtaler_punktversjon
        USING gin (({DOKUMENT.format(p="avtaler_punktversjon")}))""",
]

IKKE_ERSTATTET = (
    "(SELECT tilstand FROM avtaler_avtaleversjon WHERE id = NEW.versjon_id) <> 'erstattet'"
)
SQLITE = [
    "DROP TRIGGER avtaler_punkt_sok_ny",
    "DROP TRIGGER avtaler_punkt_sok_endret",
    f"""CREATE TRIGGER avtaler_punkt_sok_ny AFTER INSERT ON avtaler_punktversjon
        WHEN {IKKE_ERSTATTET} BEGIN
          INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
          VALUES (NEW.id, NEW.overskrift, NEW.tekst);
        END""",
    f"""CREATE TRIGGER avtaler_punkt_sok_endret AFTER UPDATE OF overskrift, tekst
        ON avtaler_punktversjon WHEN {IKKE_ERSTATTET} BEGIN
          DELETE FROM avtaler_punkt_sok WHERE rowid = OLD.id;
          INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
          VALUES (NEW.id, NEW.overskrift, NEW.tekst);
        END""",
    """CREATE TRIGGER avtaler_punkt_sok_erstattet AFTER UPDATE OF tilstand ON avtaler_avtaleversjon
       WHEN NEW.tilstand = 'erstattet' AND OLD.tilstand <> 'erstattet' BEGIN
         DELETE FROM avtaler_punkt_sok
          WHERE rowid IN (SELECT id FROM avtaler_punktversjon WHERE versjon_id = NEW.id);
       END""",
    """CREATE TRIGGER avtaler_punkt_sok_gjenopprettet AFTER UPDATE OF tilstand
       ON avtaler_avtaleversjon WHEN OLD.tilstand = 'erstattet' AND NEW.tilstand <> 'erstattet'
       BEGIN
         INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
         SELECT id, overskrift, tekst FROM avtaler_punktversjon WHERE versjon_id = NEW.id;
       END""",
    """DELETE FROM avtaler_punkt_sok WHERE rowid IN (
         SELECT p.id FROM avtaler_punktversjon p
           JOIN avtaler_avtaleversjon v ON v.id = p.versjon_id
          WHERE v.tilstand = 'erstattet')""",
]


def opprett(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL_FJERN:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "sqlite":
        # Back to 0011: its triggers, and every clause in the index again.
        forrige = importlib.import_module("avtaler.migrations.0011_sokeindeks")
        for sql in [
            "DROP TRIGGER avtaler_punkt_sok_erstattet",
            "DROP TRIGGER avtaler_punkt_sok_gjenopprettet",
            *SQLITE[:2],
            *forrige.SQLITE[1:3],
            "DELETE FROM avtaler_punkt_sok",
            forrige.SQLITE[-1],
        ]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0011_sokeindeks")]

    operations = [
        migrations.CreateModel(
            name="Sokedokument",
            fields=[
                (
                    "punkt",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="sokedokument",
                        serialize=False,
                        to="avtaler.punktversjon",
                    ),
                ),
                ("dokument", django.contrib.postgres.search.SearchVectorField()),
                (
                    "versjon",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="avtaler.avtaleversjon",
                    ),
                ),
            ],
            options={
                "verbose_name": "søkedokument",
                "verbose_name_plural": "søkedokumenter",
            },
        ),
        migrations.RunPython(opprett, fjern),
    ]
