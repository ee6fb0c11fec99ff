"""The API shows nothing a visitor cannot see on the web pages, on every endpoint: no draft,
no unadopted decision, no unapproved minutes, no minutes of a body whose minutes are not
public, no avvik content (counts only). Every endpoint of the OpenAPI description is asked
with every id there is, drafts' too, and every answer searched for what must not be there."""

import itertools
import re
import warnings

import pytest
from django.utils import timezone
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from avtaler.models import UNDER_ARBEID, Avtale, Avtaleversjon, Punkt
from avvik.models import Avvik
from helsefellesskap.models import Mote, Organisasjon, Utvalg, Vedtak
from tests.factories import revider

UTKAST = "HEMMELIG-UTKAST"
REFERAT = "HEMMELIG-REFERAT"
AU_REFERAT = "HEMMELIG-AU-REFERAT"
VEDTAK = "HEMMELIG-VEDTAK"
AVVIK = "HEMMELIG-AVVIK"
MERKER = (UTKAST, REFERAT, AU_REFERAT, VEDTAK, AVVIK)


@pytest.fixture
def hemmeligheter(demo):
    """What only members and parties see, marked so any leak shows."""
    ledig = next(
        a
        for a in Avtale.objects.order_by("pk")
        if not a.versjoner.filter(tilstand__in=UNDER_ARBEID)
    )
    siste = ledig.versjoner.order_by("-nummer").first()
    utkast = revider(siste, siste.punkter.order_by("rekkefolge").first().nummer, UTKAST, UTKAST)
    Avtaleversjon.objects.filter(pk=utkast.pk).update(tittel=UTKAST)
    naa = timezone.now()
    ssu_mote = Mote.objects.filter(utvalg__type="ssu", start__lt=naa).order_by("-start").first()
    Mote.objects.filter(pk=ssu_mote.pk).update(referat=REFERAT, referat_godkjent=None)
    au_mote = Mote.objects.filter(utvalg__type="au", start__lt=naa).order_by("-start").first()
    Mote.objects.filter(pk=au_mote.pk).update(referat=AU_REFERAT, referat_godkjent=naa)
    ikke_vedtatt = Vedtak.objects.exclude(resultat="vedtatt")
    assert ikke_vedtatt.exists()
    ikke_vedtatt.update(tekst=VEDTAK, protokolltilforsel=VEDTAK)
    Vedtak.objects.filter(resultat="vedtatt").exclude(sak__utvalg__type__in=("ssu", "lsu")).update(
        tekst=VEDTAK
    )
    assert Avvik.objects.exists()
    Avvik.objects.update(beskrivelse=AVVIK)
    return utkast


def _verdier(parameter: str, avtale_id: int | None) -> list:
    if parameter == "avtale_id":
        return list(Avtale.objects.values_list("pk", flat=True))
    if parameter == "nummer":
        return sorted(set(Avtaleversjon.objects.values_list("nummer", flat=True)))
    if parameter == "punkt_id":
        return list(Punkt.objects.filter(avtale=avtale_id).values_list("pk", flat=True))
    if parameter == "kommunenummer":
        return list(Organisasjon.objects.kommuner().values_list("kommunenummer", flat=True))
    if parameter == "utvalg_id":
        return list(Utvalg.objects.values_list("pk", flat=True))
    if parameter == "datasett":
        from apnedata.eksport import DATASETT

        return list(DATASETT)
    raise AssertionError(f"Ukjent parameter {parameter}: legg den til i testen")


def _adresser(sti: str):
    navn = re.findall(r"{(\w+)}", sti)
    if "avtale_id" in navn:
        for avtale_id in _verdier("avtale_id", None):
            andre = [n for n in navn if n != "avtale_id"]
            for kombinasjon in itertools.product(*(_verdier(n, avtale_id) for n in andre)):
                yield sti.format(avtale_id=avtale_id, **dict(zip(andre, kombinasjon, strict=True)))
    else:
        for kombinasjon in itertools.product(*(_verdier(n, None) for n in navn)):
            yield sti.format(**dict(zip(navn, kombinasjon, strict=True)))


