"""Avvik categories as data, both ways (DOMAIN.md § 4): «Failures happen both ways (a
municipality that does not answer the same day, does not take the patient, or sends no admission
information), so categories and statistics cover both parties.»"""

import datetime

import pytest
from django.utils import timezone

from avvik import services
from avvik.models import Avvikskategori
from kjerne.feil import Domenefeil
from tests.factories import MedlemskapFactory


def test_the_municipalitys_typical_failures_are_categories(db):
    kommunens = set(
        Avvikskategori.objects.filter(svikt_hos="kommune").values_list("navn", flat=True)
    )
    assert {
        "Kommunen svarte ikke samme dag om den kan ta imot pasienten",
        "Kommunen tok ikke imot pasienten da den var utskrivningsklar",
        "Innleggelse uten nødvendige opplysninger fra legevakt eller fastlege",
    } <= kommunens
    assert Avvikskategori.objects.filter(svikt_hos="helseforetak").count() >= 7
    assert (
        Avvikskategori.objects.get(navn="Rutiner for elektroniske meldinger ikke fulgt").svikt_hos
        == "begge"
    )


def test_only_categories_about_the_time_of_discharge_say_so(db):
    assert list(
        Avvikskategori.objects.filter(gjelder_utskrivningstid=True).values_list("navn", flat=True)
    ) == ["Utskrivning utenfor avtalt tid"]
    assert not Avvikskategori.objects.get(
        navn="Meldt utskrivningsklar, men ikke utskrevet"
    ).gjelder_utskrivningstid


def test_the_hf_reports_the_municipalitys_failure_and_not_the_other_way_round(
    kommune, helseforetak
):
    hf_ansatt = MedlemskapFactory(organisasjon=helseforetak, rolle="ansatt").bruker
    felles = {
        "melder": hf_ansatt,
        "meldt_av_organisasjon": helseforetak,
        "ansvarlig": kommune,
        "hendelse": timezone.now() - datetime.timedelta(hours=5),
        "beskrivelse": "Kommunen svarte ikke på meldingen om utskrivningsklar pasient.",
        "stige": "pasientrelatert",
    }
    avvik = services.avvik_registrer(
        kategori=Avvikskategori.objects.get(
            navn="Kommunen svarte ikke samme dag om den kan ta imot pasienten"
        ),
        **felles,
    )
    assert avvik.ansvarlig == kommune
    with pytest.raises(Domenefeil, match="gjelder helseforetakets svikt"):
        services.avvik_registrer(
            kategori=Avvikskategori.objects.get(navn="Manglende epikrise"), **felles
        )


def test_an_administrator_edits_the_categories_in_the_admin(client, systemforvalter):
    client.force_login(systemforvalter)
    liste = client.get("/admin/avvik/avvikskategori/")
    assert liste.status_code == 200
    assert "Kommunens svikt" in liste.content.decode()
    kategori = Avvikskategori.objects.get(navn="Manglende epikrise")
    assert client.get(f"/admin/avvik/avvikskategori/{kategori.pk}/change/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_shipped_categories_payment_marks_included():
    """The categories are made by data migrations, which a flush (manage.py flush, and the one
    after every transactional test) does not run again: they come back through post_migrate,
    as the § 6-2 topics do, so a later test or a flushed installation still has them."""
    from django.core.management import call_command

    from avvik.kategorier import BETALINGSKATEGORIER, KATEGORIER

    call_command("flush", interactive=False, verbosity=0)
    navn = set(Avvikskategori.objects.values_list("navn", flat=True))
    assert {n for n, *_ in KATEGORIER} | {n for n, _ in BETALINGSKATEGORIER} <= navn
    assert Avvikskategori.objects.get(
        navn="Uenighet om betaling for utskrivningsklar pasient"
    ).gjelder_betaling
