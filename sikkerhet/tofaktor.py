"""Two-factor login with an authenticator app (TOTP) and one-time recovery codes, on
django-otp's devices."""

import math
import secrets

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helsefellesskap import access
from helsefellesskap.models import Medlemskap

ROLLER_MED_KRAV = (Medlemskap.Rolle.ADMINISTRATOR, Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR)
ANTALL_KODER = 10
_TEGN = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def krever_tofaktor(user) -> bool:
    """Administrators and coordinators in any organisation, and staff, must use it."""
    return (
        user.is_superuser
        or user.is_staff
        or bool(access.organisasjoner_med_rolle(user, *ROLLER_MED_KRAV))
    )


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
def bekreft_app(enhet: TOTPDevice, kode: str) -> bool:
    """The first code from the app proves it is set up; older app devices go. Raises Vent
    while wrong codes are being throttled."""
    _krev_tillatt(enhet)
    if not _normaliser(kode).isdigit() or not enhet.verify_token(_normaliser(kode)):
        return False
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
