"""The yearly review (seed 004 § 7) and the full revision every second year (seed 000)."""

import datetime

import pytest
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtaleversjon, Gjennomgang
from avtaler.oversikt import oversikt_for
from kjerne.feil import Domenefeil
from tests.factories import iverksett, lag_avtale

I_DAG = timezone.localdate()


@pytest.fixture
def gammel(kommune, helseforetak):
    """In force for three years: the review is overdue and a revision recommended."""
    return iverksett(
        lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]),
        I_DAG - datetime.timedelta(days=3 * 365),
    )


def test_a_review_without_change_makes_no_new_version(gammel, koordinator, client):
    assert gammel in oversikt_for(koordinator).gjennomganger
    assert gammel in oversikt_for(koordinator).revisjoner
    client.force_login(koordinator)
    svar = client.post(
        f"/avtaler/{gammel.avtale_id}/versjoner/{gammel.nummer}/gjennomgang/",
        {"dato": I_DAG.isoformat(), "organ": "SSU", "vedtak": "SSU 14/2026"},
    )
    assert svar.status_code == 302
    gjennomgang = Gjennomgang.objects.get()
    assert (gjennomgang.organ, gjennomgang.vedtak, gjennomgang.resultat) == (
        "SSU",
        "SSU 14/2026",
        "uten_endring",
    )
    assert Avtaleversjon.objects.filter(avtale=gammel.avtale_id).count() == 1
    gammel.refresh_from_db()
    assert gammel.neste_gjennomgang.year == I_DAG.year + 1
    assert gammel not in oversikt_for(koordinator).gjennomganger
    # The revision every second year is still recommended until one is started.
    assert gammel in oversikt_for(koordinator).revisjoner
    services.versjon_start_revisjon(versjon=gammel, utfort_av=koordinator)
    assert oversikt_for(koordinator).revisjoner == []


def test_only_the_parties_coordinators_record_a_review(gammel, utenforstaende, client):
    client.force_login(utenforstaende)
    svar = client.post(
        f"/avtaler/{gammel.avtale_id}/versjoner/{gammel.nummer}/gjennomgang/",
        {"dato": I_DAG.isoformat(), "organ": "SSU"},
    )
    assert svar.status_code == 403
    assert not Gjennomgang.objects.exists()


def test_a_review_needs_a_body_and_a_date_not_in_the_future(gammel, koordinator):
    with pytest.raises(Domenefeil, match="hvem som gjennomgikk"):
        services.gjennomgang_registrer(versjon=gammel, utfort_av=koordinator, dato=I_DAG, organ="")
    with pytest.raises(Domenefeil, match="fram i tid"):
        services.gjennomgang_registrer(
            versjon=gammel,
            utfort_av=koordinator,
            dato=I_DAG + datetime.timedelta(days=1),
            organ="SSU",
        )


def test_a_refused_review_keeps_what_was_typed(gammel, koordinator, client):
    client.force_login(koordinator)
    svar = client.post(
        f"/avtaler/{gammel.avtale_id}/versjoner/{gammel.nummer}/gjennomgang/",
        {
            "dato": (I_DAG + datetime.timedelta(days=3)).isoformat(),
            "organ": "LSU Drammen",
            "vedtak": "LSU 3/2026",
            "merknad": "Drøftet i møtet.",
        },
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    # At the date field, not at the top of the page (browser review of #17).
    assert (
        f'<p class="ds-validation-message" id="gj-dato-{gammel.pk}-feil">'
        "Gjennomgangen kan ikke være fram i tid.</p>"
    ) in html
    assert f'aria-invalid="true" aria-describedby="gj-dato-{gammel.pk}-feil"' in html
    assert 'class="ds-alert"' not in html
    assert f'value="{(I_DAG + datetime.timedelta(days=3)).isoformat()}"' in html
    assert 'value="LSU Drammen"' in html and 'value="LSU 3/2026"' in html
    assert "Drøftet i møtet.</textarea>" in html
    assert '<details class="ds-details" open>' in html
    assert not Gjennomgang.objects.exists()


def test_a_review_without_a_body_is_refused_at_that_field(gammel, koordinator, client):
    client.force_login(koordinator)
    svar = client.post(
        f"/avtaler/{gammel.avtale_id}/versjoner/{gammel.nummer}/gjennomgang/",
        {"dato": I_DAG.isoformat(), "organ": " ", "vedtak": "LSU 3/2026"},
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert f'<p class="ds-validation-message" id="gj-organ-{gammel.pk}-feil">Oppgi hvem' in html
    assert f'value="{I_DAG.isoformat()}"' in html
    assert not Gjennomgang.objects.exists()
