"""The open data API (issue 25): stable addresses, points in time, caching of signed versions,
the same answers as the web pages, CORS for GET on /api/ only, the rate limit, the docs page."""

import datetime
import re

import pytest
from django.utils.http import http_date

from avtaler.models import Avtaleversjon
from helsefellesskap.models import Organisasjon
from tests.factories import iverksett, lag_avtale


def _flat(noder, niva=0):
    ut = []
    for node in noder:
        ut.append((node.versjon.avtale_id, node.versjon.nummer, niva))
        ut += _flat(node.barn, niva + 1)
    return ut


@pytest.mark.parametrize("dato", ["2021-06-01", "2019-06-01", ""])
def test_a_municipalitys_agreements_on_a_date_match_its_page(client, demo, dato):
    """`/api/v1/kommuner/<nr>/avtaler?dato=` lists what `/kommuner/<nr>/?dato=` shows, in the
    same order and hierarchy, for every municipality."""
    for kommune in Organisasjon.objects.kommuner():
        nr = kommune.kommunenummer
        side = client.get(f"/kommuner/{nr}/", {"dato": dato} if dato else {})
        svar = client.get(f"/api/v1/kommuner/{nr}/avtaler", {"dato": dato} if dato else {})
        assert svar.status_code == side.status_code == 200
        pa_siden = _flat(side.context["tre"])
        i_api = [(a["avtale"], a["nummer"], a["niva"]) for a in svar.json()["avtaler"]]
        assert i_api == pa_siden, nr
        for a in svar.json()["avtaler"]:
            assert f'href="{a["nettside"]}' in side.content.decode() or a["nettside"].startswith(
                f"/avtaler/{a['avtale']}/"
            )
    drammen = client.get("/api/v1/kommuner/3301/avtaler", {"dato": "2021-06-01"}).json()
    assert drammen["dato"] == "2021-06-01"
    assert drammen["avtaler"], "Drammen had agreements in force on 1 June 2021"


def test_a_malformed_date_is_a_norwegian_400(client, db):
    svar = client.get("/api/v1/avtaler", {"dato": "2021-13-45"})
    assert svar.status_code == 400
    assert "ikke en gyldig dato" in svar.json()["detail"]
    assert client.get("/api/v1/avtaler", {"dato": "1. juni"}).status_code == 400


def test_the_agreement_on_a_date_is_the_version_its_page_shows(client, demo):
    for avtale_id in {a["avtale"] for a in client.get("/api/v1/avtaler").json()}:
        for dato in ("2020-06-01", "2021-06-01", "2025-06-01"):
            side = client.get(f"/avtaler/{avtale_id}/", {"dato": dato})
            svar = client.get(f"/api/v1/avtaler/{avtale_id}", {"dato": dato}).json()
            if side.status_code == 404:
                assert svar["gjeldende"] is None
            else:
                assert svar["gjeldende"]["nummer"] == side.context["versjon"].nummer


def test_clause_addresses_are_the_anchors_and_keep_their_identity(client, demo):
    versjon = Avtaleversjon.objects.signerte().order_by("pk").first()
    adresse = f"/api/v1/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}"
    data = client.get(adresse).json()
    side = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/").content.decode()
    assert data["punkter"]
    for punkt in data["punkter"]:
        assert punkt["anker"] == f"punkt-{punkt['id']}"
        assert f'id="{punkt["anker"]}"' in side
        assert punkt["adresse"] == f"{adresse}/punkter/{punkt['id']}"
        alene = client.get(punkt["adresse"])
        assert alene.status_code == 200
        assert alene.json() == punkt
    # A clause keeps its identity across versions.
    avtale_id = client.get("/api/v1/avtaler").json()[0]["avtale"]
    en, to = (client.get(f"/api/v1/avtaler/{avtale_id}/versjoner/{n}").json() for n in (1, 2))
    assert {p["id"] for p in en["punkter"]} & {p["id"] for p in to["punkter"]}


