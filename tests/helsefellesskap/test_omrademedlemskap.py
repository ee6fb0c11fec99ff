"""Membership of an LSU area is its own relation with dates (issue 17): what a municipality
belonged to on a date is read from it, and a party need not belong to any (Holmestrand)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helsefellesskap import access
from helsefellesskap.models import Omrademedlem
from tests.factories import LokalomradeFactory, MedlemskapFactory, lag_utvalg

D = datetime.date


@pytest.fixture
def flyttet(kommune, helsefellesskap):
    """The municipality belonged to Gammelby sykehus until yesterday, to Nyby from today."""
    i_dag = timezone.localdate()
    gammelt = LokalomradeFactory(helsefellesskap=helsefellesskap, navn="Gammelby sykehus")
    nytt = LokalomradeFactory(helsefellesskap=helsefellesskap, navn="Nyby sykehus")
    Omrademedlem.objects.create(
        lokalomrade=gammelt, kommune=kommune, fra=D(2020, 1, 1),
        til=i_dag - datetime.timedelta(days=1),
    )  # fmt: skip
    Omrademedlem.objects.create(lokalomrade=nytt, kommune=kommune, fra=i_dag)
    return gammelt, nytt


def test_the_area_of_a_municipality_is_the_one_it_belonged_to_on_the_date(kommune, flyttet):
    gammelt, nytt = flyttet
    assert list(kommune.lokalomrader_pa()) == [nytt]
    assert list(kommune.lokalomrader_pa(D(2021, 6, 1))) == [gammelt]
    assert not kommune.lokalomrader_pa(D(2019, 6, 1)).exists()


def test_the_municipality_page_shows_the_area_on_the_date_asked(client, kommune, flyttet):
    i_dag = client.get(f"/kommuner/{kommune.kommunenummer}/").content.decode()
    assert "Nyby sykehus" in i_dag and "Gammelby sykehus" not in i_dag
    da = client.get(f"/kommuner/{kommune.kommunenummer}/?dato=2021-06-01").content.decode()
    assert "Gammelby sykehus" in da and "Nyby sykehus" not in da


def test_the_lsu_page_lists_the_municipalities_of_its_area_today(
    client, kommune, annen_kommune, flyttet, helsefellesskap
):
    gammelt, nytt = flyttet
    Omrademedlem.objects.create(lokalomrade=gammelt, kommune=annen_kommune)
    gammel_lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU G", lokalomrade=gammelt)
    ny_lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU N", lokalomrade=nytt)
    gammel = client.get(f"/utvalg/{gammel_lsu.pk}/").content.decode()
    assert annen_kommune.navn in gammel and kommune.navn not in gammel
    assert kommune.navn in client.get(f"/utvalg/{ny_lsu.pk}/").content.decode()


def test_a_coordinator_acts_for_the_municipalities_in_the_lsu_area_today(
    kommune, flyttet, helsefellesskap
):
    gammelt, nytt = flyttet
    koordinator = MedlemskapFactory(organisasjon=kommune, rolle="samhandlingskoordinator").bruker
    gammel_lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU G", lokalomrade=gammelt)
    ny_lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU N", lokalomrade=nytt)
    assert access.partsside(koordinator, ny_lsu) == "kommunene"
    assert access.partsside(koordinator, gammel_lsu) == ""


def test_a_municipality_is_in_an_area_once_at_a_time_and_may_span_two(
    kommune, flyttet, helsefellesskap
):
    """Asker after 2020 spans two hospitals' areas (domain review of #17): overlapping
    membership within one Helsefellesskap is allowed, twice in the same area is not."""
    gammelt, _nytt = flyttet
    tredje = LokalomradeFactory(helsefellesskap=helsefellesskap, navn="Tredje")
    Omrademedlem(lokalomrade=tredje, kommune=kommune, fra=D(2021, 1, 1)).full_clean()
    overlapp = Omrademedlem(lokalomrade=gammelt, kommune=kommune, fra=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="hører allerede til Gammelby sykehus"):
        overlapp.full_clean()
    for_alt = Omrademedlem(
        lokalomrade=tredje, kommune=kommune, fra=D(2010, 1, 1), til=D(2019, 12, 31)
    )
    for_alt.full_clean()  # before the first membership: fine
    with pytest.raises(ValidationError):
        Omrademedlem(lokalomrade=tredje, kommune=kommune, fra=D(2024, 1, 2), til=D(2024, 1, 1))\
            .full_clean()  # fmt: skip
