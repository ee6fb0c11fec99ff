"""Public employees sign in with Ansattporten, here a real OpenID Connect provider running
locally (tests/oidc/provider.mjs) in place of Digdir's: the coordinator of Drammen lands on the
overview without a TOTP code, a person of an organisation that is no party is refused, a login
at a low level steps up, and logging out ends the session at the provider too."""

import io
import re

import pytest
from django.core.management import call_command

from helsefellesskap.models import Organisasjon, User
from sikkerhet.models import AnsattportenIdentitet

pytestmark = pytest.mark.e2e


@pytest.fixture
def drammen(transactional_db, ansattporten, settings):
    settings.TOFAKTOR_PAKREVD = True
    call_command("demodata", stdout=io.StringIO())
    koordinator = User.objects.get(email="koordinator@demo.no")
    # As after «Koble til Ansattporten» on Min side (tests/sikkerhet cover that step).
    AnsattportenIdentitet.objects.create(
        bruker=koordinator, utsteder=ansattporten.issuer, sub="koordinator-drammen"
    )
    return Organisasjon.objects.get(navn="Drammen kommune")


def _hos_ansattporten(page, *, person, orgno, niva=None):
    """The provider's page: who logs in, for which organisation, at which level."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="Ansattporten (test)")).to_be_visible()
    page.get_by_label("Person").fill(person)
    page.get_by_label("Organisasjonsnummer").fill(orgno)
    if niva:
        page.get_by_label("Nivå").select_option(niva)
    page.get_by_role("button", name="Logg inn").click()


def test_the_coordinator_of_drammen_signs_in_and_out_with_ansattporten(side, drammen):
    from playwright.sync_api import expect

    page = side.page
    side.gaa_til("/oversikt/")
    expect(page).to_have_url(re.compile(r"/logg-inn/\?next=/oversikt/$"))
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    _hos_ansattporten(page, person="koordinator-drammen", orgno=drammen.organisasjonsnummer)
    # Straight to the overview: no TOTP prompt for the coordinator's role.
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "tofaktor" not in page.url and "kode" not in page.url
    side.sjekk_tilgjengelighet()
    side.gaa_til("/avvik/")
    expect(page).to_have_url(re.compile(r"/avvik/$"))

    # Logging out here goes on to Ansattporten's end-session page (the CSP allows the form
    # to continue there) and back.
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name=re.compile("logge ut av Ansattporten"))).to_be_visible()
    page.get_by_role("button", name="Ja, logg ut").click()
    expect(page.get_by_text("Du er logget ut, også fra Ansattporten.")).to_be_visible()
    side.sjekk_tilgjengelighet()
    assert page.get_by_role("link", name="Logg inn", exact=True).is_visible()
    # The provider's session is gone as well: the next login asks who it is again.
    side.gaa_til("/logg-inn/ansattporten/")
    expect(page.get_by_role("heading", name="Ansattporten (test)")).to_be_visible()
    assert side.konsollfeil == []


def test_a_person_of_an_organisation_that_is_no_party_is_refused(side, drammen):
    from playwright.sync_api import expect

    page = side.page
    side.gaa_til("/logg-inn/")
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    _hos_ansattporten(page, person="fremmed-person", orgno="974760673")
    expect(page.get_by_role("heading", name="Du kan ikke logge inn")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        "Organisasjonen du logget inn for (organisasjonsnummer 974760673) er ikke part i "
        "samarbeidsavtalene her"
    )
    side.sjekk_tilgjengelighet()
    side.gaa_til("/oversikt/")
    expect(page).to_have_url(re.compile(r"/logg-inn/"))
    assert not AnsattportenIdentitet.objects.filter(sub="fremmed-person").exists()


def test_a_coordinator_at_a_low_level_steps_up_at_ansattporten(side, drammen, settings):
    from playwright.sync_api import expect

    settings.ANSATTPORTEN = {**settings.ANSATTPORTEN, "ACR": "idporten-loa-low"}
    page = side.page
    side.gaa_til("/logg-inn/?next=/oversikt/")
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    expect(page.locator("#onsket-niva")).to_have_text("idporten-loa-low")
    _hos_ansattporten(
        page,
        person="koordinator-drammen",
        orgno=drammen.organisasjonsnummer,
        niva="idporten-loa-low",
    )
    # The role needs more than «low»: Ansattporten again, now asked for «substantial».
    expect(page.locator("#onsket-niva")).to_have_text("idporten-loa-substantial")
    _hos_ansattporten(page, person="koordinator-drammen", orgno=drammen.organisasjonsnummer)
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    side.sjekk_tilgjengelighet()


def test_first_login_of_a_new_employee_of_drammen(side, drammen):
    from playwright.sync_api import expect

    page = side.page
    side.gaa_til("/logg-inn/")
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    _hos_ansattporten(page, person="ny-i-drammen", orgno=drammen.organisasjonsnummer)
    expect(page.get_by_role("heading", name="Første innlogging")).to_be_visible()
    side.sjekk_tilgjengelighet()
    page.get_by_label("Navn").fill("Nora Ny")
    page.get_by_label("E-postadresse på jobben").fill("nora.ny@drammen.kommune.no")
    page.get_by_role("button", name="Fullfør").click()
    expect(page).to_have_url(re.compile(r"/min-side/$"))
    expect(page.get_by_text("Administratorene i Drammen kommune har fått beskjed")).to_be_visible()
    side.sjekk_tilgjengelighet()
    ny = User.objects.get(email="nora.ny@drammen.kommune.no")
    assert not ny.medlemskap.exists()
