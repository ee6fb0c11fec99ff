"""Shared by the security tests: codes from a device's key, as an authenticator app makes them."""

import datetime

import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikkerhet import tofaktor

START = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0, 0))


def kode(enhet: TOTPDevice) -> str:
    """The code the app shows now."""
    enhet.refresh_from_db()
    return f"{totp(enhet.bin_key, enhet.step, enhet.t0, enhet.digits, enhet.drift):06d}"


def med_tofaktor(user) -> tuple[TOTPDevice, list[str]]:
    """The user with an app set up and recovery codes, as after enrolment."""
    enhet = tofaktor.ny_app(user)
    assert tofaktor.bekreft_app(enhet, kode(enhet))
    return enhet, tofaktor.nye_gjenopprettingskoder(user)


def klokke(sekunder: int = 0):
    """A fixed time some seconds after START: each 30 s the app shows a new code (a code is
    accepted once, and failures are throttled by time)."""
    return time_machine.travel(START + datetime.timedelta(seconds=sekunder), tick=False)
