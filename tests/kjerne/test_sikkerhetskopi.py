"""Backup and restore: a round trip gives back the same agreements, signatures, decisions and avvik.

The real pg_dump/pg_restore and SQLite's backup API run against committed data (transactional
tests); the contents are compared through separate connections, row by row.
"""

import datetime
import io
import json
import sqlite3
import tarfile
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.utils import timezone

from avtaler import services as avtaler
from avtaler.models import (
    Avtale,
    Avtaleversjon,
    Punktversjon,
    Signatur,
    Tilstandsendring,
    Versjonspart,
)
from avvik import services as avvik
from avvik.models import Avvik, Avvikshendelse, Avvikskategori
from helsefellesskap import services as hf
from helsefellesskap.models import Medlemskap, Mote, Sak, Saksdokument, Vedtak
from kjerne.sikkerhetskopi import gjenopprett
from sikkerhet.logg import registrer
from sikkerhet.models import Sikkerhetshendelse
from tests.factories import MedlemskapFactory, fullt_ssu, iverksett, lag_avtale, revider, vedta

pytestmark = pytest.mark.django_db(transaction=True)

MODELLER = (
    Avtale,
    Avtaleversjon,
    Versjonspart,
    Punktversjon,
    Signatur,
    Tilstandsendring,
    Sak,
    Mote,
    Vedtak,
    Saksdokument,
    Avvik,
    Avvikshendelse,
    Sikkerhetshendelse,
)
ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}
PDF = b"%PDF-1.7\nreferat fra SSU\n"


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files on disk, as in production (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def data(kommune, helseforetak, ansatt, koordinator, media):
    """Agreements in every state, signatures, an avvik escalated to a decision in SSU with a
    case document, and the security log."""
    hf_koordinator = MedlemskapFactory(
        organisasjon=helseforetak, rolle=Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR
    ).bruker
    parter = [kommune, helseforetak]
    gjeldende = iverksett(lag_avtale(kommune.helsefellesskap, parter), datetime.date(2024, 1, 1))
    utkast = lag_avtale(kommune.helsefellesskap, parter, tittel="Delavtale om utskrivning")

    kategori, _ = Avvikskategori.objects.get_or_create(navn="Manglende epikrise")
    fullt_ssu(kommune.helsefellesskap)
    meldt = avvik.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Utskrevet kl. 22.10 uten epikrise.",
        stige="avtalesporsmal",
        punkt=gjeldende.punkter.get(nummer="1.1"),
    )
    avvik.avvik_kommenter(avvik=meldt, utfort_av=ansatt, tekst="Ring meg.")
    avvik.avvik_svar(avvik=meldt, utfort_av=hf_koordinator, forklaring="F.", tiltak="T.")
    avvik.avvik_avvis(avvik=meldt, utfort_av=ansatt, begrunnelse="Ikke løst.")
    sak = avvik.avvik_eskaler(avvik=meldt, utfort_av=koordinator, begrunnelse="Til SSU.").sak
    mote = hf.mote_opprett(utfort_av=None, utvalg=sak.utvalg, start=timezone.now(), sted="Drammen")
    vedta(sak, mote, ALLE_ENIGE, tekst="Rutinen presiseres.")
    hf.saksdokument_legg_til(
        utfort_av=None, sak=sak, tittel="Referat", fil=SimpleUploadedFile("referat.pdf", PDF)
    )

    # A revision signed by both parties, one signature each.
    revisjon = revider(gjeldende, "1.1", "Punkt 1.1", "Epikrisen følger pasienten.")
    revisjon = avtaler.versjon_send_til_behandling(versjon=revisjon, utfort_av=koordinator)
    revisjon = avtaler.versjon_godkjenn(
        versjon=revisjon, utfort_av=koordinator, vedtaksreferanse="SSU 3/2026"
    )
    for part, bruker in ((kommune, koordinator), (helseforetak, hf_koordinator)):
        avtaler.signatur_registrer(
            versjon=revisjon,
            organisasjon=part,
            navn=bruker.navn,
            tittel="Direktør",
            dato=timezone.localdate(),
            utfort_av=bruker,
        )
    registrer(Sikkerhetshendelse.Type.INNLOGGING, bruker=koordinator, brukernavn="koordinator")
    return {"signert": Avtaleversjon.objects.get(pk=revisjon.pk), "utkast": utkast}


