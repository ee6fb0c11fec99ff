import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtaleversjon
from helsefellesskap.models import Organisasjon
from tests.e2e.conftest import logg_inn, registrer_oppmote

pytestmark = pytest.mark.e2e


@pytest.fixture
def avtale(transactional_db):
    """A signed two-party agreement (Drammen and the health trust) in the demo data."""
    call_command("demodata", stdout=io.StringIO())
    drammen = Organisasjon.objects.get(kommunenummer="3301")
    hf = Organisasjon.objects.get(type="helseforetak")
    versjon = services.avtale_opprett(
        utfort_av=None,
        helsefellesskap=hf.helsefellesskap,
        type="saeravtale",
        tittel="Særavtale om legevakt i Drammen",
        parter=[drammen, hf],
        punkter=[
            services.NyttPunkt("1", "Formål", "Avtalen bør sikre legevakt hele døgnet."),
            services.NyttPunkt("2", "Ansvar", "Kommunen har ansvaret for legevakten."),
            services.NyttPunkt("3", "Varighet", "Avtalen gjelder til den sies opp."),
        ],
    )
    fra = datetime.date(2024, 1, 1)
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=None)
    versjon = services.versjon_godkjenn(
        versjon=versjon, utfort_av=None, vedtaksreferanse="LSU Drammen 1/2024"
    )
    return services.versjon_signer(
        versjon=versjon, utfort_av=None, signert_dato=fra, gyldig_fra=fra
    )


def test_the_whole_revision_journey(side, avtale):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "koordinator@demo.no")
    side.gaa_til(f"/avtaler/{avtale.avtale_id}/")
    page.get_by_role("button", name="Start revisjon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("utkast til versjon 2")
    side.sjekk_tilgjengelighet()

    # Edit two clauses in place; the preview follows the text.
    for nummer, tekst in (
        ("1", "Avtalen skal sikre legevakt hele døgnet."),
        ("2", "Kommunen har ansvaret. *Helseforetaket* gir veiledning."),
    ):
        page.get_by_role("link", name=f"Rediger {nummer}", exact=True).click()
        felt = page.get_by_role("textbox", name="Tekst")
        felt.wait_for()
        # htmx wires the swapped-in form when the swap has settled.
        expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)
        felt.fill(tekst)
        # The swapped-in field may have been wired by htmx just after the first input event.
        felt.dispatch_event("input")
        if nummer == "2":
            expect(page.locator(".forhandsvisning em")).to_have_text("Helseforetaket")
        side.sjekk_tilgjengelighet()
        page.get_by_role("button", name="Lagre punktet").click()
        punkt_id = avtale.punkter.get(nummer=nummer).punkt_id
        expect(page.locator(f"#punkt-{punkt_id}").get_by_text("Lagret", exact=True)).to_be_visible()

    # A comment on clause 3.
    page.locator("#" + "punkt-{}".format(avtale.punkter.get(nummer="3").punkt_id)).get_by_text(
        "Kommenter"
    ).click()
    page.get_by_label("Kommentar til 3").fill("Skal vi avtale en oppsigelsesfrist?")
    page.get_by_role("button", name="Legg til kommentar").click()
    expect(page.get_by_text("1 åpen kommentar")).to_be_visible()

    # Submit to LSU Drammen.
    page.get_by_label("Utvalg").select_option(label="Lokalt samarbeidsutvalg Drammen sykehus")
    page.get_by_role("button", name="Send til godkjenning").click()
    expect(page.get_by_text("er sendt til Lokalt samarbeidsutvalg Drammen sykehus")).to_be_visible()
    side.sjekk_tilgjengelighet()
    utkast = Avtaleversjon.objects.get(avtale=avtale.avtale, nummer=2)
    sak = utkast.behandles_i

    # The secretary records an adopted decision in the LSU's next meeting.
    logg_inn(side, "sekretaer@demo.no")
    side.gaa_til(f"/utvalg/{sak.utvalg_id}/")
    start = timezone.localtime() - datetime.timedelta(minutes=2)
    page.get_by_label("Dato og klokkeslett").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Sted").fill("Drammen sykehus")
    page.get_by_role("button", name="Opprett møte").click()
    registrer_oppmote(side)
    page.get_by_label("Sak", exact=True).select_option(label=f"{sak.saksnummer} {sak.tittel}")
    page.get_by_role("button", name="Sett på sakslisten").click()
    artikkel = page.get_by_role("article").filter(has_text=sak.saksnummer)
    artikkel.get_by_role("textbox", name="Vedtak").fill("Versjon 2 godkjennes.")
    standpunkter = artikkel.locator("fieldset.posisjon")
    for i in range(standpunkter.count()):
        standpunkter.nth(i).get_by_label("Enig", exact=True).check()
    artikkel.get_by_role("button", name="Registrer vedtak").click()
    expect(page.get_by_text("Vedtatt:")).to_be_visible()
    utkast.refresh_from_db()
    assert utkast.tilstand == "godkjent"

    # Both parties sign: the coordinator for Drammen, the administrator for the health trust.
    i_dag = timezone.localdate().isoformat()
    logg_inn(side, "koordinator@demo.no")
    side.gaa_til(f"/avtaler/{avtale.avtale_id}/versjoner/2/signaturer/")
    page.get_by_label("Signert av (navn)").fill("Ordfører i Drammen")
    page.get_by_label("Stilling").fill("Ordfører")
    page.get_by_label("Dato", exact=True).fill(i_dag)
    page.get_by_label("Lokalt vedtak").fill("BY 12/2026")
    page.get_by_role("button", name="Registrer signatur").click()
    expect(page.get_by_text("1 av 2 parter har signert")).to_be_visible()
    side.sjekk_tilgjengelighet()
    logg_inn(side, "admin@demo.no")
    side.gaa_til(f"/avtaler/{avtale.avtale_id}/versjoner/2/signaturer/")
    page.get_by_label("Part", exact=True).select_option(label="Vestre Viken HF")
    page.get_by_label("Signert av (navn)").fill("Administrerende direktør")
    page.get_by_label("Stilling").fill("Administrerende direktør")
    page.get_by_label("Dato", exact=True).fill(i_dag)
    page.get_by_role("button", name="Registrer signatur").click()
    expect(page.get_by_text("2 av 2 parter har signert")).to_be_visible()

    # In force from today with no job run: Drammen's own agreement moved to version 2.
    side.gaa_til(f"/avtaler/{avtale.avtale_id}/")
    expect(page.get_by_text("Avtalen skal sikre legevakt hele døgnet.")).to_be_visible()
    side.gaa_til(f"/avtaler/{avtale.avtale_id}/parter/")
    kort = (
        page.get_by_role("list", name="Partene og deres avtaler")
        .get_by_role("listitem")
        .filter(has_text="Drammen kommune")
    )
    expect(kort.get_by_role("link", name="Versjon 2")).to_be_visible()
    expect(page.get_by_text("Alle parter har inngått versjon 2")).to_be_visible()
    assert side.konsollfeil == []


