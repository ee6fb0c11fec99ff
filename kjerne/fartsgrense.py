"""Rate limits: at most so many requests per window from one address (or one logged-in user)
to the paths a script could hammer, and on the login also per user name tried, whatever its
spelling (kjerne.identitet). settings.FARTSGRENSER names them. The counts live in the cache,
so all workers share them when the cache is Redis (DJANGO_REDIS_URL); kjerne.sjekker refuses
more than one worker with a cache of its own per process."""

import hashlib
import time
from functools import wraps

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kjerne.identitet import normaliser_epost
from kjerne.signals import for_mange_foresporsler


def _hvem(request: HttpRequest) -> list[str]:
    """Who is counted: the user, or the address, and the user name a login form names (as a
    hash: the cache holds no e-mail addresses)."""
    if request.user.is_authenticated:
        return [f"b{request.user.pk}"]
    hvem = [f"a{get_client_ip_address(request)}"]
    if request.method == "POST" and (brukernavn := request.POST.get("username")):
        navn = normaliser_epost(brukernavn).encode()
        hvem.append("n" + hashlib.sha256(navn).hexdigest()[:32])
    return hvem


def _tell(nokkel: str, vindu: int) -> int:
    cache.add(nokkel, 0, vindu)
    try:
        return cache.incr(nokkel)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.add(nokkel, 1, vindu)
        return 1


def _over_grensen(request: HttpRequest, navn: str) -> tuple[bool, bool, int]:
    """Over the limit; the first request over it in this window; the window's seconds."""
    antall, vindu = settings.FARTSGRENSER[navn]
    periode = int(time.time()) // vindu
    tellere = [_tell(f"fartsgrense:{navn}:{hvem}:{periode}", vindu) for hvem in _hvem(request)]
    return max(tellere) > antall, antall + 1 in tellere, vindu


def over_grensen(request: HttpRequest, navn: str) -> int | None:
    """Count the request against the limit named: None while under it, else the window's
    seconds (for Retry-After). The first request over it in a window is logged, once."""
    over, forste, vindu = _over_grensen(request, navn)
    if not over:
        return None
    if forste:  # once per window: a flood must not become a flood of log rows
        for_mange_foresporsler.send(sender=None, request=request, navn=navn)
    return vindu


def fartsgrense(navn: str, *, metoder: tuple[str, ...] = ("GET", "POST")):
    """Refuse with 429 and a Norwegian explanation once the limit named is passed."""

    def dekorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in metoder:
                vindu = over_grensen(request, navn)
                if vindu is not None:
                    mal = "feil/_429.html" if getattr(request, "htmx", False) else "feil/429.html"
                    svar = render(request, mal, {"minutter": max(1, vindu // 60)}, status=429)
                    svar["Retry-After"] = str(vindu)
                    return svar
            return view(request, *args, **kwargs)

        return wrapper

    return dekorator
