"""Who may do what: the one place that decides access in this app.

Deny by default: every view must declare its rule with ``@offentlig`` or
``@innlogget`` (object rules are then asked through the ``kan_*`` functions
below). ``TilgangMiddleware`` refuses any view that declares nothing, so a view
added without a thought for access is closed, not open.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from helsefellesskap.models import Medlemskap, Organisasjon, Utvalg, Utvalgsmedlem

Rolle = Medlemskap.Rolle

# Views that protect themselves by other means: Django's admin site checks is_staff.
SELVBESKYTTEDE_NAVNEROM = frozenset({"admin"})


def _rollekart(user) -> dict[int, frozenset[str]]:
    """The user's roles per organisation id, read once per user object (one query)."""
    if not user.is_authenticated:
        return {}
    kart = getattr(user, "_rollekart", None)
    if kart is None:
        samlet: dict[int, set[str]] = {}
        for org_id, rolle in Medlemskap.objects.filter(bruker=user).values_list(
            "organisasjon_id", "rolle"
        ):
            samlet.setdefault(org_id, set()).add(rolle)
        kart = {org_id: frozenset(r) for org_id, r in samlet.items()}
        user._rollekart = kart
    return kart


def glem_roller(user) -> None:
    """Forget cached roles after a change of memberships."""
    user.__dict__.pop("_rollekart", None)


def roller(user, organisasjon: Organisasjon) -> frozenset[str]:
    return _rollekart(user).get(organisasjon.pk, frozenset())


def har_rolle(user, organisasjon: Organisasjon, *onskede: str) -> bool:
    return bool(roller(user, organisasjon) & set(onskede))


def er_medlem(user, organisasjon: Organisasjon) -> bool:
    return bool(roller(user, organisasjon))


def organisasjoner_med_rolle(user, *onskede: str) -> frozenset[int]:
    """Ids of the organisations where the user holds one of the roles (all roles if none given)."""
    return frozenset(
        org_id
        for org_id, rollene in _rollekart(user).items()
        if not onskede or rollene & set(onskede)
    )


def er_systemforvalter(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def kan_se_medlemmer(user, organisasjon: Organisasjon) -> bool:
    """Administrators and coordinators see who holds which role in their own organisation."""
    return er_systemforvalter(user) or har_rolle(
        user, organisasjon, Rolle.ADMINISTRATOR, Rolle.SAMHANDLINGSKOORDINATOR
    )


def kan_endre_medlemmer(user, organisasjon: Organisasjon) -> bool:
    """Only the organisation's administrators give and take roles."""
    return er_systemforvalter(user) or har_rolle(user, organisasjon, Rolle.ADMINISTRATOR)


# --- bodies ------------------------------------------------------------------------


def _verv(user, utvalg: Utvalg) -> frozenset[str]:
    """The user's roles in the body today, read once per user object and body."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_verv", {})
    if utvalg.pk not in cache:
        cache[utvalg.pk] = frozenset(
            Utvalgsmedlem.objects.aktive(timezone.localdate())
            .filter(utvalg=utvalg, bruker=user)
            .values_list("rolle", flat=True)
        )
    return cache[utvalg.pk]


def er_utvalgsmedlem(user, utvalg: Utvalg) -> bool:
    """Members (and the secretary) read everything of their body."""
    return er_systemforvalter(user) or bool(_verv(user, utvalg))


def kan_fore_utvalg(user, utvalg: Utvalg) -> bool:
    """The body's secretary records meetings, cases, attendance and decisions."""
    return er_systemforvalter(user) or Utvalgsmedlem.Rolle.SEKRETAER in _verv(user, utvalg)


def er_offentlig_utvalg(utvalg: Utvalg) -> bool:
    """Adopted decisions and approved minutes of SSU and LSU are public."""
    return utvalg.type in (Utvalg.Type.SSU, Utvalg.Type.LSU)


# --- view declarations -------------------------------------------------------------

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
