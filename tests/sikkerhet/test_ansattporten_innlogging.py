"""Login with Ansattporten against a real OpenID Connect provider running locally: the code
flow with PKCE, the organisation from the token, first login, step-up instead of the TOTP
code, linking an existing user, and logging out at the provider."""

import base64
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from helsefellesskap.models import Medlemskap, User
from sikkerhet import ansattporten as ansattporten_modul
from sikkerhet.models import AnsattportenIdentitet, Sikkerhetshendelse
from tests.factories import MedlemskapFactory, UserFactory
from tests.sikkerhet.ansattporten_hjelp import ADRESSE, Person

Rolle = Medlemskap.Rolle


@pytest.fixture
def klient():
    return Client(HTTP_HOST=ADRESSE)


@pytest.fixture
def person(ansattporten):
    return Person(ansattporten.issuer)


def _logg_inn(klient, person, *, konto, orgno, acr=None, neste=None, navn=""):
    svar = klient.get("/logg-inn/ansattporten/", {"next": neste} if neste else {})
    assert svar.status_code == 302
    return klient.get(
        person.gjennom(svar["Location"], konto=konto, orgno=orgno, acr=acr, navn=navn)
    )


def _koble(bruker, sub, utsteder):
    return AnsattportenIdentitet.objects.create(bruker=bruker, utsteder=utsteder, sub=sub)


# Not configured: exactly as before.


def test_without_ansattporten_the_login_page_is_as_before(client, db):
    svar = client.get("/logg-inn/")
    assert "Ansattporten" not in svar.content.decode()
    assert client.get("/logg-inn/ansattporten/").status_code == 404
    assert client.get("/logg-inn/ansattporten/retur/?code=x&state=y").status_code == 404


def test_without_ansattporten_the_csp_lets_forms_go_only_here(client, db):
    assert "form-action 'self';" in client.get("/logg-inn/")["Content-Security-Policy"] + ";"


# The request.


def test_the_login_page_offers_ansattporten_and_keeps_where_to_go(client, ansattporten, db):
    side = client.get("/logg-inn/?next=/avvik/").content.decode()
    assert 'href="/logg-inn/ansattporten/?next=/avvik/"' in side


def test_the_authorization_request_has_pkce_state_nonce_and_level(klient, ansattporten, db):
    svar = klient.get("/logg-inn/ansattporten/")
    adresse = svar["Location"]
    assert adresse.startswith(ansattporten.issuer + "/auth?")
    spor = parse_qs(urlsplit(adresse).query)
    assert spor["response_type"] == ["code"]
    assert spor["code_challenge_method"] == ["S256"]
    assert len(spor["code_challenge"][0]) == 43
    assert len(spor["state"][0]) >= 40 and len(spor["nonce"][0]) >= 40
    assert spor["acr_values"] == ["idporten-loa-substantial"]
    assert spor["redirect_uri"] == [f"http://{ADRESSE}/logg-inn/ansattporten/retur/"]
    assert "ansattporten:altinn:resource" in spor["authorization_details"][0]
    # Each login its own state and nonce.
    igjen = parse_qs(urlsplit(klient.get("/logg-inn/ansattporten/")["Location"]).query)
    assert igjen["state"] != spor["state"] and igjen["nonce"] != spor["nonce"]


def test_the_csp_lets_the_logout_form_go_on_to_the_provider(client, ansattporten, db):
    assert (
        f"form-action 'self' {ansattporten.issuer}"
        in (client.get("/logg-inn/")["Content-Security-Policy"])
    )


# Known users.


def test_a_linked_coordinator_lands_on_the_overview_without_a_code(
    klient, person, ansattporten, kommune, settings
):
    settings.TOFAKTOR_PAKREVD = True
    koordinator = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.SAMHANDLINGSKOORDINATOR)
    _koble(koordinator.bruker, "koordinator-1", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="koordinator-1", orgno=kommune.organisasjonsnummer)
    assert svar.status_code == 302 and svar["Location"] == "/oversikt/"
    assert klient.get("/oversikt/").status_code == 200
    assert klient.session["_auth_user_id"] == str(koordinator.bruker.pk)
    assert klient.session["ansattporten"]["acr"] == "idporten-loa-substantial"
    identitet = AnsattportenIdentitet.objects.get(sub="koordinator-1")
    assert identitet.sist_brukt is not None
    hendelse = Sikkerhetshendelse.objects.get(
        type=Sikkerhetshendelse.Type.INNLOGGING, bruker=koordinator.bruker
    )
    assert hendelse.beskrivelse == (
        f"Ansattporten, nivå idporten-loa-substantial, for {kommune.navn}"
    )


