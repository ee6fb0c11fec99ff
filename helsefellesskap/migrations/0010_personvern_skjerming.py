"""The privacy statement says what the screen for patient identifiers covers now (issue 15):
every free text, every way of writing, FH-numbers. The stored statement gets the new paragraph
where it still has the shipped old one; a statement the administrators rewrote is left alone."""

from django.db import migrations
from django.utils import timezone

GAMMEL = "Når et avvik meldes, besvares, kommenteres, eskaleres eller lukkes, sjekker løsningen teksten for fødselsnummer og D-nummer og avviser den hvis den finner et. Sjekken kjenner ikke igjen navn eller andre kjennetegn, så det er den som skriver, som må holde pasienten utenfor.\n"

NY = "All fritekst du skriver eller laster opp, sjekkes for fødselsnummer, D-nummer, H-nummer og felles hjelpenummer (FH-nummer), også etter reglene som gjelder fra 2032: avvik og svar, kommentarer, avtalepunkter, saker, vedtak og referater, navn på dokumenter og tekst som importeres. Sjekken finner nummeret også når det er delt opp med mellomrom, bindestrek, punktum, skråstrek, tabulator eller linjeskift, skrevet med brede tegn, eller skrevet som en dato med fem sifre etter (som «dd.mm.åå nnnnn»). Finner den et nummer, lagres ingenting: du får vite hvilket felt det gjelder, og i skjemaene står resten av det du skrev igjen, så du kan fjerne nummeret. Nummeret skrives ikke i noen logg. Innholdet i opplastede saksdokumenter sjekkes ikke, bare navnet. Sjekken kjenner ikke igjen navn eller andre kjennetegn, så det er den som skriver, som må holde pasienten utenfor.\n"


def oppdater(apps, schema_editor):
    Erklaering = apps.get_model("helsefellesskap", "Erklaering")
    Historikk = apps.get_model("helsefellesskap", "HistoricalErklaering")
    for erklaering in Erklaering.objects.filter(type="personvern"):
        if GAMMEL not in erklaering.tekst:
            continue
        na = timezone.now()
        erklaering.tekst = erklaering.tekst.replace(GAMMEL, NY)
        erklaering.endret = na
        erklaering.save(update_fields=["tekst", "endret"])
        Historikk.objects.create(
            id=erklaering.pk,
            type=erklaering.type,
            tekst=erklaering.tekst,
            endret=na,
            endret_av_id=erklaering.endret_av_id,
            history_date=na,
            history_type="~",
            history_change_reason="Skjerming av all fritekst",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("helsefellesskap", "0009_personvern_sikkerhetslogg"),
    ]

    operations = [migrations.RunPython(oppdater, migrations.RunPython.noop)]
