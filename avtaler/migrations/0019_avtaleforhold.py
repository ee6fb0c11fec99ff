"""Each party's own agreement (Avtaleforhold) on each version; "in force" only from its dates.

Until now one version carried all parties and stored its state (gjeldende, erstattet, oppsagt),
kept in step by a daily job. Each version's parties now get one Avtaleforhold each, filled from
what the version said, so that nothing is lost: the signature date (the party's registered
signature, or the version's), the local decision's reference, the first day (gyldig_fra) for the
parties whose agreement carries "in force" (the municipalities), the last day (gyldig_til, or the
day before the next signed version began when the job had not yet run) and a notice (date and
by whom, on each municipality's agreement, as it ended them all). The three stored states
become ``signert``; the columns they needed go. tests/avtaler/test_migrering_forhold.py proves it
row by row on both databases.

On SQLite, dropping a foreign key or a constraint rebuilds the table, which drops its triggers,
and a rebuild is refused while another table's trigger names it (the locks of 0002, the search
index's of 0012): they are saved and dropped first and made again last, in both directions.
"""

import datetime

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

SIGNERTE = ("signert", "gjeldende", "erstattet", "oppsagt")
_lagrede: list[str] = []


def _lagre_triggere(apps, schema_editor):
    """Save and drop every trigger that names the versions' table: a rebuilt table loses its
    own, and SQLite refuses to rename one while another table's trigger names it."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as c:
        c.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND sql LIKE '%avtaler_avtaleversjon%' ORDER BY name"
        )
        rader = c.fetchall()
    _lagrede[:] = [sql for _navn, sql in rader]
    for navn, _sql in rader:
        schema_editor.execute(f"DROP TRIGGER {navn}", params=None)


def _gjenopprett_triggere(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _lagrede:
        schema_editor.execute(sql, params=None)


def fyll_forhold(apps, schema_editor):
    Avtaleversjon = apps.get_model("avtaler", "Avtaleversjon")
    Avtaleforhold = apps.get_model("avtaler", "Avtaleforhold")
    Signatur = apps.get_model("avtaler", "Signatur")
    Versjonspart = apps.get_model("avtaler", "Versjonspart")
    signaturer = {(s.versjon_id, s.organisasjon_id): s for s in Signatur.objects.all()}
    parter: dict[int, list] = {}
    for vp in Versjonspart.objects.select_related("organisasjon").order_by("pk"):
        parter.setdefault(vp.versjon_id, []).append(vp.organisasjon)
    versjoner = list(
        Avtaleversjon.objects.filter(tilstand__in=("godkjent", *SIGNERTE)).order_by(
            "avtale_id", "nummer"
        )
    )
    neste_start: dict[int, datetime.date] = {}
    signerte = [v for v in versjoner if v.tilstand in SIGNERTE]
    for forrige, neste in zip(signerte, signerte[1:], strict=False):
        if forrige.avtale_id == neste.avtale_id and neste.gyldig_fra:
            neste_start[forrige.pk] = neste.gyldig_fra
    rader = []
    for v in versjoner:
        alle = parter.get(v.pk, [])
        har_kommune = any(p.type == "kommune" for p in alle)
        signert = v.tilstand in SIGNERTE
        slutt = v.gyldig_til
        if slutt is None and v.pk in neste_start:
            slutt = neste_start[v.pk] - datetime.timedelta(days=1)
        for p in alle:
            s = signaturer.get((v.pk, p.pk))
            baerer = signert and (p.type == "kommune" or not har_kommune)
            signert_dato = s.dato if s else None
            if signert and signert_dato is None:
                signert_dato = v.signert_dato or v.gyldig_fra
            rader.append(
                Avtaleforhold(
                    versjon_id=v.pk,
                    part_id=p.pk,
                    vedtak_saksnummer=s.vedtaksreferanse if s else "",
                    signert_dato=signert_dato,
                    i_kraft_fra=v.gyldig_fra if baerer else None,
                    sluttdato=max(slutt, v.gyldig_fra) if baerer and slutt else None,
                    oppsigelse_varslet=v.oppsigelse_varslet if baerer else None,
                    oppsagt_av_id=v.oppsagt_av_id if baerer else None,
                )
            )
    Avtaleforhold.objects.bulk_create(rader, batch_size=500)
    Avtaleversjon.objects.filter(tilstand__in=SIGNERTE).exclude(tilstand="signert").update(
        tilstand="signert"
    )


def tilbake(apps, schema_editor):
    """Back to one state per version: in force today, replaced, or given notice."""
    Avtaleversjon = apps.get_model("avtaler", "Avtaleversjon")
    Avtaleforhold = apps.get_model("avtaler", "Avtaleforhold")
    i_dag = datetime.date.today()
    for v in Avtaleversjon.objects.filter(tilstand="signert"):
        forhold = list(Avtaleforhold.objects.filter(versjon=v, i_kraft_fra__isnull=False))
        slutt = [f.sluttdato for f in forhold if f.sluttdato]
        oppsagt = next((f for f in forhold if f.oppsigelse_varslet), None)
        v.gyldig_til = max(slutt) if forhold and len(slutt) == len(forhold) else None
        if oppsagt:
            v.tilstand = "oppsagt"
            v.oppsigelse_varslet = oppsagt.oppsigelse_varslet
            v.oppsagt_av_id = oppsagt.oppsagt_av_id
        elif v.gyldig_til and v.gyldig_til < i_dag:
            v.tilstand = "erstattet"
        elif v.gyldig_fra and v.gyldig_fra <= i_dag:
            v.tilstand = "gjeldende"
        v.save()
    Avtaleforhold.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("avtaler", "0018_sprakuttrykk_uavhengig"),
        ("helsefellesskap", "0011_vedtak_utsatt_fordi"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_lagre_triggere, _gjenopprett_triggere),
        migrations.CreateModel(
            name="Avtaleforhold",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "vedtak_organ",
                    models.CharField(
                        blank=True,
                        help_text="For eksempel kommunestyret.",
                        max_length=100,
                        verbose_name="vedtatt av",
                    ),
                ),
                (
                    "vedtak_saksnummer",
                    models.CharField(
                        blank=True,
                        help_text="For eksempel «KST 45/2026».",
                        max_length=100,
                        verbose_name="saksnummer",
                    ),
                ),
                (
                    "vedtak_dato",
                    models.DateField(blank=True, null=True, verbose_name="vedtaksdato"),
                ),
                ("signert_dato", models.DateField(blank=True, null=True, verbose_name="signert")),
                (
                    "i_kraft_fra",
                    models.DateField(blank=True, null=True, verbose_name="i kraft fra"),
                ),
                (
                    "sluttdato",
                    models.DateField(
                        blank=True,
                        help_text="Dagen før partens neste versjon, eller ett år etter oppsigelsen.",
                        null=True,
                        verbose_name="gjelder til og med",
                    ),
                ),
                (
                    "oppsigelse_varslet",
                    models.DateField(blank=True, null=True, verbose_name="oppsigelse varslet"),
                ),
            ],
            options={
                "verbose_name": "avtaleforhold",
                "verbose_name_plural": "avtaleforhold",
                "ordering": ["versjon", "part__type", "part__navn"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAvtaleforhold",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "vedtak_organ",
                    models.CharField(
                        blank=True,
                        help_text="For eksempel kommunestyret.",
                        max_length=100,
                        verbose_name="vedtatt av",
                    ),
                ),
                (
                    "vedtak_saksnummer",
                    models.CharField(
                        blank=True,
                        help_text="For eksempel «KST 45/2026».",
                        max_length=100,
                        verbose_name="saksnummer",
                    ),
                ),
                (
                    "vedtak_dato",
                    models.DateField(blank=True, null=True, verbose_name="vedtaksdato"),
                ),
                ("signert_dato", models.DateField(blank=True, null=True, verbose_name="signert")),
                (
                    "i_kraft_fra",
                    models.DateField(blank=True, null=True, verbose_name="i kraft fra"),
                ),
                (
                    "sluttdato",
                    models.DateField(
                        blank=True,
                        help_text="Dagen før partens neste versjon, eller ett år etter oppsigelsen.",
                        null=True,
                        verbose_name="gjelder til og med",
                    ),
                ),
                (
                    "oppsigelse_varslet",
                    models.DateField(blank=True, null=True, verbose_name="oppsigelse varslet"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical avtaleforhold",
                "verbose_name_plural": "historical avtaleforhold",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="avtaleforhold",
            name="oppsagt_av",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="helsefellesskap.organisasjon",
                verbose_name="sagt opp av",
            ),
        ),
        migrations.AddField(
            model_name="avtaleforhold",
            name="oppsigelse_registrert_av",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="avtaleforhold",
            name="part",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="avtaleforhold",
                to="helsefellesskap.organisasjon",
                verbose_name="part",
            ),
        ),
        migrations.AddField(
            model_name="avtaleforhold",
            name="versjon",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="forhold",
                to="avtaler.avtaleversjon",
            ),
        ),
        migrations.AddField(
            model_name="historicalavtaleforhold",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalavtaleforhold",
            name="oppsagt_av",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="helsefellesskap.organisasjon",
                verbose_name="sagt opp av",
            ),
        ),
        migrations.AddField(
            model_name="historicalavtaleforhold",
            name="oppsigelse_registrert_av",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalavtaleforhold",
            name="part",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="helsefellesskap.organisasjon",
                verbose_name="part",
            ),
        ),
        migrations.AddField(
            model_name="historicalavtaleforhold",
            name="versjon",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="avtaler.avtaleversjon",
            ),
        ),
        migrations.AddConstraint(
            model_name="avtaleforhold",
            constraint=models.UniqueConstraint(
                fields=("versjon", "part"), name="ett_forhold_per_part"
            ),
        ),
        migrations.AddConstraint(
            model_name="avtaleforhold",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("i_kraft_fra__isnull", True), ("signert_dato__isnull", False), _connector="OR"
                ),
                name="forhold_i_kraft_er_signert",
            ),
        ),
        migrations.AddConstraint(
            model_name="avtaleforhold",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sluttdato__isnull", True),
                    ("i_kraft_fra__isnull", True),
                    ("sluttdato__gte", models.F("i_kraft_fra")),
                    _connector="OR",
                ),
                name="forhold_slutt_etter_start",
            ),
        ),
        migrations.RunPython(fyll_forhold, tilbake),
        migrations.RemoveConstraint(
            model_name="avtaleversjon",
            name="gyldig_til_etter_fra",
        ),
        migrations.RemoveConstraint(
            model_name="avtaleversjon",
            name="signert_har_gyldig_fra",
        ),
        migrations.RemoveField(
            model_name="avtaleversjon",
            name="gyldig_til",
        ),
        migrations.RemoveField(
            model_name="avtaleversjon",
            name="oppsagt_av",
        ),
        migrations.RemoveField(
            model_name="avtaleversjon",
            name="oppsigelse_varslet",
        ),
        migrations.RemoveField(
            model_name="historicalavtaleversjon",
            name="gyldig_til",
        ),
        migrations.RemoveField(
            model_name="historicalavtaleversjon",
            name="oppsagt_av",
        ),
        migrations.RemoveField(
            model_name="historicalavtaleversjon",
            name="oppsigelse_varslet",
        ),
        migrations.AlterField(
            model_name="avtaleversjon",
            name="gyldig_fra",
            field=models.DateField(
                blank=True,
                help_text="Første dag teksten kan gjelde; når den gjelder for hver part, står i partens avtaleforhold.",
                null=True,
                verbose_name="kan gjelde fra",
            ),
        ),
        migrations.AlterField(
            model_name="avtaleversjon",
            name="signert_dato",
            field=models.DateField(blank=True, null=True, verbose_name="først signert"),
        ),
        migrations.AlterField(
            model_name="avtaleversjon",
            name="tilstand",
            field=models.CharField(
                choices=[
                    ("utkast", "Utkast"),
                    ("til_behandling", "Til behandling"),
                    ("godkjent", "Godkjent"),
                    ("signert", "Signert"),
                ],
                default="utkast",
                max_length=20,
                verbose_name="tilstand",
            ),
        ),
        migrations.AlterField(
            model_name="historicalavtaleversjon",
            name="gyldig_fra",
            field=models.DateField(
                blank=True,
                help_text="Første dag teksten kan gjelde; når den gjelder for hver part, står i partens avtaleforhold.",
                null=True,
                verbose_name="kan gjelde fra",
            ),
        ),
        migrations.AlterField(
            model_name="historicalavtaleversjon",
            name="signert_dato",
            field=models.DateField(blank=True, null=True, verbose_name="først signert"),
        ),
        migrations.AlterField(
            model_name="historicalavtaleversjon",
            name="tilstand",
            field=models.CharField(
                choices=[
                    ("utkast", "Utkast"),
                    ("til_behandling", "Til behandling"),
                    ("godkjent", "Godkjent"),
                    ("signert", "Signert"),
                ],
                default="utkast",
                max_length=20,
                verbose_name="tilstand",
            ),
        ),
        migrations.AddConstraint(
            model_name="avtaleversjon",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("tilstand__in", ("signert",)), _negated=True),
                    ("gyldig_fra__isnull", False),
                    _connector="OR",
                ),
                name="signert_har_gyldig_fra",
            ),
        ),
        migrations.RunPython(_gjenopprett_triggere, _lagre_triggere),
    ]
