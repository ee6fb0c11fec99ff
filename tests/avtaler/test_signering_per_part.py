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
    STANDARDTIDER,
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
        # The hours TIDER states: hours that contradict a clause on discharge are not sent.
        tider={
            **STANDARDTIDER,
            "hverdag_fra": datetime.time(8),
            "hverdag_til": datetime.time(16),
            "helg_fra": datetime.time(10),
            "helg_til": datetime.time(14),
        },
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
    # Refused at the party field, with what was written kept (issue 15).
    assert svar.status_code == 400
    assert 'id="id_organisasjon_feil">' in svar.content.decode()
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


def test_the_system_administrator_signs_for_no_party_it_has_no_role_in(
    client, parter, godkjent, systemforvalter
):
    """Issue 17: «only a user with the signing role of that organisation may register its
    signature». The platform's administrator is none of the parties."""
    _hf, drammen, _b, _h = parter
    svar = _signer(client, systemforvalter, godkjent, drammen)
    assert svar.status_code == 403
    assert not Signatur.objects.filter(organisasjon=drammen).exists()


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


def _signer_forhold(client, bruker, versjon, org, forhold, navn="Adm. direktør"):
    client.force_login(bruker)
    return client.post(
        f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/signaturer/",
        {
            "handling": "signer",
            "organisasjon": org.pk,
            "forhold": forhold.pk,
            "navn": navn,
            "tittel": "Administrerende direktør",
            "dato": timezone.localdate().isoformat(),
            "vedtaksreferanse": "Styresak 7/2026",
        },
    )


def test_the_health_trust_signs_one_municipalitys_agreement_on_its_own(client, parter, godkjent):
    """Issue 17: «the HF signs each relation, or once for all with the same effect»."""
    hf, drammen, baerum, _h = parter
    i_dag = timezone.localdate()
    for kommune in (drammen, baerum):
        _signer(
            client,
            MedlemskapFactory(organisasjon=kommune, rolle="samhandlingskoordinator").bruker,
            godkjent,
            kommune,
        )
    hf_admin = MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker
    client.force_login(hf_admin)
    side = client.get(f"/avtaler/{godkjent.avtale_id}/versjoner/{godkjent.nummer}/signaturer/")
    assert "Bare avtalen med Drammen kommune" in side.content.decode()
    drammens = Avtaleforhold.objects.get(versjon=godkjent, part=drammen)
    svar = _signer_forhold(client, hf_admin, godkjent, hf, drammens)
    assert svar.status_code == 302
    assert list(Avtaleversjon.objects.gjeldende(i_dag, drammen)) == [godkjent]
    assert not Avtaleversjon.objects.gjeldende(i_dag, baerum).exists()
    drammens.refresh_from_db()
    assert drammens.motpart_signert_dato == i_dag and drammens.i_kraft_fra == i_dag
    signatur = Signatur.objects.get(organisasjon=hf)
    assert signatur.forhold == drammens and signatur.registrert_av == hf_admin
    # The HF's own row is not signed for all: Bærum still waits for it.
    assert Avtaleforhold.objects.get(versjon=godkjent, part=hf).signert_dato is None
    html = client.get(f"/avtaler/{godkjent.avtale_id}/parter/").content.decode()
    assert "Helseforetaket signerte denne avtalen" in html
    # Signing Drammen's agreement twice is refused and changes nothing.
    _signer_forhold(client, hf_admin, godkjent, hf, drammens, navn="Noen andre")
    assert Signatur.objects.filter(organisasjon=hf).count() == 1
    # Then once for all: Bærum's agreement is concluded; Drammen's keeps its day.
    _signer(client, hf_admin, godkjent, hf)
    assert list(Avtaleversjon.objects.gjeldende(i_dag, baerum)) == [godkjent]
    drammens.refresh_from_db()
    assert drammens.i_kraft_fra == i_dag


def test_signing_each_agreement_has_the_same_effect_as_signing_once_for_all(parter, godkjent):
    hf, drammen, baerum, holmestrand = parter
    dag = timezone.localdate() - datetime.timedelta(days=3)
    for kommune in (drammen, baerum, holmestrand):
        services.signatur_registrer(
            versjon=godkjent, organisasjon=kommune, navn="Ordfører", tittel="Ordfører",
            dato=dag, utfort_av=None,
        )  # fmt: skip
    for kommune in (drammen, baerum, holmestrand):
        services.signatur_registrer(
            versjon=godkjent, organisasjon=hf, navn="Direktør", tittel="Adm. dir.",
            dato=dag + datetime.timedelta(days=1), utfort_av=None,
            forhold=Avtaleforhold.objects.get(versjon=godkjent, part=kommune),
        )  # fmt: skip
    hver_for_seg = dict(
        Avtaleforhold.objects.filter(versjon=godkjent).values_list("part", "i_kraft_fra")
    )
    assert hver_for_seg == {
        hf.pk: None,
        drammen.pk: dag + datetime.timedelta(days=1),
        baerum.pk: dag + datetime.timedelta(days=1),
        holmestrand.pk: dag + datetime.timedelta(days=1),
    }
    godkjent.refresh_from_db()
    assert godkjent.tilstand == "signert"


