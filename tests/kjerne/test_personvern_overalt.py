"""Valid identifiers in every way of writing, in every free-text field, through the real
views and services: 0 stored (issue 15, item 1).

DOMAIN: nothing in this service is about a patient; FACTS: fødselsnummer, D-, H-nummer and
the 2032 rule; FH-nummer (felles hjelpenummer). Each field gets numbers of every kind in
different ways of writing, each in a Norwegian sentence (tests/personnummerhjelp.py, written
from how people type them, not from the screen); afterwards no text column of any model of
the domain apps, history included, holds an identifier. The refusal is a Norwegian message
that names the field, and a form comes back with the rest of the input. Last,
test_every_text_column_of_every_model_refuses_on_save puts numbers in every text column the
domain apps have, so a field no view test reaches is still covered at the save.
"""

import datetime
import itertools

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from avtaler import services as avtaletjenester
from avtaler.models import Avtaleversjon
from avvik import services as avvikstjenester
from avvik.models import Avvikskategori
from helsefellesskap import services as utvalgstjenester
from kjerne.personvern import SKJERMEDE_APPER, _tekstfelt, finn_personnummer
from tests.factories import MedlemskapFactory, fullt_ssu, iverksett, lag_avtale
from tests.personnummerhjelp import eksempler

PER_FELT = 8  # every kind per field, each written differently
NUMRE = itertools.cycle(eksempler(900, frø=1515))
KORTE = itertools.cycle(eksempler(300, frø=1516, kort=True))  # for a field of twenty
SKJERMET = "ser ut til å inneholde et fødselsnummer"


def lagrede_identifikatorer() -> list[str]:
    """Every (model.field) of the domain apps whose stored text holds an identifier."""
    funn = []
    for modell in apps.get_models():
        if modell._meta.app_label not in SKJERMEDE_APPER:
            continue
        felt = [f.attname for f in _tekstfelt(modell)]
        if not felt:
            continue
        for rad in modell.objects.values_list(*felt):
            for navn, verdi in zip(felt, rad, strict=True):
                if isinstance(verdi, str) and finn_personnummer(verdi):
                    funn.append(f"{modell._meta.label}.{navn}")
    return funn


def _numre(kort: bool = False):
    return [next(KORTE if kort else NUMRE)[2] for _ in range(PER_FELT)]


@pytest.fixture
def verden(kommune, helseforetak, helsefellesskap, ansatt, koordinator):
    kategori = Avvikskategori.objects.get(navn="Manglende epikrise")
    hf_koordinator = MedlemskapFactory(
        organisasjon=helseforetak, rolle="samhandlingskoordinator"
    ).bruker
    avvik = avvikstjenester.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Pasient skrevet ut kl. 22.10 uten epikrise.",
        stige="pasientrelatert",
    )
    signert = iverksett(
        lag_avtale(helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
    )
    utkast = avtaletjenester.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    ssu = fullt_ssu(helsefellesskap)
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    mote = utvalgstjenester.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.make_aware(datetime.datetime(2026, 3, 10, 10)),
        sted="Drammen",
    )
    sak = utvalgstjenester.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Handlingsplan", ar=2026)
    utvalgstjenester.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    return {
        "kategori": kategori,
        "avvik": avvik,
        "hf_koordinator": hf_koordinator,
        "utkast": utkast,
        "ssu": ssu,
        "sekretaer": sekretaer,
        "mote": mote,
        "sak": sak,
    }


def _rediger(utkast: Avtaleversjon, rest: str) -> str:
    return f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/{rest}"


def _refusert(svar, felt: str = "") -> None:
    """Refused with the Norwegian message (and the field's name, where it is a form)."""
    assert svar.status_code in (200, 400), svar.status_code
    html = svar.content.decode()
    assert SKJERMET in html
    if felt:
        assert f"«{felt}" in html


@pytest.mark.parametrize(
    ("felt", "etikett"),
    [("beskrivelse", "Hva skjedde?"), ("melders_referanse", "Nummer i eget kvalitetssystem")],
)
def test_registering_an_avvik(client, verden, ansatt, kommune, helseforetak, felt, etikett):
    client.force_login(ansatt)
    for skrevet in _numre(kort=felt != "beskrivelse"):
        data = {
            "meldt_av_organisasjon": kommune.pk,
            "ansvarlig": helseforetak.pk,
            "kategori": verden["kategori"].pk,
            "stige": "pasientrelatert",
            "hendelse": "2026-11-20T22:10",
            "beskrivelse": "Utskrevet uten epikrise.",
            felt: skrevet,
        }
        svar = client.post("/avvik/ny/", data)
        assert svar.status_code == 400
        html = svar.content.decode()
        assert SKJERMET in html and f"«{etikett}" in html
        assert "2026-11-20T22:10" in html  # the rest of the input is kept
    assert lagrede_identifikatorer() == []


