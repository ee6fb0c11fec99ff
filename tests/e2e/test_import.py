"""A coordinator imports an agreement, sees the doubts where they are, corrects the
structure in the preview, and creates the draft — on a desktop and on a phone."""

import io
import os
import re

import pytest
from django.core.management import call_command

from avtaler.models import Avtaleversjon
from tests.avtaler.test_importering import FELLER
from tests.e2e.conftest import logg_inn

pytestmark = pytest.mark.e2e
# Screenshots for a person to look at: BILDER=/tmp/import-bilder make e2e
BILDER = os.environ.get("BILDER")


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def _bilde(side, navn: str) -> None:
    if BILDER:
        os.makedirs(BILDER, exist_ok=True)
        side.page.screenshot(
            path=os.path.join(BILDER, f"{navn}.png"), full_page=True, caret="initial"
        )


def _last_opp(side, sti) -> None:
    from playwright.sync_api import expect

    side.gaa_til("/avtaler/importer/")
    side.page.get_by_label("Avtalen som fil").set_input_files(str(sti))
    # The file is read in a child process under a memory and time budget (up to 60 s):
    # on a loaded machine that start alone can outlast the default 10 s.
    side.page.get_by_role("button", name="Les filen").click(timeout=60_000)
    expect(side.page.get_by_text("ble lest som 7 punkter")).to_be_visible(timeout=60_000)
    side.sjekk_tilgjengelighet()


def test_a_coordinator_corrects_the_structure_before_creating_the_draft(side, demodata):
    from playwright.sync_api import expect

    logg_inn(side, "koordinator@demo.no")
    _last_opp(side, FELLER)
    side.page.set_viewport_size({"width": 1280, "height": 900})
    _bilde(side, "import-1280")

    # The doubt is listed at the top and shown at its line.
    merknad = side.page.get_by_role("link", name=re.compile(r"^Linje \d+$")).filter(
        has=side.page.locator(":scope")
    )
    rad = side.page.locator("li.importlinje--merknad", has_text="7. Ikrafttredelse")
    expect(rad.locator(".importlinje__merknad")).to_contain_text("passer ikke i rekkefølgen")
    assert merknad.count() >= 1

    # What the coordinator types in the details survives the corrections below (nothing typed
    # is lost), and focus stays at the corrected line for a keyboard user.
    side.page.get_by_label("Type avtale").select_option("retningslinje")
    side.page.get_by_label("Tittel").fill("Retningslinje for utskrivning, importert")

    # Make «7. Ikrafttredelse» heading 6, through the correction on its line (htmx).
    rad.get_by_text(re.compile(r"^Rett linje \d+$")).click()
    rad.get_by_label("Nummer (valgfritt)").fill("6")
    rad.get_by_role("button", name="Gjør til overskrift").click()
    expect(side.page.get_by_text("ble lest som 8 punkter")).to_be_visible()
    rad = side.page.locator("li.importlinje", has_text="7. Ikrafttredelse")
    expect(rad.locator(".ds-tag").first).to_contain_text("Overskrift 6")
    expect(rad.get_by_text("rettet")).to_be_visible()
    expect(rad).to_be_focused()
    expect(side.page.get_by_label("Tittel")).to_have_value(
        "Retningslinje for utskrivning, importert"
    )
    expect(side.page.get_by_label("Type avtale")).to_have_value("retningslinje")
    side.sjekk_tilgjengelighet()

    # Join a paragraph to the one above it, then take the join back.
    avsnitt = side.page.locator("li.importlinje", has_text="Meldingen kan sendes hele døgnet")
    avsnitt.get_by_text(re.compile(r"^Rett linje \d+$")).click()
    avsnitt.get_by_role("button", name="Slå sammen med linjen over").click()
    avsnitt = side.page.locator("li.importlinje", has_text="Meldingen kan sendes hele døgnet")
    expect(avsnitt.locator(".ds-tag").first).to_contain_text("Fortsetter avsnittet")
    avsnitt.get_by_text(re.compile(r"^Rett linje \d+$")).click()
    avsnitt.get_by_role("button", name="Angre rettingen").click()
    avsnitt = side.page.locator("li.importlinje", has_text="Meldingen kan sendes hele døgnet")
    expect(avsnitt.locator(".ds-tag").first).to_contain_text("Avsnitt")
    side.sjekk_tilgjengelighet()

    side.page.get_by_role("button", name="Opprett utkast").click()
    expect(side.page.get_by_text("er importert som utkast med 8 punkter")).to_be_visible()
    side.sjekk_tilgjengelighet()
    versjon = Avtaleversjon.objects.get(tittel="Retningslinje for utskrivning, importert")
    assert versjon.punkter.get(nummer="6").overskrift == "Ikrafttredelse"
    assert side.konsollfeil == []


def test_the_preview_on_a_phone(mobilside, demodata):
    from playwright.sync_api import expect

    logg_inn(mobilside, "koordinator@demo.no")
    _last_opp(mobilside, FELLER)
    _bilde(mobilside, "import-360")
    assert mobilside.ingen_horisontal_rulling()
    rad = mobilside.page.locator("li.importlinje", has_text="7. Ikrafttredelse")
    rad.get_by_text(re.compile(r"^Rett linje \d+$")).click()
    expect(rad.get_by_role("button", name="Gjør til overskrift")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    mobilside.sjekk_tilgjengelighet()
    assert mobilside.konsollfeil == []
