import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtaler.importering import MAKS_BYTES, Importfeil, importer_fil
from avtaler.models import Avtale, Avtaleversjon

# A copy of ../shared/seeds/004_6906fd66bc1d9d39.txt (Vestre Viken 2021, exported from PDF).
SEED = Path(__file__).parent / "data" / "overordnet_vestre_viken_2021.txt"
FELLER = Path(__file__).parent / "data" / "retningslinje_med_feller.txt"

SEED_TRE = [
    ("1", "Formålet med avtalen og verdigrunnlaget"),
    ("2", "Avtalens parter"),
    ("3", "Avtaleinstituttet"),
    ("3.1", "Samarbeidsavtalen"),
    ("3.2", "Særavtaler og retningslinjer"),
    ("4", "Sentrale plikter, oppgaver og ansvar"),
    ("4.1", "Helsefremmende og forebyggende arbeid – læring og mestring"),
    ("4.2", "Digital meldingsutveksling"),
    ("4.3", "Forbedret pasientbehandling gjennom forskning, innovasjon og teknologi"),
    ("4.4", "Gjensidig kunnskapsoverføring, faglige nettverk og hospitering"),
    ("4.5", "Svangerskaps-, fødsels- og barselomsorg"),
    ("4.6", "Helseberedskap og den akuttmedisinske kjede innen somatikk, psykisk helse og rus"),
    ("5", "Helsefelleskap samarbeidsstruktur og arbeidsform"),
    ("5.1", "Helsefelleskap Vest- Viken"),
    ("5.2", "Partnerskapsmøtet"),
    ("5.3", "Strategisk samarbeidsutvalg (SSU)"),
    ("5.4", "Lokale samarbeidsutvalg (LSU)"),
    ("5.5", "Faglige samarbeidsutvalg"),
    ("6", "Håndtering av uenighet - tvisteløsning"),
    ("7", "Varighet og oppsigelse"),
    ("8", "Underskrift"),
]


def _seksjon(resultat, nummer):
    return next(s for s in resultat.seksjoner if s.nummer == nummer)


@pytest.fixture(scope="module")
def seed():
    return importer_fil(SEED.name, SEED.read_bytes())


def test_the_seed_agreement_becomes_the_right_section_tree(seed):
    assert [(s.nummer, s.overskrift) for s in seed.seksjoner] == SEED_TRE
    assert seed.merknader == []


def test_the_seed_text_is_intact_and_unwrapped(seed):
    formaal = _seksjon(seed, "1").tekst
    # A date at the start of a wrapped line is text, not a heading.
    assert "besluttet i møte 23. november 2020 å etablere" in formaal
    assert formaal.count("\n\n") == 5  # six paragraphs
    # Hyphenation undone across the line break, compound ellipsis kept.
    kunnskap = _seksjon(seed, "4.4").tekst
    assert "lokalt har de lokale samarbeidsutvalgene ansvar for" in kunnskap
    assert "helse- og omsorgstjenester" in _seksjon(seed, "3.1").tekst


def test_the_seed_bullets_become_lists_with_wrapped_items_joined(seed):
    beredskap = _seksjon(seed, "4.6").tekst
    assert (
        "- samarbeide om forsyning og forsyningssikkerhet for legemidler, "
        "materiell og medisinsk utstyr\n" in beredskap
    )
    assert (
        "- samarbeide om opplæring og vedlikehold av kunnskap og kompetanse "
        "innen akuttmedisin samt regelmessige øvelser" in beredskap
    )
    assert beredskap.count("\n- ") + beredskap.startswith("- ") == 14
    ssu = _seksjon(seed, "5.3").tekst
    assert "  - være bindeledd mellom SSU og faglige samarbeidsutvalg" in ssu  # «o» sub-bullets


def test_every_word_of_the_seed_survives(seed):
    import re

    tekst = SEED.read_text(encoding="utf-8")
    # Words hyphenated across a line break are one word after import.
    tekst = re.sub(r"(\w)-[ ]*\n\s*([a-zæøå])", r"\1\2", tekst)
    tekst = re.sub(r"(?m)^\s*o\s+", "", tekst)  # «o» is a bullet sign, not a word
    assert re.findall(r"\w+", seed.som_markdown()) == re.findall(r"\w+", tekst)


