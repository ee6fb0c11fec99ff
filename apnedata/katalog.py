"""The DCAT-AP-NO catalogue of the open data (data.norge.no): the API as a data service, and
one dataset per bulk export, under NLOD 2.0, with publisher and update frequency. Built as an
RDF graph (rdflib), so what is served is valid RDF in every format."""

from django.conf import settings
from django.http import HttpRequest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from apnedata.eksport import DATASETT

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
NLOD = URIRef("http://data.norge.no/nlod/no/2.0")
# EU vocabularies, as DCAT-AP-NO requires them.
FREKVENS = Namespace("http://publications.europa.eu/resource/authority/frequency/")
TEMA = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
SPRAK = URIRef("http://publications.europa.eu/resource/authority/language/NOB")
FILTYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
ENHETSREGISTERET = "https://data.brreg.no/enhetsregisteret/api/enheter/"


def _nb(tekst: str) -> Literal:
    return Literal(tekst, lang="nb")


def _utgiver(g: Graph) -> URIRef | BNode:
    orgnr = settings.APNEDATA_UTGIVER_ORGNR
    utgiver = URIRef(ENHETSREGISTERET + orgnr) if orgnr else BNode("utgiver")
    g.add((utgiver, RDF.type, FOAF.Agent))
    g.add((utgiver, FOAF.name, _nb(settings.APNEDATA_UTGIVER_NAVN)))
    if orgnr:
        g.add((utgiver, DCTERMS.identifier, Literal(orgnr)))
    return utgiver


def _kontakt(g: Graph, rot: str) -> BNode:
    kontakt = BNode("kontakt")
    g.add((kontakt, RDF.type, VCARD.Organization))
    g.add((kontakt, VCARD.fn, _nb(settings.APNEDATA_UTGIVER_NAVN)))
    if settings.APNEDATA_KONTAKT_EPOST:
        g.add((kontakt, VCARD.hasEmail, URIRef("mailto:" + settings.APNEDATA_KONTAKT_EPOST)))
    else:
        g.add((kontakt, VCARD.hasURL, URIRef(rot + "/")))
    return kontakt


def katalog(request: HttpRequest) -> Graph:
    """The catalogue, with the site's own addresses (the host the request came to)."""
    rot = request.build_absolute_uri("/").rstrip("/")
    api = f"{rot}/api/v1"
    g = Graph()
    for prefiks, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefiks, ns)
    utgiver = _utgiver(g)
    kontakt = _kontakt(g, rot)

    katalog_ = URIRef(f"{api}/katalog")
    g.add((katalog_, RDF.type, DCAT.Catalog))
    g.add((katalog_, DCTERMS.title, _nb("Samarbeidsavtaler mellom kommuner og helseforetak")))
    g.add(
        (
            katalog_,
            DCTERMS.description,
            _nb(
                "Samarbeidsavtalene i helsefellesskapene, punkt for punkt og versjon for "
                "versjon, med partenes avtaleforhold, vedtak og referater fra SSU og LSU."
            ),
        )
    )
    g.add((katalog_, DCTERMS.publisher, utgiver))
    g.add((katalog_, DCTERMS.language, SPRAK))
    g.add((katalog_, DCTERMS.license, NLOD))
    g.add((katalog_, FOAF.homepage, URIRef(rot + "/")))

    tjeneste = URIRef(f"{api}/")
    g.add((katalog_, DCAT.service, tjeneste))
    g.add((tjeneste, RDF.type, DCAT.DataService))
    g.add((tjeneste, DCTERMS.title, _nb("API for samarbeidsavtaler (les)")))
    g.add((tjeneste, DCTERMS.description, _nb("JSON-API med stabile adresser og tidspunkt.")))
    g.add((tjeneste, DCAT.endpointURL, URIRef(f"{api}/")))
    g.add((tjeneste, DCAT.endpointDescription, URIRef(f"{api}/openapi.json")))
    g.add((tjeneste, DCAT.landingPage, URIRef(f"{api}/docs")))
    g.add((tjeneste, DCTERMS.publisher, utgiver))
    g.add((tjeneste, DCAT.contactPoint, kontakt))
    g.add((tjeneste, DCTERMS.license, NLOD))

    for navn, (_lag, tittel, beskrivelse) in DATASETT.items():
        datasett = URIRef(f"{api}/katalog#{navn}")
        g.add((katalog_, DCAT.dataset, datasett))
        g.add((tjeneste, DCAT.servesDataset, datasett))
        g.add((datasett, RDF.type, DCAT.Dataset))
        g.add((datasett, DCTERMS.identifier, Literal(str(datasett))))
        g.add((datasett, DCTERMS.title, _nb(tittel)))
        g.add((datasett, DCTERMS.description, _nb(beskrivelse)))
        g.add((datasett, DCTERMS.publisher, utgiver))
        g.add((datasett, DCAT.contactPoint, kontakt))
        g.add((datasett, DCTERMS.language, SPRAK))
        g.add(
            (
                datasett,
                DCTERMS.accessRights,
                URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            )
        )
        # Made again whenever a version is signed: irregular, not on a calendar.
        g.add((datasett, DCTERMS.accrualPeriodicity, FREKVENS.IRREG))
        g.add((datasett, DCAT.theme, TEMA.HEAL))
        g.add((datasett, DCAT.theme, TEMA.GOVE))
        g.add((datasett, DCAT.keyword, _nb("samarbeidsavtaler")))
        g.add((datasett, DCAT.keyword, _nb("helsefellesskap")))
        fil = BNode(f"distribusjon-{navn}")
        g.add((datasett, DCAT.distribution, fil))
        g.add((fil, RDF.type, DCAT.Distribution))
        g.add((fil, DCTERMS.title, _nb(f"{tittel} (JSON Lines)")))
        g.add((fil, DCAT.accessURL, URIRef(f"{api}/eksport/{navn}.jsonl")))
        g.add((fil, DCAT.downloadURL, URIRef(f"{api}/eksport/{navn}.jsonl")))
        g.add(
            (
                fil,
                DCAT.mediaType,
                URIRef("https://www.iana.org/assignments/media-types/application/jsonl"),
            )
        )
        g.add((fil, DCTERMS.format, FILTYPE.JSON))
        g.add((fil, DCTERMS.license, NLOD))
        g.add((fil, DCAT.accessService, tjeneste))
    g.add((katalog_, DCTERMS.modified, Literal(_endret(), datatype=XSD.date)))
    return g


def _endret() -> str:
    from django.utils import timezone

    from avtaler.models import Avtaleversjon

    siste = (
        Avtaleversjon.objects.signerte()
        .filter(signert_dato__isnull=False)
        .order_by("-signert_dato")
        .values_list("signert_dato", flat=True)
        .first()
    )
    return (siste or timezone.localdate()).isoformat()
