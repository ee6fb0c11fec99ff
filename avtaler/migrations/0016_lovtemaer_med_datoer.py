"""The § 6-2 topics as data with dates and legal source: nr. 1–11 from 1 January 2012 get their
source, nr. 12 (Prop. 102 L (2020–2021)) is added, and the check that stopped at 11 goes."""

import datetime

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from avtaler.temaer import sikre_temaer


def med_datoer(apps, schema_editor):
    sikre_temaer(apps.get_model("avtaler", "Tema"))


def uten_nr_12(apps, schema_editor):
    apps.get_model("avtaler", "Tema").objects.filter(nummer__gt=11, avtaler=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("avtaler", "0015_sprakuttrykk_issue21"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalTema",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("nummer", models.PositiveSmallIntegerField(db_index=True, verbose_name="nummer")),
                ("tittel", models.CharField(max_length=300, verbose_name="tittel")),
                (
                    "gyldig_fra",
                    models.DateField(
                        default=datetime.date(2012, 1, 1),
                        help_text="Dagen lovendringen som innførte temaet trådte i kraft.",
                        verbose_name="gjelder fra",
                    ),
                ),
                (
                    "gyldig_til",
                    models.DateField(
                        blank=True,
                        help_text="Siste dag temaet var lovpålagt, om det er tatt ut av loven.",
                        null=True,
                        verbose_name="gjelder til og med",
                    ),
                ),
                (
                    "kilde",
                    models.CharField(
                        blank=True,
                        help_text="Lovbestemmelsen og endringsloven eller proposisjonen, for eksempel «Prop. 102 L (2020–2021)».",
                        max_length=500,
                        verbose_name="rettskilde",
                    ),
                ),
                ("lenke", models.URLField(blank=True, verbose_name="lenke til kilden")),
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
                "verbose_name": "historical lovpålagt tema (§ 6-2)",
                "verbose_name_plural": "historical lovpålagte temaer (§ 6-2)",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RemoveConstraint(
            model_name="tema",
            name="tema_nummer_1_til_11",
        ),
        migrations.AddField(
            model_name="tema",
            name="gyldig_fra",
            field=models.DateField(
                default=datetime.date(2012, 1, 1),
                help_text="Dagen lovendringen som innførte temaet trådte i kraft.",
                verbose_name="gjelder fra",
            ),
        ),
        migrations.AddField(
            model_name="tema",
            name="gyldig_til",
            field=models.DateField(
                blank=True,
                help_text="Siste dag temaet var lovpålagt, om det er tatt ut av loven.",
                null=True,
                verbose_name="gjelder til og med",
            ),
        ),
        migrations.AddField(
            model_name="tema",
            name="kilde",
            field=models.CharField(
                blank=True,
                help_text="Lovbestemmelsen og endringsloven eller proposisjonen, for eksempel «Prop. 102 L (2020–2021)».",
                max_length=500,
                verbose_name="rettskilde",
            ),
        ),
        migrations.AddField(
            model_name="tema",
            name="lenke",
            field=models.URLField(blank=True, verbose_name="lenke til kilden"),
        ),
        migrations.AddConstraint(
            model_name="tema",
            constraint=models.CheckConstraint(
                condition=models.Q(("nummer__gte", 1)), name="tema_nummer_fra_1"
            ),
        ),
        migrations.AddConstraint(
            model_name="tema",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("gyldig_til__isnull", True),
                    ("gyldig_til__gte", models.F("gyldig_fra")),
                    _connector="OR",
                ),
                name="tema_gyldig_til_etter_fra",
                violation_error_message="Sluttdatoen kan ikke være før startdatoen.",
            ),
        ),
        migrations.AddField(
            model_name="historicaltema",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(med_datoer, uten_nr_12),
    ]
