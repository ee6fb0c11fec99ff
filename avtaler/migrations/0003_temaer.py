"""The eleven statutory topics of helse- og omsorgstjenesteloven § 6-2 as reference data."""

from django.db import migrations

from avtaler.temaer import sikre_temaer


def opprett(apps, schema_editor):
    sikre_temaer(apps.get_model("avtaler", "Tema"))


def fjern(apps, schema_editor):
    apps.get_model("avtaler", "Tema").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0002_laas_signerte_versjoner")]

    operations = [migrations.RunPython(opprett, fjern)]