def test_only_the_health_trusts_signatory_signs_one_agreement(client, parter, godkjent):
    hf, drammen, baerum, _h = parter
    for kommune in (drammen, baerum):
        services.signatur_registrer(
            versjon=godkjent, organisasjon=kommune, navn="Ordfører", tittel="Ordfører",
            dato=timezone.localdate(), utfort_av=None,
        )  # fmt: skip
    baerums = Avtaleforhold.objects.get(versjon=godkjent, part=baerum)
    drammen_koordinator = MedlemskapFactory(
        organisasjon=drammen, rolle="samhandlingskoordinator"
    ).bruker
    # Drammen cannot sign as the health trust, nor as the counterpart of Bærum's agreement.
    _signer_forhold(client, drammen_koordinator, godkjent, hf, baerums)
    _signer_forhold(client, drammen_koordinator, godkjent, drammen, baerums)
    # An employee of the health trust has no signing role.
    hf_ansatt = MedlemskapFactory(organisasjon=hf, rolle="ansatt").bruker
    svar = _signer_forhold(client, hf_ansatt, godkjent, hf, baerums)
    assert svar.status_code == 403
    baerums.refresh_from_db()
    assert baerums.motpart_signert_dato is None and baerums.i_kraft_fra is None
    assert not Signatur.objects.filter(organisasjon=hf).exists()
    with pytest.raises(Exception, match="ikke motpart"):
        services.signatur_registrer(
            versjon=godkjent, organisasjon=drammen, navn="Ordfører", tittel="Ordfører",
            dato=timezone.localdate(), utfort_av=None, forhold=baerums,
        )  # fmt: skip


def test_the_municipalitys_pdf_carries_the_health_trusts_signature_on_its_agreement(
    parter, godkjent
):
    from avtaler.pdf import pdf_html

    hf, drammen, baerum, _h = parter
    for kommune in (drammen, baerum):
        services.signatur_registrer(
            versjon=godkjent, organisasjon=kommune, navn="Ordfører", tittel="Ordfører",
            dato=timezone.localdate(), utfort_av=None,
        )  # fmt: skip
        services.signatur_registrer(
            versjon=godkjent, organisasjon=hf, navn=f"Direktør for {kommune.navn}",
            tittel="Adm. dir.", dato=timezone.localdate(), utfort_av=None,
            forhold=Avtaleforhold.objects.get(versjon=godkjent, part=kommune),
        )  # fmt: skip
    html = pdf_html(godkjent, drammen)
    assert "Direktør for Drammen kommune" in html
    assert "Direktør for Bærum kommune" not in html


def test_a_signature_recorded_without_names_counts_and_cannot_be_registered_again(
    client, parter, godkjent
):
    """Older agreements and the demo record signatures on the agreements only (versjon_signer):
    the page counts them, and the party is not offered to sign again."""
    hf, drammen, _b, _h = parter
    services.versjon_signer(
        versjon=godkjent, utfort_av=None, signert_dato=D(2026, 1, 10),
        gyldig_fra=D(2026, 2, 1), parter=[drammen],
    )  # fmt: skip
    hf_admin = MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker
    client.force_login(hf_admin)
    html = client.get(
        f"/avtaler/{godkjent.avtale_id}/versjoner/{godkjent.nummer}/signaturer/"
    ).content.decode()
    assert "2 av 4 parter har signert" in html
    assert 'name="organisasjon"' not in html  # the health trust has nothing left to sign
    _signer(client, hf_admin, godkjent, hf)
    assert not Signatur.objects.exists()
    assert Avtaleforhold.objects.get(versjon=godkjent, part=hf).signert_dato == D(2026, 1, 10)


def test_the_signature_page_counts_and_names_signatures_recorded_on_the_agreements(
    client, parter, godkjent
):
    """Browser review of #17: the demo's page said «0 av 23 parter har signert» over a table of
    signing dates, «Signert av» was «–» in every row, and «Ikke for denne avtalen alene» said
    nothing a reader could use. One source of truth: the agreements (Avtaleforhold)."""
    hf, drammen, baerum, holmestrand = parter
    services.versjon_signer(
        versjon=godkjent, utfort_av=None, signert_dato=D(2026, 1, 10),
        gyldig_fra=D(2026, 2, 1), parter=[hf, drammen, baerum],
    )  # fmt: skip
    url = f"/avtaler/{godkjent.avtale_id}/versjoner/{godkjent.nummer}/signaturer/"
    client.force_login(MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker)
    html = client.get(url).content.decode()
    assert "3 av 4 parter har signert" in html
    assert html.count("Registrert ved migrering, uten navn") == 3
    assert html.count("Signert for alle kommunene samlet 10.01.2026") == 3
    assert "Ikke for denne avtalen alene" not in html
    koordinator = MedlemskapFactory(organisasjon=holmestrand, rolle="samhandlingskoordinator")
    _signer(client, koordinator.bruker, godkjent, holmestrand, D(2026, 1, 12))
    html = client.get(url).content.decode()
    assert "4 av 4 parter har signert" in html
    assert "Ordfører, Ordfører" in html and "KST 1/2026" in html


def test_the_health_trusts_reference_on_one_agreement_is_shown_in_that_row(
    client, parter, godkjent
):
    hf, drammen, _b, _h = parter
    _signer(
        client,
        MedlemskapFactory(organisasjon=drammen, rolle="samhandlingskoordinator").bruker,
        godkjent,
        drammen,
    )
    hf_admin = MedlemskapFactory(organisasjon=hf, rolle="administrator").bruker
    drammens = Avtaleforhold.objects.get(versjon=godkjent, part=drammen)
    _signer_forhold(client, hf_admin, godkjent, hf, drammens)
    html = client.get(
        f"/avtaler/{godkjent.avtale_id}/versjoner/{godkjent.nummer}/signaturer/"
    ).content.decode()
    assert "Adm. direktør, Administrerende direktør (Styresak 7/2026)" in html
    assert html.count("Ikke signert ennå") == 2  # Bærum's and Holmestrand's agreements
