"""The client's address, for axes, the rate limits and the security log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def klientadresse(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind our proxy (DJANGO_BEHIND_PROXY) the right-most X-Forwarded-For
    entry, the one the proxy appended. Entries to its left are the client's own word."""
    if settings.BAK_PROXY:
        siste = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(siste))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")
