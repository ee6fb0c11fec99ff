"""Making notices and delivering them.

``varsle`` is the one door for every event: it writes the notices in the caller's transaction
(so a notice exists exactly when the change it tells of does) and hands the e-mails to the task
worker after commit. Nothing is sent inside a request. A message the mail server did not take
stays unsent in the database with its error, and is tried again later: by a deferred task,
and by ``send_varsler`` (run by the daily ``send_paminnelser`` too), so none is lost.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from varsler.models import Epost, Levering, Varsel, Varselinnstilling, Varseltype

logger = logging.getLogger(__name__)

T = Varseltype
# Standing reminders gather in the day's digest unless the user wants them at once.
STANDARD_LEVERING = {
    T.AVVIK_FRIST: Levering.DAGLIG,
    T.LESING_VENTER: Levering.DAGLIG,
    T.GJENNOMGANG: Levering.DAGLIG,
}
# A claimed message is not claimed again for this long (a worker that died mid-send).
LEIETID = datetime.timedelta(minutes=10)
LENGSTE_VENTETID = datetime.timedelta(hours=24)
ULESTE_I_CACHE = 60  # seconds
FEIL_SOM_ALARM = 5  # attempts after which a failure is logged as an error, not a warning

Tekst = str | Callable[[], str]

# What makes the day's reminders: each domain app registers its own in AppConfig.ready (this
# app knows no domain). Each returns how many notices it made.
_PAMINNELSER: list[Callable[[], int]] = []


def paminnelser_registrer(lag: Callable[[], int]) -> None:
    if lag not in _PAMINNELSER:
        _PAMINNELSER.append(lag)


def paminnelser_lag() -> int:
    """The reminders of every app, each in its own transaction."""
    antall = 0
    for lag in _PAMINNELSER:
        with transaction.atomic():
            antall += lag()
    return antall


def sprak_for(bruker) -> str:
    """The user's language: their own choice where the model has one, else the site's."""
    return getattr(bruker, "sprak", "") or settings.LANGUAGE_CODE


def standard_levering(type_: str) -> str:
    return STANDARD_LEVERING.get(type_, Levering.UMIDDELBART)


def lenke_full(lenke: str) -> str:
    return settings.NETTSTED_URL.rstrip("/") + lenke


def _tekst(tekst: Tekst) -> str:
    return str(tekst() if callable(tekst) else tekst).strip()


def _epost_tekst(bruker, varsler_: list[tuple[str, str]], *, sammendrag: bool = False) -> str:
    return render_to_string(
        "varsler/epost.txt",
        {
            "bruker": bruker,
            "sammendrag": sammendrag,
            "varsler": [(tekst, lenke_full(lenke)) for tekst, lenke in varsler_],
            "innstillinger": lenke_full("/varsler/"),
        },
    )


def varsle(
    *,
    mottakere: Iterable,
    type: str,
    tekst: Tekst,
    lenke: str,
    nokkel: str,
    utfort_av=None,
    kalender: str = "",
) -> list[Varsel]:
    """Tell the people an event concerns, once each. Call inside the transaction that makes the
    change. ``tekst`` (a string, or a function called in each reader's language) is short and
    holds no patient data; ``nokkel`` names the event, so it never reaches anyone twice. The
    person who acted is not told of their own act."""
    brukere = {b.pk: b for b in mottakere if b is not None and b.is_active}
    if utfort_av is not None:
        brukere.pop(utfort_av.pk, None)
    if not brukere:
        return []
    allerede = set(
        Varsel.objects.filter(mottaker__in=brukere, nokkel=nokkel).values_list(
            "mottaker_id", flat=True
        )
    )
    valgt = dict(
        Varselinnstilling.objects.filter(bruker__in=brukere, type=type).values_list(
            "bruker_id", "levering"
        )
    )
    nye, eposter = [], []
    for pk, bruker in sorted(brukere.items()):
        if pk in allerede:
            continue
        levering = valgt.get(pk, standard_levering(type))
        with translation.override(sprak_for(bruker)):
            linje = _tekst(tekst)[:300]
            epost = None
            if levering == Levering.UMIDDELBART:
                epost = Epost.objects.create(
                    mottaker=bruker,
                    # A subject is one line: a line break (a textarea's reason) in it makes
                    # Django refuse the message (BadHeaderError) on every try.
                    emne=" ".join(linje.split())[:200],
                    tekst=_epost_tekst(bruker, [(linje, lenke)]),
                    kalender=kalender,
                )
                eposter.append(epost.pk)
        nye.append(
            Varsel(
                mottaker=bruker,
                type=type,
                tekst=linje,
                lenke=lenke,
                nokkel=nokkel[:200],
                levering=levering,
                epost=epost,
            )
        )
    Varsel.objects.bulk_create(nye, ignore_conflicts=True)
    mottatt = [v.mottaker_id for v in nye]
    transaction.on_commit(lambda: glem_uleste(mottatt))
    if eposter:
        transaction.on_commit(lambda: legg_i_ko(eposter))
    return nye


def legg_i_ko(epost_ider: list[int], *, etter: datetime.datetime | None = None) -> None:
    """Hand messages to the task worker (deferred to ``etter`` where the backend can)."""
    from varsler.tasks import send_epost

    oppgave = send_epost
    if etter is not None:
        if not send_epost.get_backend().supports_defer:
            return  # send_varsler picks it up when its time has come
        oppgave = send_epost.using(run_after=etter)
    for pk in epost_ider:
        oppgave.enqueue(pk)


def _ventetid(forsok: int) -> datetime.timedelta:
    """2, 4, 8 … minutes after each failure, at most a day: never given up."""
    return min(datetime.timedelta(minutes=2**forsok), LENGSTE_VENTETID)


def _gjor_krav(epost_id: int, na: datetime.datetime) -> bool:
    """Claim the message for one attempt: one worker sends it, however many hold its id."""
    return bool(
        Epost.objects.filter(pk=epost_id, sendt__isnull=True)
        .filter(Q(neste_forsok__isnull=True) | Q(neste_forsok__lte=na))
        .update(neste_forsok=na + LEIETID)
    )


def epost_send(epost_id: int) -> bool:
    """One attempt to hand one message to the mail server (the task worker's job). The server
    is spoken to outside any transaction; only the outcome is written."""
    na = timezone.now()
    if not _gjor_krav(epost_id, na):
        return False
    epost = Epost.objects.select_related("mottaker").get(pk=epost_id)
    melding = EmailMessage(" ".join(epost.emne.split()), epost.tekst, None, [epost.mottaker.email])
    if epost.kalender:
        melding.attach("invitasjon.ics", epost.kalender, "text/calendar")
    try:
        melding.send()
    except Exception as feil:
        forsok = epost.forsok + 1
        neste = timezone.now() + _ventetid(forsok)
        Epost.objects.filter(pk=epost.pk).update(
            forsok=forsok, siste_feil=f"{type(feil).__name__}: {feil}"[:2000], neste_forsok=neste
        )
        niva = logging.ERROR if forsok >= FEIL_SOM_ALARM else logging.WARNING
        logger.log(
            niva,
            "E-post %s til bruker %s ble ikke sendt (forsøk %s): %s. Prøver igjen %s.",
            epost.pk,
            epost.mottaker_id,
            forsok,
            feil,
            neste.isoformat(),
        )
        legg_i_ko([epost.pk], etter=neste)
        return False
    Epost.objects.filter(pk=epost.pk).update(
        sendt=timezone.now(), forsok=epost.forsok + 1, neste_forsok=None, siste_feil=""
    )
    return True


def _ventende_ider() -> list[int]:
    na = timezone.now()
    return list(
        Epost.objects.filter(sendt__isnull=True)
        .filter(Q(neste_forsok__isnull=True) | Q(neste_forsok__lte=na))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def eposter_legg_i_ko_ventende() -> int:
    """Queue every unsent message whose time has come (the daily job and send_varsler): what
    a lost task or a stopped worker left behind is sent all the same."""
    ider = _ventende_ider()
    legg_i_ko(ider)
    return len(ider)


def eposter_send_ventende() -> tuple[int, int]:
    """Try every unsent message whose time has come; (sent, still waiting)."""
    sendt = sum(1 for pk in _ventende_ider() if epost_send(pk))
    return sendt, Epost.objects.filter(sendt__isnull=True).count()


@transaction.atomic
def sammendrag_lag() -> list[int]:
    """One digest message per user of the notices they wanted daily and have not had."""
    ventende = (
        Varsel.objects.select_for_update(of=("self",))
        # What the user already read on the site, or has done, is not mailed after it.
        .filter(levering=Levering.DAGLIG, epost__isnull=True, lest__isnull=True)
        .select_related("mottaker")
        .order_by("mottaker_id", "opprettet", "pk")
    )
    per_bruker: dict[int, list[Varsel]] = {}
    for varsel in ventende:
        per_bruker.setdefault(varsel.mottaker_id, []).append(varsel)
    ider = []
    for varsler_ in per_bruker.values():
        bruker = varsler_[0].mottaker
        if not bruker.is_active:
            continue
        with translation.override(sprak_for(bruker)):
            epost = Epost.objects.create(
                mottaker=bruker,
                emne=_("Varsler fra samhandlingsavtalene (%(antall)s)") % {"antall": len(varsler_)},
                tekst=_epost_tekst(bruker, [(v.tekst, v.lenke) for v in varsler_], sammendrag=True),
            )
        Varsel.objects.filter(pk__in=[v.pk for v in varsler_]).update(epost=epost)
        ider.append(epost.pk)
    return ider


def _ulestenokkel(bruker_id: int) -> str:
    return f"varsler:uleste:{bruker_id}"


def antall_uleste(bruker) -> int:
    """The header's count, from the cache when it can: most pages then ask nothing more of
    the database. Kept for a minute at most, and forgotten when it changes (exact with a
    shared cache such as Redis; a per-process cache may lag by that minute)."""
    antall = cache.get(_ulestenokkel(bruker.pk))
    if antall is None:
        antall = Varsel.objects.filter(mottaker=bruker, lest__isnull=True).count()
        cache.set(_ulestenokkel(bruker.pk), antall, ULESTE_I_CACHE)
    return antall


def glem_uleste(bruker_ider: Iterable[int]) -> None:
    cache.delete_many([_ulestenokkel(pk) for pk in bruker_ider])


def varm_opp_uleste(sender, request, user, **kwargs) -> None:
    """user_logged_in: count at login, so the first page after it costs no query for it."""
    antall_uleste(user)


def varsler_marker_lest(*, bruker, varsel_ider: Iterable[int] | None = None) -> int:
    """Mark the user's own notices as read (all of them without ids)."""
    rader = Varsel.objects.filter(mottaker=bruker, lest__isnull=True)
    if varsel_ider is not None:
        rader = rader.filter(pk__in=list(varsel_ider))
    antall = rader.update(lest=timezone.now())
    glem_uleste([bruker.pk])
    return antall


@transaction.atomic
def varsler_utfort(*, bruker, nokkel_start: str) -> int:
    """The user did what the notices asked (read a routine, signed): they are read, and the
    digest leaves them out."""
    antall = Varsel.objects.filter(
        mottaker=bruker, nokkel__startswith=nokkel_start, lest__isnull=True
    ).update(lest=timezone.now())
    if antall:
        glem_uleste([bruker.pk])
    return antall


@transaction.atomic
def innstillinger_lagre(*, bruker, valg: dict[str, str]) -> None:
    """The user's choice per kind; the default needs no row."""
    for type_, levering in valg.items():
        if type_ not in Varseltype.values or levering not in Levering.values:
            continue
        if levering == standard_levering(type_):
            Varselinnstilling.objects.filter(bruker=bruker, type=type_).delete()
        else:
            Varselinnstilling.objects.update_or_create(
                bruker=bruker, type=type_, defaults={"levering": levering}
            )


def innstillinger_for(bruker) -> list[tuple[str, str, str]]:
    """(kind, its label, the user's choice) for every kind, in the catalogue's order."""
    valgt = dict(Varselinnstilling.objects.filter(bruker=bruker).values_list("type", "levering"))
    return [(t.value, t.label, valgt.get(t.value, standard_levering(t.value))) for t in Varseltype]
