"""Deny by default: every view declares who may use it, and views that declare nothing are refused.

A view says ``@offentlig`` or ``@innlogget``; what a logged-in user may see and do with an object
is then asked of the app's own ``access.py``. ``TilgangMiddleware`` refuses any view without a
declaration, so a view added without a thought for access is closed, not open.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

# Views that protect themselves by other means: Django's admin site checks is_staff.
SELVBESKYTTEDE_NAVNEROM = frozenset({"admin"})

ViewFunc = Callable[..., HttpResponse]


def offentlig(view: ViewFunc) -> ViewFunc:
    """Anyone may use this view, also without logging in."""
    view.tilgang = "offentlig"
    return view


def innlogget(view: ViewFunc) -> ViewFunc:
    """Only logged-in users; object rules are checked inside the view with ``kan_*``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            if getattr(request, "htmx", False):
                # A login page must not land inside a fragment: send the whole page there.
                neste = urlencode({"next": request.htmx.current_url_abs_path or "/"})
                return HttpResponseClientRedirect(f"{resolve_url(settings.LOGIN_URL)}?{neste}")
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.tilgang = "innlogget"
    return wrapper


class TilgangMiddleware:
    """Refuse every view that has not declared who may use it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if getattr(view_func, "tilgang", None):
            return None
        match = request.resolver_match
        if match and match.namespace in SELVBESKYTTEDE_NAVNEROM:
            return None
        raise PermissionDenied("Visningen har ikke oppgitt tilgangsregel")