def test_the_login_goes_back_to_the_page_asked_for(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-1", ansattporten.issuer)
    svar = _logg_inn(
        klient, person, konto="ansatt-1", orgno=kommune.organisasjonsnummer, neste="/avvik/"
    )
    assert svar["Location"] == "/avvik/"


def test_a_redirect_elsewhere_is_not_followed(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-2", ansattporten.issuer)
    svar = _logg_inn(
        klient,
        person,
        konto="ansatt-2",
        orgno=kommune.organisasjonsnummer,
        neste="https://angriper.example/",
    )
    assert svar["Location"] == "/oversikt/"


def test_a_deactivated_user_is_refused(klient, person, ansattporten, kommune):
    bruker = UserFactory(is_active=False)
    _koble(bruker, "borte-1", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="borte-1", orgno=kommune.organisasjonsnummer)
    assert svar.status_code == 403
    assert "deaktivert" in svar.content.decode()
    assert "_auth_user_id" not in klient.session


# Organisations.


def test_a_person_of_an_unknown_organisation_is_refused(klient, person, ansattporten, kommune):
    svar = _logg_inn(klient, person, konto="fremmed-1", orgno="974760673")
    assert svar.status_code == 403
    tekst = svar.content.decode()
    assert "974760673" in tekst and "er ikke part i samarbeidsavtalene her" in tekst
    assert "_auth_user_id" not in klient.session
    assert not User.objects.exists() or not AnsattportenIdentitet.objects.exists()
    assert Sikkerhetshendelse.objects.filter(
        type=Sikkerhetshendelse.Type.ANSATTPORTEN_AVVIST
    ).exists()


def test_a_user_with_roles_logging_in_for_another_organisation_is_refused(
    klient, person, ansattporten, kommune, helseforetak
):
    """A coordinator of the municipality who picks the health trust at Ansattporten does not
    come in with the municipality's rights."""
    koordinator = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.SAMHANDLINGSKOORDINATOR)
    _koble(koordinator.bruker, "koordinator-2", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="koordinator-2", orgno=helseforetak.organisasjonsnummer)
    assert svar.status_code == 403
    tekst = svar.content.decode()
    assert f"Du logget inn for {helseforetak.navn}, men har ingen rolle der" in tekst
    assert "_auth_user_id" not in klient.session
    hendelse = Sikkerhetshendelse.objects.get(type=Sikkerhetshendelse.Type.ANSATTPORTEN_AVVIST)
    assert "ingen rolle der" in hendelse.beskrivelse
    # For the municipality, where the role is, the same person comes in (a fresh browser at
    # the provider, which would otherwise keep the organisation chosen).
    annen = Person(ansattporten.issuer)
    svar = _logg_inn(klient, annen, konto="koordinator-2", orgno=kommune.organisasjonsnummer)
    assert svar.status_code == 302
    assert klient.session["_auth_user_id"] == str(koordinator.bruker.pk)


def test_a_user_waiting_for_a_role_comes_in_for_a_known_organisation(
    klient, person, ansattporten, kommune, helseforetak
):
    bruker = UserFactory()
    _koble(bruker, "venter-1", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="venter-1", orgno=helseforetak.organisasjonsnummer)
    assert svar.status_code == 302
    assert klient.session["_auth_user_id"] == str(bruker.pk)


def test_a_person_acting_for_no_organisation_is_refused(klient, person, ansattporten, kommune):
    svar = _logg_inn(klient, person, konto="privat-1", orgno="")
    assert svar.status_code == 403
    assert "oppga ikke hvilken organisasjon" in svar.content.decode()
    assert "_auth_user_id" not in klient.session


def test_first_login_creates_a_user_without_role_and_tells_the_administrators(
    klient,
    person,
    ansattporten,
    kommune,
    administrator,
    annen_kommune,
    django_capture_on_commit_callbacks,
):
    MedlemskapFactory(organisasjon=annen_kommune, rolle=Rolle.ADMINISTRATOR)
    svar = _logg_inn(
        klient, person, konto="ny-1", orgno=kommune.organisasjonsnummer, navn="Kari Nordmann"
    )
    assert svar["Location"] == "/logg-inn/ansattporten/ny-bruker/"
    side = klient.get("/logg-inn/ansattporten/ny-bruker/").content.decode()
    assert kommune.navn in side and 'value="Kari Nordmann"' in side
    assert User.objects.count() == 2  # the administrators only, until the form is sent

    with django_capture_on_commit_callbacks(execute=True):
        svar = klient.post(
            "/logg-inn/ansattporten/ny-bruker/",
            {"navn": "Kari Nordmann", "email": "Kari.Nordmann@Testby.kommune.no"},
        )
    assert svar.status_code == 302 and svar["Location"] == "/min-side/"
    ny = User.objects.get(email="kari.nordmann@testby.kommune.no")
    assert ny.navn == "Kari Nordmann" and not ny.has_usable_password()
    assert not ny.medlemskap.exists()
    identitet = ny.ansattporten_identiteter.get()
    assert (identitet.sub, identitet.organisasjon) == ("ny-1", kommune)
    assert klient.session["_auth_user_id"] == str(ny.pk)
    assert [m.to for m in mail.outbox] == [[administrator.email]]
    assert "kari.nordmann@testby.kommune.no" in mail.outbox[0].body
    assert f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/" in mail.outbox[0].body
    # The next login is the same user, straight in.
    klient.post("/logg-ut/")
    svar = _logg_inn(
        klient, Person(ansattporten.issuer), konto="ny-1", orgno=kommune.organisasjonsnummer
    )
    assert svar["Location"] == "/oversikt/"
    assert klient.session["_auth_user_id"] == str(ny.pk)


def test_first_login_with_an_address_already_in_use_creates_nothing(
    klient, person, ansattporten, kommune
):
    eksisterende = UserFactory(email="opptatt@example.no")
    _logg_inn(klient, person, konto="ny-2", orgno=kommune.organisasjonsnummer)
    svar = klient.post(
        "/logg-inn/ansattporten/ny-bruker/", {"navn": "Noen", "email": "OPPTATT@example.no"}
    )
    assert svar.status_code == 400
    assert "Det finnes allerede en bruker" in svar.content.decode()
    assert not AnsattportenIdentitet.objects.exists()
    assert list(User.objects.all()) == [eksisterende]
    assert "_auth_user_id" not in klient.session


def test_the_first_login_form_needs_an_ansattporten_login_first(client, ansattporten, db):
    svar = client.get("/logg-inn/ansattporten/ny-bruker/")
    assert svar.status_code == 302 and svar["Location"] == "/logg-inn/"


def test_the_pid_is_not_kept_with_the_user(klient, person, ansattporten, kommune):
    _logg_inn(klient, person, konto="ny-3", orgno=kommune.organisasjonsnummer)
    klient.post("/logg-inn/ansattporten/ny-bruker/", {"navn": "Per", "email": "per@example.no"})
    identitet = AnsattportenIdentitet.objects.get()
    lagret = {f.attname: getattr(identitet, f.attname) for f in identitet._meta.fields}
    assert "pid" not in str(lagret)
    assert identitet.sub == "ny-3"


def _pid(konto: str) -> str:
    """The national identity number the local provider gives the account (provider.mjs)."""
    tall = int.from_bytes(hashlib.sha256(konto.encode()).digest()[:4], "big")
    return str(tall).rjust(11, "7")[:11]


def _okttekst() -> str:
    """Everything the session table holds, raw and decoded, with any JWT's payload opened."""
    deler = []
    for okt in Session.objects.all():
        deler += [okt.session_data, json.dumps(okt.get_decoded())]
    tekst = "\n".join(deler)
    for jwt in re.findall(r"[\w-]{10,}\.([\w-]{10,})\.[\w-]{10,}", tekst):
        deler.append(base64.urlsafe_b64decode(jwt + "=" * (-len(jwt) % 4)).decode(errors="replace"))
    return "\n".join(deler)


def test_the_session_table_never_holds_the_pid(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-pid", ansattporten.issuer)
    _logg_inn(klient, person, konto="ansatt-pid", orgno=kommune.organisasjonsnummer)
    assert klient.session["_auth_user_id"] == str(bruker.pk)
    assert Session.objects.exists()
    assert _pid("ansatt-pid") not in _okttekst()
    # A first login, both while the form waits and after the user is made.
    ny = Client(HTTP_HOST=ADRESSE)
    _logg_inn(ny, Person(ansattporten.issuer), konto="ny-pid", orgno=kommune.organisasjonsnummer)
    assert any("ansattporten_ny" in o.get_decoded() for o in Session.objects.all())
    assert _pid("ny-pid") not in _okttekst()
    ny.post("/logg-inn/ansattporten/ny-bruker/", {"navn": "Pia", "email": "pia@example.no"})
    assert "_auth_user_id" in ny.session
    assert _pid("ny-pid") not in _okttekst()
    # Logging out at the provider still gets the token.
    svar = klient.post("/logg-ut/")
    assert parse_qs(urlsplit(svar["Location"]).query)["id_token_hint"][0].count(".") == 2


def test_the_kept_id_token_reads_back_only_with_the_same_secret_key(settings):
    kryptert = ansattporten_modul.skjul("a.b.c")
    assert "a.b.c" not in kryptert
    assert ansattporten_modul.vis(kryptert) == "a.b.c"
    settings.SECRET_KEY = "en-annen-nokkel-" * 4
    assert ansattporten_modul.vis(kryptert) is None
    assert ansattporten_modul.vis("tull") is None


def test_expired_sessions_are_deleted_every_night():
    compose = (Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text()
    assert "python manage.py clearsessions" in compose


# The protocol's guards.


def test_the_answer_is_used_once(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-3", ansattporten.issuer)
    start = klient.get("/logg-inn/ansattporten/")
    tilbake = person.gjennom(start["Location"], konto="ansatt-3", orgno=kommune.organisasjonsnummer)
    assert klient.get(tilbake).status_code == 302
    klient.post("/logg-ut/")
    assert klient.get(tilbake).status_code == 400


def test_an_answer_to_another_browsers_login_is_refused(klient, person, ansattporten, kommune):
    """Login CSRF: the code came back to a browser that did not start this login."""
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-4", ansattporten.issuer)
    start = klient.get("/logg-inn/ansattporten/")
    tilbake = person.gjennom(start["Location"], konto="ansatt-4", orgno=kommune.organisasjonsnummer)
    annen = Client(HTTP_HOST=ADRESSE)
    annen.get("/logg-inn/ansattporten/")  # its own state
    svar = annen.get(tilbake)
    assert svar.status_code == 400
    assert "_auth_user_id" not in annen.session


def test_a_state_with_letters_outside_ascii_is_refused_not_an_error(klient, ansattporten, db):
    klient.get("/logg-inn/ansattporten/")
    svar = klient.get("/logg-inn/ansattporten/retur/", {"state": "æøå", "code": "x"})
    assert svar.status_code == 400
    assert "utløpt eller ugyldig" in svar.content.decode()
    assert "_auth_user_id" not in klient.session


def test_a_cancelled_login_says_so(klient, ansattporten, db):
    klient.get("/logg-inn/ansattporten/")
    svar = klient.get("/logg-inn/ansattporten/retur/?error=access_denied&state=x", follow=True)
    assert "ble avbrutt" in svar.content.decode()


def test_a_lower_level_than_required_is_refused(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-5", ansattporten.issuer)
    svar = _logg_inn(
        klient, person, konto="ansatt-5", orgno=kommune.organisasjonsnummer, acr="idporten-loa-low"
    )
    assert svar.status_code == 403
    assert "lavere sikkerhetsnivå" in svar.content.decode()
    assert "_auth_user_id" not in klient.session


def test_a_wrong_client_secret_logs_nobody_in(klient, person, ansattporten, kommune, settings):
    settings.ANSATTPORTEN = ansattporten.innstillinger(CLIENT_SECRET="feil-hemmelighet")
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-6", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="ansatt-6", orgno=kommune.organisasjonsnummer)
    assert svar.status_code == 502
    assert "kunne ikke bekreftes" in svar.content.decode()
    assert "_auth_user_id" not in klient.session


def test_the_client_can_authenticate_with_a_private_key(
    klient, person, ansattporten, kommune, settings
):
    """private_key_jwt, as Digdir recommends: a signed assertion instead of a secret."""
    settings.ANSATTPORTEN = ansattporten.innstillinger(med_nokkel=True)
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-9", ansattporten.issuer)
    svar = _logg_inn(klient, person, konto="ansatt-9", orgno=kommune.organisasjonsnummer)
    assert svar.status_code == 302 and svar["Location"] == "/oversikt/"
    assert klient.session["_auth_user_id"] == str(bruker.pk)


def test_a_provider_that_does_not_answer_leaves_the_password_login(klient, db, settings):
    settings.ANSATTPORTEN = {
        "ISSUER": "http://127.0.0.1:9/",
        "CLIENT_ID": "x",
        "CLIENT_SECRET": "y",
        "PRIVATE_KEY_FILE": "",
        "KEY_ID": "",
        "SCOPES": "openid",
        "ACR": "idporten-loa-substantial",
        "AUTHORIZATION_DETAILS": "",
    }
    svar = klient.get("/logg-inn/ansattporten/", follow=True)
    assert "Ansattporten svarer ikke akkurat nå" in svar.content.decode()
    assert svar.redirect_chain[-1][0] == "/logg-inn/"


# Step-up: Ansattporten at substantial or high instead of the TOTP code.


def test_a_coordinator_logged_in_at_a_low_level_steps_up_instead_of_a_code(
    klient, person, ansattporten, kommune, settings
):
    settings.TOFAKTOR_PAKREVD = True
    settings.ANSATTPORTEN = ansattporten.innstillinger(ACR="idporten-loa-low")
    koordinator = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.SAMHANDLINGSKOORDINATOR)
    _koble(koordinator.bruker, "koordinator-2", ansattporten.issuer)
    svar = _logg_inn(
        klient,
        person,
        konto="koordinator-2",
        orgno=kommune.organisasjonsnummer,
        acr="idporten-loa-low",
    )
    assert svar["Location"] == "/oversikt/"
    svar = klient.get("/oversikt/")
    assert svar.status_code == 302
    assert svar["Location"] == "/logg-inn/ansattporten/?next=%2Foversikt%2F&hoyere=1"
    videre = klient.get(svar["Location"])
    tilbake = person.gjennom(
        videre["Location"],
        konto="koordinator-2",
        orgno=kommune.organisasjonsnummer,
        acr="idporten-loa-substantial",
    )
    assert person.siste_foresporsel["acr_values"] == ["idporten-loa-substantial"]
    assert person.siste_foresporsel["prompt"] == ["login"]
    assert person.innloggingssider == 2  # asked again, despite the session at the provider
    assert klient.get(tilbake)["Location"] == "/oversikt/"
    assert klient.get("/oversikt/").status_code == 200


def test_an_employee_at_a_low_level_needs_no_step_up(
    klient, person, ansattporten, kommune, settings
):
    settings.TOFAKTOR_PAKREVD = True
    settings.ANSATTPORTEN = ansattporten.innstillinger(ACR="idporten-loa-low")
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-7", ansattporten.issuer)
    _logg_inn(
        klient, person, konto="ansatt-7", orgno=kommune.organisasjonsnummer, acr="idporten-loa-low"
    )
    assert klient.get("/oversikt/").status_code == 200


def test_a_password_login_still_needs_the_code(client, koordinator, ansattporten, settings):
    settings.TOFAKTOR_PAKREVD = True
    client.force_login(koordinator)
    svar = client.get("/oversikt/")
    assert svar.status_code == 302 and svar["Location"] == "/min-side/tofaktor/"


# Linking an existing user.


def test_a_user_logged_in_with_password_links_ansattporten(
    klient, person, ansattporten, koordinator, kommune
):
    klient.force_login(koordinator)
    assert "Koble til Ansattporten" in klient.get("/min-side/").content.decode()
    start = klient.post("/min-side/ansattporten/")
    tilbake = person.gjennom(
        start["Location"], konto="koordinator-3", orgno=kommune.organisasjonsnummer
    )
    svar = klient.get(tilbake)
    assert svar["Location"] == "/min-side/"
    assert AnsattportenIdentitet.objects.get(sub="koordinator-3").bruker == koordinator
    assert "Du kan logge inn med Ansattporten" in klient.get("/min-side/").content.decode()
    # From now on Ansattporten alone logs the coordinator in.
    ny = Client(HTTP_HOST=ADRESSE)
    svar = _logg_inn(
        ny, Person(ansattporten.issuer), konto="koordinator-3", orgno=kommune.organisasjonsnummer
    )
    assert ny.session["_auth_user_id"] == str(koordinator.pk)


def test_an_identity_linked_to_someone_else_cannot_be_taken(
    klient, person, ansattporten, koordinator, kommune
):
    annen = UserFactory()
    _koble(annen, "noen-andre", ansattporten.issuer)
    klient.force_login(koordinator)
    start = klient.post("/min-side/ansattporten/")
    svar = klient.get(
        person.gjennom(start["Location"], konto="noen-andre", orgno=kommune.organisasjonsnummer)
    )
    assert svar.status_code == 403
    assert AnsattportenIdentitet.objects.get(sub="noen-andre").bruker == annen


def test_linking_needs_a_login_and_a_post(client, ansattporten, db):
    assert client.post("/min-side/ansattporten/").status_code == 302
    assert client.get("/min-side/ansattporten/").status_code in (302, 405)


# Logging out.


def test_logging_out_ends_the_session_at_the_provider_too(klient, person, ansattporten, kommune):
    bruker = MedlemskapFactory(organisasjon=kommune, rolle=Rolle.ANSATT).bruker
    _koble(bruker, "ansatt-8", ansattporten.issuer)
    _logg_inn(klient, person, konto="ansatt-8", orgno=kommune.organisasjonsnummer)
    svar = klient.post("/logg-ut/")
    assert "_auth_user_id" not in klient.session
    adresse = svar["Location"]
    assert adresse.startswith(ansattporten.issuer + "/session/end?")
    spor = parse_qs(urlsplit(adresse).query)
    assert spor["post_logout_redirect_uri"] == [f"http://{ADRESSE}/logg-inn/ansattporten/utlogget/"]
    assert spor["id_token_hint"][0].count(".") == 2
    # The provider accepts it: its confirmation page, then back here.
    bekreft = person.okt.get(adresse, timeout=10)
    assert bekreft.status_code == 200 and "logoutForm" in bekreft.text
    svar = klient.get("/logg-inn/ansattporten/utlogget/", follow=True)
    assert "Du er logget ut, også fra Ansattporten" in svar.content.decode()


def test_a_password_session_logs_out_here_only(client, koordinator, ansattporten):
    client.force_login(koordinator)
    svar = client.post("/logg-ut/")
    assert svar["Location"] == "/"


def test_the_login_start_is_rate_limited(klient, ansattporten, db, settings):
    settings.FARTSGRENSER = {**settings.FARTSGRENSER, "innlogging": (3, 300)}
    koder = [klient.get("/logg-inn/ansattporten/").status_code for _ in range(4)]
    assert koder == [302, 302, 302, 429]


def test_the_administrator_sees_who_waits_for_a_role_and_gives_one(
    client, administrator, kommune, annen_kommune, ansattporten
):
    from sikkerhet.ansattporten.tjenester import bruker_opprett_fra_ansattporten

    ny = bruker_opprett_fra_ansattporten(
        utsteder=ansattporten.issuer,
        sub="venter-1",
        navn="Vera Venter",
        email="vera@example.no",
        organisasjon=kommune,
        medlemsside="x",
    )
    bruker_opprett_fra_ansattporten(
        utsteder=ansattporten.issuer,
        sub="venter-2",
        navn="Annen Person",
        email="annen@example.no",
        organisasjon=annen_kommune,
        medlemsside="x",
    )
    client.force_login(administrator)
    adresse = f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/"
    side = client.get(adresse).content.decode()
    assert "Venter på rolle" in side and "Vera Venter" in side
    assert "Annen Person" not in side
    svar = client.post(adresse, {"email": "vera@example.no", "rolle": "samhandlingskoordinator"})
    assert svar.status_code == 302
    assert ny.medlemskap.get().rolle == Rolle.SAMHANDLINGSKOORDINATOR
    assert "Venter på rolle" not in client.get(adresse).content.decode()


def test_only_administrators_see_who_waits(client, koordinator, kommune, ansattporten):
    from sikkerhet.ansattporten.tjenester import bruker_opprett_fra_ansattporten

    bruker_opprett_fra_ansattporten(
        utsteder=ansattporten.issuer,
        sub="venter-3",
        navn="Vera Venter",
        email="vera@example.no",
        organisasjon=kommune,
        medlemsside="x",
    )
    client.force_login(koordinator)
    svar = client.get(f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/")
    assert "Vera Venter" not in svar.content.decode()
