"""Word lists after the independent test of the language check (issue #21 review): duties
written as «har befolkningsansvar for …», and the sykestuer as part of the health trust
(«Hallingdal sjukestugu» is Vestre Viken HF's). Frozen here, like 0015."""

from django.db import migrations

# (category, expression, explanation, written standard, meaning)
STANDARD = [
    ("forpliktende", "har *ansvar for", "", "", ""),
    ("forpliktende", "har … *ansvar for", "", "", ""),
    ("part", "<Navn> sjukestugu", "", "", "helseforetaket"),
    ("part", "<Navn> sjukestogo", "", "", "helseforetaket"),
    ("part", "<Navn> sykestue", "", "", "helseforetaket"),
    ("part", "sjukestugu", "", "", "helseforetaket"),
    ("part", "sjukestua", "", "", "helseforetaket"),
    ("part", "sykestua", "", "", "helseforetaket"),
    ("part", "sykestuen", "", "", "helseforetaket"),
]


def legg_inn(apps, schema_editor):
    Sprakuttrykk = apps.get_model("avtaler", "Sprakuttrykk")
    for kategori, uttrykk, forklaring, malform, betyr in STANDARD:
        Sprakuttrykk.objects.get_or_create(
            kategori=kategori,
            uttrykk=uttrykk,
            defaults={"forklaring": forklaring, "malform": malform, "betyr": betyr},
        )


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0017_punkttema")]

    operations = [migrations.RunPython(legg_inn, migrations.RunPython.noop)]
