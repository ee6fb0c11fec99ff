"""Browser tests: Debian's Chromium driven by Playwright, every page checked with axe-core.

Playwright never downloads a browser here; it launches /usr/bin/chromium. Outside CI
the tests skip when Chromium is missing; in CI (CI=true) a missing browser fails.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise
# refuse the test's own database calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ALVORLIGE = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(
            f"CI=true, but no Chromium at {CHROMIUM}: the browser tests must run"
        )
    hopp = pytest.mark.skip(reason=f"Ingen Chromium på {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(hopp)


@pytest.fixture(scope="session")
def nettleser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Side:
    """A browser tab that records console errors and checks accessibility on every page."""

    def __init__(self, page, base_url, telefon: bool = False):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.base_url = base_url
        # On a phone every page checked must also fit the screen's width.
        self.telefon = telefon
        self.konsollfeil: list[str] = []
        self._axe = Axe()
        page.on(
            "response",
            lambda svar: (
                self.konsollfeil.append(f"{svar.status} {svar.url}") if svar.status >= 400 else None
            ),
        )
        page.on(
            "console",
            lambda melding: (
                self.konsollfeil.append(melding.text)
                if melding.type == "error" and "Failed to load resource" not in melding.text
                else None
            ),
        )

    def gaa_til(self, sti: str):
        svar = self.page.goto(self.base_url + sti)
        self.sjekk_tilgjengelighet()
        return svar

    def sjekk_tilgjengelighet(self):
        resultat = self._axe.run(self.page)
        alvorlige = [
            f"{brudd['id']} ({brudd['impact']}): {brudd['help']} – "
            + ", ".join(str(node["target"]) for node in brudd["nodes"][:3])
            for brudd in resultat.response["violations"]
            if brudd["impact"] in ALVORLIGE
        ]
        assert alvorlige == [], f"axe på {self.page.url}:\n" + "\n".join(alvorlige)
        if self.telefon:
            bredde = self.page.evaluate("document.documentElement.scrollWidth")
            assert self.ingen_horisontal_rulling(), f"{self.page.url} er {bredde} px bred"

    def ingen_horisontal_rulling(self) -> bool:
        return self.page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )


@pytest.fixture
def side(nettleser, live_server, transactional_db):
    kontekst = nettleser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    page = kontekst.new_page()
    page.set_default_timeout(10_000)
    yield Side(page, live_server.url)
    kontekst.close()


@pytest.fixture
def mobilside(nettleser, live_server, transactional_db):
    kontekst = nettleser.new_context(
        locale="nb-NO", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = kontekst.new_page()
    page.set_default_timeout(10_000)
    yield Side(page, live_server.url, telefon=True)
    kontekst.close()


def logg_inn(side: Side, epost: str) -> None:
    """Log in as a demo user (all share the demo password), leaving any earlier session."""
    from helsefellesskap.demodata import DEMO_PASSORD

    side.page.context.clear_cookies()
    side.gaa_til("/logg-inn/")
    side.page.get_by_label("E-postadresse").fill(epost)
    side.page.get_by_label("Passord").fill(DEMO_PASSORD)
    side.page.get_by_role("button", name="Logg inn").click()


def registrer_oppmote(side: Side, fravaerende_side: str = "") -> None:
    """The secretary records every member's attendance (htmx saves each choice and swaps the
    table): members of `fravaerende_side` sent apologies, everyone else came."""
    page = side.page
    ferdig = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    for i in range(page.locator("#oppmote tbody tr").count()):
        rad = page.locator("#oppmote tbody tr").nth(i)
        borte = rad.locator("td").nth(1).inner_text() == fravaerende_side
        status = "forfall" if borte else "til_stede"
        with page.expect_response(lambda svar: "/oppmote/" in svar.url):
            rad.locator("select").select_option(status)
        page.wait_for_function(ferdig)
        page.wait_for_function(
            "([i, status]) => document.querySelectorAll('#oppmote tbody tr select')[i].value"
            " === status",
            arg=[i, status],
        )
