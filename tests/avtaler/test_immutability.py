"""A version that has left the draft state cannot change by any path."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory

from avtaler.models import (
    Avtaleforhold,
    Avtaleversjon,
    LaastVersjon,
    Punktversjon,
    Versjonspart,
)
from avtaler.services import NyttPunkt, punkter_erstatt
from tests.factories import iverksett, lag_avtale

DATO = datetime.date(2025, 1, 1)


@pytest.fixture
def signert(kommune, helseforetak):
    versjon = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])
    return iverksett(versjon, DATO)


def _avvist_av_databasen(funksjon):
    with pytest.raises(IntegrityError, match="ikke et utkast"), transaction.atomic():
        funksjon()


def test_model_save_of_a_signed_clause_is_refused(signert):
    punkt = signert.punkter.first()
    punkt.tekst = "Endret i ettertid"
    with pytest.raises(LaastVersjon, match="kan ikke endres"):
        punkt.save()
    assert signert.punkter.get(pk=punkt.pk).tekst != "Endret i ettertid"


def test_model_delete_of_a_signed_clause_is_refused(signert):
    with pytest.raises(LaastVersjon):
        signert.punkter.first().delete()


def test_queryset_update_of_signed_clauses_is_refused_by_the_database(signert):
    _avvist_av_databasen(lambda: Punktversjon.objects.filter(versjon=signert).update(tekst="x"))


def test_queryset_delete_of_signed_clauses_is_refused_by_the_database(signert):
    _avvist_av_databasen(lambda: Punktversjon.objects.filter(versjon=signert).delete())


def test_bulk_update_of_signed_clauses_is_refused_by_the_database(signert):
    punkter = list(signert.punkter.all())
    for p in punkter:
        p.tekst = "x"
    _avvist_av_databasen(lambda: Punktversjon.objects.bulk_update(punkter, ["tekst"]))


def test_adding_a_clause_to_a_signed_version_is_refused_by_the_database(signert):
    eksisterende = signert.punkter.first()
    _avvist_av_databasen(
        lambda: Punktversjon.objects.bulk_create(
            [Punktversjon(versjon=signert, punkt=eksisterende.punkt, nummer="99", rekkefolge=99)]
        )
    )


def test_raw_sql_cannot_change_a_signed_clause(signert):
    def raa_sql():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE avtaler_punktversjon SET tekst = %s WHERE versjon_id = %s",
                ["x", signert.pk],
            )

    _avvist_av_databasen(raa_sql)


def test_signed_version_metadata_cannot_change(signert):
    _avvist_av_databasen(
        lambda: Avtaleversjon.objects.filter(pk=signert.pk).update(tittel="Ny tittel")
    )
    _avvist_av_databasen(
        lambda: Avtaleversjon.objects.filter(pk=signert.pk).update(
            gyldig_fra=datetime.date(2020, 1, 1)
        )
    )
    _avvist_av_databasen(
        lambda: Avtaleversjon.objects.filter(pk=signert.pk).update(tilstand="utkast")
    )


def test_signed_version_parties_cannot_change(signert, annen_kommune):
    _avvist_av_databasen(
        lambda: Versjonspart.objects.create(versjon=signert, organisasjon=annen_kommune)
    )
    _avvist_av_databasen(lambda: Versjonspart.objects.filter(versjon=signert).delete())


def test_a_signed_version_cannot_be_deleted(signert):
    _avvist_av_databasen(lambda: Avtaleversjon.objects.filter(pk=signert.pk).delete())


def test_import_into_a_signed_version_is_refused(signert):
    with pytest.raises(LaastVersjon):
        punkter_erstatt(versjon=signert, punkter=[NyttPunkt("1", "Nytt", "Ny tekst")])
    assert signert.punkter.count() == 5


def test_the_text_is_frozen_already_while_under_consideration(kommune, helseforetak, ansatt):
    from avtaler.services import versjon_send_til_behandling

    versjon = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])
    versjon_send_til_behandling(versjon=versjon, utfort_av=ansatt)
    _avvist_av_databasen(lambda: Punktversjon.objects.filter(versjon=versjon).update(tekst="x"))


def test_lifecycle_fields_of_a_signed_version_still_move(signert):
    """Replacement and termination must be able to close a party's agreement on a signed text
    (the interval lives in Avtaleforhold), and the yearly review date still moves."""
    slutt = datetime.date(2026, 1, 1)
    assert Avtaleforhold.objects.filter(versjon=signert).update(sluttdato=slutt) == 2
    Avtaleversjon.objects.filter(pk=signert.pk).update(neste_gjennomgang=slutt)
    signert.refresh_from_db()
    assert signert.neste_gjennomgang == slutt


def test_drafts_remain_editable(kommune, helseforetak):
    versjon = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])
    punkt = versjon.punkter.first()
    punkt.tekst = "Ny tekst"
    punkt.save()
    assert Punktversjon.objects.filter(versjon=versjon).update(overskrift="Alle") == 5


def test_admin_shows_signed_clauses_read_only(signert, systemforvalter):
    from avtaler.admin import AvtaleversjonAdmin, PunktversjonInline

    request = RequestFactory().get("/")
    request.user = systemforvalter
    inline = PunktversjonInline(Avtaleversjon, site)
    assert not inline.has_change_permission(request, signert)
    assert not inline.has_add_permission(request, signert)
    assert not inline.has_delete_permission(request, signert)
    admin = AvtaleversjonAdmin(Avtaleversjon, site)
    assert "tittel" in admin.get_readonly_fields(request, signert)
    assert not admin.has_delete_permission(request, signert)


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_and_the_lock_is_back_afterwards(django_db_blocker):
    from django.core.management import call_command

    from tests.factories import HelseforetakFactory

    hf = HelseforetakFactory()
    iverksett(lag_avtale(hf.helsefellesskap, [hf]), DATO)
    call_command("flush", interactive=False, verbosity=0)
    assert not Avtaleversjon.objects.exists()
    hf = HelseforetakFactory()
    signert = iverksett(lag_avtale(hf.helsefellesskap, [hf]), DATO)
    _avvist_av_databasen(lambda: Punktversjon.objects.filter(versjon=signert).delete())