@pytest.fixture(scope="module")
def feller():
    return importer_fil(FELLER.name, FELLER.read_bytes())


def test_running_heads_and_page_numbers_are_removed_and_reported(feller):
    tekst = feller.som_markdown()
    assert "side 1 av 3" not in tekst
    assert "Helsefellesskap Vest-Viken" not in tekst
    assert "- 3 -" not in tekst
    assert any("Fjernet 6 linjer" in m.tekst for m in feller.merknader)


def test_the_title_line_before_the_first_section_is_the_title(feller):
    assert feller.tittel == "Retningslinje for utskrivning av pasienter til kommunen"


def test_a_paragraph_across_a_page_break_is_joined(feller):
    assert (
        "fra og med første døgn etter at pasienten er meldt utskrivningsklar"
        in _seksjon(feller, "5").tekst
    )


def test_hyphenated_words_and_nested_bullets(feller):
    varsel = _seksjon(feller, "2.1").tekst
    assert "senest innen 24 timer etter innleggelse. Meldingen skal inneholde:" in varsel
    assert (
        "- forventet behandlingsforløp og forventet utskrivningstidspunkt, "
        "vurdert av behandlende lege" in varsel
    )
    assert "\n  - behov for hjelpemidler\n  - kjente pårørende som skal kontaktes\n" in varsel
    assert "- om pasienten har behov for helse- og omsorgstjenester etter utskrivning" in varsel


def test_numbered_lists_stay_lists(feller):
    melding = _seksjon(feller, "2.2").tekst
    assert "1. vurdere pasientens behov for tjenester\n2. gi beskjed" in melding
    assert "3. ta imot pasienten samme dag, eller avtale en annen dag med helseforetaket" in melding


def test_a_number_that_breaks_the_sequence_is_reported_not_guessed(feller):
    assert [s.nummer for s in feller.seksjoner] == ["1", "2", "2.1", "2.2", "3", "4", "5"]
    assert any("«7. Ikrafttredelse»" in m.tekst and "etter 5" in m.tekst for m in feller.merknader)
    assert "7\\. Ikrafttredelse" in _seksjon(feller, "5").tekst


def test_a_date_on_its_own_line_is_text(feller):
    assert "gjelder fra 12. januar 2026 for alle kommunene" in _seksjon(feller, "1").tekst


