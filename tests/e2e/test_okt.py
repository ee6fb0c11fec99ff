"""The timeout warning: shown before the session ends; «Fortsett» keeps it and what was typed."""

import io
import re

import pytest
from django.core.management import call_command

from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


def test_continue_keeps_the_session_and_the_form(side, transactional_db, settings):
    from playwright.sync_api import expect

    # Four seconds before the warning, two minutes of warning.
    settings.OKT_INAKTIV_SEKUNDER = 124
    settings.OKT_VARSEL_SEKUNDER = 120
    call_command("demodata", stdout=io.StringIO())
    page = side.page
    logg_inn(side, "ansatt@demo.no")
    side.gaa_til("/avvik/ny/")
    beskrivelse = page.get_by_label("Hva skjedde?")
    beskrivelse.fill("Pasienten kom uten epikrise.")
    dialog = page.get_by_role("dialog", name="Er du der fortsatt?")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text(re.compile(r"logget ut om 1:5\d"))
    side.sjekk_tilgjengelighet()
    with page.expect_response(lambda svar: svar.url.endswith("/okt/forleng/")) as svar:
        dialog.get_by_role("button", name="Fortsett").click()
    assert svar.value.json()["sekunder"] >= 120
    expect(dialog).to_be_hidden()
    expect(beskrivelse).to_have_value("Pasienten kom uten epikrise.")
