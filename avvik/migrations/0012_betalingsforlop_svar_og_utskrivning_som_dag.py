"""The municipality's answer and the discharge are kept as days, not minutes: the payment is
counted per calendar day, and a minute of discharge beside a unit can point to a person in a
small municipality (docs/personvern.md). Existing values, and every history row, become their
local (Europe/Oslo) date – not the UTC date a type cast would give (00:30 becomes the previous
day)."""

from django.db import migrations, models
from django.utils import timezone

MODELLER = ("Betalingsforlop", "HistoricalBetalingsforlop")
FELTER = ("svart", "utskrevet")


def til_dag(apps, schema_editor):
    for modell in MODELLER:
        Modell = apps.get_model("avvik", modell)
        for rad in Modell.objects.all():
            for felt in FELTER:
                verdi = getattr(rad, felt)
                setattr(rad, f"{felt}_dag", timezone.localtime(verdi).date() if verdi else None)
            rad.save(update_fields=[f"{felt}_dag" for felt in FELTER])


def til_tidspunkt(apps, schema_editor):
    """Back: noon of the day, the time being gone."""
    import datetime

    for modell in MODELLER:
        Modell = apps.get_model("avvik", modell)
        for rad in Modell.objects.all():
            for felt in FELTER:
                dag = getattr(rad, f"{felt}_dag")
                verdi = (
                    timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
                    if dag
                    else None
                )
                setattr(rad, felt, verdi)
            rad.save(update_fields=list(FELTER))


class Migration(migrations.Migration):
    dependencies = [
        ("avvik", "0011_betalingsstart_alternativ_lesning"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=modell.lower(),
                name=f"{felt}_dag",
                field=models.DateField(null=True, blank=True),
            )
            for modell in MODELLER
            for felt in FELTER
        ],
        migrations.RunPython(til_dag, til_tidspunkt),
        # The constraint names the old column; it is laid again on the day column below.
        migrations.RemoveConstraint(
            model_name="betalingsforlop", name="betalingsforlop_svartid_har_svar"
        ),
        *[
            migrations.RemoveField(model_name=modell.lower(), name=felt)
            for modell in MODELLER
            for felt in FELTER
        ],
        *[
            migrations.RenameField(model_name=modell.lower(), old_name=f"{felt}_dag", new_name=felt)
            for modell in MODELLER
            for felt in FELTER
        ],
        *[
            migrations.AlterField(
                model_name=modell.lower(),
                name="svart",
                field=models.DateField(blank=True, null=True, verbose_name="dagen kommunen svarte"),
            )
            for modell in MODELLER
        ],
        *[
            migrations.AlterField(
                model_name=modell.lower(),
                name="utskrevet",
                field=models.DateField(blank=True, null=True, verbose_name="utskrevet (dag)"),
            )
            for modell in MODELLER
        ],
        migrations.AddConstraint(
            model_name="betalingsforlop",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("svart__isnull", True),
                    models.Q(("kommunens_svar", "ikke_svart"), _negated=True),
                    _connector="OR",
                ),
                name="betalingsforlop_svartid_har_svar",
                violation_error_message="Et svartidspunkt hører til et svar.",
            ),
        ),
    ]
