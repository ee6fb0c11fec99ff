"""Full-text search over the clauses of agreements (/sok/)."""

from html import escape

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from avtaler.models import Avtale
from avtaler.sok import sok as finn
from helsefellesskap.models import Organisasjon
from kjerne.fartsgrense import fartsgrense
from kjerne.sortering import norsk_nokkel
from kjerne.tilgang import offentlig


@offentlig
@fartsgrense("sok")
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
        kontekst["kommunevalg"] = _kommunevalg(kommunenummer)
        kontekst["typer"] = Avtale.Type.choices
        svar = render(request, "avtaler/sok.html", kontekst)
    patch_vary_headers(svar, ["HX-Request"])
    return svar


def _kommunevalg(valgt: str) -> SafeString:
    """The <option>s of all 356 municipalities. Built here, not in the template: a template
    loop over them cost more than the search itself."""
    kommuner = sorted(
        Organisasjon.objects.kommuner().values_list("kommunenummer", "navn"),
        key=lambda kommune: norsk_nokkel(kommune[1]),
    )
    # The standard library's escape: Django's, call by call, cost 3 ms for the list.
    return mark_safe(  # noqa: S308 -- every value escaped
        "".join(
            f'<option value="{escape(nr)}"{" selected" if nr == valgt else ""}>'
            f"{escape(navn)}</option>"
            for nr, navn in kommuner
        )
    )
