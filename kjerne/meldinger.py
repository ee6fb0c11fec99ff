"""How a view runs a service: a domain error becomes the user's message, as it is."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from kjerne.feil import Domenefeil


def utfor(request: HttpRequest, handling: Callable[[], object], suksess: str = "") -> bool:
    """Run the service; on a Domenefeil show its message and return False."""
    try:
        handling()
    except Domenefeil as feil:
        messages.error(request, str(feil))
        return False
    if suksess:
        messages.success(request, suksess)
    return True
