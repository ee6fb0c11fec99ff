"""Seed the avvik categories seen in practice (DOMAIN.md §4); administrators edit them.
The escalation ladders are created per Helsefellesskap when first needed (avvik/stiger.py)."""

from django.db import migrations

from avvik.kategorier import sikre_kategorier


def opprett(apps, schema_editor):
    sikre_kategorier(apps.get_model("avvik", "Avvikskategori"))


class Migration(migrations.Migration):
    dependencies = [("avvik", "0001_initial")]

    operations = [migrations.RunPython(opprett, migrations.RunPython.noop)]
