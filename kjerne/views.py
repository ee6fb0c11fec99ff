"""The pages every app shares: the health report, the error pages and the login lockout."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kjerne import drift
from kjerne.tilgang import offentlig


@offentlig
@never_cache
@require_safe
def helse(request: HttpRequest) -> HttpResponse:
    """Health report for load balancers: 200 while the database answers, 503 when it does not.

    A delayed task queue stays 200: the worker runs elsewhere, so taking this instance out of
    the load balancer would not help.
    """
    rapport, database_svarer = drift.helserapport()
    return JsonResponse(rapport, status=200 if database_svarer else 503)


# --- error pages (config/urls.py handler403/404/500, settings.CSRF_FAILURE_VIEW) -----------


def ugyldig_foresporsel(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "feil/400.html", status=400)


def ingen_tilgang(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "feil/403.html", status=403)


def ikke_funnet(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "feil/404.html", status=404)


def serverfeil(request: HttpRequest) -> HttpResponse:
    return render(request, "feil/500.html", status=500)


def csrf_feil(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "feil/403_csrf.html", status=403)
