"""Seed the avvik categories seen in practice (DOMAIN.md §4); administrators edit them.
The escalation ladders are created per Helsefellesskap when first needed (avvik/stiger.py)."""

from django.db import migrations

# The categories as first shipped; 0007 says whose failure each is and adds the municipality's.
KATEGORIER = [
    ("Utskrivning utenfor avtalt tid", True),
    ("Manglende epikrise", True),
    ("Manglende legemiddelliste", True),
    (
        "Manglende beskrivelse av funksjon eller diagnose ved melding om utskrivningsklar pasient",
        True,
    ),
    ("Utskrevet uten bekreftet mottak", True),
    ("Meldt utskrivningsklar, men ikke utskrevet", True),
    ("Sykehuset lovet pasienten en kommunal tjeneste", True),
    ("Innleggelse uten nødvendige opplysninger", False),
    ("Rutiner for elektroniske meldinger ikke fulgt", False),
    ("Annet brudd på avtale eller rutine", False),
]


def opprett(apps, schema_editor):
    Avvikskategori = apps.get_model("avvik", "Avvikskategori")
    for navn, utskrivning in KATEGORIER:
        Avvikskategori.objects.get_or_create(
            navn=navn, defaults={"gjelder_utskrivning": utskrivning}
        )


class Migration(migrations.Migration):
    dependencies = [("avvik", "0001_initial")]

    operations = [migrations.RunPython(opprett, migrations.RunPython.noop)]