@pytest.mark.parametrize(
    ("bruker", "handling", "felt"),
    [
        ("ansatt", "kommenter", "tekst"),
        ("hf_koordinator", "motta", "enhet"),
        ("hf_koordinator", "motta", "referanse"),
        ("hf_koordinator", "motta", "tekst"),
        ("hf_koordinator", "svar", "forklaring"),
        ("hf_koordinator", "svar", "tiltak"),
    ],
)
def test_the_dialogue_of_an_avvik(client, verden, ansatt, bruker, handling, felt):
    avvik = verden["avvik"]
    client.force_login(ansatt if bruker == "ansatt" else verden[bruker])
    for skrevet in _numre(kort=felt == "referanse"):
        data = {
            "handling": handling,
            f"{handling}-enhet": "Medisinsk klinikk",
            f"{handling}-forklaring": "Rutinen ble ikke fulgt.",
            f"{handling}-tiltak": "Opplæring.",
            f"{handling}-{felt}": skrevet,
        }
        _refusert(client.post(f"/avvik/{avvik.pk}/handling/", data))
    assert lagrede_identifikatorer() == []


def test_escalation_and_the_reporters_answer(verden, ansatt, koordinator):
    """The services refuse too, with the field named, whatever view calls them."""
    from kjerne.feil import Domenefeil

    avvik = verden["avvik"]
    avvikstjenester.avvik_svar(
        avvik=avvik, utfort_av=verden["hf_koordinator"], forklaring="F.", tiltak="T."
    )
    for skrevet in _numre():
        with pytest.raises(Domenefeil, match=SKJERMET):
            avvikstjenester.avvik_avvis(avvik=avvik, utfort_av=ansatt, begrunnelse=skrevet)
    avvikstjenester.avvik_avvis(avvik=avvik, utfort_av=ansatt, begrunnelse="Ikke løst.")
    for skrevet in _numre():
        with pytest.raises(Domenefeil, match=SKJERMET):
            avvikstjenester.avvik_eskaler(avvik=avvik, utfort_av=koordinator, begrunnelse=skrevet)
    assert lagrede_identifikatorer() == []


@pytest.mark.parametrize("felt", ["nummer", "overskrift", "tekst"])
@pytest.mark.parametrize("htmx", [True, False])
def test_saving_a_clause(client, verden, koordinator, felt, htmx):
    utkast = verden["utkast"]
    punkt = utkast.punkter.get(nummer="1.1")
    client.force_login(koordinator)
    for skrevet in _numre(kort=felt == "nummer"):
        data = {"nummer": "1.1", "overskrift": "Ansvar", "tekst": "Kommunen skal svare."}
        data[felt] = skrevet
        svar = client.post(
            _rediger(utkast, f"punkter/{punkt.pk}/"),
            {**data, "endringsteller": 0},
            headers={"HX-Request": "true"} if htmx else {},
            follow=True,
        )
        _refusert(svar)
        if htmx:  # the form comes back with what was typed
            assert "Kommunen skal svare." in svar.content.decode() or felt == "tekst"
    assert lagrede_identifikatorer() == []


@pytest.mark.parametrize("felt", ["nummer", "overskrift"])
def test_a_new_clause(client, verden, koordinator, felt):
    utkast = verden["utkast"]
    client.force_login(koordinator)
    for skrevet in _numre(kort=felt == "nummer"):
        data = {"nummer": "9.9", "overskrift": "Nytt", felt: skrevet}
        _refusert(client.post(_rediger(utkast, "punkter/ny/"), data, follow=True))
    assert lagrede_identifikatorer() == []


def test_a_draft_comment(client, verden, ansatt):
    utkast = verden["utkast"]
    punkt = utkast.punkter.first()
    client.force_login(ansatt)
    for skrevet in _numre():
        svar = client.post(
            _rediger(utkast, f"punkter/{punkt.pk}/kommentarer/"),
            {"tekst": skrevet},
            follow=True,
        )
        _refusert(svar)
    assert lagrede_identifikatorer() == []


@pytest.mark.parametrize(
    ("sti", "data", "felt"),
    [
        ("saker/", {"tittel": "Ny rutine", "beskrivelse": ""}, "tittel"),
        ("saker/", {"tittel": "Ny rutine", "beskrivelse": ""}, "beskrivelse"),
        ("referat/", {"referat": ""}, "referat"),
    ],
)
def test_a_meeting(client, verden, sti, data, felt):
    mote = verden["mote"]
    client.force_login(verden["sekretaer"])
    for skrevet in _numre():
        svar = client.post(f"/moter/{mote.pk}/{sti}", {**data, felt: skrevet}, follow=True)
        _refusert(svar)
    assert lagrede_identifikatorer() == []


