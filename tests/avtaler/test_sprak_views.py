import datetime

import pytest

from avtaler import services
from avtaler.models import Ansvarsplassering, Sprakuttrykk, Tema
from avtaler.services import NyttPunkt
from tests.factories import iverksett, lag_avtale

D = datetime.date


@pytest.fixture
def avtale(kommune, helseforetak, koordinator):
    v1 = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            punkter=[
                NyttPunkt("1", "Formål", "Formålet er et godt samarbeid."),
                NyttPunkt("2", "Utskrivning", "Helseforetaket bør varsle kommunen ved behov."),
                NyttPunkt("3", "Svar", "Kommunen skal svare samme dag."),
                NyttPunkt("4", "Avvik", "Avvik skal meldes skriftlig."),
            ],
        ),
        D(2024, 1, 1),
    )
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=koordinator)
    punkt = v2.punkter.get(nummer="2")
    services.punkt_lagre(
        punkt=punkt,
        utfort_av=None,
        nummer="2",
        overskrift="Utskrivning",
        tekst="Helseforetaket skal varsle kommunen innen 24 timer.",
        forventet_teller=0,
    )
    return v1, v2


def test_live_analysis_marks_vague_phrases_and_explains(client, koordinator):
    client.force_login(koordinator)
    html = client.post(
        "/avtaler/forhandsvis/", {"tekst": "Partene bør ved behov møtes."}
    ).content.decode()
    markert = '<mark class="vag">bør</mark> <mark class="vag">ved behov</mark>'
    assert f"<p>Partene {markert} møtes.</p>" in html
    assert "Intensjon" in html and "Regel: Intensjon: «bør»" in html
    assert "Hvem avgjør behovet?" in html and "Råd:" in html


def test_live_analysis_reads_rights_prohibitions_and_third_parties(client, koordinator):
    client.force_login(koordinator)
    tekst = (
        "Avtalen kan sies opp skriftlig med ett års frist. Helseforetaket kan ikke pålegge "
        "kommunen å ta imot pasienten. Fastlegane skal delta i møta."
    )
    html = client.post("/avtaler/forhandsvis/", {"tekst": tekst}).content.decode()
    assert "Rettighet" in html and "Forbud" in html and "(nynorsk)" in html
    assert "fastlegen er ikke part i avtalen og bindes ikke av den." in html
    assert "Råd:" not in html  # no advice to write «skal» on a right or a prohibition
    assert "<mark" not in html.split('<div class="analyse"')[0]


def test_word_lists_are_data_administrators_edit(client, koordinator):
    client.force_login(koordinator)
    Sprakuttrykk.objects.create(kategori="vag", uttrykk="straks", forklaring="Skriv en frist.")
    html = client.post(
        "/avtaler/forhandsvis/", {"tekst": "Kommunen skal svare straks."}
    ).content.decode()
    assert '<mark class="vag">straks</mark>' in html
    Sprakuttrykk.objects.filter(uttrykk="bør").update(aktiv=False)
    html = client.post("/avtaler/forhandsvis/", {"tekst": "Partene bør møtes."}).content.decode()
    assert '<mark class="vag">bør</mark>' not in html


def test_the_data_migrations_load_both_written_standards(db):
    uttrykk = set(Sprakuttrykk.objects.values_list("kategori", "uttrykk"))
    for nytt in [
        ("vag", "så … som mulig"),
        ("vag", "i størst mogleg grad"),
        ("forpliktende", "har … *plikt"),
        ("vilkar", "vilkår for"),
        ("part", "partane"),
        ("ikke_part", "fastlegen"),
    ]:
        assert nytt in uttrykk
    assert ("intensjon", "kan") not in uttrykk  # «kan» is read by its use now
    helseforetaket = Sprakuttrykk.objects.get(kategori="part", uttrykk="helseføretaket")
    assert helseforetaket.betyr == "helseforetaket"


def test_party_names_come_from_the_organisations(client, koordinator, helseforetak):
    client.force_login(koordinator)
    kort = helseforetak.navn.removesuffix(" HF")
    html = client.post(
        "/avtaler/forhandsvis/", {"tekst": f"{kort} skal varsle kommunen."}
    ).content.decode()
    assert "Ansvarlig: helseforetaket." in html


