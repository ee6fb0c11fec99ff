import io
import re

import pytest
from django.core.management import call_command

from avtaler.models import Avtale
from helsefellesskap.demodata import DEMO_PASSORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def test_a_reader_finds_the_discharge_routine_and_what_changed(side, demodata):
    from playwright.sync_api import expect

    side.gaa_til("/avtaler/")
    side.page.get_by_role(
        "link", name="Rutine for utskrivning av utskrivningsklare pasienter"
    ).click()
    expect(side.page.get_by_role("heading", level=1)).to_have_text(
        "Rutine for utskrivning av utskrivningsklare pasienter"
    )
    side.sjekk_tilgjengelighet()
    # The table of contents leads to the clause anchor.
    side.page.get_by_role("navigation", name="Innhold").get_by_role(
        "link", name="3 Dokumenter"
    ).click()
    expect(side.page).to_have_url(re.compile(r"#punkt-\d+$"))
    side.page.get_by_role("link", name="Endringer fra versjon 1").click()
    expect(side.page.get_by_role("heading", level=1)).to_have_text(
        "Endringer fra versjon 1 til versjon 2"
    )
    expect(side.page.locator("ins").first).to_be_visible()
    side.sjekk_tilgjengelighet()
    rutine = Avtale.objects.get(type="rutine")
    side.gaa_til(f"/avtaler/{rutine.pk}/versjoner/")
    # Both texts are signed; which one each party is on is read from its own agreement.
    expect(side.page.get_by_role("cell", name="Signert").first).to_be_visible()
    assert side.konsollfeil == []