def test_a_new_meeting_place(client, verden):
    client.force_login(verden["sekretaer"])
    for skrevet in _numre():
        svar = client.post(
            f"/utvalg/{verden['ssu'].pk}/moter/ny/",
            {"start": "2026-12-01T10:00", "sted": f"Rom {skrevet}"},
            follow=True,
        )
        _refusert(svar, "Sted")
    assert lagrede_identifikatorer() == []


@pytest.mark.parametrize("felt", ["tittel", "filnavn"])
def test_a_case_document(client, verden, felt):
    sak = verden["sak"]
    client.force_login(verden["sekretaer"])
    for skrevet in _numre(kort=felt == "filnavn"):
        # A file name has no slash (the browser sends the name after the last one) and no
        # control characters.
        navn = f"epikrise {skrevet}.txt".translate(str.maketrans("/\\\t\n\r", "__   "))
        navn = navn if felt == "filnavn" else "notat.txt"
        tittel = f"Notat om {skrevet}" if felt == "tittel" else ""
        svar = client.post(
            f"/saker/{sak.pk}/dokumenter/",
            {"tittel": tittel, "fil": SimpleUploadedFile(navn, b"Et notat.")},
            follow=True,
        )
        assert SKJERMET in svar.content.decode(), repr(navn if felt == "filnavn" else tittel)
    assert not sak.dokumenter.exists()
    assert lagrede_identifikatorer() == []


def test_an_import(client, verden, koordinator, kommune):
    """An imported file whose clause holds an identifier: nothing of it is stored."""
    client.force_login(koordinator)
    for skrevet in _numre()[:4]:
        tekst = f"Retningslinje\n\n1. Ansvar\n\n{skrevet}\n".encode()
        client.post(
            "/avtaler/importer/",
            {"handling": "vis", "fil": SimpleUploadedFile("avtale.txt", tekst)},
        )
        svar = client.post(
            "/avtaler/importer/",
            {
                "handling": "importer",
                "helsefellesskap": kommune.helsefellesskap_id,
                "type": "retningslinje",
                "tittel": "Retningslinje",
            },
        )
        _refusert(svar)
    assert lagrede_identifikatorer() == []


def test_the_save_of_any_model_is_the_last_line(verden):
    """A path no form or service screens (the admin, a command) is stopped on save."""
    from kjerne.feil import Domenefeil

    sak = verden["sak"]
    skrevet = next(NUMRE)[2]
    sak.beskrivelse = skrevet
    with pytest.raises(Domenefeil, match="«saksframstilling»"):
        sak.save()
    assert lagrede_identifikatorer() == []


# Text columns too short to hold eleven digits: an organisation's number (9) and a
# municipality's number (4).
FOR_KORTE = {
    "helsefellesskap.Organisasjon.organisasjonsnummer",
    "helsefellesskap.Organisasjon.kommunenummer",
}


def test_every_text_column_of_every_model_refuses_on_save():
    """Every text column of every model of the domain apps (what _tekstfelt lists, history
    rows apart) is screened when saved: numbers in every way of writing, one per column."""
    from django.db.models.signals import pre_save

    from kjerne.feil import Domenefeil
    from kjerne.personvern import _er_historikk

    sett = []
    for modell in apps.get_models():
        if modell._meta.app_label not in SKJERMEDE_APPER or _er_historikk(modell):
            continue
        for felt in _tekstfelt(modell):
            navn = f"{modell._meta.label}.{felt.name}"
            if navn in FOR_KORTE:
                assert felt.max_length < 11
                continue
            kort = (felt.max_length or 1000) < 160
            skrevet = next(KORTE if kort else NUMRE)[2]
            rad = modell(**{felt.attname: skrevet})
            with pytest.raises(Domenefeil, match=SKJERMET):
                pre_save.send(sender=modell, instance=rad, raw=False, using="default")
            sett.append(navn)
    assert len(sett) >= 50
    assert "avvik.Avvik.avtalt_tid" in sett and "avtaler.Signatur.vedtaksreferanse" in sett


