"""Two-factor login with an authenticator app (TOTP) and one-time recovery codes, on
django-otp's devices."""

import datetime
import math
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helsefellesskap import access
from helsefellesskap.models import Medlemskap
from sikkerhet.models import Registreringskode

ROLLER_MED_KRAV = (Medlemskap.Rolle.ADMINISTRATOR, Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR)
ANTALL_KODER = 10
# An enrolment code is valid this long, and this many wrong tries use it up.
REGISTRERINGSKODE_GYLDIG = datetime.timedelta(days=3)
REGISTRERINGSKODE_MAKS_FEIL = 5
_TEGN = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def krever_tofaktor(user) -> bool:
    """Administrators and coordinators in any organisation, and staff, must use it."""
    return (
        user.is_superuser
        or user.is_staff
        or bool(access.organisasjoner_med_rolle(user, *ROLLER_MED_KRAV))
    )


def krever_registreringskode(user) -> bool:
    """Whoever must use two-factor login enrols only with a code from an administrator: the
    password alone must not be enough to tie an app (perhaps an attacker's) to the account."""
    return settings.TOFAKTOR_PAKREVD and krever_tofaktor(user)


def _ny_kode() -> str:
    return "".join(secrets.choice(_TEGN) for _ in range(10))


@transaction.atomic
def lag_registreringskode(user, *, laget_av=None) -> str:
    """A new enrolment code for the user, shown this once; earlier unused ones stop working."""
    Registreringskode.objects.filter(bruker=user, brukt__isnull=True).delete()
    kode = _ny_kode()
    Registreringskode.objects.create(
        bruker=user,
        laget_av=laget_av,
        kode_hash=make_password(kode),
        utloper=timezone.now() + REGISTRERINGSKODE_GYLDIG,
    )
    return f"{kode[:5]}-{kode[5:]}"


def _gyldige_koder(user):
    return Registreringskode.objects.filter(
        bruker=user,
        brukt__isnull=True,
        utloper__gt=timezone.now(),
        feil_forsok__lt=REGISTRERINGSKODE_MAKS_FEIL,
    )


@transaction.atomic
def sjekk_registreringskode(user, kode: str) -> Registreringskode | None:
    """The user's valid enrolment code, if this is it; a wrong try counts against it."""
    gyldig = _gyldige_koder(user).select_for_update().first()
    if gyldig is None:
        return None
    if check_password(_normaliser(kode), gyldig.kode_hash):
        return gyldig
    gyldig.feil_forsok += 1
    gyldig.save(update_fields=["feil_forsok"])
    return None


def godkjent_registreringskode(user, pk) -> Registreringskode | None:
    """The code accepted earlier in this session (its id), while it is still unused."""
    return _gyldige_koder(user).filter(pk=pk).first() if pk else None


def har_tofaktor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def ny_app(user, okt=None) -> TOTPDevice:
    """The app device being set up in this session: the same until confirmed, so a reload
    keeps the QR code. A key is never shared between sessions: starting the setup elsewhere
    makes a new key and drops the other session's, so a key seen by someone else who had the
    password cannot be the one the user confirms."""
    nokkel = "tofaktor_oppsett"
    if okt is not None and (pk := okt.get(nokkel)):
        enhet = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first()
        if enhet is not None:
            return enhet
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    enhet = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
    if okt is not None:
        okt[nokkel] = enhet.pk
    return enhet


class Vent(Exception):
    """Too many wrong codes just now: django-otp makes each next try wait twice as long."""

    def __init__(self, sekunder: int):
        super().__init__(sekunder)
        self.sekunder = sekunder


def _krev_tillatt(enhet: Device) -> None:
    tillatt, data = enhet.verify_is_allowed()
    if not tillatt and data and data.get("locked_until"):
        igjen = (data["locked_until"] - timezone.now()).total_seconds()
        raise Vent(max(1, math.ceil(igjen)))


def _normaliser(kode: str) -> str:
    return "".join(kode.split()).replace("-", "").lower()


@transaction.atomic
def bekreft_app(
    enhet: TOTPDevice, kode: str, registreringskode: Registreringskode | None = None
) -> bool:
    """The first code from the app proves it is set up; older app devices go, and the
    enrolment code, where one was needed, is used up. Raises Vent while wrong codes are being
    throttled."""
    _krev_tillatt(enhet)
    if registreringskode is not None:
        # Locked and read again: one code enrols one app, even when two tabs confirm at once.
        registreringskode = (
            _gyldige_koder(enhet.user).select_for_update().filter(pk=registreringskode.pk).first()
        )
        if registreringskode is None:
            return False
    if not _normaliser(kode).isdigit() or not enhet.verify_token(_normaliser(kode)):
        return False
    if registreringskode is not None:
        registreringskode.brukt = timezone.now()
        registreringskode.save(update_fields=["brukt"])
    TOTPDevice.objects.filter(user=enhet.user).exclude(pk=enhet.pk).delete()
    enhet.confirmed = True
    enhet.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def nye_gjenopprettingskoder(user) -> list[str]:
    """Ten new one-time codes, shown once; the old ones stop working."""
    enhet, _ = StaticDevice.objects.get_or_create(
        user=user, name="Gjenopprettingskoder", defaults={"confirmed": True}
    )
    enhet.token_set.all().delete()
    koder = ["".join(secrets.choice(_TEGN) for _ in range(10)) for _ in range(ANTALL_KODER)]
    StaticToken.objects.bulk_create(StaticToken(device=enhet, token=kode) for kode in koder)
    return [f"{kode[:5]}-{kode[5:]}" for kode in koder]


def gjenstaende_koder(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def verifiser(user, kode: str) -> Device | None:
    """The device that accepts the code: the app's (six digits) or a recovery code, which is
    used up. Devices are locked while checking, so one code cannot be used twice at once.
    Raises Vent while wrong codes are being throttled."""
    kode = _normaliser(kode)
    if not kode:
        return None
    modell = TOTPDevice if kode.isdigit() else StaticDevice
    for enhet in modell.objects.devices_for_user(user, confirmed=True).select_for_update():
        _krev_tillatt(enhet)
        if enhet.verify_token(kode):
            return enhet
    return None


@transaction.atomic
def slaa_av(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
