"""Load the shipped word lists of the language check; administrators edit them afterwards."""

from django.db import migrations

from avtaler.sprakdata import STANDARD


def opprett(apps, schema_editor):
    Sprakuttrykk = apps.get_model("avtaler", "Sprakuttrykk")
    for kategori, uttrykk, forklaring in STANDARD:
        Sprakuttrykk.objects.get_or_create(
            kategori=kategori, uttrykk=uttrykk, defaults={"forklaring": forklaring}
        )


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0009_sprak_ansvar_dekning")]

    operations = [migrations.RunPython(opprett, migrations.RunPython.noop)]
