"""The shipped accessibility and privacy statements, with a first history row each, so the
history shows what the administrators later changed from."""

from django.db import migrations
from django.utils import timezone


def opprett(apps, schema_editor):
    from helsefellesskap.models.erklaeringer import STANDARDTEKSTER

    Erklaering = apps.get_model("helsefellesskap", "Erklaering")
    Historikk = apps.get_model("helsefellesskap", "HistoricalErklaering")
    for type_, tekst in STANDARDTEKSTER.items():
        if Erklaering.objects.filter(type=type_).exists():
            continue
        na = timezone.now()
        erklaering = Erklaering.objects.create(type=type_, tekst=tekst, endret=na)
        Historikk.objects.create(
            id=erklaering.pk,
            type=type_,
            tekst=tekst,
            endret=na,
            history_date=na,
            history_type="+",
            history_change_reason="Standardtekst",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("helsefellesskap", "0005_erklaeringer"),
    ]

    operations = [migrations.RunPython(opprett, migrations.RunPython.noop)]
