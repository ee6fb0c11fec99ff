"""The API's documentation page, rendered on the server from the OpenAPI description: no
script, so it works under the site's content security policy."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kjerne.tilgang import offentlig

METODER = ("get",)


def _operasjoner(skjema: dict) -> list[dict]:
    operasjoner = []
    for sti, metoder in skjema["paths"].items():
        for metode, op in metoder.items():
            if metode not in METODER:
                continue
            full = "/api/v1" + sti if not sti.startswith("/api/") else sti
            operasjoner.append(
                {
                    "metode": metode.upper(),
                    "sti": full,
                    # The label of the parameter table's scroll region.
                    "parametre_etikett": _("Parametre for %(sti)s") % {"sti": full},
                    "anker": op.get("operationId", ""),
                    "tittel": op.get("summary", ""),
                    "beskrivelse": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parametre": [
                        {
                            "navn": p["name"],
                            "hvor": {"path": "sti", "query": "spørring"}.get(p["in"], p["in"]),
                            "pakrevd": p.get("required", False),
                            "beskrivelse": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "svar": sorted(op.get("responses", {})),
                }
            )
    return operasjoner


@offentlig
@require_GET
def dokumentasjon(request: HttpRequest) -> HttpResponse:
    from apnedata.api import api

    skjema = api.get_openapi_schema(path_prefix="/api/v1")
    return render(
        request,
        "apnedata/dokumentasjon.html",
        {
            "info": skjema["info"],
            "operasjoner": _operasjoner(skjema),
            "rot": request.build_absolute_uri("/").rstrip("/"),
        },
    )
