"""The read API under /api/v1/: django-ninja operations over apnedata.offentlig.

Read-only (GET), open to anyone, counted against the rate limit per client (kjerne.fartsgrense,
settings.FARTSGRENSER["api"]). Errors are JSON with a Norwegian «detail». Signed versions and
their clauses never change: they carry ETag and Last-Modified and answer 304 to a client
that has them."""

import datetime
import hashlib
import warnings
from typing import Annotated

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from ninja import NinjaAPI, Path, Query
from ninja.errors import Throttled, ValidationError
from ninja.throttling import BaseThrottle

from apnedata import eksport, katalog, offentlig, skjema
from avtaler.lesing import les_dato
from avtaler.models import Avtale
from kjerne.fartsgrense import over_grensen
from kjerne.feil import Domenefeil
from kjerne.inndata import STORST_HELTALL

BESKRIVELSE = """Åpne data om samarbeidsavtalene mellom kommunene og helseforetakene, om
helsefellesskapenes utvalg og om avvik (bare antall). Bare det som er offentlig på nettsidene:
signerte avtaleversjoner, vedtatte vedtak og godkjente referater fra SSU og LSU. Utkast,
interne saker og avvikenes innhold finnes ikke her.

Lisens: Norsk lisens for offentlige data (NLOD) 2.0. Alle svar er JSON. Feil har feltet
«detail» med en forklaring på norsk. Adressene er stabile: en avtale, en versjon og et punkt
har samme identitet som på nettsidene (ankeret #punkt-<id>)."""


class Fartsgrense(BaseThrottle):
    """The project's rate limit (kjerne.fartsgrense), per address or logged-in user."""

    def allow_request(self, request: HttpRequest) -> bool:
        return over_grensen(request, "api") is None

    def wait(self) -> int:
        return settings.FARTSGRENSER["api"][1]


SVARTEKSTER = {
    200: "OK",
    304: "Ikke endret siden sist (If-None-Match eller If-Modified-Since)",
    400: "Ugyldig forespørsel",
    404: "Finnes ikke",
    429: "For mange forespørsler",
}


