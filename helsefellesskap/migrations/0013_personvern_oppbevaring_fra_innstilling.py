"""The privacy statement states the retention of the security log by a marker the page fills
in from SIKKERHETSLOGG_OPPBEVARING_MANEDER, the setting the deletion job reads: the line «lagres
i tolv måneder» written in 0009 becomes «lagres i {oppbevaring_sikkerhetslogg}». A line an
administrator reworded is replaced by the standard line; a statement without one gets it under
the heading on retention. The change is a history row like any other."""

from django.db import migrations
from django.utils import timezone

OVERSKRIFT = "## Hvor lenge opplysningene lagres"
MERKE = "{oppbevaring_sikkerhetslogg}"
LINJE = f"- Sikkerhetsloggen lagres i {MERKE} og slettes deretter automatisk hver natt."


def med_merket(tekst: str) -> str:
    if MERKE in tekst:
        return tekst
    linjer = tekst.split("\n")
    for i, linje in enumerate(linjer):
        if "Sikkerhetsloggen lagres" in linje:
            linjer[i] = LINJE
            return "\n".join(linjer)
    if OVERSKRIFT in tekst:
        return tekst.replace(OVERSKRIFT, f"{OVERSKRIFT}\n{LINJE}", 1)
    return f"{tekst.rstrip()}\n\n{OVERSKRIFT}\n{LINJE}\n"


def oppdater(apps, schema_editor):
    Erklaering = apps.get_model("helsefellesskap", "Erklaering")
    Historikk = apps.get_model("helsefellesskap", "HistoricalErklaering")
    erklaering = Erklaering.objects.filter(type="personvern").first()
    if erklaering is None or (ny := med_merket(erklaering.tekst)) == erklaering.tekst:
        return
    na = timezone.now()
    erklaering.tekst, erklaering.endret = ny, na
    erklaering.save(update_fields=["tekst", "endret"])
    Historikk.objects.create(
        id=erklaering.pk,
        type=erklaering.type,
        tekst=ny,
        endret=na,
        endret_av_id=erklaering.endret_av_id,
        history_date=na,
        history_type="~",
        history_change_reason="Oppbevaringstid for sikkerhetsloggen fra innstillingen",
    )


class Migration(migrations.Migration):
    dependencies = [("helsefellesskap", "0012_fellesskapsmedlem")]

    operations = [migrations.RunPython(oppdater, migrations.RunPython.noop)]
