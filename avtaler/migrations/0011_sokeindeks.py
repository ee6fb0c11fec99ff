"""The full-text index over clauses, one per database.

PostgreSQL: a GIN index on the same ``norwegian`` tsvector expression the search uses
(heading A, text B), so it is always current: there is nothing to maintain. (Replaced by a
stored document in 0012.)

SQLite: an FTS5 table with the trigram tokenizer (SQLite has no Norwegian stemmer; the
search stems the query in Python and trigrams find the stem inside compounds), kept equal
to avtaler_punktversjon by triggers on insert, update and delete, whatever path changes it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE avtaler_punkt_sok USING fts5(overskrift, tekst, tokenize='trigram')",
    """CREATE TRIGGER avtaler_punkt_sok_ny AFTER INSERT ON avtaler_punktversjon BEGIN
         INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
         VALUES (NEW.id, NEW.overskrift, NEW.tekst);
       END""",
    """CREATE TRIGGER avtaler_punkt_sok_endret AFTER UPDATE OF overskrift, tekst
       ON avtaler_punktversjon BEGIN
         DELETE FROM avtaler_punkt_sok WHERE rowid = OLD.id;
         INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
         VALUES (NEW.id, NEW.overskrift, NEW.tekst);
       END""",
    """CREATE TRIGGER avtaler_punkt_sok_slettet AFTER DELETE ON avtaler_punktversjon BEGIN
         DELETE FROM avtaler_punkt_sok WHERE rowid = OLD.id;
       END""",
    """INSERT INTO avtaler_punkt_sok (rowid, overskrift, tekst)
       SELECT id, overskrift, tekst FROM avtaler_punktversjon""",
]
SQLITE_FJERN = [
    "DROP TRIGGER avtaler_punkt_sok_ny",
    "DROP TRIGGER avtaler_punkt_sok_endret",
    "DROP TRIGGER avtaler_punkt_sok_slettet",
    "DROP TABLE avtaler_punkt_sok",
]
INDEKS = "avtaler_punkt_sok_gin"


def _indeks():
    # Frozen here: the search no longer uses this expression (0012 stores the document).
    vektor = SearchVector("overskrift", weight="A", config="norwegian") + SearchVector(
        "tekst", weight="B", config="norwegian"
    )
    return GinIndex(vektor, name=INDEKS)


def opprett(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("avtaler", "Punktversjon"), _indeks())
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("avtaler", "Punktversjon"), _indeks())
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FJERN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0010_sprakuttrykk_standard")]

    operations = [migrations.RunPython(opprett, fjern)]
