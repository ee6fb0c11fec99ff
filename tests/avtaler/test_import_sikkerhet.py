"""Safe by construction: capped zip streams, a child process with a memory and time budget.

Peak memory is measured as the kernel counts it: VmHWM, the high-water mark of resident
memory, of the reading child (budsjett) and of a fresh interpreter that interprets the
lines (below). That counts what PDFium and zlib allocate outside Python, which
tracemalloc cannot see; and unlike ru_maxrss it starts afresh at exec, so the test
process' own memory, copied at fork, is not counted.
"""

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from django.conf import settings

from avtaler.importering import Importfeil, importer_fil
from avtaler.importering.budsjett import MINNE_MB, les_med_budsjett
from avtaler.importering.formater import MAKS_BYTES
from tests.avtaler.importhjelp import W, avsnitt, docx
from tests.avtaler.test_importering import SEED

FEM_MB = 5 * 1024 * 1024


def _dokument_xml(avsnitt_xml: str) -> str:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{avsnitt_xml}</w:body></w:document>'


def _zip(medlemmer: dict[str, bytes], metode=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=metode) as arkiv:
        for navn, data in medlemmer.items():
            arkiv.writestr(navn, data)
    return buffer.getvalue()


def lyvende_zip(ekte_storrelse: int = 200 * 1024 * 1024, oppgitt: int = 2000) -> bytes:
    """A .docx whose zip says document.xml is ``oppgitt`` bytes; it inflates to far more."""
    avsnitt_xml = "<w:p><w:r><w:t>Avtalen gjelder.</w:t></w:r></w:p>" * (ekte_storrelse // 50)
    data = bytearray(_zip({"word/document.xml": _dokument_xml(avsnitt_xml).encode()}))
    # Patch the uncompressed size in the local header (offset 22) and the central
    # directory entry (offset 24 after its signature).
    struct.pack_into("<I", data, 22, oppgitt)
    sentral = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, sentral + 24, oppgitt)
    return bytes(data)


def test_a_lying_zip_is_refused_without_inflating_it():
    data = lyvende_zip()
    assert len(data) < MAKS_BYTES
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size == 2000
    with pytest.raises(Importfeil, match=r"kan ikke leses\. Er den skadet"):
        importer_fil("avtale.docx", data)


def test_a_zip_that_states_a_huge_member_is_refused_before_reading():
    avsnitt_xml = "<w:p/>" * (40 * 1024 * 1024 // 6)
    data = _zip({"word/document.xml": _dokument_xml(avsnitt_xml).encode()})
    with pytest.raises(Importfeil, match="for stor"):
        importer_fil("bombe.docx", data)


def _pdf(innhold: bytes, filter_: str = "") -> bytes:
    """A one-page PDF around a content stream, with a correct cross-reference table."""
    objekter = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(innhold)}{filter_} >>\nstream\n".encode() + innhold + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    ut = bytearray(b"%PDF-1.7\n")
    posisjoner = []
    for nr, objekt in enumerate(objekter, start=1):
        posisjoner.append(len(ut))
        ut += f"{nr} 0 obj\n".encode() + objekt + b"\nendobj\n"
    xref = len(ut)
    ut += f"xref\n0 {len(objekter) + 1}\n0000000000 65535 f \n".encode()
    for posisjon in posisjoner:
        ut += f"{posisjon:010d} 00000 n \n".encode()
    ut += (
        f"trailer\n<< /Size {len(objekter) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(ut)


def _stor_tekst(storrelse: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    return (seed * (storrelse // len(seed.encode()) + 1))[: storrelse // 1]


def _fem_mb_filer() -> dict[str, bytes]:
    tekst = _stor_tekst(FEM_MB)
    linje = (
        "BT /F1 9 Tf 20 %d Td (1. Formal og verdigrunnlag for samarbeidet mellom partene) Tj ET\n"
    )
    pdf_tekst = b"".join((linje % (800 - (i % 90) * 9)).encode() for i in range(FEM_MB // 90))
    bilde = os.urandom(FEM_MB - 20_000)
    return {
        "tekst UTF-8": tekst.encode("utf-8")[:FEM_MB],
        "tekst Windows-1252": tekst.encode("cp1252", "replace")[:FEM_MB],
        "tekst UTF-16 uten BOM": tekst[: FEM_MB // 2].encode("utf-16-le")[:FEM_MB],
        "tekst under grensen": _stor_tekst(2_400_000).encode("utf-8"),
        "docx med stort bilde": _zip(
            {
                "word/document.xml": _dokument_xml(
                    avsnitt("1. Formål") + avsnitt("Tekst.")
                ).encode(),
                "word/media/bilde.png": bilde,
            },
            zipfile.ZIP_STORED,
        ),
        "docx med millioner av avsnitt": _zip(
            {
                "word/document.xml": _dokument_xml(
                    "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 600_000
                ).encode()
            }
        ),
        "docx som lyver om størrelsen": lyvende_zip(),
        "PDF med mye tekst": _pdf(pdf_tekst[: FEM_MB - 2000]),
        "PDF med komprimeringsbombe": _pdf(
            zlib.compress(b" " * (1024 * 1024 * 1024), 9), " /Filter /FlateDecode"
        ),
        "binær": os.urandom(FEM_MB),
    }


FEM_MB_FILER = _fem_mb_filer()


@pytest.mark.parametrize("art", list(FEM_MB_FILER))
def test_a_5_mb_upload_of_any_kind_never_takes_more_than_300_mb(art):
    data = FEM_MB_FILER[art]
    assert len(data) <= MAKS_BYTES
    try:
        lesing = les_med_budsjett(f"fil-{art}", data)
    except Importfeil as feil:
        assert feil.maks_minne_mb <= MINNE_MB, (art, feil.maks_minne_mb)  # 0: stopped by a limit
        assert str(feil)  # a clear refusal, never a crash
        return
    assert 0 < lesing.maks_minne_mb <= MINNE_MB, (art, lesing.maks_minne_mb)
    # Interpreting the lines runs in the web worker: measure it in a fresh interpreter.
    skript = (
        "import django, sys, json; django.setup()\n"
        "from avtaler.importering import Lesing, tolk, Importfeil\n"
        "from avtaler.importering.arbeider import maks_minne_mb\n"
        "lesing = Lesing.utpakket(sys.stdin.read())\n"
        "try:\n    tolk(lesing)\nexcept Importfeil:\n    pass\n"
        "print(json.dumps(maks_minne_mb()))\n"
    )
    svar = subprocess.run(
        [sys.executable, "-c", skript],
        input=lesing.pakket(),
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        timeout=300,
    )
    assert 0 < json.loads(svar.stdout) <= MINNE_MB, art


def test_reading_that_takes_longer_than_its_budget_is_stopped_with_a_clear_message():
    with pytest.raises(Importfeil, match=r"for lang tid|mer minne eller tid"):
        les_med_budsjett("tekst.pdf", FEM_MB_FILER["PDF med mye tekst"], sekunder=0.05)


def test_a_normal_agreement_is_read_well_within_the_budget():
    lesing = les_med_budsjett("avtale.docx", docx([avsnitt("1. Formål"), avsnitt("Tekst.")]))
    assert lesing.format == "Word (.docx)"
    assert lesing.maks_minne_mb < 150
