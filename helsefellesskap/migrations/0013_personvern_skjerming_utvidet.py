"""The privacy statement says how the screen for patient identifiers reads numbers now (issue 15,
second round): four-digit years, more separators, a word between the groups, and which account
and reference numbers it lets through. The stored statement gets the new paragraph where it
still has the one 0010 put in; a statement the administrators rewrote is left alone."""

from django.db import migrations
from django.utils import timezone

GAMMEL = "All fritekst du skriver eller laster opp, sjekkes for fødselsnummer, D-nummer, H-nummer og felles hjelpenummer (FH-nummer), også etter reglene som gjelder fra 2032: avvik og svar, kommentarer, avtalepunkter, saker, vedtak og referater, navn på dokumenter og tekst som importeres. Sjekken finner nummeret også når det er delt opp med mellomrom, bindestrek, punktum, skråstrek, tabulator eller linjeskift, skrevet med brede tegn, eller skrevet som en dato med fem sifre etter (som «dd.mm.åå nnnnn»). Finner den et nummer, lagres ingenting: du får vite hvilket felt det gjelder, og i skjemaene står resten av det du skrev igjen, så du kan fjerne nummeret. Nummeret skrives ikke i noen logg. Innholdet i opplastede saksdokumenter sjekkes ikke, bare navnet. Sjekken kjenner ikke igjen navn eller andre kjennetegn, så det er den som skriver, som må holde pasienten utenfor.\n"

NY = "All fritekst du skriver eller laster opp, sjekkes for fødselsnummer, D-nummer, H-nummer og felles hjelpenummer (FH-nummer), også etter reglene som gjelder fra 2032: avvik og svar, kommentarer, avtalepunkter, saker, vedtak og referater, navn på dokumenter og tekst som importeres. Sjekken finner nummeret i ett og delt opp på de måtene folk skriver det, med mellomrom, tabulator, linjeskift, bindestrek, punktum, komma, kolon, skråstrek, pluss eller parenteser mellom, med brede tegn, som dato med to- eller firesifret år og fem sifre etter (som «dd.mm.åå nnnnn» og «dd.mm.åååå nnnnn»), og med ord som «pnr» mellom datoen og de fem siste. Finner den et nummer, lagres ingenting: du får vite hvilket felt det gjelder, og i skjemaene står resten av det du skrev igjen, så du kan fjerne nummeret. Nummeret skrives ikke i noen logg. Et kontonummer skrevet som banken skriver det, og elleve sifre rett etter et ord som «KID», «saksnr.» eller «tlf.», avvises ikke. Numre som ble lagret før sjekken kjente en skrivemåte, kan finnes og maskeres av den som drifter løsningen. Innholdet i opplastede saksdokumenter sjekkes ikke, bare navnet. Sjekken kjenner ikke igjen navn eller andre kjennetegn, så det er den som skriver, som må holde pasienten utenfor.\n"


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
            history_change_reason="Skjerming av fritekst: flere skrivemåter",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("helsefellesskap", "0012_fellesskapsmedlem"),
    ]

    operations = [migrations.RunPython(oppdater, migrations.RunPython.noop)]
