"""A party corrects the timestamps of a payment course on a phone (360 px) by keyboard, and the
avvik page explains the payment days again (forskrift 18. november 2011 nr. 1115 § 11, § 13)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from avvik.models import Betalingsforlop
from helsefellesskap.demodata import DEMO_PASSORD
from helsefellesskap.models import Medlemskap, Organisasjon, User
from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e


@pytest.fixture
def forlop(transactional_db):
    call_command("demodata", stdout=io.StringIO())
    Medlemskap.objects.create(
        bruker=User.objects.create_user(
            email="kongsberg.ansatt@demo.no", navn="Kåre Kongsberg", password=DEMO_PASSORD
        ),
        organisasjon=Organisasjon.objects.get(navn="Kongsberg kommune"),
        # One who handles the avvik: only they see and enter the times (docs/personvern.md).
        rolle="samhandlingskoordinator",
    )
    # This year's course (the demo also has one from 2024).
    return Betalingsforlop.objects.order_by("-avvik__hendelse").first()


def test_a_party_corrects_the_course_on_a_phone_by_keyboard(mobilside, forlop):
    from playwright.sync_api import expect

    side, page = mobilside, mobilside.page
    logg_inn(side, "kongsberg.ansatt@demo.no")
    side.gaa_til(f"/avvik/{forlop.avvik_id}/")
    expect(page.get_by_text("Kommunen betaler for 4 døgn")).to_be_visible()
    assert side.ingen_horisontal_rulling()

    lenke = page.get_by_role("link", name="Endre tidspunktene")
    lenke.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/betaling/$"))
    side.sjekk_tilgjengelighet()
    assert side.ingen_horisontal_rulling()

    # The municipality says it was ready a day earlier: three days, not four.
    klar = forlop.kommunen_klar - datetime.timedelta(days=1)
    felt = page.get_by_label("Dagen kommunen meldte at den kunne ta imot pasienten")
    felt.fill(klar.isoformat())
    merknad = page.get_by_label("Merknad (valgfritt)")
    merknad.fill("Kommunen viser til telefon fra tildelingskontoret dagen før.")
    page.get_by_role("button", name="Lagre og regn ut").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Tidspunktene er lagret, og betalingen er regnet ut.")).to_be_visible()
    side.sjekk_tilgjengelighet()
    expect(page.get_by_text("Kommunen betaler for 3 døgn")).to_be_visible()
    expect(page.get_by_text(f"Dag 4 ({klar:%d.%m.%Y}) betales ikke")).to_be_visible()
    assert side.ingen_horisontal_rulling()
    assert side.konsollfeil == []
