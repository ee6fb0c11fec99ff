import pytest


@pytest.mark.parametrize("bredde", [360, 1280])
def test_the_api_docs_fit_a_phone_and_the_links_have_no_bullets(
    nettleser, live_server, transactional_db, bredde, tmp_path
):
    """Review of #25: at 360 px the curl examples and the parameter tables made the whole page
    792 px wide; at 1280 px the list's bullets sat on top of the links in the link row."""
    kontekst = nettleser.new_context(locale="nb-NO", viewport={"width": bredde, "height": 900})
    page = kontekst.new_page()
    feil: list[str] = []
    page.on("console", lambda m: feil.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.screenshot(path=str(tmp_path / f"api-docs-{bredde}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= bredde
    stil = page.evaluate(
        "getComputedStyle(document.querySelector('main ul.lenkerad li')).listStyleType"
    )
    assert stil == "none"
    assert feil == []  # no CSP violation or script error
    kontekst.close()


def test_the_api_docs_pass_axe_on_a_phone(mobilside):
    mobilside.gaa_til("/api/v1/docs")  # axe: the scrolled examples and tables are reachable
    assert mobilside.ingen_horisontal_rulling()
    assert mobilside.konsollfeil == []
