"""The escalation ladders are made when the Helsefellesskap is (issue 16): reading a ladder
writes nothing, as it did when trinn_for created it on the first read."""

import importlib

from django.apps import apps

from avvik.models import Eskaleringstrinn, Stigetype
from avvik.stiger import STANDARD, trinn_for
from tests.factories import HelsefellesskapFactory


def _stiger(hf) -> dict[str, list[str]]:
    return {stige: [t.beskrivelse for t in trinn_for(hf, stige)] for stige in Stigetype.values}


def test_a_new_helsefellesskap_has_both_ladders_from_the_standard(db):
    hf = HelsefellesskapFactory()
    # Made with it, before anything reads them.
    laget = Eskaleringstrinn.objects.filter(helsefellesskap=hf)
    assert laget.count() == sum(len(stegene) for stegene in STANDARD.values())
    assert _stiger(hf) == {
        stige: [steg.beskrivelse for steg in stegene] for stige, stegene in STANDARD.items()
    }
    assert trinn_for(hf, Stigetype.PASIENTRELATERT)[0].svarfrist == 10


def test_reading_a_ladder_writes_nothing(db, django_assert_num_queries):
    hf = HelsefellesskapFactory()
    Eskaleringstrinn.objects.filter(helsefellesskap=hf).delete()
    with django_assert_num_queries(1):
        assert trinn_for(hf, Stigetype.AVTALESPORSMAL) == []
    assert not Eskaleringstrinn.objects.filter(helsefellesskap=hf).exists()


def test_the_migration_gives_each_existing_helsefellesskap_the_ladders_it_lacks(db):
    """Migration 0012: a Helsefellesskap that never had an avvik (so no ladder was read and
    made) gets both; one with a ladder an administrator changed keeps it and gets the other."""
    migrering = importlib.import_module("avvik.migrations.0014_stiger_for_hvert_helsefellesskap")
    uten, endret = HelsefellesskapFactory(), HelsefellesskapFactory()
    Eskaleringstrinn.objects.filter(helsefellesskap=uten).delete()
    Eskaleringstrinn.objects.filter(helsefellesskap=endret, stige=Stigetype.AVTALESPORSMAL).delete()
    Eskaleringstrinn.objects.filter(helsefellesskap=endret, nummer=1).update(svarfrist=14)

    migrering.lag_manglende_stiger(apps, None)

    assert _stiger(uten) == _stiger(HelsefellesskapFactory())
    assert len(trinn_for(endret, Stigetype.AVTALESPORSMAL)) == 3
    assert trinn_for(endret, Stigetype.PASIENTRELATERT)[0].svarfrist == 14
    assert len(trinn_for(endret, Stigetype.PASIENTRELATERT)) == 4
