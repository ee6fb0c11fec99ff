"""`manage.py finn_personnummer`: identity numbers stored before the screen knew their spelling
are found in every screened text column, history included, and masked on request; signed
text is reported, never changed; the numbers themselves are never printed (issue 15)."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from avtaler.models import Punktversjon
from avvik import services as avvikstjenester
from avvik.models import Avvik, Avvikskategori
from helsefellesskap import services as utvalgstjenester
from helsefellesskap.models import Saksdokument
from kjerne.personvern import har_personnummer
from tests.factories import fullt_ssu, iverksett, lag_avtale

FNR = "24087548429"
SKREVET = "24.08.1975 48429"  # a spelling the old screen let through


def _kjor(*args) -> str:
    ut = io.StringIO()
    call_command("finn_personnummer", *args, stdout=ut)
    return ut.getvalue()


@pytest.fixture
def lagret(kommune, helseforetak, helsefellesskap, ansatt, settings, tmp_path):
    """Rows that hold a number, put there past the screen as an old version would have."""
    settings.MEDIA_ROOT = tmp_path
    avvik = avvikstjenester.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Pasient skrevet ut uten epikrise.",
        stige="pasientrelatert",
    )
    Avvik.objects.filter(pk=avvik.pk).update(beskrivelse=f"Pasient {SKREVET} skrevet ut.")
    avvik.history.update(beskrivelse=f"Pasient {SKREVET} skrevet ut.")

    signert = lag_avtale(helsefellesskap, [kommune, helseforetak])
    punkt = signert.punkter.get(nummer="1.1")
    Punktversjon.objects.filter(pk=punkt.pk).update(tekst=f"Gjelder {SKREVET}.")
    signert = iverksett(signert, datetime.date(2024, 1, 1))

    ssu = fullt_ssu(helsefellesskap)
    sak = utvalgstjenester.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Notat", ar=2026)
    dokument = Saksdokument.objects.create(
        sak=sak, tittel="Notat", fil=ContentFile(b"Et notat.", name="notat.txt")
    )
    gammelt = dokument.fil.storage.save(f"saksdokumenter/epikrise_{FNR}.txt", ContentFile(b"x"))
    Saksdokument.objects.filter(pk=dokument.pk).update(fil=gammelt)
    return {"avvik": avvik, "punkt": punkt, "dokument": dokument, "gammelt": gammelt}


def test_a_dry_run_lists_every_number_without_showing_it_and_changes_nothing(lagret):
    ut = _kjor()
    assert f"FUNNET  avvik.Avvik pk={lagret['avvik'].pk} beskrivelse: «XX.XX.XXXX XXXXX»" in ut
    assert "avvik.HistoricalAvvik" in ut
    assert f"LÅST    avtaler.Punktversjon pk={lagret['punkt'].pk} tekst" in ut
    assert f"helsefellesskap.Saksdokument pk={lagret['dokument'].pk} fil: «XXXXXXXXXXX»" in ut
    assert "kjør med --masker" in ut and "start en revisjon" in ut
    assert FNR not in ut and "48429" not in ut and "1975" not in ut
    assert har_personnummer(Avvik.objects.get().beskrivelse)


def test_masking_replaces_the_digits_everywhere_it_may_and_leaves_signed_text(lagret):
    ut = _kjor("--masker")
    assert FNR not in ut and "48429" not in ut
    avvik = Avvik.objects.get()
    assert avvik.beskrivelse == "Pasient XX.XX.XXXX XXXXX skrevet ut."
    assert not any(har_personnummer(h.beskrivelse) for h in avvik.history.all())
    dokument = Saksdokument.objects.get(pk=lagret["dokument"].pk)
    assert "XXXXXXXXXXX" in dokument.fil.name and dokument.fil.read() == b"x"
    assert not dokument.fil.storage.exists(lagret["gammelt"])
    # signed text is the archived record: reported, not changed
    assert har_personnummer(Punktversjon.objects.get(pk=lagret["punkt"].pk).tekst)
    assert "LÅST" in ut and "Låst, ikke endret: " in ut
    igjen = _kjor()
    assert "FUNNET" not in igjen and "LÅST" in igjen


def test_nothing_stored_says_so(db):
    assert "Ingen fødselsnummer" in _kjor()
