"""Signing is per party, and being a party is not being a member (issue 17).

Seed 004 § 2: «21 kommuner i Helsefelleskapet Vest-Viken og Holmestrand kommune» – Holmestrand
is a party to the agreement without being a member of the Helsefellesskap.
"""

import datetime

import pytest
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtaleforhold, Avtaleversjon, Signatur
from avtaler.services import NyttPunkt
from avtaler.utskrivning import utskrivningsrutine
from avvik import services as avvik_services
from avvik.models import Avvikskategori
from helsefellesskap.models import Fellesskapsmedlem
from tests.factories import (
    HelseforetakFactory,
    KommuneFactory,
    MedlemskapFactory,
    lag_utskrivningsrutine,
)

D = datetime.date
TIDER = (
    "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, og i helger mellom 10:00 og 14:00."
)


@pytest.fixture
def parter(helsefellesskap):
    hf = HelseforetakFactory(navn="Vestre Viken HF", helsefellesskap=helsefellesskap)
    drammen = KommuneFactory(navn="Drammen kommune", helsefellesskap=helsefellesskap)
    baerum = KommuneFactory(navn="Bærum kommune", helsefellesskap=helsefellesskap)
    holmestrand = KommuneFactory(navn="Holmestrand kommune", helsefellesskap=helsefellesskap)
    for org in (hf, drammen, baerum):
        Fellesskapsmedlem.objects.create(organisasjon=org, helsefellesskap=helsefellesskap)
    return hf, drammen, baerum, holmestrand


@pytest.fixture
def godkjent(parter):
    hf, *kommuner = parter
    versjon = lag_utskrivningsrutine(
        hf.helsefellesskap,
        [hf, *kommuner],
        type="saeravtale",
        tittel="Utskrivningsrutine",
        punkter=[NyttPunkt("1", "Tidspunkt", TIDER), NyttPunkt("2", "Epikrise", "Følger med.")],
    )
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=None)
    return services.versjon_godkjenn(versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1/2026")


def _signer(client, bruker, versjon, org, dato=None):
    client.force_login(bruker)
    return client.post(
        f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/signaturer/",
        {
            "handling": "signer",
            "organisasjon": org.pk,
            "navn": "Ordfører",
            "tittel": "Ordfører",
            "dato": (dato or timezone.localdate()).isoformat(),
            "vedtaksreferanse": "KST 1/2026",
        },
    )


def test_a_drammen_user_cannot_register_baerums_signature(client, parter, godkjent):
    _hf, drammen, baerum, _h = parter
    drammen_koordinator = MedlemskapFactory(
        organisasjon=drammen, rolle="samhandlingskoordinator"
    ).bruker
    svar = _signer(client, drammen_koordinator, godkjent, baerum)
    assert svar.status_code == 302
    assert not Signatur.objects.filter(organisasjon=baerum).exists()
    _signer(client, drammen_koordinator, godkjent, drammen)
    assert Signatur.objects.filter(organisasjon=drammen).exists()


def test_a_health_trust_administrator_cannot_sign_for_a_municipality(client, parter, godkjent):
    hf, drammen, _b, _h = parter
    hf_admin = MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker
    _signer(client, hf_admin, godkjent, drammen)
    assert not Signatur.objects.filter(organisasjon=drammen).exists()
    # The health trust signs once, for every municipality's agreement.
    _signer(client, hf_admin, godkjent, hf)
    assert Avtaleforhold.objects.get(versjon=godkjent, part=hf).signert_dato is not None


def test_each_municipality_enters_into_force_when_it_and_the_health_trust_have_signed(
    client, parter, godkjent
):
    hf, drammen, baerum, _h = parter
    i_dag = timezone.localdate()
    _signer(
        client,
        MedlemskapFactory(organisasjon=drammen, rolle="administrator").bruker,
        godkjent,
        drammen,
    )
    assert not Avtaleversjon.objects.gjeldende(i_dag, drammen).exists()  # the HF has not signed
    _signer(client, MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker, godkjent, hf)
    assert list(Avtaleversjon.objects.gjeldende(i_dag, drammen)) == [godkjent]
    assert not Avtaleversjon.objects.gjeldende(i_dag, baerum).exists()  # Bærum has not signed
    godkjent.refresh_from_db()
    assert godkjent.tilstand == "signert"  # public from the first concluded agreement


def test_a_party_outside_the_helsefellesskap_signs_is_looked_up_and_reports_avvik(
    client, parter, godkjent
):
    hf, _d, _b, holmestrand = parter
    assert not holmestrand.er_medlem() and hf.er_medlem()
    koordinator = MedlemskapFactory(
        organisasjon=holmestrand, rolle="samhandlingskoordinator"
    ).bruker
    # Signed two days ago, so the avvik two hours ago falls in it also just after midnight.
    i_dag = timezone.localdate()
    signert = i_dag - datetime.timedelta(days=2)
    _signer(client, koordinator, godkjent, holmestrand, signert)
    hf_admin = MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker
    _signer(client, hf_admin, godkjent, hf, signert)
    # Looked up: the discharge routine and the municipality page.
    assert utskrivningsrutine(holmestrand, i_dag).versjon == godkjent
    client.logout()
    html = client.get(f"/kommuner/{holmestrand.kommunenummer}/").content.decode()
    assert "Ikke medlem" in html and "Utskrivningsrutine" in html
    # Reports an avvik against the health trust, on the clause of its own agreement.
    ansatt = MedlemskapFactory(organisasjon=holmestrand, rolle="ansatt").bruker
    avvik = avvik_services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=holmestrand,
        ansvarlig=hf,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(hours=2),
        beskrivelse="Pasienten kom uten epikrise.",
        stige="pasientrelatert",
        punkt=godkjent.punkter.get(nummer="2"),
    )
    assert avvik.avtaleversjon == godkjent


def test_the_parties_page_shows_who_is_behind(client, parter, godkjent):
    """Issue 17: every party with its version, decision, signature, in-force date."""
    hf, drammen, baerum, holmestrand = parter
    services.versjon_signer(
        versjon=godkjent,
        utfort_av=None,
        signert_dato=D(2026, 1, 10),
        gyldig_fra=D(2026, 2, 1),
        parter=[drammen, holmestrand],
    )
    html = client.get(f"/avtaler/{godkjent.avtale_id}/parter/").content.decode()
    for org in (hf, drammen, baerum, holmestrand):
        assert org.navn in html
    assert "1 part har ikke inngått versjon 1" in html
    assert html.count("partkort--etter") == 1  # Bærum