def test_a_reload_never_loses_typed_text(side, avtale):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "koordinator@demo.no")
    utkast = services.versjon_start_revisjon(versjon=avtale, utfort_av=None)
    punkt = utkast.punkter.get(nummer="2")
    url = f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/?rediger={punkt.pk}"
    side.gaa_til(url)
    felt = page.get_by_role("textbox", name="Tekst")
    felt.fill("Tekst som ennå ikke er lagret.")
    page.reload()
    expect(page.get_by_role("textbox", name="Tekst")).to_have_value(
        "Tekst som ennå ikke er lagret."
    )
    expect(page.get_by_text("Vi har hentet fram tekst du skrev")).to_be_visible()
    side.sjekk_tilgjengelighet()
    page.get_by_role("button", name="Lagre punktet").click()
    expect(page.get_by_text("Lagret", exact=True)).to_be_visible()
    punkt.refresh_from_db()
    assert punkt.tekst == "Tekst som ennå ikke er lagret."


def test_the_language_check_follows_the_typing(side, avtale):
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "koordinator@demo.no")
    utkast = services.versjon_start_revisjon(versjon=avtale, utfort_av=None)
    punkt = utkast.punkter.get(nummer="1")
    side.gaa_til(
        f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/?rediger={punkt.pk}"
    )
    analyse = page.locator(f"#forhandsvisning-{punkt.pk}")
    expect(analyse.get_by_text("Intensjon", exact=True)).to_be_visible()  # «bør sikre»
    felt = page.get_by_role("textbox", name="Tekst")
    felt.fill("Partene skal etter hvert søke å sikre legevakt ved behov.")
    felt.dispatch_event("input")
    # Marked in the rendered preview (not escaped), and listed with its explanation.
    expect(analyse.locator(".punkttekst mark.vag", has_text="ved behov")).to_be_visible()
    expect(analyse.get_by_text("Hvem avgjør behovet?")).to_be_visible()
    side.sjekk_tilgjengelighet()
    felt.fill("Kommunen skal sikre legevakt hele døgnet.")
    felt.dispatch_event("input")
    expect(analyse.get_by_text("Forpliktende", exact=True)).to_be_visible()
    expect(analyse.get_by_text("Ansvarlig: kommunen.")).to_be_visible()
    expect(analyse.get_by_text("Regel: Forpliktende: «skal».")).to_be_visible()
    expect(analyse.locator("mark.vag")).to_have_count(0)
    side.gaa_til(f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/sprak/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Språk og forpliktelser")
    side.gaa_til(f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/ansvar/")
    side.gaa_til("/kommuner/3301/dekning/")
    # The demo covers every topic for Drammen (issue 27): each says why, with the clause.
    expect(page.get_by_text("Dekket", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Punkt 4\.3 Forbedret"))).to_be_visible()
    side.sjekk_tilgjengelighet()
    page.get_by_role("link", name="rett temaene").first.click()
    # The overordnet text is shared by 22 municipalities: Drammen's coordinator reads the
    # mapping and is told who corrects it (avtaler.access.kan_rette_temaer).
    expect(page.get_by_text("bare helseforetakets koordinatorer", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Lagre temaene")).to_have_count(0)
    side.sjekk_tilgjengelighet()
    assert side.konsollfeil == []


def test_keyboard_focus_follows_rediger_lagre_and_avbryt(side, avtale):
    """Keyboard use (house rule): «Rediger 1» swaps the clause for its form and the focus
    goes to its first field; «Avbryt» and «Lagre punktet» swap it back and the focus goes to
    «Rediger 1» again – not to <body>, the top of a long agreement."""
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "koordinator@demo.no")
    utkast = services.versjon_start_revisjon(versjon=avtale, utfort_av=None)
    side.gaa_til(f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/")
    punkt = utkast.punkter.get(nummer="1")
    nummer = page.locator(f"#nummer-{punkt.pk}")
    page.get_by_role("link", name="Rediger 1", exact=True).focus()
    page.keyboard.press("Enter")
    expect(nummer).to_be_focused()
    page.get_by_role("link", name="Avbryt").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Rediger 1", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(nummer).to_be_focused()
    page.locator(f"#overskrift-{punkt.pk}").fill("Formål med avtalen")
    page.get_by_role("button", name="Lagre punktet").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Rediger 1", exact=True)).to_be_focused()
    assert side.konsollfeil == []


def test_keyboard_focus_returns_to_the_clause_after_a_comment(side, avtale):
    """«Legg til kommentar» posts the whole page: it comes back at the clause with the focus
    on it (the next Tab reaches its controls), and a refused comment with the focus on the
    field that says why – never on <body>, the top of a long agreement."""
    from playwright.sync_api import expect

    page = side.page
    logg_inn(side, "koordinator@demo.no")
    utkast = services.versjon_start_revisjon(versjon=avtale, utfort_av=None)
    punkt = utkast.punkter.get(nummer="1")
    side.gaa_til(f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/")
    klausul = page.locator(f"#{punkt.anker}")
    klausul.get_by_text("Kommenter", exact=True).click()
    klausul.get_by_label("Kommentar til 1").fill("")
    klausul.get_by_role("button", name="Legg til kommentar").click()
    expect(page.locator(f"#kommentar-{punkt.pk}")).to_be_focused()
    side.sjekk_tilgjengelighet()
    # The refusal is a 400 on purpose; nothing else may fail.
    assert [feil.split()[0] for feil in side.konsollfeil] == ["400"]
    side.konsollfeil.clear()
    page.locator(f"#kommentar-{punkt.pk}").fill("Bør formålet nevne brukerne?")
    page.get_by_role("button", name="Legg til kommentar").first.click()
    expect(page.get_by_text("Kommentaren er lagt til.")).to_be_visible()
    expect(klausul).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate(
        f"document.getElementById('{punkt.anker}').contains(document.activeElement)"
    )
    side.sjekk_tilgjengelighet()
    assert side.konsollfeil == []
