"""Encodings the text comes in, and a refusal that names the real format for everything else."""

import io
import zipfile

import pytest

from avtaler.importering import Importfeil, importer_fil

TEKST = "1. Formål\n\nAvtalen gjelder for Bærum og Ål – jf. § 6-1 og «Helsefellesskapet».\n"


@pytest.mark.parametrize(
    ("koding", "navn"),
    [
        ("cp1252", "Windows-1252"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-16", "UTF-16"),
    ],
)
def test_windows_1252_and_utf_16_with_or_without_bom_are_read(koding, navn):
    resultat = importer_fil("avtale.txt", TEKST.encode(koding))
    assert resultat.seksjoner[0].tekst == TEKST.split("\n\n")[1].strip()
    assert navn in resultat.format


def test_windows_1252_is_named_in_a_remark():
    resultat = importer_fil("avtale.txt", TEKST.encode("cp1252"))
    assert any("Windows-1252" in m.tekst and m.alvor == "info" for m in resultat.merknader)


def _zip(filer: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arkiv:
        for navn, innhold in filer.items():
            arkiv.writestr(navn, innhold)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (
            _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
            "Filen er en OpenDocument-tekst (.odt)",
        ),
        (
            _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
            "Filen er et OpenDocument-regneark (.ods)",
        ),
        (
            _zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}),
            "et Excel-regneark (.xlsx)",
        ),
        (_zip({"[Content_Types].xml": "<x/>", "ppt/presentation.xml": "<x/>"}), "PowerPoint"),
        (_zip({"noe.txt": "hei"}), "Filen er et zip-arkiv (.zip)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
            "gammelt Word-dokument (.doc)",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "passordbeskyttet",
        ),
        (b"{\\rtf1\\ansi 1. Formaal}", "Rich Text Format (.rtf)"),
        (b"<!DOCTYPE html><html><body>1. Formal</body></html>", "en nettside (HTML)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "et bilde (PNG)"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "et bilde (JPEG)"),
        (
            b"%PDF-1.7\n%\xe2\xe3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
            "PDF, men den kan ikke leses",
        ),
        (b"PK\x03\x04 not really a zip", "kan ikke leses. Er den skadet"),
    ],
)
def test_every_refusal_names_the_real_format(data, melding):
    with pytest.raises(Importfeil, match=melding.replace("(", r"\(").replace(")", r"\)")):
        importer_fil("avtale.docx", data)


def test_a_scanned_pdf_without_text_is_refused_with_advice():
    from weasyprint import HTML

    pdf = HTML(
        string='<html lang="nb"><body><div style="height:5cm;background:#000"></div></body></html>'
    ).write_pdf()
    with pytest.raises(Importfeil, match="ingen tekst, bare bilder"):
        importer_fil("skannet.pdf", pdf)
