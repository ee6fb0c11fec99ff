"""Categories both ways (DOMAIN.md § 4): whose failure each shipped category is, the
municipality's typical failures added, and «concerns the time of discharge» set only where it
does. Ladders get the deadlines of their dialogue steps (avvik/stiger.py)."""

from django.db import migrations

from avvik.kategorier import KATEGORIER, OMDOPT, sikre_kategorier
from avvik.stiger import STANDARD


def begge_veier(apps, schema_editor):
    Avvikskategori = apps.get_model("avvik", "Avvikskategori")
    for gammelt, nytt in OMDOPT.items():
        if not Avvikskategori.objects.filter(navn=nytt).exists():
            Avvikskategori.objects.filter(navn=gammelt).update(navn=nytt)
    for navn, svikt, tid in KATEGORIER:
        Avvikskategori.objects.filter(navn=navn).update(
            svikt_hos=svikt, gjelder_utskrivningstid=tid
        )
    sikre_kategorier(Avvikskategori)


def frister(apps, schema_editor):
    Eskaleringstrinn = apps.get_model("avvik", "Eskaleringstrinn")
    for stige, trinn in STANDARD.items():
        for nummer, steg in enumerate(trinn, start=1):
            Eskaleringstrinn.objects.filter(
                stige=stige, nummer=nummer, svarfrist__isnull=True
            ).update(
                svarfrist=steg.svarfrist,
                innsigelsesfrist=steg.innsigelsesfrist,
                fristenhet=steg.fristenhet,
                fristkilde=steg.fristkilde,
            )


class Migration(migrations.Migration):
    dependencies = [("avvik", "0006_flyt_kategorier_frister")]

    operations = [
        migrations.RunPython(begge_veier, migrations.RunPython.noop),
        migrations.RunPython(frister, migrations.RunPython.noop),
    ]