@contextmanager
def _tilkobling(db: dict):
    """A connection of its own to the database in a DATABASES entry, outside Django."""
    if connection.vendor == "postgresql":
        tilkobling = psycopg.connect(
            dbname=db["NAME"],
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            autocommit=True,
        )
    else:
        tilkobling = sqlite3.connect(db["NAME"])
    with closing(tilkobling):
        yield tilkobling


def _innhold(db: dict) -> dict[str, list[tuple]]:
    """Every column of every row of the tables that matter, in primary-key order."""
    navn = connection.ops.quote_name
    innhold = {}
    with _tilkobling(db) as tilkobling:
        markor = tilkobling.cursor()
        for modell in MODELLER:
            meta = modell._meta
            kolonner = ", ".join(navn(felt.column) for felt in meta.concrete_fields)
            markor.execute(
                f"SELECT {kolonner} FROM {navn(meta.db_table)} ORDER BY {navn(meta.pk.column)}"  # noqa: S608
            )
            innhold[meta.label] = [tuple(rad) for rad in markor.fetchall()]
    return innhold


def _filer(mappe: Path) -> dict[str, bytes]:
    return {str(f.relative_to(mappe)): f.read_bytes() for f in mappe.rglob("*") if f.is_file()}


def _kjor(kommando: str, *args, **options) -> str:
    ut = io.StringIO()
    call_command(kommando, *args, stdout=ut, **options)
    return ut.getvalue()


def test_a_round_trip_gives_back_the_same_texts_signatures_decisions_and_avvik(
    data, media, tmp_path
):
    db = connection.settings_dict
    for_ = _innhold(db)
    filer = _filer(media)
    assert len(for_["avtaler.Punktversjon"]) == 15  # three versions of five clauses
    assert for_["avtaler.Signatur"] and for_["helsefellesskap.Vedtak"] and for_["avvik.Avvik"]
    # The case document, beside the open data exports that signing the versions made.
    assert f"saksdokumenter/{timezone.localdate():%Y}/referat.pdf" in filer
    arkiv = tmp_path / "kopi.tar"

    ut = _kjor("sikkerhetskopi", fil=arkiv)
    assert f"Sikkerhetskopi: {arkiv} (" in ut
    assert f"Opplastede filer: {len(filer)} fra" in ut
    assert "Innhold: 1 vedtak, 2 avtaler, 3 versjoner, 2 signaturer, 1 avvik." in ut
    assert arkiv.stat().st_mode & 0o777 == 0o600  # personal data: the owner's only

    # Everything that may change changes after the copy, and something new comes.
    Avvik.objects.all().delete()
    Vedtak.objects.update(tekst="Endret etter kopien.")
    Signatur.objects.update(navn="Endret etter kopien")
    Punktversjon.objects.filter(versjon=data["utkast"]).update(tekst="Endret etter kopien.")
    parter = list(data["utkast"].parter.all())
    lag_avtale(parter[0].helsefellesskap, parter, tittel="Ny etter kopien")
    registrer(Sikkerhetshendelse.Type.UTLOGGING, brukernavn="etter kopien")
    for fil in media.rglob("*.pdf"):
        fil.unlink()
    (media / "ny-etter-kopien.txt").write_text("borte etter gjenopprettingen")
    assert _innhold(db) != for_

    ut = _kjor("gjenopprett", arkiv, ja=True)
    assert f"Gjenopprettet fra {arkiv} (" in ut
    assert "Innhold nå: 1 vedtak, 2 avtaler, 3 versjoner, 2 signaturer, 1 avvik." in ut
    assert "mangler" not in ut  # no migrations missing
    assert _innhold(db) == for_
    assert _filer(media) == filer

    # The locks on signed versions and the security log are back, and the sequences are right.
    signert = data["signert"]
    with pytest.raises(DatabaseError):
        Punktversjon.objects.filter(versjon=signert).update(tekst="Forfalsket.")
    with pytest.raises(DatabaseError):
        Sikkerhetshendelse.objects.update(brukernavn="skjult")
    ny = lag_avtale(parter[0].helsefellesskap, parter, tittel="Ny etter gjenopprettingen")
    assert ny.pk > max(rad[0] for rad in for_["avtaler.Avtaleversjon"])
    assert registrer(Sikkerhetshendelse.Type.UTLOGGING).pk > len(
        for_["sikkerhet.Sikkerhetshendelse"]
    )


