"""A refused form on an agreement's pages says which field and why, in Norwegian, and keeps
what was written (issue 15): a new clause, a party's signature, the in-force date and the
request for reading confirmation. Each came back before as a message after a redirect that
dropped the input."""

import datetime
import re

import pytest
from django.utils import timezone

from avtaler import services
from avtaler.models import Leseforesporsel, Punktversjon, Signatur
from tests.factories import fullt_ssu, iverksett, lag_avtale, vedta

D = datetime.date
# A valid fødselsnummer (both check digits, a real date), written as people write it.
FNR = "100224 58200"


@pytest.fixture
def hoved(kommune, helseforetak):
    return iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))


@pytest.fixture
def utkast(hoved, koordinator):
    return services.versjon_start_revisjon(versjon=hoved, utfort_av=koordinator)


@pytest.fixture
def godkjent(utkast, koordinator, helsefellesskap):
    from helsefellesskap import services as hf

    ssu = fullt_ssu(helsefellesskap)
    versjon = services.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )
    mote = hf.mote_opprett(
        utfort_av=None, utvalg=ssu, start=timezone.now() - datetime.timedelta(days=2), sted="x"
    )
    vedta(
        versjon.behandles_i,
        mote,
        {s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")},
        tekst="Ja",
    )
    versjon.refresh_from_db()
    return versjon


def _redigering(versjon, rest=""):
    return f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/rediger/{rest}"


def test_a_new_clause_with_an_identity_number_is_refused_at_the_field_and_kept(
    client, koordinator, utkast
):
    client.force_login(koordinator)
    antall = utkast.punkter.count()
    svar = client.post(
        _redigering(utkast, "punkter/ny/"), {"nummer": "9", "overskrift": f"Pasient {FNR}"}
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'id="id_ny_overskrift_feil">«Overskrift» ser ut til å inneholde et fødselsnummer' in html
    assert 'aria-invalid="true"' in html
    assert f'value="Pasient {FNR}"' in html and 'value="9"' in html
    assert utkast.punkter.count() == antall


def test_a_new_clause_refused_by_the_service_keeps_number_and_heading(client, koordinator, utkast):
    brukt = utkast.punkter.exclude(nummer="").first().nummer
    client.force_login(koordinator)
    antall = utkast.punkter.count()
    svar = client.post(
        _redigering(utkast, "punkter/ny/"), {"nummer": brukt, "overskrift": "Ansvar i helgene"}
    )
    html = svar.content.decode()
    assert svar.status_code == 400 and 'role="alert"' in html
    assert f"Nummer {brukt} er allerede brukt i denne versjonen." in html
    assert f'value="{brukt}"' in html and 'value="Ansvar i helgene"' in html
    assert utkast.punkter.count() == antall


def test_a_new_clause_is_added_when_clean(client, koordinator, utkast):
    client.force_login(koordinator)
    svar = client.post(
        _redigering(utkast, "punkter/ny/"), {"nummer": "99", "overskrift": "Ansvar i helgene"}
    )
    assert svar.status_code == 302
    assert Punktversjon.objects.filter(versjon=utkast, overskrift="Ansvar i helgene").exists()


def _signaturer(versjon):
    return f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/signaturer/"


def test_a_signature_with_an_identity_number_is_refused_at_the_field_and_kept(
    client, koordinator, godkjent, kommune
):
    client.force_login(koordinator)
    i_dag = timezone.localdate().isoformat()
    svar = client.post(
        _signaturer(godkjent),
        {
            "handling": "signer",
            "organisasjon": kommune.pk,
            "navn": "Ola Nordmann",
            "tittel": "Ordfører",
            "dato": i_dag,
            "vedtaksreferanse": f"KST {FNR}",
        },
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    assert (
        'id="id_vedtaksreferanse_feil">«Lokalt vedtak (for eksempel KST 45/2026)» ser ut til å '
        "inneholde et fødselsnummer" in html
    )
    assert 'value="Ola Nordmann"' in html and 'value="Ordfører"' in html
    assert f'value="{i_dag}"' in html and f'value="KST {FNR}"' in html
    assert f'<option value="{kommune.pk}" selected>' in html
    assert not Signatur.objects.exists()


@pytest.mark.parametrize(
    ("dato", "feil"),
    [("0001-01-01", 'id="id_dato_feil">'), ("31.12.2026", 'id="id_dato_feil">Oppgi datoen')],
)
def test_a_signature_date_out_of_bounds_is_refused_at_the_field(
    client, koordinator, godkjent, kommune, dato, feil
):
    client.force_login(koordinator)
    svar = client.post(
        _signaturer(godkjent),
        {
            "handling": "signer",
            "organisasjon": kommune.pk,
            "navn": "Ola Nordmann",
            "tittel": "Ordfører",
            "dato": dato,
        },
    )
    html = svar.content.decode()
    assert svar.status_code == 400 and feil in html
    assert 'value="Ola Nordmann"' in html and 'value="Ordfører"' in html
    assert not Signatur.objects.exists()


def test_a_signature_refused_by_the_service_keeps_what_was_written(
    client, koordinator, godkjent, kommune
):
    client.force_login(koordinator)
    i_morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    svar = client.post(
        _signaturer(godkjent),
        {
            "handling": "signer",
            "organisasjon": kommune.pk,
            "navn": "Ola Nordmann",
            "tittel": "Ordfører",
            "dato": i_morgen,
            "vedtaksreferanse": "KST 45/2026",
        },
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    # At the date field, not as a banner above the form (issue 23).
    assert (
        '<p class="ds-validation-message" id="id_dato_feil">'
        "Signaturdatoen kan ikke være fram i tid.</p>"
    ) in html
    (datofelt,) = re.findall(r'<input[^>]*id="id_dato"[^>]*>', html)
    assert 'aria-invalid="true"' in datofelt and 'aria-describedby="id_dato_feil"' in datofelt
    assert 'role="alert"' not in html.split('aria-label="Registrer signatur"')[1]
    assert 'value="Ola Nordmann"' in html and 'value="KST 45/2026"' in html
    assert f'value="{i_morgen}"' in html
    assert not Signatur.objects.exists()
    # A party that is not the user's own is refused, not a 500.
    svar = client.post(_signaturer(godkjent), {"handling": "signer", "organisasjon": "abc"})
    assert svar.status_code == 400 and 'id="id_organisasjon_feil">' in svar.content.decode()


def test_an_in_force_date_out_of_bounds_is_refused_at_the_field(client, koordinator, godkjent):
    client.force_login(koordinator)
    svar = client.post(_signaturer(godkjent), {"handling": "dato", "gyldig_fra": "0001-01-01"})
    html = svar.content.decode()
    assert svar.status_code == 400 and 'id="id_gyldig_fra_feil">' in html
    assert 'value="0001-01-01"' in html
    # Before the version it replaces came into force: the service's reason at the field.
    svar = client.post(_signaturer(godkjent), {"handling": "dato", "gyldig_fra": "2023-01-01"})
    html = svar.content.decode()
    assert svar.status_code == 400 and 'id="id_gyldig_fra_feil">' in html
    assert 'value="2023-01-01"' in html
    godkjent.refresh_from_db()
    assert godkjent.gyldig_fra is None or godkjent.gyldig_fra.year != 2023
    svar = client.post(_signaturer(godkjent), {"handling": "dato", "gyldig_fra": "2027-01-01"})
    assert svar.status_code == 302
    godkjent.refresh_from_db()
    assert godkjent.gyldig_fra == D(2027, 1, 1)


@pytest.fixture
def rutine(kommune, helseforetak, hoved):
    return iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            type="rutine",
            tittel="Utskrivningsrutine",
            overordnet=hoved.avtale,
        ),
        D(2025, 1, 1),
    )


def _lesing(versjon):
    return f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/lesebekreftelse/"


def test_a_reading_request_with_an_identity_number_is_refused_at_the_field_and_kept(
    client, koordinator, rutine
):
    client.force_login(koordinator)
    tekst = f"Nye tider i helgene.\nJf. pasient {FNR}."
    svar = client.post(_lesing(rutine), {"handling": "be_om", "begrunnelse": tekst})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'id="id_begrunnelse_feil">«Hva er endret?» ser ut til å inneholde' in html
    assert f"{tekst}</textarea>" in html
    assert '<details class="ds-details" open>' in html
    assert not Leseforesporsel.objects.exists()
    svar = client.post(_lesing(rutine), {"handling": "be_om", "begrunnelse": "Nye tider."})
    assert svar.status_code == 302
    assert Leseforesporsel.objects.get().begrunnelse == "Nye tider."


def test_a_reading_request_refused_by_the_service_keeps_its_text(client, koordinator, hoved):
    client.force_login(koordinator)
    svar = client.post(_lesing(hoved), {"handling": "be_om", "begrunnelse": "Nytt ansvar"})
    html = svar.content.decode()
    assert svar.status_code == 400 and 'role="alert"' in html
    assert "Lesebekreftelse brukes for rutiner og retningslinjer." in html
    assert "Nytt ansvar</textarea>" in html
    assert not Leseforesporsel.objects.exists()


def test_a_clause_save_refused_without_javascript_stays_open_with_the_text(
    client, koordinator, utkast
):
    punkt = utkast.punkter.get(nummer="1.1")
    client.force_login(koordinator)
    tekst = f"Kommunen skal svare.\n\nGjelder {FNR}."
    svar = client.post(
        _redigering(utkast, f"punkter/{punkt.pk}/"),
        {"nummer": "1.1", "overskrift": "Ny overskrift", "tekst": tekst, "endringsteller": 0},
    )
    html = svar.content.decode()
    assert svar.status_code == 400 and "<html" in html
    assert 'role="alert"' in html and "ser ut til å inneholde et fødselsnummer" in html
    assert f"{tekst}</textarea>" in html and 'value="Ny overskrift"' in html
    punkt.refresh_from_db()
    assert punkt.overskrift != "Ny overskrift" and FNR not in punkt.tekst
