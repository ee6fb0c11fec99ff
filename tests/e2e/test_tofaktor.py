"""A coordinator turns on two-factor login in the browser and logs in with a code."""

import base64
import io
import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp

from helsefellesskap.models import User
from sikkerhet import tofaktor
from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


def _kode(nokkel: str, steg_fram: int = 0) -> str:
    """What the authenticator app shows, from the key the page gave (steg_fram: the next)."""
    return f"{totp(base64.b32decode(nokkel.replace(' ', '')), drift=steg_fram):06d}"


def test_a_coordinator_enrols_and_logs_in_with_a_code(side, transactional_db, settings):
    from playwright.sync_api import expect

    settings.TOFAKTOR_PAKREVD = True
    call_command("demodata", stdout=io.StringIO())
    page = side.page
    logg_inn(side, "koordinator@demo.no")
    # The role requires it: the product sends the coordinator to set it up.
    expect(page).to_have_url(re.compile(r"/min-side/tofaktor/$"))
    expect(page.get_by_text("Rollen din krever innlogging med tofaktor")).to_be_visible()
    # First the one-time code the administrator made for the coordinator (not the password
    # alone, #15).
    expect(page.locator(".qrkode-ramme svg")).to_have_count(0)
    side.sjekk_tilgjengelighet()
    registreringskode = tofaktor.lag_registreringskode(
        User.objects.get(email="koordinator@demo.no"),
        laget_av=User.objects.get(email="admin@demo.no"),
    )
    page.get_by_label("Registreringskode").fill(registreringskode)
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator(".qrkode-ramme svg")).to_be_visible()
    nokkel = page.locator("code.hemmelighet").inner_text()
    page.get_by_label("Kode", exact=True).fill("000000")
    page.get_by_role("button", name="Slå på tofaktor").click()
    expect(page.get_by_text("Koden stemmer ikke")).to_be_visible()
    side.sjekk_tilgjengelighet()
    page.wait_for_timeout(1100)  # after a wrong code the next try waits a second
    page.get_by_label("Kode", exact=True).fill(_kode(nokkel))
    page.get_by_role("button", name="Slå på tofaktor").click()
    expect(page.get_by_role("heading", name="Gjenopprettingskodene dine")).to_be_visible()
    assert page.locator(".gjenopprettingskoder li").count() == 10
    side.sjekk_tilgjengelighet()
    side.gaa_til("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))

    # Next time: password, then the code.
    logg_inn(side, "koordinator@demo.no")
    expect(page).to_have_url(re.compile(r"/logg-inn/kode/$"))
    side.sjekk_tilgjengelighet()
    # The code of the app's next step: this step's was used to set it up, and each code
    # is accepted once.
    page.get_by_label("Kode", exact=True).fill(_kode(nokkel, steg_fram=1))
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(side.base_url + "/")
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    side.gaa_til("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    assert side.konsollfeil == [] or all("400" in feil for feil in side.konsollfeil)
