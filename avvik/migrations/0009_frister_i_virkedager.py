"""Ladder steps that carry the product's old standard deadline («svare innen 14 dager», calendar
days) get the new standard in working days. Steps whose deadline an administrator took from an
agreement (another `fristkilde`) are left as the agreement says."""

from django.db import migrations

GAMMEL = "Standard i løsningen (svare innen 14 dager); sett fristen avtalen fastsetter"
NY = "Standard i løsningen (svare innen 10 virkedager); sett fristen avtalen fastsetter"


def til_virkedager(apps, schema_editor):
    Eskaleringstrinn = apps.get_model("avvik", "Eskaleringstrinn")
    Eskaleringstrinn.objects.filter(
        fristkilde=GAMMEL, fristenhet="dager", svarfrist=14, innsigelsesfrist=14
    ).update(svarfrist=10, innsigelsesfrist=10, fristenhet="virkedager", fristkilde=NY)


class Migration(migrations.Migration):
    dependencies = [
        ("avvik", "0008_avvik_trekkes"),
    ]

    operations = [migrations.RunPython(til_virkedager, migrations.RunPython.noop)]