def test_no_endpoint_shows_what_a_visitor_cannot_see(client, hemmeligheter):
    utkast = hemmeligheter
    # The web pages agree these are hidden from a visitor.
    assert client.get(f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/").status_code == 403
    for merke in MERKER:
        for side in ("/avtaler/", f"/avtaler/{utkast.avtale_id}/", "/utvalg/"):
            assert merke not in client.get(side).content.decode()

    stier = client.get("/api/v1/openapi.json").json()["paths"]
    spurt = set()
    for sti in stier:
        for adresse in _adresser(sti):
            for dato in ({}, {"dato": "2021-06-01"}):
                if dato and "{datasett}" in sti:
                    continue
                svar = client.get(adresse, dato)
                assert svar.status_code in (200, 404), (adresse, svar.status_code)
                innhold = svar.content.decode()
                for merke in MERKER:
                    assert merke not in innhold, (adresse, merke)
            spurt.add(sti)
    assert spurt == set(stier), "every endpoint asked"
    # The draft's own addresses do not exist for the API.
    adresse = f"/api/v1/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}"
    assert client.get(adresse).status_code == 404
    assert client.get(f"{adresse}/parter").status_code == 404
    punkt = utkast.punkter.first().punkt_id
    assert client.get(f"{adresse}/punkter/{punkt}").status_code == 404
    versjoner = client.get(f"/api/v1/avtaler/{utkast.avtale_id}/versjoner").json()
    assert utkast.nummer not in [v["nummer"] for v in versjoner]


def test_no_endpoint_shows_more_to_a_logged_in_member(client, hemmeligheter):
    """The API is the visitor's view for everyone: a party's own member sees no draft here."""
    from tests.factories import MedlemskapFactory

    part = hemmeligheter.parter.first()
    client.force_login(MedlemskapFactory(organisasjon=part, rolle="administrator").bruker)
    adresse = f"/api/v1/avtaler/{hemmeligheter.avtale_id}/versjoner/{hemmeligheter.nummer}"
    assert client.get(adresse).status_code == 404
    for datasett in ("avtaler", "punkter"):
        assert UTKAST not in client.get(f"/api/v1/eksport/{datasett}.jsonl").content.decode()


DCATNO = Namespace("https://data.norge.no/vocabulary/dcatno#")
NLOD = URIRef("http://data.norge.no/nlod/no/2.0")


@pytest.mark.parametrize(
    ("adresse", "format_"), [("katalog.ttl", "turtle"), ("katalog.jsonld", "json-ld")]
)
def test_the_catalogue_is_dcat_rdf_with_licence_publisher_and_frequency(
    client, db, adresse, format_
):
    svar = client.get(f"/api/v1/{adresse}")
    assert svar.status_code == 200
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser, inside
        g = Graph().parse(data=svar.content.decode(), format=format_)
    katalog = g.value(predicate=RDF.type, object=DCAT.Catalog)
    assert katalog is not None
    assert g.value(katalog, DCTERMS.publisher) is not None
    assert g.value(katalog, DCTERMS.license) == NLOD
    datasett = list(g.objects(katalog, DCAT.dataset))
    assert len(datasett) == 6
    for d in datasett:
        assert g.value(d, DCTERMS.title).language == "nb"
        assert g.value(d, DCTERMS.publisher) is not None
        assert g.value(d, DCTERMS.accrualPeriodicity) is not None
        fil = g.value(d, DCAT.distribution)
        assert g.value(fil, DCTERMS.license) == NLOD
        nedlasting = str(g.value(fil, DCAT.downloadURL))
        assert nedlasting.startswith("http://testserver/api/v1/eksport/")
        assert client.get(nedlasting.removeprefix("http://testserver")).status_code == 200
    tjeneste = g.value(katalog, DCAT.service)
    assert str(g.value(tjeneste, DCAT.endpointDescription)).endswith("/api/v1/openapi.json")


def test_the_publisher_is_named_by_its_organisation_number(client, db, settings):
    settings.APNEDATA_UTGIVER_ORGNR = "974705788"
    g = Graph().parse(data=client.get("/api/v1/katalog.ttl").content.decode(), format="turtle")
    utgiver = g.value(g.value(predicate=RDF.type, object=DCAT.Catalog), DCTERMS.publisher)
    assert str(utgiver) == "https://data.brreg.no/enhetsregisteret/api/enheter/974705788"