def test_a_refusal_never_writes_the_number_to_the_log(
    client, verden, ansatt, koordinator, kommune, helseforetak, caplog
):
    """Form refusals and service refusals (400 through kjerne.inndata) log the path and the
    rule, never what was typed."""
    import logging

    caplog.set_level(logging.DEBUG)
    client.force_login(ansatt)
    numre = [next(NUMRE) for _ in range(3)]
    for _type, _nummer, skrevet in numre:
        data = {
            "meldt_av_organisasjon": kommune.pk,
            "ansvarlig": helseforetak.pk,
            "kategori": verden["kategori"].pk,
            "stige": "pasientrelatert",
            "hendelse": "2026-11-20T22:10",
            "beskrivelse": skrevet,
        }
        assert client.post("/avvik/ny/", data).status_code == 400
    client.force_login(koordinator)
    utkast = verden["utkast"]
    punkt = utkast.punkter.get(nummer="1.1")
    for _type, _nummer, skrevet in numre:
        data = {"nummer": "1.1", "overskrift": "Ansvar", "tekst": skrevet, "endringsteller": 0}
        _refusert(client.post(_rediger(utkast, f"punkter/{punkt.pk}/"), data, follow=True))
    logg = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records
    for _type, nummer, _skrevet in numre:
        assert nummer not in logg and nummer[6:] not in logg
    assert lagrede_identifikatorer() == []


# Forms whose text is not stored as free text: a login name, one-time codes, a filter on the
# security log, an e-mail address (refused by its own format first).
SKJEMA_UTEN_FRITEKST = {
    "sikkerhet.forms.InnloggingForm",
    "sikkerhet.logglesing.LoggFilter",
    "sikkerhet.views.AppKodeForm",
    "sikkerhet.views.KodeForm",
    "sikkerhet.views.RegistreringskodeForm",
    "helsefellesskap.forms.GiRolleForm",
}


def _alle_skjema() -> list[type]:
    """Every form of the project that builds on kjerne.forms.DsSkjema."""
    import importlib
    import pkgutil

    from django import forms

    from kjerne.forms import DsSkjema

    for pakke in ("avtaler", "avvik", "helsefellesskap", "kjerne", "sikkerhet"):
        for modul in pkgutil.walk_packages(importlib.import_module(pakke).__path__, f"{pakke}."):
            if ".migrations" not in modul.name and ".management" not in modul.name:
                importlib.import_module(modul.name)

    def under(klasse):
        for sub in klasse.__subclasses__():
            yield sub
            yield from under(sub)

    return sorted(
        {k for k in under(DsSkjema) if issubclass(k, forms.BaseForm)},
        key=lambda k: f"{k.__module__}.{k.__name__}",
    )


def test_every_form_refuses_a_number_in_every_text_field(verden, kommune):
    """Each text field (and file name) of each form gets a number in a way of writing; the
    field's own error is the screen's message."""
    from django import forms

    from avtaler.forms import ImportMetadataForm
    from avvik.forms import AvvikForm
    from helsefellesskap.forms_utvalg import VedtakForm

    sak = verden["sak"]
    lag = {
        AvvikForm: lambda data: AvvikForm(data, egne_org_ids=[kommune.pk]),
        ImportMetadataForm: lambda data: ImportMetadataForm(
            data, helsefellesskap_ids=[kommune.helsefellesskap_id]
        ),
        VedtakForm: lambda data: VedtakForm(data, sider=["kommunene"], sak=sak, prefix=""),
    }
    sett = []
    for klasse in _alle_skjema():
        navn = f"{klasse.__module__}.{klasse.__name__}"
        if navn in SKJEMA_UTEN_FRITEKST:
            continue
        bygg = lag.get(klasse, klasse)
        felt = bygg(None).fields
        for feltnavn, f in felt.items():
            # A password is never stored as text; an e-mail address is refused by its own
            # format first (an identity number is no e-mail address).
            if isinstance(f.widget, forms.PasswordInput) or isinstance(f, forms.EmailField):
                continue
            if getattr(f, "choices", None):
                continue
            kort = (getattr(f, "max_length", None) or 1000) < 160
            skrevet = next(KORTE if kort else NUMRE)[2]
            if isinstance(f, forms.FileField):
                filnavn = skrevet.translate(str.maketrans("/\\\t\n\r", "__   "))
                skjema = bygg({})
                skjema.files = {feltnavn: SimpleUploadedFile(f"notat {filnavn}.txt", b"Notat.")}
            elif isinstance(f, forms.CharField):
                # A form with a prefix (two forms on one page) reads «prefix-field».
                skjema = bygg({bygg(None).add_prefix(feltnavn): skrevet})
            else:
                continue
            skjema.is_valid()
            feil = " ".join(skjema.errors.get(feltnavn, []))
            assert SKJERMET in feil, (navn, feltnavn, repr(skrevet), skjema.errors)
            sett.append(f"{klasse.__name__}.{feltnavn}")
    assert len(sett) >= 20, sett
    assert {"AvvikForm.beskrivelse", "VedtakForm.protokolltilforsel", "ImportForm.fil"} <= set(sett)
