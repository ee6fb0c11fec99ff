import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from avtaler import services
from avtaler.models import Lesebekreftelse
from kjerne.feil import Domenefeil
from tests.factories import MedlemskapFactory, iverksett, lag_avtale

D = datetime.date


@pytest.fixture
def rutine(kommune, helseforetak):
    hoved = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
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


def test_dashboard_shows_reviews_notices_signatures_and_drafts(
    client, koordinator, kommune, helseforetak, rutine
):
    # The routine's annual review (01.01.2026) is overdue today.
    sagt_opp = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            tittel="Gammel særavtale",
            type="saeravtale",
        ),
        D(2020, 1, 1),
    )
    services.versjon_si_opp(
        versjon=sagt_opp, utfort_av=koordinator, varslet=D(2026, 6, 1), oppsagt_av=kommune
    )
    venter = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak], tittel="Ny avtale")
    services.versjon_send_til_behandling(versjon=venter, utfort_av=koordinator)
    services.versjon_godkjenn(versjon=venter, utfort_av=koordinator, vedtaksreferanse="SSU 1/2026")
    utkast = services.versjon_start_revisjon(versjon=rutine, utfort_av=koordinator)
    services.kommentar_legg_til(punkt=utkast.punkter.first(), forfatter=koordinator, tekst="?")
    client.force_login(koordinator)
    html = client.get("/oversikt/").content.decode()
    assert "Utskrivningsrutine" in html and "innen 01.01.2026" in html
    # Overdue is said as overdue, not as a date still to come (issue 27).
    assert "forfalt, skulle vært gjort innen 01.01.2026" in html
    assert "Gammel særavtale" in html and "gjelder til og med 01.06.2027" in html
    assert "Ny avtale, versjon 1" in html and f"Mangler: {kommune.navn}" in html
    assert "1 åpen kommentar" in html


def test_employees_are_asked_to_confirm_a_significant_change(
    client, koordinator, ansatt, rutine, kommune
):
    client.force_login(koordinator)
    client.post(
        f"/avtaler/{rutine.avtale_id}/versjoner/{rutine.nummer}/lesebekreftelse/",
        {"handling": "be_om", "begrunnelse": "Nye tider for utskrivning i helgene."},
    )
    client.force_login(ansatt)
    assert "Utskrivningsrutine" in client.get("/oversikt/").content.decode()
    side = client.get(f"/avtaler/{rutine.avtale_id}/versjoner/{rutine.nummer}/").content.decode()
    assert "Nye tider for utskrivning i helgene." in side and "Jeg har lest rutinen" in side
    client.post(
        f"/avtaler/{rutine.avtale_id}/versjoner/{rutine.nummer}/lesebekreftelse/",
        {"handling": "bekreft"},
    )
    assert Lesebekreftelse.objects.filter(bruker=ansatt).exists()
    assert "Rutiner du skal lese" not in client.get("/oversikt/").content.decode()
    client.force_login(koordinator)
    # The coordinator sees the share confirmed per organisation: the employee of three members.
    assert f"{kommune.navn}: 1 av 2 har bekreftet" in client.get("/oversikt/").content.decode()


def test_only_signed_routines_can_be_sent_for_confirmation(koordinator, kommune):
    utkast = lag_avtale(kommune.helsefellesskap, [kommune])
    with pytest.raises(Domenefeil, match="signert versjon"):
        services.leseforesporsel_opprett(versjon=utkast, utfort_av=koordinator)


def test_reminder_emails_go_to_those_with_something_to_do(koordinator, ansatt, rutine):
    call_command("send_paminnelser", stdout=None)
    mottakere = {m.to[0] for m in mail.outbox}
    assert koordinator.email in mottakere  # the routine's annual review is due
    assert ansatt.email not in mottakere
    melding = next(m for m in mail.outbox if m.to == [koordinator.email])
    assert "Årlig gjennomgang innen 01.01.2026: Utskrivningsrutine" in melding.body


def test_dashboard_query_budget_does_not_grow(
    client, koordinator, kommune, helseforetak, rutine, django_assert_max_num_queries
):
    def venter_pa_signatur(tittel):
        v = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak], tittel=tittel)
        services.versjon_send_til_behandling(versjon=v, utfort_av=koordinator)
        services.versjon_godkjenn(versjon=v, utfort_av=koordinator, vedtaksreferanse="SSU 1/2026")

    venter_pa_signatur("Første")
    services.leseforesporsel_opprett(versjon=rutine, utfort_av=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(20) as liten:
        assert client.get("/oversikt/").status_code == 200
    for i in range(5):
        venter_pa_signatur(f"Avtale {i}")
        MedlemskapFactory(organisasjon=kommune)
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert client.get("/oversikt/").status_code == 200


def test_a_health_trust_that_signs_each_agreement_is_done_when_all_are_signed(
    kommune, annen_kommune, helseforetak
):
    """The health trust may sign each municipality's agreement on its own (issue 17): it waits
    on the dashboard until every agreement carries its signature, not for a signature for all."""
    from avtaler.models import Avtaleforhold
    from avtaler.oversikt import oversikt_for

    hf_koordinator = MedlemskapFactory(
        organisasjon=helseforetak, rolle="samhandlingskoordinator"
    ).bruker
    versjon = lag_avtale(kommune.helsefellesskap, [kommune, annen_kommune, helseforetak])
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=None)
    versjon = services.versjon_godkjenn(versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1")

    def venter():
        return [m for _v, mangler in oversikt_for(hf_koordinator).signaturer for m in mangler]

    assert venter() == [helseforetak]
    for k in (kommune, annen_kommune):
        services.signatur_registrer(
            versjon=versjon, organisasjon=helseforetak, navn="Direktør", tittel="Adm. dir.",
            dato=datetime.date.today(), utfort_av=None,
            forhold=Avtaleforhold.objects.get(versjon=versjon, part=k),
        )  # fmt: skip
        assert venter() == ([] if k == annen_kommune else [helseforetak])


def test_an_overdue_review_is_shown_the_same_on_the_dashboard_and_the_coverage_page(
    client, koordinator, kommune, helseforetak
):
    """One rule (Avtaleversjon.gjennomgang_forfalt) and one tag: the two pages used to
    disagree («passert» in yellow beside a plain reminder)."""
    from avtaler.models import Tema

    delavtale = iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            type="delavtale",
            tittel="Utskrivningsklare pasienter",
            tema=Tema.objects.get(nummer=5),
        ),
        D(2024, 1, 1),
    )
    assert delavtale.neste_gjennomgang == D(2025, 1, 1)
    tag = (
        '<span class="ds-tag" data-size="sm" data-color="danger">'
        "forfalt, skulle vært gjort innen 01.01.2025</span>"
    )
    client.force_login(koordinator)
    assert tag in client.get("/oversikt/").content.decode()
    dekning = client.get(f"/kommuner/{kommune.kommunenummer}/dekning/").content.decode()
    assert f"Årlig gjennomgang av Utskrivningsklare pasienter: {tag}" in dekning
    assert 'data-color="danger">Årlig gjennomgang forfalt</span>' in dekning
