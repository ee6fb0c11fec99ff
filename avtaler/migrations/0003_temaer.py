"""The eleven statutory topics of helse- og omsorgstjenesteloven § 6-2 as reference data."""

from django.db import migrations

# Frozen here: avtaler.temaer holds the topics with their dates, which this state of the
# model cannot store (migration 0016 adds the dates, the sources and nr. 12).
TEMAER_2012 = [
    (
        1,
        "Enighet om hvilke helse- og omsorgsoppgaver forvaltningsnivåene er pålagt ansvaret for, "
        "og hvilke tiltak partene til enhver tid skal utføre",
    ),
    (
        2,
        "Samarbeid om innleggelse, utskrivning, habilitering, rehabilitering og lærings- og "
        "mestringstilbud",
    ),
    (3, "Retningslinjer for innleggelse i sykehus"),
    (4, "Kommunens tilbud om døgnopphold for øyeblikkelig hjelp (§ 3-5 tredje ledd)"),
    (
        5,
        "Retningslinjer for samarbeid om utskrivningsklare pasienter som antas å ha behov for "
        "kommunale tjenester",
    ),
    (6, "Gjensidig kunnskapsoverføring, informasjonsutveksling, faglige nettverk og hospitering"),
    (7, "Samarbeid om forskning, utdanning, praksis og læretid"),
    (8, "Samarbeid om jordmortjenester"),
    (9, "Samarbeid om IKT-løsninger lokalt"),
    (10, "Samarbeid om forebygging"),
    (11, "Omforente beredskapsplaner og planer for den akuttmedisinske kjeden"),
]


def opprett(apps, schema_editor):
    tema = apps.get_model("avtaler", "Tema")
    for nummer, tittel in TEMAER_2012:
        tema.objects.update_or_create(nummer=nummer, defaults={"tittel": tittel})


def fjern(apps, schema_editor):
    apps.get_model("avtaler", "Tema").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0002_laas_signerte_versjoner")]

    operations = [migrations.RunPython(opprett, fjern)]
