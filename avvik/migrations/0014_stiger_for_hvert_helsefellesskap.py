"""Every Helsefellesskap has both escalation ladders from now on: they were made on the first
read of one (trinn_for), and are now made when the Helsefellesskap is (avvik.stiger.lag_stiger).
Those that exist get the ladders they lack; steps an administrator has changed stay."""

from django.db import migrations


def lag_manglende_stiger(apps, schema_editor):
    from avvik.stiger import lag_stiger

    trinn = apps.get_model("avvik", "Eskaleringstrinn")
    for helsefellesskap in apps.get_model("helsefellesskap", "Helsefellesskap").objects.all():
        lag_stiger(helsefellesskap, trinn)


class Migration(migrations.Migration):
    dependencies = [("avvik", "0013_navn_i_norsk_rekkefolge")]

    operations = [migrations.RunPython(lag_manglende_stiger, migrations.RunPython.noop)]