def test_dashboard_shows_shares_and_what_the_revision_made_binding(client, koordinator, avtale):
    v1, v2 = avtale
    client.force_login(koordinator)
    html = client.get(f"/avtaler/{v2.avtale_id}/versjoner/2/sprak/").content.decode()
    assert "75 %" in html  # 3 of 4 clauses binding after the revision
    assert "Denne revisjonen gjorde 1 punkt forpliktende" in html
    assert "2 Utskrivning</a>: Intensjon → Forpliktende" in html
    before = client.get(f"/avtaler/{v1.avtale_id}/versjoner/1/sprak/").content.decode()
    assert "50 %" in before and "«bør»" in before and "«ved behov»" in before


def test_matrix_places_duties_and_a_coordinator_places_the_rest(client, koordinator, avtale):
    v1, _ = avtale
    client.force_login(koordinator)
    url = f"/avtaler/{v1.avtale_id}/versjoner/1/ansvar/"
    html = client.get(url).content.decode()
    assert "Kommunen skal svare samme dag." in html
    assert "1 plikt uten kjent ansvarlig" in html  # «Avvik skal meldes skriftlig.»
    avvik = v1.punkter.get(nummer="4")
    client.post(f"{url}{avvik.punkt_id}/", {"part": "partene"})
    assert Ansvarsplassering.objects.get(punkt=avvik.punkt).part == "partene"
    html = client.get(url).content.decode()
    assert "uten kjent ansvarlig" not in html
    # The placement follows the clause into the next version.
    assert (
        "uten kjent ansvarlig"
        not in client.get(f"/avtaler/{v1.avtale_id}/versjoner/2/ansvar/").content.decode()
    )


def test_coverage_shows_covered_missing_and_overdue_topics(client, kommune, helseforetak):
    hf = kommune.helsefellesskap
    iverksett(
        lag_avtale(
            hf,
            [kommune, helseforetak],
            type="delavtale",
            tittel="Utskrivningsklare pasienter",
            tema=Tema.objects.get(nummer=5),
        ),
        D(2024, 1, 1),
    )
    overordnet = iverksett(lag_avtale(hf, [kommune, helseforetak]), D(2026, 1, 1))
    overordnet.avtale.dekker_temaer.set(Tema.objects.filter(nummer__in=[1, 6]))
    html = client.get(f"/kommuner/{kommune.kommunenummer}/dekning/").content.decode()
    assert "10 temaer manglet en avtale som gjaldt for kommunen da" in html
    assert "Årlig gjennomgang forfalt" in html  # the delavtale's review was due 01.01.2025
    assert html.count("Mangler</span>") == 10  # nr. 13 counts since 1 August 2022


@pytest.mark.parametrize("side", ["sprak", "ansvar"])
def test_language_pages_query_budget_does_not_grow(
    client, koordinator, avtale, side, django_assert_max_num_queries
):
    _, v2 = avtale
    url = f"/avtaler/{v2.avtale_id}/versjoner/2/{side}/"
    client.force_login(koordinator)
    with django_assert_max_num_queries(15) as liten:
        assert client.get(url).status_code == 200
    services.punkter_legg_til(
        versjon=v2,
        punkter=[NyttPunkt(f"9.{i}", "X", "Kommunen skal gjøre noe.") for i in range(1, 40)],
    )
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert client.get(url).status_code == 200


def test_every_shipped_expression_reaches_the_database(db):
    """A word added to avtaler/sprak/data.py needs a data migration to reach the pages."""
    from avtaler.sprak.data import STANDARD

    i_basen = set(Sprakuttrykk.objects.values_list("kategori", "uttrykk"))
    assert {(k, u) for k, u, *_ in STANDARD} <= i_basen


def test_language_page_and_matrix_read_rights_nynorsk_and_third_parties(
    client, koordinator, kommune, helseforetak
):
    versjon = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            punkter=[
                NyttPunkt("1", "Oppseiing", "Avtalen kan seiast opp skriftleg med eitt års frist."),
                NyttPunkt("2", "Rettleiing", "Partane har gjensidig rettleiingsplikt."),
                NyttPunkt("3", "Fastlegar", "Fastlegane skal delta i samarbeidsmøta."),
            ],
        ),
        D(2024, 1, 1),
    )
    client.force_login(koordinator)
    sprak = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/sprak/").content.decode()
    assert "Rettighet" in sprak and "Intensjon" not in sprak
    assert "ikke part: fastlegen" in sprak
    ansvar = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/ansvar/").content.decode()
    assert "Partane har gjensidig rettleiingsplikt." in ansvar
    assert "Plikten ligger på fastlegen, som ikke er part i avtalen." in ansvar
    assert "Avtalen kan seiast opp" not in ansvar  # a right is not a duty
