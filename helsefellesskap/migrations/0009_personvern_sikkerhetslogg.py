"""The privacy statement states how long the security log is kept (sikkerhet's
slett_gammel_sikkerhetslogg). A statement the administrators have edited keeps their text: the
line goes in under the heading on retention (or a new one at the end), and the change is a row
in the history like any other."""

from django.db import migrations
from django.utils import timezone

OVERSKRIFT = "## Hvor lenge opplysningene lagres"
LINJE = "- Sikkerhetsloggen lagres i tolv måneder og slettes deretter automatisk hver natt."


def med_linjen(tekst: str) -> str:
    if "Sikkerhetsloggen lagres" in tekst:
        return tekst
    if OVERSKRIFT in tekst:
        return tekst.replace(OVERSKRIFT, f"{OVERSKRIFT}\n{LINJE}", 1)
    return f"{tekst.rstrip()}\n\n{OVERSKRIFT}\n{LINJE}\n"


def oppdater(apps, schema_editor):
    Erklaering = apps.get_model("helsefellesskap", "Erklaering")
    Historikk = apps.get_model("helsefellesskap", "HistoricalErklaering")
    erklaering = Erklaering.objects.filter(type="personvern").first()
    if erklaering is None or (ny := med_linjen(erklaering.tekst)) == erklaering.tekst:
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
        history_change_reason="Oppbevaringstid for sikkerhetsloggen",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("helsefellesskap", "0008_normaliser_epost"),
    ]

    operations = [migrations.RunPython(oppdater, migrations.RunPython.noop)]