class Api(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The description in Norwegian: the response texts too, not only ours."""
        skjema = super().get_openapi_schema(*args, **kwargs)
        for metoder in skjema["paths"].values():
            for op in metoder.values():
                for kode, svar in op.get("responses", {}).items():
                    svar["description"] = SVARTEKSTER.get(int(kode), svar["description"])
        return skjema


api = Api(
    title="Samhandlingsavtaler – åpne data",
    version="1.0.0",
    description=BESKRIVELSE,
    urls_namespace="api-v1",
    docs_url=None,
    throttle=[Fartsgrense()],
)


@api.exception_handler(Throttled)
def _for_mange(request: HttpRequest, exc: Throttled) -> HttpResponse:
    svar = api.create_response(
        request,
        {"detail": "For mange forespørsler. Vent litt og prøv igjen."},
        status=429,
    )
    svar["Retry-After"] = str(exc.wait or 60)
    return svar


@api.exception_handler(Http404)
def _ikke_funnet(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Finnes ikke."}, status=404)


@api.exception_handler(ValidationError)
def _ugyldig(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    felt = sorted({".".join(str(d) for d in e.get("loc", [])[1:]) for e in exc.errors})
    return api.create_response(
        request, {"detail": f"Ugyldig verdi i: {', '.join(felt) or 'forespørselen'}."}, status=400
    )


@api.exception_handler(Domenefeil)
def _domenefeil(request: HttpRequest, exc: Domenefeil) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


# --- parameters --------------------------------------------------------------------------

Id = Annotated[int, Path(ge=1, le=STORST_HELTALL, description="Id-en, som på nettsidene.")]
Nummer = Annotated[int, Path(ge=1, le=STORST_HELTALL, description="Versjonsnummeret.")]
Kommunenummer = Annotated[
    str, Path(pattern=r"^[0-9]{4}$", description="Kommunenummeret, fire sifre.")
]
Dato = Annotated[
    str | None,
    Query(
        None,
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description="Tidspunktet svaret gjelder, ÅÅÅÅ-MM-DD (i dag om det mangler).",
    ),
]
KommuneParam = Annotated[
    str | None,
    Query(None, pattern=r"^[0-9]{4}$", description="Kommunenummer: bare avtaler for kommunen."),
]
TypeParam = Annotated[
    str | None,
    Query(None, pattern="^(" + "|".join(Avtale.Type.values) + ")$", description="Avtaletype."),
]

Datasett = Annotated[
    str, Path(pattern="^(" + "|".join(eksport.DATASETT) + ")$", description="Datasettets navn.")
]

FEIL = {400: skjema.Feil, 404: skjema.Feil, 429: skjema.Feil}
FEIL_UTEN_404 = {400: skjema.Feil, 429: skjema.Feil}


def _kommune_eller_ingen(kommunenummer: str | None):
    return offentlig.finn_kommune(kommunenummer) if kommunenummer else None


# --- the way in ----------------------------------------------------------------------------


@api.get(
    "/",
    response={200: skjema.Inngang, 429: skjema.Feil},
    summary="Inngangen: hvor beskrivelsen, dokumentasjonen, katalogen og dataene er",
    tags=["Katalog"],
)
def inngang(request: HttpRequest):
    return {
        "dokumentasjon": f"{offentlig.PREFIKS}/docs",
        "openapi": f"{offentlig.PREFIKS}/openapi.json",
        "katalog": f"{offentlig.PREFIKS}/katalog.ttl",
        "lisens": "http://data.norge.no/nlod/no/2.0",
        "helsefellesskap": f"{offentlig.PREFIKS}/helsefellesskap",
        "kommuner": f"{offentlig.PREFIKS}/kommuner",
        "avtaler": f"{offentlig.PREFIKS}/avtaler",
        "utvalg": f"{offentlig.PREFIKS}/utvalg",
        "eksport": [f"{offentlig.PREFIKS}/eksport/{navn}.jsonl" for navn in eksport.DATASETT],
    }


# --- Helsefellesskap and municipalities ----------------------------------------------------


@api.get(
    "/helsefellesskap",
    response={200: list[skjema.Helsefellesskap], **FEIL_UTEN_404},
    summary="Helsefellesskapene og partene deres",
    tags=["Helsefellesskap"],
)
def helsefellesskap(request: HttpRequest):
    return offentlig.helsefellesskap()


@api.get(
    "/kommuner",
    response={200: list[skjema.Kommune], **FEIL_UTEN_404},
    summary="Alle kommunene",
    tags=["Kommuner"],
)
def kommuner(request: HttpRequest):
    return offentlig.kommuner()


@api.get(
    "/kommuner/{kommunenummer}",
    response={200: skjema.Kommune, **FEIL},
    summary="Én kommune",
    description="Adressen i feltet «adresse» på hver kommune.",
    tags=["Kommuner"],
)
def en_kommune(request: HttpRequest, kommunenummer: Kommunenummer):
    return offentlig.kommune(offentlig.finn_kommune(kommunenummer))


@api.get(
    "/kommuner/{kommunenummer}/avtaler",
    response={200: skjema.Kommuneavtaler, **FEIL},
    summary="Avtalene som gjelder for kommunen på en dato",
    description="Det samme som kommunens side /kommuner/<nr>/?dato=: kommunens egne avtaler i "
    "kraft på datoen, i avtalehierarkiet.",
    tags=["Kommuner"],
)
def kommune_avtaler(request: HttpRequest, kommunenummer: Kommunenummer, dato: Dato = None):
    kommune = offentlig.finn_kommune(kommunenummer)
    pa = les_dato(dato)
    return {
        "kommune": offentlig.kommune(kommune),
        "dato": pa,
        "avtaler": offentlig.gjeldende(pa, kommune),
    }


@api.get(
    "/kommuner/{kommunenummer}/utskrivning",
    response={200: skjema.Utskrivning, **FEIL},
    summary="Utskrivningsrutinen som gjelder for kommunen",
    description="Rutinen koordinatoren har merket som utskrivningsrutine, i versjonen kommunens "
    "avtale er på, med tidene for utskrivning de neste sju dagene.",
    tags=["Kommuner"],
)
def kommune_utskrivning(request: HttpRequest, kommunenummer: Kommunenummer, dato: Dato = None):
    return offentlig.utskrivning(offentlig.finn_kommune(kommunenummer), les_dato(dato))


# --- agreements ----------------------------------------------------------------------------


@api.get(
    "/avtaler",
    response={200: list[skjema.Versjonsomtale], **FEIL},
    summary="Avtalene som gjelder på en dato",
    description="Som avtalelisten på nettsidene: den nyeste versjonen i kraft av hver avtale, "
    "eller med kommune= de versjonene kommunens egne avtaler er på.",
    tags=["Avtaler"],
)
def avtaler(
    request: HttpRequest, dato: Dato = None, kommune: KommuneParam = None, type: TypeParam = None
):
    return offentlig.gjeldende(les_dato(dato), _kommune_eller_ingen(kommune), type or "")


@api.get(
    "/avtaler/{avtale_id}",
    response={200: skjema.Avtale, **FEIL},
    summary="En avtale, med versjonen som gjelder på datoen",
    tags=["Avtaler"],
)
def avtale(request: HttpRequest, avtale_id: Id, dato: Dato = None, kommune: KommuneParam = None):
    funnet = offentlig.finn_avtale(avtale_id)
    return offentlig.avtale(funnet, les_dato(dato), _kommune_eller_ingen(kommune))


@api.get(
    "/avtaler/{avtale_id}/versjoner",
    response={200: list[skjema.Versjonsomtale], **FEIL},
    summary="De signerte versjonene av en avtale",
    tags=["Avtaler"],
)
def versjoner(request: HttpRequest, avtale_id: Id):
    funnet = offentlig.finn_avtale(avtale_id)
    return [offentlig.versjonsomtale(v) for v in offentlig.synlige_versjoner(funnet)]


def _betinget(request: HttpRequest, data, sist: datetime.datetime) -> HttpResponse:
    """The answer with ETag and Last-Modified, or 304 when the client has it already."""
    svar = api.create_response(request, data, status=200)
    etag = '"' + hashlib.sha256(svar.content).hexdigest()[:32] + '"'
    endret = http_date(sist.timestamp())
    hodet = {"ETag": etag, "Last-Modified": endret, "Cache-Control": "public, max-age=3600"}
    if inn := request.headers.get("If-None-Match"):
        treff = etag in [t.strip().removeprefix("W/") for t in inn.split(",")] or inn == "*"
    elif (siden := parse_http_date_safe(request.headers.get("If-Modified-Since", ""))) is not None:
        treff = int(sist.timestamp()) <= siden
    else:
        treff = False
    if treff:
        svar = HttpResponseNotModified()
    for navn, verdi in hodet.items():
        svar[navn] = verdi
    return svar


BETINGET = {
    304: None,
}


@api.get(
    "/avtaler/{avtale_id}/versjoner/{nummer}",
    response={200: skjema.Versjon, **BETINGET, **FEIL},
    summary="En signert versjon med alle punktene",
    description="En signert versjon endres aldri: svaret har ETag og Last-Modified, og "
    "If-None-Match eller If-Modified-Since gir 304. Utkast finnes ikke her (404).",
    tags=["Avtaler"],
)
def versjon(request: HttpRequest, avtale_id: Id, nummer: Nummer):
    funnet = offentlig.finn_versjon(avtale_id, nummer)
    return _betinget(request, offentlig.versjon(funnet), offentlig.sist_endret(funnet))


@api.get(
    "/avtaler/{avtale_id}/versjoner/{nummer}/punkter/{punkt_id}",
    response={200: skjema.Punkt, **BETINGET, **FEIL},
    summary="Ett punkt i en signert versjon",
    description="Punktets id er den samme i alle versjoner av avtalen og er ankeret "
    "#punkt-<id> på versjonens side.",
    tags=["Avtaler"],
)
def punkt(request: HttpRequest, avtale_id: Id, nummer: Nummer, punkt_id: Id):
    funnet = offentlig.finn_versjon(avtale_id, nummer)
    p = funnet.punkter.filter(punkt_id=punkt_id).first()
    if p is None:
        raise Http404
    return _betinget(request, offentlig.punkt(p, funnet), offentlig.sist_endret(funnet))


@api.get(
    "/avtaler/{avtale_id}/versjoner/{nummer}/parter",
    response={200: skjema.Parter, **FEIL},
    summary="Hver parts egen avtale på versjonen, og status på datoen",
    tags=["Avtaler"],
)
def parter(request: HttpRequest, avtale_id: Id, nummer: Nummer, dato: Dato = None):
    return offentlig.parter(offentlig.finn_versjon(avtale_id, nummer), les_dato(dato))


@api.get(
    "/avtaler/{avtale_id}/avvik",
    response={200: skjema.Avviksstatistikk, **FEIL},
    summary="Antall avvik per punkt de siste 12 månedene",
    description="Bare antall, ikke innhold: det samme som avtalens side viser.",
    tags=["Avvik"],
)
def avvik(request: HttpRequest, avtale_id: Id):
    return offentlig.avviksstatistikk(offentlig.finn_avtale(avtale_id))


# --- bodies --------------------------------------------------------------------------------


@api.get(
    "/utvalg",
    response={200: list[skjema.Utvalg], **FEIL_UTEN_404},
    summary="Utvalgene i helsefellesskapene",
    tags=["Utvalg"],
)
def utvalg(request: HttpRequest):
    return offentlig.utvalg()


@api.get(
    "/utvalg/{utvalg_id}",
    response={200: skjema.Utvalg, **FEIL},
    summary="Ett utvalg",
    tags=["Utvalg"],
)
def ett_utvalg(request: HttpRequest, utvalg_id: Id):
    return offentlig.utvalg_offentlig(offentlig.finn_utvalg(utvalg_id))


@api.get(
    "/utvalg/{utvalg_id}/vedtak",
    response={200: list[skjema.Vedtak], **FEIL},
    summary="Utvalgets vedtatte vedtak",
    description="Bare vedtak som er vedtatt, og bare fra SSU og LSU (andre utvalg gir en tom "
    "liste): det samme som møte- og sakssidene viser den som ikke er medlem.",
    tags=["Utvalg"],
)
def utvalg_vedtak(request: HttpRequest, utvalg_id: Id):
    return offentlig.vedtak(offentlig.finn_utvalg(utvalg_id))


@api.get(
    "/utvalg/{utvalg_id}/referater",
    response={200: list[skjema.Referat], **FEIL},
    summary="Utvalgets godkjente referater",
    description="Bare godkjente referater fra SSU og LSU.",
    tags=["Utvalg"],
)
def utvalg_referater(request: HttpRequest, utvalg_id: Id):
    return offentlig.referater(offentlig.finn_utvalg(utvalg_id))


# --- catalogue and bulk export -------------------------------------------------------------


def _innhold(type_: str, skjema_: dict | None = None) -> dict:
    return {"content": {type_: {"schema": skjema_ or {"type": "string"}}}}


@api.get(
    "/katalog.ttl",
    response={200: None, 429: skjema.Feil},
    summary="Datakatalogen (DCAT-AP-NO) i Turtle",
    tags=["Katalog"],
    openapi_extra={"responses": {200: {"description": "OK", **_innhold("text/turtle")}}},
)
def katalog_ttl(request: HttpRequest):
    return HttpResponse(
        katalog.katalog(request).serialize(format="turtle"),
        content_type="text/turtle; charset=utf-8",
    )


@api.get(
    "/katalog.jsonld",
    response={200: None, 429: skjema.Feil},
    summary="Datakatalogen (DCAT-AP-NO) i JSON-LD",
    tags=["Katalog"],
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                **_innhold(
                    "application/ld+json",
                    {"type": "array", "items": {"type": "object"}, "description": "Utvidet form."},
                ),
            }
        }
    },
)
def katalog_jsonld(request: HttpRequest):
    with warnings.catch_warnings():
        # rdflib's JSON-LD serializer builds its own deprecated ConjunctiveGraph inside.
        warnings.simplefilter("ignore", DeprecationWarning)
        innhold = katalog.katalog(request).serialize(format="json-ld")
    return HttpResponse(innhold, content_type="application/ld+json")


@api.get(
    "/eksport/{datasett}.jsonl",
    response={200: None, 404: skjema.Feil, 429: skjema.Feil},
    summary="Hele datasettet som JSON Lines",
    description="Ett JSON-objekt per linje. Lages på nytt når en versjon blir signert. "
    "Datasettene: " + ", ".join(eksport.DATASETT) + ".",
    tags=["Katalog"],
    openapi_extra={"responses": {200: {"description": "OK", **_innhold("application/jsonl")}}},
)
def eksportfil(request: HttpRequest, datasett: Datasett):
    if datasett not in eksport.DATASETT:
        raise Http404
    innhold = eksport.hent(datasett)
    svar = HttpResponse(innhold, content_type="application/jsonl; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{datasett}.jsonl"'
    svar["ETag"] = '"' + hashlib.sha256(innhold).hexdigest()[:32] + '"'
    return svar