def test_point_in_time_on_a_phone(mobilside, demodata):
    from playwright.sync_api import expect

    rutine = Avtale.objects.get(type="rutine")
    mobilside.gaa_til(f"/avtaler/{rutine.pk}/?dato=2023-06-01")
    expect(mobilside.page.get_by_text("mellom 08:00 og 16:00")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    mobilside.gaa_til("/kommuner/3201/")
    expect(
        mobilside.page.get_by_role("link", name="Avtale om helhetlig pasientforløp")
    ).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    assert mobilside.konsollfeil == []


def test_a_coordinator_imports_an_agreement(side, demodata, tmp_path):
    from playwright.sync_api import expect

    fil = tmp_path / "avtale.txt"
    fil.write_text(
        "Særavtale om legevakt\n\n1. Formål\n\nKommunene skal ha felles legevakt.\n\n"
        "2. Varighet\n\nAvtalen gjelder fra 1. januar 2027.\n",
        encoding="utf-8",
    )
    side.gaa_til("/logg-inn/")
    side.page.get_by_label("E-postadresse").fill("koordinator@demo.no")
    side.page.get_by_label("Passord").fill(DEMO_PASSORD)
    side.page.get_by_role("button", name="Logg inn").click()
    side.gaa_til("/avtaler/importer/")
    side.page.get_by_label("Avtalen som fil").set_input_files(str(fil))
    # Read in a child process under the reader's budget: slower than 10 s on a loaded machine.
    side.page.get_by_role("button", name="Les filen").click(timeout=60_000)
    expect(side.page.get_by_text("ble lest som 2 punkter")).to_be_visible(timeout=60_000)
    side.sjekk_tilgjengelighet()
    side.page.get_by_label("Type avtale").select_option("saeravtale")
    side.page.get_by_role("button", name="Opprett utkast").click()
    expect(side.page.get_by_text("er importert som utkast med 2 punkter")).to_be_visible()
    expect(side.page.get_by_role("heading", level=1)).to_have_text("Særavtale om legevakt")
    side.sjekk_tilgjengelighet()
    assert side.konsollfeil == []


def test_a_nurse_finds_todays_discharge_routine_on_a_phone(mobilside, demodata):
    from playwright.sync_api import expect

    mobilside.gaa_til("/")
    mobilside.page.get_by_label("Kommune", exact=True).press_sequentially("bæ")
    forslag = mobilside.page.get_by_role("link", name="Utskrivning i dag – Bærum kommune")
    expect(forslag).to_be_visible()
    mobilside.sjekk_tilgjengelighet()
    forslag.click()
    expect(
        mobilside.page.get_by_role("heading", level=2, name=re.compile("Utskrivning er"))
    ).to_be_visible()
    dager = mobilside.page.get_by_role("list", name="Tider de neste dagene")
    expect(dager.get_by_role("listitem")).to_have_count(7)
    mobilside.sjekk_tilgjengelighet()
    assert mobilside.ingen_horisontal_rulling()

    # Then search across the agreements, results arriving as she types.
    mobilside.page.get_by_role("link", name="Søk", exact=True).click()
    mobilside.page.get_by_label("Søkeord").press_sequentially("utskrivningsklar")
    forste = mobilside.page.locator(".sokeresultat li").first
    expect(forste.locator("mark").first).to_be_visible()
    expect(mobilside.page).to_have_url(re.compile(r"/sok/\?q=utskrivningsklar"))
    mobilside.sjekk_tilgjengelighet()
    assert mobilside.ingen_horisontal_rulling()
    forste.get_by_role("link").click()
    expect(mobilside.page).to_have_url(re.compile(r"/avtaler/\d+/versjoner/\d+/#punkt-\d+$"))
    assert mobilside.konsollfeil == []


def test_the_parties_page_on_a_phone_and_by_keyboard(mobilside, demodata):
    """Issue 17: /avtaler/<id>/parter/ for the demo's overordnet avtale lists the 22
    municipalities and the health trust, two versions in force among them, readable at 360 px
    and by keyboard (axe runs on every page)."""
    from playwright.sync_api import expect

    overordnet = Avtale.objects.get(type="overordnet")
    mobilside.gaa_til(f"/avtaler/{overordnet.pk}/parter/")
    kort = mobilside.page.get_by_role("list", name="Partene og deres avtaler").get_by_role(
        "listitem"
    )
    expect(kort).to_have_count(23)
    expect(mobilside.page.get_by_text("1 part har ikke inngått versjon 2")).to_be_visible()
    hole = kort.filter(has_text="Hole kommune")
    expect(hole.get_by_role("link", name="Versjon 1")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    # Keyboard: tabbing reaches Hole's version link, and Enter opens it.
    lenke = hole.get_by_role("link", name="Versjon 1")
    for _ in range(80):
        mobilside.page.keyboard.press("Tab")
        if lenke.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Hole's version link was not reached by Tab")
    mobilside.page.keyboard.press("Enter")
    expect(mobilside.page).to_have_url(re.compile(r"/versjoner/1/$"))
    assert mobilside.konsollfeil == []


# Every word in a card's facts lies on one line: a word split over two lines has more than one
# client rect for its characters. Numbers with slashes (KST 1/2020) are words too.
_DELTE_ORD = """() => {
  const delte = [];
  for (const dd of document.querySelectorAll('.partkort dd')) {
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[\\p{L}\\d\\/]{4,}/gu)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const linjer = new Set([...r.getClientRects()].map(k => Math.round(k.top)));
        if (linjer.size > 1) delte.push(m[0]);
      }
    }
  }
  return delte;
}"""


@pytest.mark.parametrize("bredde", [360, 1280])
def test_the_parties_cards_never_break_a_word(nettleser, live_server, demodata, bredde, tmp_path):
    """Browser review of #17: at 1280 px the cards read «Kommunest / yret»."""
    kontekst = nettleser.new_context(locale="nb-NO", viewport={"width": bredde, "height": 900})
    page = kontekst.new_page()
    overordnet = Avtale.objects.get(type="overordnet")
    page.goto(f"{live_server.url}/avtaler/{overordnet.pk}/parter/")
    page.screenshot(path=str(tmp_path / f"parter-{bredde}.png"), full_page=True)
    assert page.evaluate(_DELTE_ORD) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= bredde
    kontekst.close()
