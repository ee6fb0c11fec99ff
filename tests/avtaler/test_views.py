"""The public reading pages: content, visibility of drafts and fixed query budgets."""

import datetime

import pytest

from avtaler import services
from avtaler.models import Avtale, Tema
from avtaler.services import NyttPunkt
from tests.factories import LokalomradeFactory, iverksett, lag_avtale, nye_punkter

D = datetime.date


@pytest.fixture
def overordnet(kommune, annen_kommune, helseforetak, koordinator):
    """Version 1 (2021, replaced), version 2 in force (2024) and version 3 a draft."""
    hf = kommune.helsefellesskap
    v1 = iverksett(
        lag_avtale(
            hf,
            [kommune, annen_kommune, helseforetak],
            punkter=[
                NyttPunkt(
                    "1", "Formål", "Avtalen *skal* sikre samarbeid. <script>alert(1)</script>"
                ),
                NyttPunkt("2", "Utskrivning", "Utskrivning bør skje på dagtid."),
            ],
        ),
        D(2021, 1, 18),
    )
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=koordinator)
    punkt = v2.punkter.get(nummer="2")
    punkt.tekst = "Utskrivning skal skje mellom 07:00 og 17:00."
    punkt.save()
    v2 = iverksett(v2, D(2024, 1, 1))
    v3 = services.versjon_start_revisjon(versjon=v2, utfort_av=koordinator)
    return v1, v2, v3


def _legg_til_mange(versjoner, antall):
    """Bigger agreements and more versions must not mean more queries."""
    (_v1, _v2, v3) = versjoner
    services.punkter_legg_til(versjon=v3, punkter=nye_punkter(antall, prefiks="Ekstra", start=10))


