"""§ 6-2 første ledd nr. 13 (barn og unge med sammensatte vansker som mottar tjenester fra begge
forvaltningsnivåene; Prop. 100 L (2020–2021)), in force 1 August 2022 like nr. 12, added to the
topics of an existing database. A topic already there is left as it is."""

from django.db import migrations


def legg_til_nr_13(apps, schema_editor):
    from avtaler.temaer import merk_nr_13, sikre_temaer

    tema = apps.get_model("avtaler", "Tema")
    sikre_temaer(tema)
    merk_nr_13(tema)


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0022_punkttema_datert_tema_per_startdato")]

    operations = [migrations.RunPython(legg_til_nr_13, migrations.RunPython.noop)]
