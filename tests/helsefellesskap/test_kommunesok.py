"""The municipality picker: type-ahead suggestions and the same rules without JavaScript."""

import pytest

from helsefellesskap.kommunesok import entydig_kommune, finn_kommuner
from tests.factories import HelseforetakFactory, KommuneFactory


@pytest.fixture
def kommuner(helsefellesskap):
    navn = {
        "3201": "Bærum kommune",
        "3203": "Asker kommune",
        "1507": "Ålesund kommune",
        "3301": "Drammen kommune",
        "3312": "Lier kommune",
        "5001": "Trondheim kommune",
        "3905": "Tønsberg kommune",
        "1508": "Aurland kommune",
    }
    HelseforetakFactory(helsefellesskap=helsefellesskap, navn="Bærum sykehus HF")
    return {
        nummer: KommuneFactory(helsefellesskap=helsefellesskap, navn=n, kommunenummer=nummer)
        for nummer, n in navn.items()
    }


def _navn(treff):
    return [kommune.navn for kommune in treff]


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        ("bærum", ["Bærum kommune"]),
        ("BÆ", ["Bærum kommune"]),
        ("ålesund", ["Ålesund kommune"]),
        ("  Tønsberg   kommune ", ["Tønsberg kommune"]),
        ("3201", ["Bærum kommune"]),
        ("32", ["Bærum kommune", "Asker kommune"]),
        ("", []),
        ("Oslo", []),
    ],
)
def test_suggestions_match_name_or_number_whatever_the_case(kommuner, tekst, forventet):
    assert sorted(_navn(finn_kommuner(tekst))) == sorted(forventet)


def test_exact_and_prefix_matches_come_before_matches_inside_a_name(kommuner):
    # "a": Asker and Aurland start with it, Drammen has it inside; "å" is a letter of its own.
    assert _navn(finn_kommuner("a")) == ["Asker kommune", "Aurland kommune", "Drammen kommune"]


def test_health_trusts_are_never_suggested(kommuner):
    assert _navn(finn_kommuner("sykehus")) == []


def test_only_one_municipality_is_taken_as_the_choice(kommuner):
    for tekst, forventet in (("lier", "3312"), ("Tønsb", "3905"), ("a", None)):
        kommune = entydig_kommune(tekst, finn_kommuner(tekst))
        assert (kommune and kommune.kommunenummer) == forventet


def test_suggestions_are_links_to_the_municipality_and_its_discharge_routine(client, kommuner):
    svar = client.get("/kommuner/forslag/", {"kommune": "bæ"})
    assert svar.status_code == 200
    html = svar.content.decode()
    assert 'href="/kommuner/3201/"' in html
    assert 'href="/kommuner/3201/utskrivning/"' in html
    assert "Asker" not in html


def test_suggestions_say_so_when_nothing_matches(client, kommuner):
    html = client.get("/kommuner/forslag/", {"kommune": "Oslo"}).content.decode()
    assert "Ingen kommune passer" in html


def test_suggestions_take_one_query(client, kommuner, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/kommuner/forslag/", {"kommune": "a"}).status_code == 200


def test_the_form_without_javascript_goes_straight_to_a_single_match(
    client, kommuner, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        svar = client.get("/kommuner/", {"kommune": "Bærum"})
    assert svar.status_code == 302
    assert svar["Location"] == "/kommuner/3201/"


def test_the_form_without_javascript_lists_several_matches(client, kommuner):
    svar = client.get("/kommuner/", {"kommune": "32"})
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Flere kommuner passer til «32»." in html
    assert 'href="/kommuner/3201/"' in html and 'href="/kommuner/3203/"' in html


def test_an_empty_form_asks_for_a_name(client, kommuner):
    svar = client.get("/kommuner/", {"kommune": " "})
    assert svar.status_code == 400  # the front page, the reason at the field (issue 15)
    assert "Skriv navnet eller nummeret på en kommune." in svar.content.decode()


def test_an_overlong_text_is_cut_not_an_error(client, kommuner):
    svar = client.get("/kommuner/forslag/", {"kommune": "x" * 5000})
    assert svar.status_code == 200