def test_a_signed_version_has_etag_and_last_modified_and_answers_304(client, demo):
    versjon = Avtaleversjon.objects.signerte().order_by("pk").first()
    adresse = f"/api/v1/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}"
    forste = client.get(adresse)
    etag, endret = forste["ETag"], forste["Last-Modified"]
    assert forste.status_code == 200
    assert "public" in forste["Cache-Control"]
    assert client.get(adresse, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(adresse, headers={"If-None-Match": '"annen"'}).status_code == 200
    assert client.get(adresse, headers={"If-Modified-Since": endret}).status_code == 304
    for_lenge_siden = http_date(datetime.datetime(2000, 1, 1).timestamp())
    assert client.get(adresse, headers={"If-Modified-Since": for_lenge_siden}).status_code == 200
    punkt = forste.json()["punkter"][0]["adresse"]
    punktsvar = client.get(punkt)
    assert client.get(punkt, headers={"If-None-Match": punktsvar["ETag"]}).status_code == 304


def test_per_party_status_on_a_date(client, demo):
    versjon = Avtaleversjon.objects.signerte().order_by("pk").first()
    adresse = f"/api/v1/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/parter"
    parter = client.get(adresse, {"dato": "2021-06-01"}).json()["parter"]
    assert {p["status"] for p in parter} <= {
        "venter",
        "signert",
        "gjeldende",
        "oppsagt",
        "avsluttet",
    }
    assert len(parter) == versjon.parter.count()


def test_discharge_routine_is_the_one_the_lookup_shows(client, demo):
    svar = client.get("/api/v1/kommuner/3301/utskrivning").json()
    side = client.get("/kommuner/3301/utskrivning/")
    rutine = side.context["rutine"]
    assert svar["versjon"]["avtale"] == rutine.versjon.avtale_id
    assert svar["versjon"]["nummer"] == rutine.versjon.nummer
    assert svar["regler"] and len(svar["dager"]) == 7


def test_avvik_counts_are_those_the_agreement_page_shows(client, demo):
    for avtale_id in {a["avtale"] for a in client.get("/api/v1/avtaler").json()}:
        side = client.get(f"/avvik/punkter/avtale/{avtale_id}/")
        svar = client.get(f"/api/v1/avtaler/{avtale_id}/avvik").json()
        assert [(p["punkt"], p["antall"]) for p in svar["per_punkt"]] == side.context["tall"]
        assert svar["antall"] == side.context["sum"]
        assert svar["under_minste_celle"] == side.context["statistikk"]["under_minste_celle"]
        for p in svar["per_punkt"]:
            assert p["under_minste_celle"] == (p["antall"] is None)
            assert p["antall"] is None or p["antall"] >= 5


def test_cors_is_open_for_get_on_the_api_only(client, demo):
    svar = client.get("/api/v1/avtaler", headers={"Origin": "https://eksempel.no"})
    assert svar["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in svar["Access-Control-Expose-Headers"]
    forhand = client.options(
        "/api/v1/avtaler",
        headers={"Origin": "https://eksempel.no", "Access-Control-Request-Method": "GET"},
    )
    assert forhand.status_code == 204
    assert forhand["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    post = client.options(
        "/api/v1/avtaler",
        headers={"Origin": "https://eksempel.no", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in post
    assert client.post("/api/v1/avtaler").status_code == 405
    assert "Access-Control-Allow-Origin" not in client.post("/api/v1/avtaler")
    assert "Access-Control-Allow-Origin" not in client.get("/avtaler/")
    hode = client.head("/api/v1/avtaler")
    assert hode.status_code == 200
    assert hode.content == b""
    assert hode["Access-Control-Allow-Origin"] == "*"


def test_the_rate_limit_counts_each_client(client, db, settings):
    settings.FARTSGRENSER = {**settings.FARTSGRENSER, "api": (3, 60)}
    for _ in range(3):
        assert client.get("/api/v1/kommuner").status_code == 200
    svar = client.get("/api/v1/kommuner")
    assert svar.status_code == 429
    assert svar["Retry-After"] == "60"
    assert "For mange forespørsler" in svar.json()["detail"]
    annen = client.get("/api/v1/kommuner", REMOTE_ADDR="10.0.0.9")
    assert annen.status_code == 200


def test_openapi_3_description_in_norwegian(client, db):
    skjema = client.get("/api/v1/openapi.json").json()
    assert skjema["openapi"].startswith("3.")
    assert "Åpne data" in skjema["info"]["description"]
    assert "/api/v1/kommuner/{kommunenummer}/avtaler" in skjema["paths"]
    beskrivelser = {
        svar["description"]
        for metoder in skjema["paths"].values()
        for op in metoder.values()
        for svar in op["responses"].values()
    }
    assert "Not Found" not in beskrivelser
    assert "Finnes ikke" in beskrivelser
    assert all(set(metoder) == {"get"} for metoder in skjema["paths"].values())
    inngang = client.get("/api/v1/").json()
    assert client.get(inngang["openapi"]).status_code == 200
    assert all(client.get(adresse).status_code == 200 for adresse in inngang["eksport"])


def test_the_docs_page_lists_every_endpoint_without_inline_script(client, db):
    svar = client.get("/api/v1/docs")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "script-src 'self'" in svar["Content-Security-Policy"]
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    for sti in client.get("/api/v1/openapi.json").json()["paths"]:
        assert f"GET {sti}" in html
    assert "Parametre" in html


def test_export_is_made_again_when_a_version_is_signed(
    client, helsefellesskap, kommune, helseforetak, django_capture_on_commit_callbacks
):
    assert client.get("/api/v1/eksport/punkter.jsonl").content == b""
    utkast = lag_avtale(helsefellesskap, [kommune, helseforetak])
    Avtaleversjon.objects.filter(pk=utkast.pk).update(tittel="Eksportert avtale")
    utkast.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as kall:
        iverksett(utkast, datetime.date(2024, 1, 1))
    assert kall, "signing schedules the export after the commit"
    avtaler = client.get("/api/v1/eksport/avtaler.jsonl")
    assert avtaler["Content-Type"].startswith("application/jsonl")
    assert b"Eksportert avtale" in avtaler.content
    punkter = client.get("/api/v1/eksport/punkter.jsonl").content.decode().splitlines()
    assert len(punkter) == utkast.punkter.count()


def _adresser(data) -> set[str]:
    if isinstance(data, dict):
        egen = {data["adresse"]} if "adresse" in data else set()
        return egen.union(*(_adresser(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_adresser(v) for v in data))
    return set()


def test_every_address_the_api_gives_answers(client, demo):
    """Review of #25: each municipality's «adresse» was /api/v1/kommuner/<nr>, which was 404."""
    adresser = set()
    for sti in (
        "/api/v1/kommuner",
        "/api/v1/kommuner/3301/avtaler",
        "/api/v1/kommuner/3301/utskrivning",
        "/api/v1/avtaler",
        "/api/v1/avtaler/1",
        "/api/v1/avtaler/1/versjoner/1",
        "/api/v1/utvalg",
    ):
        adresser |= _adresser(client.get(sti).json())
    assert "/api/v1/kommuner/3301" in adresser
    for adresse in sorted(adresser):
        assert client.get(adresse).status_code == 200, adresse
    drammen = client.get("/api/v1/kommuner/3301").json()
    assert drammen["kommunenummer"] == "3301" and drammen["navn"] == "Drammen kommune"
    assert client.get("/api/v1/kommuner/0000").status_code == 404
