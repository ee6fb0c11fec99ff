from django.apps import apps
from django.core.management import call_command

from avtaler.models import Avtale, Avtaleversjon


def _alle_rader():
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("avtaler").get_models()
    }


def test_demo_agreements_each_have_a_replaced_and_a_current_version(db):
    call_command("demodata", stdout=None)
    assert Avtale.objects.count() == 6
    for avtale in Avtale.objects.all():
        tilstander = list(avtale.versjoner.order_by("nummer").values_list("tilstand", flat=True))
        assert tilstander == ["erstattet", "gjeldende"], avtale.tittel
    typer = set(Avtale.objects.values_list("type", flat=True))
    assert typer == {"overordnet", "delavtale", "rutine", "saeravtale"}
    rutine = Avtale.objects.get(type="rutine")
    assert rutine.brudd_er_mislighold
    assert rutine.overordnet.tittel == "Avtale om helhetlig pasientforløp"
    saer = Avtaleversjon.objects.get(avtale__type="saeravtale", tilstand="gjeldende")
    assert saer.parter.count() == 7  # six Hallingdal municipalities and the health trust
    gjeldende = Avtaleversjon.objects.get(avtale=rutine, tilstand="gjeldende")
    assert "09:00 og 15:00" in gjeldende.punkter.get(nummer="1").tekst


def test_demo_revisions_keep_clause_identity(db):
    call_command("demodata", stdout=None)
    overordnet = Avtale.objects.get(type="overordnet")
    v1, v2 = overordnet.versjoner.order_by("nummer")
    uenighet_1 = v1.punkter.get(nummer="5")
    uenighet_2 = v2.punkter.get(punkt=uenighet_1.punkt)
    assert uenighet_2.nummer == "6"  # renumbered, same clause


def test_demodata_twice_changes_no_agreement(db):
    call_command("demodata", stdout=None)
    for_andre = _alle_rader()
    call_command("demodata", stdout=None)
    assert _alle_rader() == for_andre
