"""Migration 0022 dates the clause → topic mappings and loses none: an existing mapping counts
from the first day a version holding the clause was in force (so the coverage of past dates
keeps it), or from the day it was made; nr. 12's unsourced date is moved to its source's."""

import datetime

import pytest

from tests.migreringshjelp import migrer, til_nyeste

D = datetime.date
FOR = ("avtaler", "0021_gjennomgang")
ETTER = ("avtaler", "0022_punkttema_datert_tema_per_startdato")


@pytest.mark.django_db(transaction=True)
def test_every_mapping_is_kept_and_dated_from_the_text_in_force():
    try:
        _mappingene_beholdes()
    finally:
        til_nyeste()


def _mappingene_beholdes():
    apps = migrer(FOR)
    Helsefellesskap = apps.get_model("helsefellesskap", "Helsefellesskap")
    Avtale = apps.get_model("avtaler", "Avtale")
    Avtaleversjon = apps.get_model("avtaler", "Avtaleversjon")
    Punkt = apps.get_model("avtaler", "Punkt")
    Punktversjon = apps.get_model("avtaler", "Punktversjon")
    Tema = apps.get_model("avtaler", "Tema")
    Punkttema = apps.get_model("avtaler", "Punkttema")

    Tema.objects.filter(nummer=12).update(gyldig_fra=D(2021, 7, 1))
    hf = Helsefellesskap.objects.create(navn="Vest", kortnavn="vest")
    avtale = Avtale.objects.create(helsefellesskap=hf, type="overordnet", tittel="Overordnet")
    gammelt, nytt = Punkt.objects.create(avtale=avtale), Punkt.objects.create(avtale=avtale)

    def signert(nummer, fra, punkter):
        # Clauses go in while it is a draft; then it is signed (the triggers lock it).
        v = Avtaleversjon.objects.create(avtale=avtale, nummer=nummer, tittel="Overordnet")
        for i, punkt in enumerate(punkter, 1):
            Punktversjon.objects.create(
                versjon=v, punkt=punkt, nummer=str(i), overskrift="P", tekst="", rekkefolge=i
            )
        Avtaleversjon.objects.filter(pk=v.pk).update(
            tilstand="signert", gyldig_fra=fra, signert_dato=fra, godkjent_vedtak="SSU 1"
        )

    signert(1, D(2019, 4, 1), [gammelt])
    signert(2, D(2021, 1, 18), [gammelt, nytt])
    utkast = Avtaleversjon.objects.create(avtale=avtale, nummer=3, tittel="Overordnet")
    ukjent = Punkt.objects.create(avtale=avtale)
    Punktversjon.objects.create(
        versjon=utkast, punkt=ukjent, nummer="6", overskrift="U", tekst="", rekkefolge=1
    )
    nr7, nr12 = Tema.objects.get(nummer=7), Tema.objects.get(nummer=12)
    Punkttema.objects.create(punkt=gammelt, tema=nr7)
    Punkttema.objects.create(punkt=nytt, tema=nr12)
    Punkttema.objects.create(punkt=ukjent, tema=nr7)
    antall = Punkttema.objects.count()

    apps = migrer(ETTER)
    Punkttema = apps.get_model("avtaler", "Punkttema")
    Tema = apps.get_model("avtaler", "Tema")
    assert Punkttema.objects.count() == antall
    assert not Punkttema.objects.exclude(gyldig_til=None).exists()
    fra = dict(Punkttema.objects.values_list("punkt_id", "gyldig_fra"))
    assert fra[gammelt.pk] == D(2019, 4, 1)
    assert fra[nytt.pk] == D(2021, 1, 18)
    # A clause only in a draft: from the day the mapping was made.
    made = Punkttema.objects.get(punkt_id=ukjent.pk)
    assert made.gyldig_fra == made.plassert.date()
    nr12 = Tema.objects.get(nummer=12)
    assert nr12.gyldig_fra == D(2022, 8, 1)
    assert "ikke kontrollert" in nr12.merknad
