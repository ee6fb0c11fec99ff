"""Running in production: the database going away answers a Norwegian 503 instead of a
stack trace, and /helse/ reports the database and the task queue to load balancers."""

import logging
import sys
import time
from datetime import datetime

from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import got_request_exception
from django.db import OperationalError, connection
from django.db.models import Case, Count, Max, Min, Q, When
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

PROV_IGJEN_SEKUNDER = 60
# A task that has waited longer than this means the worker is stopped or cannot keep up
# (a PDF of a long agreement takes seconds, not minutes).
OPPGAVE_MAKS_VENT_SEKUNDER = 5 * 60
# SQLite raises OperationalError for mistakes in SQL too (SQLITE_ERROR: syntax, no such table);
# only these codes mean the file cannot be used right now.
SQLITE_UTILGJENGELIG = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_CANTOPEN",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_PROTOCOL",
)


def database_utilgjengelig(feil: BaseException | None) -> bool:
    """Whether the error means the database cannot be used now, rather than wrong code.

    On PostgreSQL that is every OperationalError: refused or dropped connections, the pool
    timing out (psycopg_pool.PoolTimeout), the server shutting down, deadlocks and cancelled
    statements. InterfaceError is left out: psycopg 3 and sqlite3 raise it for misuse (a closed
    cursor, a parameter of the wrong type), while a lost connection is an OperationalError.
    """
    if not isinstance(feil, OperationalError):
        return False
    kode = getattr(feil.__cause__, "sqlite_errorname", None)
    return kode is None or kode.startswith(SQLITE_UTILGJENGELIG)


def _svar_utilgjengelig(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: no context processor may ask the database for the user.
    # The header, not request.htmx: the error may come before HtmxMiddleware has run.
    mal = "feil/_503.html" if request.headers.get("HX-Request") == "true" else "feil/503.html"
    svar = HttpResponse(render_to_string(mal), status=503)
    svar["Retry-After"] = str(PROV_IGJEN_SEKUNDER)
    add_never_cache_headers(svar)
    # The middleware that sets these sits below this one and may never have run.
    svar["Content-Security-Policy"] = build_policy()
    svar["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    svar["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    return svar


@receiver(got_request_exception)
def _merk_driftsfeil(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Note a database outage raised in a middleware for DriftsfeilMiddleware.

    Django turns an exception into a 500 page at every middleware layer, so the middleware
    never sees it raised; this signal is sent while the exception is being handled.
    """
    feil = sys.exc_info()[1]
    if request is None or not database_utilgjengelig(feil):
        return
    request.driftsfeil = feil
    # The 500 page rendered meanwhile must not ask the database for the user again (with the
    # pool each attempt waits for its timeout).
    request.user = AnonymousUser()


class DriftsfeilMiddleware:
    """Answers 503 with a Norwegian page (or an htmx fragment) when the database is unavailable.

    Keep it near the top of MIDDLEWARE: errors raised by the session and authentication
    middleware below it are caught too. Other errors pass untouched and stay 500s.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        svar = self.get_response(request)
        feil = getattr(request, "driftsfeil", None)
        if feil is None or svar.status_code != 500:
            return svar
        self._logg(request, feil)
        return _svar_utilgjengelig(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        """Errors raised by a view: the 503 then passes the rest of the middleware as usual."""
        if not database_utilgjengelig(exception):
            return None
        self._logg(request, exception)
        return _svar_utilgjengelig(request)

    @staticmethod
    def _logg(request: HttpRequest, feil: BaseException) -> None:
        logger.error(
            "Database unavailable, answered 503 to %s %s: %s", request.method, request.path, feil
        )


# --- /helse/ ------------------------------------------------------------------------------


def helserapport() -> tuple[dict, bool]:
    """The health report and whether the database answers (a load balancer's only question)."""
    try:
        database = _database()
        oppgaveko = _oppgaveko(timezone.now())
    except OperationalError as feil:
        if not database_utilgjengelig(feil):
            raise
        # The error text may name hosts and users: it goes to the log, not to the report.
        logger.error("Health check: database unavailable: %s", feil)
        return {
            "status": "feil",
            "database": {"status": "feil"},
            "oppgaveko": {"status": "ukjent"},
        }, False
    status = "ok" if oppgaveko["status"] == "ok" else "forsinket"
    return {"status": status, "database": database, "oppgaveko": oppgaveko}, True


def _database() -> dict:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "svartid_ms": round((time.perf_counter() - start) * 1000, 1)}


def _oppgaveko(naa: datetime) -> dict:
    """The queue of django_tasks_db in one query: what waits, what runs, when work last began.

    The worker leaves no heartbeat, so whether it lives is read from the tasks: a task that
    has waited past the limit while nothing was started meanwhile means it is stopped.
    """
    uten_tidspunkt = get_date_max()
    klar = Q(status=TaskResultStatus.READY) & (Q(run_after=uten_tidspunkt) | Q(run_after__lte=naa))
    kjorer = Q(status=TaskResultStatus.RUNNING)
    tall = DBTaskResult.objects.aggregate(
        ventende=Count("pk", filter=klar),
        # A task given a start time has waited since then, not since it was queued.
        klar_siden=Min(
            Case(When(run_after=uten_tidspunkt, then="enqueued_at"), default="run_after"),
            filter=klar,
        ),
        kjorer=Count("pk", filter=kjorer),
        eldste_start=Min("started_at", filter=kjorer),
        sist_startet=Max("started_at"),
    )

    def sekunder_siden(tidspunkt: datetime | None) -> int | None:
        return None if tidspunkt is None else max(0, int((naa - tidspunkt).total_seconds()))

    eldste_ventende = sekunder_siden(tall["klar_siden"])
    sist_startet = sekunder_siden(tall["sist_startet"])
    if eldste_ventende is None or eldste_ventende <= OPPGAVE_MAKS_VENT_SEKUNDER:
        status = "ok"
    elif sist_startet is not None and sist_startet <= OPPGAVE_MAKS_VENT_SEKUNDER:
        status = "forsinket"  # the worker takes tasks but falls behind
    else:
        status = "stoppet"
    return {
        "status": status,
        "ventende": tall["ventende"],
        "eldste_ventende_sekunder": eldste_ventende,
        "kjorer": tall["kjorer"],
        "eldste_kjorende_sekunder": sekunder_siden(tall["eldste_start"]),
        "sist_startet_sekunder_siden": sist_startet,
    }