def _docx(avsnitt: list[tuple[str, str]]) -> bytes:
    """A minimal .docx: (style, text) per paragraph; style 'liste' gives a numbered list item."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    deler = []
    for stil, tekst in avsnitt:
        ppr = ""
        if stil == "liste":
            ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        elif stil:
            ppr = f'<w:pPr><w:pStyle w:val="{stil}"/></w:pPr>'
        deler.append(f"<w:p>{ppr}<w:r><w:t>{tekst}</w:t></w:r></w:p>")
    kropp = "".join(deler)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{kropp}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arkiv:
        arkiv.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_a_docx_file_is_read_paragraph_by_paragraph():
    data = _docx(
        [
            ("Tittel", "Særavtale om jordmortjenester"),
            ("Heading1", "1. Formål"),
            ("", "Avtalen skal sikre et trygt tilbud til gravide."),
            ("", "Den gjelder for kommunene i Hallingdal."),
            ("Heading1", "2. Plikter"),
            ("liste", "Kommunen skal ha jordmor i beredskap."),
            ("liste", "Helseforetaket skal gi veiledning."),
        ]
    )
    resultat = importer_fil("avtale.docx", data)
    assert resultat.tittel == "Særavtale om jordmortjenester"
    assert [(s.nummer, s.overskrift) for s in resultat.seksjoner] == [
        ("1", "Formål"),
        ("2", "Plikter"),
    ]
    assert resultat.seksjoner[0].blokker == [
        "Avtalen skal sikre et trygt tilbud til gravide.",
        "Den gjelder for kommunene i Hallingdal.",
    ]
    assert resultat.seksjoner[1].tekst == (
        "- Kommunen skal ha jordmor i beredskap.\n- Helseforetaket skal gi veiledning."
    )


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (b"", "Filen er tom"),
        (b"   \n\n  ", "Filen er tom"),
        (b"\x00\x01\x02binary\x00", "binær"),
        (b"%PDF-1.7 ...", "PDF, men den kan ikke leses"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 word", "Gamle Word-filer"),
        (b"PK\x03\x04 not really a zip", "kan ikke leses. Er den skadet"),
        (b"Bare litt tekst uten nummererte punkter.\n", "Fant ingen nummererte punkter"),
        (b"x" * (MAKS_BYTES + 1), "for stor"),
    ],
)
def test_bad_files_get_a_clear_norwegian_error(data, melding):
    with pytest.raises(Importfeil, match=melding):
        importer_fil("fil.txt", data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_either_imports_or_is_refused_with_an_import_error(tekst):
    try:
        resultat = importer_fil("x.txt", tekst.encode("utf-8"))
    except Importfeil:
        return
    assert resultat.seksjoner
    assert resultat.som_markdown().startswith("#")


def test_command_vis_prints_markdown_and_writes_nothing(db, capsys):
    call_command("importer_avtale", str(FELLER), "--vis")
    ut = capsys.readouterr()
    assert ut.out.startswith("# 1 Formål\n")
    assert "## 2.1 Innleggelsesvarsel" in ut.out
    assert "Merknad: Fjernet 6 linjer" in ut.err
    assert not Avtale.objects.exists()


def test_command_imports_the_seed_as_a_draft(helsefellesskap, kommune, helseforetak, capsys):
    call_command(
        "importer_avtale",
        str(SEED),
        "--helsefellesskap",
        helsefellesskap.kortnavn,
        "--tittel",
        "Overordnet",
    )
    versjon = Avtaleversjon.objects.get()
    assert versjon.tilstand == "utkast"
    assert versjon.tittel == "Overordnet"
    assert versjon.punkter.count() == len(SEED_TRE)
    assert set(versjon.parter.all()) == {kommune, helseforetak}
    assert versjon.punkter.get(nummer="4.6").forelder_id == versjon.punkter.get(nummer="4").punkt_id
    assert "Importerte «Overordnet»" in capsys.readouterr().out


def test_command_refuses_a_bad_file_and_creates_nothing(helsefellesskap, tmp_path):
    fil = tmp_path / "tom.txt"
    fil.write_bytes(b"")
    with pytest.raises(CommandError, match="Filen er tom"):
        call_command("importer_avtale", str(fil), "--helsefellesskap", helsefellesskap.kortnavn)
    assert not Avtale.objects.exists()


def test_command_needs_a_helsefellesskap_to_save(db):
    with pytest.raises(CommandError, match="--helsefellesskap"):
        call_command("importer_avtale", str(FELLER))


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    """60 MB of text packs into well under the 5 MB upload limit; it must not be read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as arkiv:
        arkiv.writestr("word/document.xml", "<w:p>" + "a" * (60 * 1024 * 1024) + "</w:p>")
    assert len(buffer.getvalue()) < MAKS_BYTES
    with pytest.raises(Importfeil, match="for stor"):
        importer_fil("bombe.docx", buffer.getvalue())


def test_command_vis_prints_every_remark_with_its_line_and_the_confidence(db, capsys):
    call_command("importer_avtale", str(FELLER), "--vis")
    feil = capsys.readouterr().err
    assert "passer ikke i rekkefølgen etter 5 – lest som tekst. (linje 79)" in feil
    assert "Lest som ren tekst (UTF-8); sikkerhet: lav." in feil


def test_command_reads_a_pdf(db, capsys):
    pdf = Path(__file__).parent / "korpus" / "filer" / "sshf_delavtale11_lund.pdf"
    call_command("importer_avtale", str(pdf), "--vis")
    ut = capsys.readouterr().out
    assert ut.startswith("# 1 Parter\n")
    assert "## 4.1 Legevakt og legevaktsentral" in ut
