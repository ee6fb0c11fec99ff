"""Input no page can use is answered 400 with a Norwegian message, never 500.

- Dates and whole numbers inside sane bounds wherever they enter: forms (kjerne.forms.DsSkjema
  checks every date, time and number against the bounds here) and query parameters
  (les_dato, les_heltall).
- NUL characters, anywhere (path, query, form fields, file names): no database stores them
  (PostgreSQL refuses them in text) and no person types them.
- A domain rule broken in a service that the view did not expect (kjerne.feil.Domenefeil,
  also from the screen for patient identifiers on save): its Norwegian message, with 400.
"""

import datetime
import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kjerne.feil import Domenefeil

logger = logging.getLogger(__name__)

NUL = "\x00"

# Nothing in this service happened before 2000 or is planned after 2100; outside these bounds a
# date is a typing error, and near year 1 or 9999 date arithmetic overflows.
TIDLIGST = datetime.date(2000, 1, 1)
SENEST = datetime.date(2100, 12, 31)
# Every integer column is at most a 32-bit integer on PostgreSQL; SQLite raises on 64 bits.
STORST_HELTALL = 2**31 - 1


def dato_innenfor(verdi: datetime.date | datetime.datetime) -> bool:
    dato = verdi.date() if isinstance(verdi, datetime.datetime) else verdi
    return TIDLIGST <= dato <= SENEST


def datogrense_melding() -> str:
    return _("Datoen må være mellom %(fra)s og %(til)s.") % {
        "fra": TIDLIGST.strftime("%d.%m.%Y"),
        "til": SENEST.strftime("%d.%m.%Y"),
    }


def les_dato(verdi: str | None, standard: datetime.date) -> datetime.date:
    """A date from a query parameter: the default when missing, malformed or out of bounds."""
    try:
        dato = datetime.date.fromisoformat((verdi or "").strip())
    except ValueError:
        return standard
    return dato if dato_innenfor(dato) else standard


def les_heltall(
    verdi: str | None, standard: int | None, minst: int = 0, hoyst: int = STORST_HELTALL
):
    """A whole number from a query parameter: the default when missing, malformed or outside."""
    verdi = (verdi or "").strip()
    if not verdi.isascii() or not verdi.isdigit() or len(verdi) > 12:
        return standard
    tall = int(verdi)
    return tall if minst <= tall <= hoyst else standard


def ugyldig(request: HttpRequest, melding: str) -> HttpResponse:
    return render(request, "feil/400.html", {"melding": melding}, status=400)


def _har_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    for data in (request.GET, request.POST, request.FILES):
        for nokkel, verdier in data.lists():
            if NUL in nokkel:
                return True
            for verdi in verdier:
                tekst = verdi if isinstance(verdi, str) else getattr(verdi, "name", "")
                if NUL in tekst:
                    return True
    return False


class InndataMiddleware:
    """Below authentication (the 400 page shows the user's menu), above every view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _har_nul(request):
            logger.info("Refused a request with a NUL character: %s", request.method)
            return ugyldig(
                request,
                _(
                    "Forespørselen inneholdt et tegn som ikke kan brukes (NUL-tegnet). Gå "
                    "tilbake, fjern tegnet og prøv igjen."
                ),
            )
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        """An id in the path beyond any integer column (`/avvik/99999999999999999999/`) names
        nothing: 404, before the database is asked (SQLite raises on 64 bits)."""
        for verdi in (*view_args, *view_kwargs.values()):
            if isinstance(verdi, int) and abs(verdi) > STORST_HELTALL:
                raise Http404
        return None

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Domenefeil):
            # The message names the rule, never the input (kjerne.personvern); safe to log.
            logger.info("Domain rule refused %s %s", request.method, request.path)
            return ugyldig(request, str(exception))
        return None


# --- rows already stored at the edge of the calendar -----------------------------------------


def _trygg(localtime):
    def trygg_localtime(value=None, timezone=None):
        try:
            return localtime(value, timezone)
        except OverflowError:
            # 9999-12-31 23:59 UTC is in year 10000 in Oslo: shown as stored rather than
            # breaking every page that lists the row.
            return value

    trygg_localtime.opprinnelig = localtime
    return trygg_localtime


def _grense(data) -> datetime.datetime:
    """The first or last moment Python has, for a PostgreSQL timestamp outside them."""
    tekst = bytes(data)
    return datetime.datetime.min if tekst.endswith(b"BC") else datetime.datetime.max


def installer_kalendervern() -> None:
    """Once, at start-up (kjerne.apps): no stored date can make a page answer 500.

    django.utils.timezone.localtime is used by every template that shows a time and by the
    views; it keeps an out-of-range value as it is. On PostgreSQL, a timestamp before year 1
    (a local time of 0001-01-01 00:00 is BC in UTC) or after 9999 is read as the first or last
    moment Python has, so the lists, the page and the admin that mends the row still render.
    """
    from django.utils import timezone

    if hasattr(timezone.localtime, "opprinnelig"):
        return
    timezone.localtime = _trygg(timezone.localtime)
    try:
        import psycopg
        from django.db.backends.postgresql import psycopg_any
    except ImportError:
        return
    tidspunkt = psycopg_any.BaseTzLoader
    les_tidspunkt = tidspunkt.load

    def load(self, data):
        try:
            return les_tidspunkt(self, data)
        except psycopg.DataError:
            return _grense(data).replace(tzinfo=self.timezone)

    tidspunkt.load = load
