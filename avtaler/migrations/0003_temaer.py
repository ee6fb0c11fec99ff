"""The eleven statutory topics of helse- og omsorgstjenesteloven § 6-2 as reference data."""

from django.db import migrations

from avtaler.temaer import LOVTEMAER


def opprett(apps, schema_editor):
    # Only number and title: this state of the model has no dates or source yet (migration
    # 0016 adds them, and nr. 12).
    tema = apps.get_model("avtaler", "Tema")
    for nummer, tittel, *_ in LOVTEMAER:
        if nummer <= 11:
            tema.objects.update_or_create(nummer=nummer, defaults={"tittel": tittel})


def fjern(apps, schema_editor):
    apps.get_model("avtaler", "Tema").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0002_laas_signerte_versjoner")]

    operations = [migrations.RunPython(opprett, fjern)]