def test_agreement_page_shows_the_version_in_force_with_anchors(client, overordnet):
    _v1, v2, _ = overordnet
    svar = client.get(f"/avtaler/{v2.avtale_id}/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Utskrivning skal skje mellom 07:00 og 17:00." in html
    assert "bør skje på dagtid" not in html
    punkt = v2.punkter.get(nummer="2")
    assert f'id="punkt-{punkt.punkt_id}"' in html
    assert f'href="#punkt-{punkt.punkt_id}"' in html
    assert "<em>skal</em>" in html
    assert "<script>alert(1)</script>" not in html  # user text never becomes HTML
    assert "01.01.2024" in html
    assert "?fra=1&amp;til=2" in html


def test_point_in_time_shows_the_old_version(client, overordnet):
    v1, _v2, _ = overordnet
    html = client.get(f"/avtaler/{v1.avtale_id}/", {"dato": "2022-06-01"}).content.decode()
    assert "Utskrivning bør skje på dagtid." in html
    assert "18.01.2021" in html


def test_before_the_first_version_nothing_applied(client, overordnet):
    svar = client.get(f"/avtaler/{overordnet[0].avtale_id}/", {"dato": "2020-01-01"})
    assert svar.status_code == 404
    assert "Ingen versjon av avtalen gjaldt 01.01.2020" in svar.content.decode()


def test_a_malformed_date_gets_a_norwegian_error(client, overordnet):
    svar = client.get(f"/avtaler/{overordnet[0].avtale_id}/", {"dato": "31.01.2025"})
    assert svar.status_code == 400
    assert "er ikke en gyldig dato. Bruk formatet ÅÅÅÅ-MM-DD" in svar.content.decode()


@pytest.mark.parametrize(
    ("bruker", "status"),
    [("anonym", 403), ("utenforstaende_hf", 403), ("ansatt", 200), ("systemforvalter", 200)],
)
def test_drafts_are_visible_only_to_members_of_the_parties(
    client, overordnet, request, bruker, status
):
    if bruker != "anonym":
        client.force_login(request.getfixturevalue(bruker))
    utkast = overordnet[2]
    assert client.get(f"/avtaler/{utkast.avtale_id}/versjoner/3/").status_code == status
    historikk = client.get(f"/avtaler/{utkast.avtale_id}/versjoner/").content.decode()
    assert ("Versjon 3" in historikk) == (status == 200)


@pytest.fixture
def utenforstaende_hf(db):
    """An administrator of a municipality in another Helsefellesskap."""
    from tests.factories import MedlemskapFactory

    return MedlemskapFactory(rolle="administrator").bruker


def test_signed_versions_are_public(client, overordnet):
    assert client.get(f"/avtaler/{overordnet[0].avtale_id}/versjoner/1/").status_code == 200


def test_diff_page_pairs_clauses_and_marks_words(client, overordnet):
    v1, _v2, _ = overordnet
    svar = client.get(f"/avtaler/{v1.avtale_id}/endringer/", {"fra": 1, "til": 2})
    html = svar.content.decode()
    assert svar.status_code == 200
    assert '<del><span class="ds-sr-only">[fjernet: </span>bør' in html
    assert '<ins><span class="ds-sr-only">[lagt til: </span>skal' in html
    assert "Endret: 1" in html
    assert "1 punkt er uendret" in html


def test_diff_with_an_unknown_version_explains(client, overordnet):
    svar = client.get(f"/avtaler/{overordnet[0].avtale_id}/endringer/", {"fra": 1, "til": 9})
    assert svar.status_code == 400
    assert "Velg to versjoner" in svar.content.decode()


def test_list_shows_the_hierarchy_in_force_and_filters(
    client, overordnet, kommune, annen_kommune, helseforetak
):
    hf = kommune.helsefellesskap
    delavtale = iverksett(
        lag_avtale(
            hf,
            [annen_kommune, helseforetak],
            type=Avtale.Type.DELAVTALE,
            tittel="Delavtale om utskrivningsklare pasienter",
            tema=Tema.objects.get(nummer=5),
            overordnet=overordnet[1].avtale,
        ),
        D(2024, 1, 1),
    )
    html = client.get("/avtaler/").content.decode()
    assert html.index("Overordnet samarbeidsavtale") < html.index(delavtale.tittel)
    assert "§ 6-2 nr. 5" in html
    bare_kommune = client.get("/avtaler/", {"kommune": kommune.kommunenummer}).content.decode()
    assert delavtale.tittel not in bare_kommune
    bare_delavtaler = client.get("/avtaler/", {"type": "delavtale"}).content.decode()
    assert (
        delavtale.tittel in bare_delavtaler
        and "Overordnet samarbeidsavtale</a>" not in bare_delavtaler
    )
    i_2019 = client.get("/avtaler/", {"dato": "2019-01-01"}).content.decode()
    assert "Ingen avtaler gjaldt" in i_2019


def test_municipality_page_lists_what_applies_there(client, overordnet, kommune, helseforetak):
    omrade = LokalomradeFactory(navn="Testby sykehus", helsefellesskap=kommune.helsefellesskap)
    omrade.kommuner.add(kommune)
    html = client.get(f"/kommuner/{kommune.kommunenummer}/").content.decode()
    assert kommune.organisasjonsnummer in html
    assert "Testby sykehus" in html
    assert helseforetak.navn in html
    assert "Overordnet samarbeidsavtale" in html


PAGES = [
    "/avtaler/",
    "/avtaler/{pk}/",
    "/avtaler/{pk}/?dato=2022-01-01",
    "/avtaler/{pk}/versjoner/",
    "/avtaler/{pk}/versjoner/2/",
    "/avtaler/{pk}/versjoner/3/",
    "/avtaler/{pk}/endringer/?fra=2&til=3",
    "/kommuner/{knr}/",
]


@pytest.mark.parametrize("side", PAGES)
def test_query_budget_does_not_grow_with_clauses_or_versions(
    client, overordnet, kommune, ansatt, koordinator, side, django_assert_max_num_queries
):
    client.force_login(ansatt)
    url = side.format(pk=overordnet[0].avtale_id, knr=kommune.kommunenummer)
    with django_assert_max_num_queries(12) as liten:
        assert client.get(url).status_code == 200
    # Grow: 150 clauses in the draft, and more agreements in force.
    _legg_til_mange(overordnet, 150)
    for _ in range(3):
        iverksett(
            lag_avtale(kommune.helsefellesskap, [kommune], tittel="Særavtale", type="saeravtale"),
            D(2023, 1, 1),
        )
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_saeravtale_for_one_clinic_says_so(client, kommune, helseforetak):
    versjon = lag_avtale(
        kommune.helsefellesskap,
        [kommune, helseforetak],
        type="saeravtale",
        tittel="Særavtale om ambulant akutteam",
        enhet="Klinikk for psykisk helse og rus",
        bindende=False,
    )
    iverksett(versjon, D(2025, 1, 1))
    html = client.get(f"/avtaler/{versjon.avtale_id}/").content.decode()
    assert "Klinikk for psykisk helse og rus" in html
    assert "<dt>Bindende</dt><dd>Nei</dd>" in html.replace("\n", "")
