"""Full-text search over the clauses of agreements (/sok/)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from avtaler.models import Avtale
from avtaler.sok import sok as finn
from helsefellesskap.access import offentlig
from helsefellesskap.models import Organisasjon
from helsefellesskap.sortering import norsk_sortert


@offentlig
@require_GET
def sok(request: HttpRequest) -> HttpResponse:
    """Public: clauses in force; members also find their drafts. htmx gets the results only."""
    tekst = request.GET.get("q", "")[:200]
    kommunenummer = request.GET.get("kommune", "")[:4]
    avtaletype = request.GET.get("type", "")
    if avtaletype not in Avtale.Type.values:
        avtaletype = ""
    treff = finn(tekst, request.user, kommunenummer=kommunenummer, avtaletype=avtaletype)
    kontekst = {
        "tekst": tekst,
        "treff": treff,
        "kommunenummer": kommunenummer,
        "avtaletype": avtaletype,
    }
    if request.htmx and not request.htmx.history_restore_request:
        svar = render(request, "avtaler/_sokeresultat.html", kontekst)
    else:
        kontekst["kommuner"] = norsk_sortert(
            Organisasjon.objects.kommuner().only("navn", "kommunenummer")
        )
        kontekst["typer"] = Avtale.Type.choices
        svar = render(request, "avtaler/sok.html", kontekst)
    patch_vary_headers(svar, ["HX-Request"])
    return svar