def test_a_backup_restores_into_an_empty_database(data, media, tmp_path):
    db = connection.settings_dict
    arkiv = tmp_path / "kopi.tar"
    _kjor("sikkerhetskopi", fil=arkiv)
    if connection.vendor == "postgresql":
        # Named after the configured database (samh_backup → samh_backup_gjenopprettet).
        ny = {**db, "NAME": db["NAME"].removeprefix("test_") + "_gjenopprettet"}
        with connection.cursor() as markor:
            markor.execute(f"DROP DATABASE IF EXISTS {ny['NAME']} WITH (FORCE)")
            markor.execute(f"CREATE DATABASE {ny['NAME']} TEMPLATE template0")
    else:
        ny = {**db, "NAME": str(tmp_path / "gjenopprettet.sqlite3")}
    try:
        gjenopprett(fil=arkiv, db=ny, media_rot=tmp_path / "ny-media")
        assert _innhold(ny) == _innhold(db)
        assert _filer(tmp_path / "ny-media") == _filer(media)
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as markor:
                markor.execute(f"DROP DATABASE IF EXISTS {ny['NAME']} WITH (FORCE)")


def test_restore_without_confirmation_is_refused_and_changes_nothing(
    data, media, settings, tmp_path
):
    settings.BASE_DIR = tmp_path
    ut = _kjor("sikkerhetskopi")
    arkiv = next((tmp_path / "sikkerhetskopier").glob("samhandling-*.tar"))
    assert f"Sikkerhetskopi: {arkiv} (" in ut
    Avvik.objects.all().delete()
    (media / "ny.txt").write_text("blir")
    etter = _innhold(connection.settings_dict)
    filer = _filer(media)

    # Not at a terminal (as here) and without --ja: refused, whatever the input.
    with pytest.raises(CommandError, match=r"Avbrutt: bekreft med --ja\. Ingenting er endret\."):
        _kjor("gjenopprett", arkiv)
    with pytest.raises(CommandError, match="bekreft med --ja"):
        _kjor("gjenopprett", arkiv, interactive=False)
    assert _innhold(connection.settings_dict) == etter
    assert _filer(media) == filer
    with pytest.raises(CommandError, match="finnes allerede"):
        _kjor("sikkerhetskopi", fil=arkiv)


def test_only_an_archive_of_the_same_kind_of_database_is_restored(data, media, tmp_path):
    annen = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    arkiv = tmp_path / "annen.tar"
    laget = "2026-06-15T10:00:00+00:00"
    beskrivelse = {"format": 1, "database": annen, "laget": laget, "antall": {}, "filer": 0}
    beskrivelse = json.dumps(beskrivelse).encode()
    with tarfile.open(arkiv, "w") as tar:
        info = tarfile.TarInfo("sikkerhetskopi.json")
        info.size = len(beskrivelse)
        tar.addfile(info, io.BytesIO(beskrivelse))
    tull = tmp_path / "tull.tar"
    tull.write_text("ikke et arkiv")
    for_ = _innhold(connection.settings_dict)

    with pytest.raises(CommandError, match=f"er av en {annen}-database"):
        _kjor("gjenopprett", arkiv, ja=True)
    with pytest.raises(CommandError, match="er ikke en sikkerhetskopi"):
        _kjor("gjenopprett", tull, ja=True)
    assert _innhold(connection.settings_dict) == for_
