from django.apps import apps
from django.core.management import call_command

from helsefellesskap.demodata import BRUKERE, DEMO_PASSORD, KOMMUNER
from helsefellesskap.models import (
    Helsefellesskap,
    Lokalomrade,
    Medlemskap,
    Omrademedlem,
    Organisasjon,
)
from helsefellesskap.validators import er_gyldig_organisasjonsnummer


def _alle_rader() -> dict[str, list]:
    """Every row of every model of this app, history included."""
    config = apps.get_app_config("helsefellesskap")
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in config.get_models()
    }


def test_demodata_creates_vest_viken(db, capsys):
    call_command("demodata")
    hf = Helsefellesskap.objects.get(kortnavn="vest-viken")
    kommuner = Organisasjon.objects.kommuner().filter(helsefellesskap=hf)
    assert kommuner.count() == 22
    assert set(kommuner.values_list("kommunenummer", flat=True)) == set(KOMMUNER.values())
    assert kommuner.get(kommunenummer="3201").navn == "Bærum kommune"
    assert Organisasjon.objects.helseforetak().get().navn == "Vestre Viken HF"
    assert all(
        er_gyldig_organisasjonsnummer(nr)
        for nr in Organisasjon.objects.values_list("organisasjonsnummer", flat=True)
    )
    assert set(Lokalomrade.objects.values_list("navn", flat=True)) == {
        "Bærum sykehus",
        "Drammen sykehus",
        "Kongsberg sykehus",
        "Ringerike sykehus",
        "Hallingdal sjukestugu",
    }
    # Every municipality belongs to an LSU area, Asker to two (Bærum sykehus' and Drammen
    # sykehus'); Holmestrand, a party but not a member of the Helsefellesskap (seed 004 § 2),
    # to Drammen sykehus' area, so its avvik have a local body (domain review of #17).
    asker = kommuner.get(navn="Asker kommune")
    assert sorted(Omrademedlem.objects.gjeldende().values_list("kommune_id", flat=True)) == sorted(
        [*kommuner.values_list("pk", flat=True), asker.pk]
    )
    assert {o.navn for o in asker.lokalomrader_pa()} == {"Bærum sykehus", "Drammen sykehus"}
    holmestrand = kommuner.get(navn="Holmestrand kommune")
    assert [o.navn for o in holmestrand.lokalomrader_pa()] == ["Drammen sykehus"]
    # Members since the reform, with a date.
    assert not Omrademedlem.objects.filter(fra__isnull=True).exists()
    assert {k.navn for k in kommuner if not k.er_medlem()} == {"Holmestrand kommune"}
    assert set(Medlemskap.objects.values_list("rolle", flat=True)) == set(Medlemskap.Rolle.values)
    assert DEMO_PASSORD in capsys.readouterr().out


def test_demodata_twice_changes_nothing(db):
    call_command("demodata")
    for_andre = _alle_rader()
    call_command("demodata")
    assert _alle_rader() == for_andre


def test_every_printed_demo_login_works(db, client):
    call_command("demodata")
    for email, *_ in BRUKERE:
        svar = client.post("/logg-inn/", {"username": email, "password": DEMO_PASSORD})
        assert svar.status_code == 302, email
        assert client.get("/min-side/").status_code == 200
        client.post("/logg-ut/")
