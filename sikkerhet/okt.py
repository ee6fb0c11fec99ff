"""Session lifetime: logged out after a spell without activity (default 30 minutes) and, in any
case, some hours after logging in (default 12). Times are seconds since the epoch, kept in the
session; the last activity is written at most once a minute, so reading pages does not write
the session on every request."""

import time

from django.conf import settings
from django.http import HttpRequest

INNLOGGET = "okt_innlogget"
SIST_AKTIV = "okt_sist_aktiv"
SKRIV_HVERT = 60


def _na() -> int:
    return int(time.time())


def start(request: HttpRequest | None) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[INNLOGGET] = request.session[SIST_AKTIV] = _na()


def forleng(request: HttpRequest) -> int:
    """Count the request as activity; the seconds left before the session times out."""
    request.session[SIST_AKTIV] = _na()
    return gjenstaende(request)


def marker_aktiv(request: HttpRequest) -> None:
    if _na() - request.session.get(SIST_AKTIV, 0) >= SKRIV_HVERT:
        request.session[SIST_AKTIV] = _na()


def gjenstaende(request: HttpRequest) -> int:
    sist = request.session.get(SIST_AKTIV, 0)
    innlogget = request.session.get(INNLOGGET, 0)
    return max(
        0,
        min(
            sist + settings.OKT_INAKTIV_SEKUNDER - _na(),
            innlogget + settings.OKT_MAKS_SEKUNDER - _na(),
        ),
    )


def utlopt(request: HttpRequest) -> str | None:
    """Why the session has run out, or None while it holds. A session without the times (one
    from before they were kept) has run out."""
    na = _na()
    innlogget = request.session.get(INNLOGGET)
    sist = request.session.get(SIST_AKTIV)
    if innlogget is None or sist is None:
        return "ukjent"
    if na - innlogget > settings.OKT_MAKS_SEKUNDER:
        return "maks"
    if na - sist > settings.OKT_INAKTIV_SEKUNDER:
        return "inaktiv"
    return None
