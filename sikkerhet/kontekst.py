from django.conf import settings
from django.http import HttpRequest

from sikkerhet import okt as okt_


def okt(request: HttpRequest) -> dict:
    """What the timeout warning (static/js/okt.js) needs to know, for logged-in users."""
    if not request.user.is_authenticated:
        return {}
    return {
        "okt_sekunder": okt_.gjenstaende(request),
        "okt_varsel_sekunder": settings.OKT_VARSEL_SEKUNDER,
    }
