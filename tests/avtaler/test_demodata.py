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
        assert tilstander == ["signert", "signert"], avtale.tittel
        assert [v.nummer for v in Avtaleversjon.objects.gjeldende().filter(avtale=avtale)] == [2]
    typer = set(Avtale.objects.values_list("type", flat=True))
    assert typer == {"overordnet", "delavtale", "rutine", "saeravtale"}
    rutine = Avtale.objects.get(type="rutine")
    assert rutine.brudd_er_mislighold
    assert rutine.overordnet.tittel == "Avtale om helhetlig pasientforløp"
    saer = Avtaleversjon.objects.gjeldende().get(avtale__type="saeravtale")
    assert saer.parter.count() == 7  # six Hallingdal municipalities and the health trust
    gjeldende = Avtaleversjon.objects.gjeldende().get(avtale=rutine)
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


def test_demo_shows_each_municipalitys_own_agreement(db, client):
    """Issue 17: most on the newest overordnet version, Hole still on the previous one (its
    council has not decided), Holmestrand a party outside the Helsefellesskap, and Lier's
    notice on a delavtale."""
    from avtaler.models import Avtaleforhold
    from helsefellesskap.models import Organisasjon

    call_command("demodata", stdout=None)
    overordnet = Avtale.objects.get(type="overordnet")
    kommuner = Organisasjon.objects.kommuner()
    assert kommuner.count() == 22
    paa = {
        k.navn: [
            v.nummer for v in Avtaleversjon.objects.gjeldende(None, k).filter(avtale=overordnet)
        ]
        for k in kommuner
    }
    assert paa.pop("Hole kommune") == [1]
    assert set(map(tuple, paa.values())) == {(2,)}
    holmestrand = kommuner.get(navn="Holmestrand kommune")
    assert not holmestrand.er_medlem()
    assert [o.navn for o in holmestrand.lokalomrader.all()] == ["Drammen sykehus"]
    assert paa["Holmestrand kommune"] == [2]
    oppsagt = Avtaleforhold.objects.get(oppsigelse_varslet__isnull=False)
    assert (oppsagt.part.navn, oppsagt.versjon.avtale.tema.nummer) == ("Lier kommune", 4)
    html = client.get(f"/avtaler/{overordnet.pk}/parter/").content.decode()
    assert html.count('class="ds-card kort partkort') == 23  # 22 municipalities and the HF
    assert "1 part har ikke inngått versjon 2" in html
