"""The clause → topic mapping gets dates (a correction ends a row and starts one, so coverage on
an earlier date keeps what was mapped then); a topic's number is unique per start date (the law
may renumber or replace a topic); nr. 12's in-force date from its source, with a note.

Existing mappings are dated from the first day a version holding the clause was in force (else
the day they were made), so the coverage of past dates keeps them: nothing is lost."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def dater_punkttemaer(apps, schema_editor):
    Punkttema = apps.get_model("avtaler", "Punkttema")
    Avtaleversjon = apps.get_model("avtaler", "Avtaleversjon")
    for pt in Punkttema.objects.all():
        forste = (
            Avtaleversjon.objects.filter(punkter__punkt_id=pt.punkt_id, gyldig_fra__isnull=False)
            .order_by("gyldig_fra")
            .values_list("gyldig_fra", flat=True)
            .first()
        )
        pt.gyldig_fra = forste or pt.plassert.date()
        pt.save(update_fields=["gyldig_fra"])


def nr_12_fra_kilden(apps, schema_editor):
    from avtaler.temaer import rett_nr_12

    rett_nr_12(apps.get_model("avtaler", "Tema"))


class Migration(migrations.Migration):
    dependencies = [
        ("avtaler", "0021_gjennomgang"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="tema",
            options={
                "ordering": ["nummer", "gyldig_fra"],
                "verbose_name": "lovpålagt tema (§ 6-2)",
                "verbose_name_plural": "lovpålagte temaer (§ 6-2)",
            },
        ),
        migrations.RemoveConstraint(
            model_name="punkttema",
            name="et_tema_en_gang_per_punkt",
        ),
        migrations.AddField(
            model_name="historicalpunkttema",
            name="avslutning_begrunnelse",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="begrunnelse for å fjerne"
            ),
        ),
        migrations.AddField(
            model_name="historicalpunkttema",
            name="avsluttet",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalpunkttema",
            name="avsluttet_av",
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
            model_name="historicalpunkttema",
            name="begrunnelse",
            field=models.CharField(blank=True, max_length=500, verbose_name="begrunnelse"),
        ),
        migrations.AddField(
            model_name="historicalpunkttema",
            name="gyldig_fra",
            field=models.DateField(default=datetime.date(2012, 1, 1), verbose_name="gjelder fra"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalpunkttema",
            name="gyldig_til",
            field=models.DateField(
                blank=True,
                help_text="Første dag koblingen ikke lenger gjelder (rettet).",
                null=True,
                verbose_name="gjelder til",
            ),
        ),
        migrations.AddField(
            model_name="historicaltema",
            name="merknad",
            field=models.CharField(
                blank=True,
                help_text="Vises på dekningssiden, for eksempel at datoen ikke er kontrollert mot Lovdata. Tøm feltet når kilden er kontrollert.",
                max_length=500,
                verbose_name="merknad om kilden",
            ),
        ),
        migrations.AddField(
            model_name="punkttema",
            name="avslutning_begrunnelse",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="begrunnelse for å fjerne"
            ),
        ),
        migrations.AddField(
            model_name="punkttema",
            name="avsluttet",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="punkttema",
            name="avsluttet_av",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="punkttema",
            name="begrunnelse",
            field=models.CharField(blank=True, max_length=500, verbose_name="begrunnelse"),
        ),
        migrations.AddField(
            model_name="punkttema",
            name="gyldig_fra",
            field=models.DateField(default=datetime.date(2012, 1, 1), verbose_name="gjelder fra"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="punkttema",
            name="gyldig_til",
            field=models.DateField(
                blank=True,
                help_text="Første dag koblingen ikke lenger gjelder (rettet).",
                null=True,
                verbose_name="gjelder til",
            ),
        ),
        migrations.AddField(
            model_name="tema",
            name="merknad",
            field=models.CharField(
                blank=True,
                help_text="Vises på dekningssiden, for eksempel at datoen ikke er kontrollert mot Lovdata. Tøm feltet når kilden er kontrollert.",
                max_length=500,
                verbose_name="merknad om kilden",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltema",
            name="nummer",
            field=models.PositiveSmallIntegerField(verbose_name="nummer"),
        ),
        migrations.AlterField(
            model_name="tema",
            name="nummer",
            field=models.PositiveSmallIntegerField(verbose_name="nummer"),
        ),
        migrations.AddConstraint(
            model_name="punkttema",
            constraint=models.UniqueConstraint(
                condition=models.Q(("gyldig_til__isnull", True)),
                fields=("punkt", "tema"),
                name="ett_apent_tema_per_punkt",
            ),
        ),
        migrations.AddConstraint(
            model_name="punkttema",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("gyldig_til__isnull", True),
                    ("gyldig_til__gte", models.F("gyldig_fra")),
                    _connector="OR",
                ),
                name="punkttema_til_etter_fra",
            ),
        ),
        migrations.AddConstraint(
            model_name="tema",
            constraint=models.UniqueConstraint(
                fields=("nummer", "gyldig_fra"),
                name="tema_nummer_unikt_per_startdato",
                violation_error_message="Det finnes alt et tema med dette nummeret fra samme dag.",
            ),
        ),
        migrations.RunPython(dater_punkttemaer, migrations.RunPython.noop),
        migrations.RunPython(nr_12_fra_kilden, migrations.RunPython.noop),
    ]
