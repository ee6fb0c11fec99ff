"""Retention: the triggers let DELETE through for rows older than twelve months, the shortest
retention the privacy statement allows, and for nothing younger (UPDATE stays refused). What is
older is deleted by slett_gammel_sikkerhetslogg after SIKKERHETSLOGG_OPPBEVARING_MANEDER. The
floor lives in the database, so neither a setting nor a stray query can remove recent events.

SQLite keeps Django's dates as UTC text in the form 'YYYY-MM-DD HH:MM:SS', the form
datetime('now', ...) compares with; PostgreSQL compares timestamps."""

from django.db import migrations, models

TABELL = "sikkerhet_sikkerhetshendelse"
MELDING = "Sikkerhetsloggen kan ikke endres eller slettes."
MELDING_NY = (
    "Sikkerhetsloggen kan ikke endres, og hendelser kan bare slettes etter oppbevaringstiden."
)


def _pg_funksjon(melding: str, oppbevaring: bool) -> str:
    slipp = (
        "IF TG_OP = 'DELETE' AND OLD.tidspunkt < now() - interval '12 months' THEN "
        "RETURN OLD; END IF;"
        if oppbevaring
        else ""
    )
    return f"""CREATE OR REPLACE FUNCTION sikkerhet_logg_laast() RETURNS trigger AS $$
    BEGIN
        {slipp}
        RAISE EXCEPTION '{melding}' USING ERRCODE = 'integrity_constraint_violation';
    END $$ LANGUAGE plpgsql"""


def _sqlite_slett(melding: str, oppbevaring: bool) -> str:
    vilkar = "NOT EXISTS (SELECT 1 FROM sikkerhet_vedlikehold)"
    if oppbevaring:
        vilkar += " AND OLD.tidspunkt >= datetime('now', '-12 months')"
    return f"""CREATE TRIGGER sikkerhet_logg_laast_delete BEFORE DELETE ON {TABELL}
    WHEN {vilkar}
    BEGIN SELECT RAISE(ABORT, '{melding}'); END"""


def _bytt(schema_editor, oppbevaring: bool) -> None:
    melding = MELDING_NY if oppbevaring else MELDING
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_pg_funksjon(melding, oppbevaring))
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER sikkerhet_logg_laast_delete")
        schema_editor.execute(_sqlite_slett(melding, oppbevaring))


def med_oppbevaring(apps, schema_editor):
    _bytt(schema_editor, oppbevaring=True)


def uten_oppbevaring(apps, schema_editor):
    _bytt(schema_editor, oppbevaring=False)


class Migration(migrations.Migration):
    dependencies = [
        ("sikkerhet", "0004_hendelse_organisasjon"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sikkerhetshendelse",
            name="type",
            field=models.CharField(
                choices=[
                    ("innlogging", "Innlogging"),
                    ("innlogging_feilet", "Mislykket innlogging"),
                    ("sperret", "Sperret etter for mange forsøk"),
                    ("utlogging", "Utlogging"),
                    ("utlogget_overalt", "Logget ut alle steder"),
                    ("okt_utlopt", "Økten utløp"),
                    ("tofaktor_aktivert", "Tofaktor slått på"),
                    ("tofaktor_deaktivert", "Tofaktor slått av"),
                    ("tofaktor_ok", "Tofaktorkode godtatt"),
                    ("tofaktor_feilet", "Feil tofaktorkode"),
                    ("gjenopprettingskode_brukt", "Gjenopprettingskode brukt"),
                    ("nye_gjenopprettingskoder", "Nye gjenopprettingskoder"),
                    ("tilgang_nektet", "Tilgang nektet"),
                    ("for_mange_foresporsler", "For mange forespørsler"),
                    ("rolle_gitt", "Rolle gitt"),
                    ("rolle_fjernet", "Rolle fjernet"),
                    ("utvalgsmedlem_endret", "Utvalgsmedlemskap endret"),
                    ("utvalgsmedlem_fjernet", "Utvalgsmedlemskap fjernet"),
                    ("bruker_endret", "Brukerens tilganger endret"),
                    ("registreringskode_laget", "Registreringskode laget"),
                    ("registreringskode_feil", "Feil registreringskode"),
                    ("logg_slettet", "Hendelser slettet etter oppbevaringstiden"),
                ],
                db_index=True,
                max_length=40,
                verbose_name="hendelse",
            ),
        ),
        migrations.RunPython(med_oppbevaring, uten_oppbevaring),
    ]
