"""Benchmark: a 60-page agreement to PDF/A, and the second download served from storage.

Run with `make bench`. Compares with LibreOffice (`libreoffice --headless --convert-to pdf`)
for the same content as .docx when LibreOffice is installed.
"""

import datetime
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

ORD = (
    "kommunen helseforetaket skal sikre at pasienten får nødvendig helsehjelp utskrivning "
    "epikrise legemiddelliste varsel innen timer partene samarbeide om tjenester avtalen "
    "gjelder fra rutine ansvar oppfølging informasjon"
).split()


def _docx(punkter) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    avsnitt = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{p.nummer} {p.overskrift}</w:t></w:r></w:p>'
        + "".join(f"<w:p><w:r><w:t>{a}</w:t></w:r></w:p>" for a in p.tekst.split("\n\n"))
        for p in punkter
    )
    navn = Path(tempfile.mkdtemp()) / "avtale.docx"
    with zipfile.ZipFile(navn, "w") as arkiv:
        arkiv.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        arkiv.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        arkiv.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{avsnitt}</w:body></w:document>',
        )
    return str(navn)


def main() -> None:
    tmp = tempfile.mkdtemp()
    from django.conf import settings

    from bench.oppsett import start_django

    settings.STORAGES["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp},
    }
    start_django()  # a new database of its own
    from django.test import Client
    from pypdf import PdfReader

    from avtaler.models import Pdfeksport
    from avtaler.services import NyttPunkt
    from tests.factories import HelseforetakFactory, iverksett, lag_avtale

    rng = random.Random(60)
    punkter = []
    for kapittel in range(1, 27):  # about 60 A4 pages
        punkter.append(
            NyttPunkt(
                str(kapittel),
                f"Kapittel {kapittel}",
                " ".join(rng.choice(ORD) for _ in range(80)).capitalize() + ".",
            )
        )
        for under in range(1, 5):
            avsnitt = [
                " ".join(rng.choice(ORD) for _ in range(90)).capitalize() + "." for _ in range(2)
            ]
            punkter.append(
                NyttPunkt(f"{kapittel}.{under}", f"Punkt {kapittel}.{under}", "\n\n".join(avsnitt))
            )
    hf = HelseforetakFactory()
    versjon = iverksett(
        lag_avtale(hf.helsefellesskap, [hf], punkter=punkter), datetime.date(2025, 1, 1)
    )
    klient = Client()
    url = f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/pdf"

    start = time.perf_counter()
    svar = klient.get(url)  # immediate task backend: the first request renders
    forste = time.perf_counter() - start
    data = b"".join(svar.streaming_content)
    sider = len(PdfReader(__import__("io").BytesIO(data)).pages)
    print(f"Første nedlasting (rendering, {sider} sider, {len(punkter)} punkter): {forste:.2f} s")

    tider = []
    for _ in range(20):
        start = time.perf_counter()
        b"".join(klient.get(url).streaming_content)
        tider.append((time.perf_counter() - start) * 1000)
    print(
        f"Andre nedlasting (fra lager): median {statistics.median(tider):.1f} ms; rendret {Pdfeksport.objects.get().forsok} gang"
    )

    libreoffice = shutil.which("libreoffice") or shutil.which("soffice")
    if libreoffice:
        docx = _docx(punkter)
        start = time.perf_counter()
        subprocess.run(
            [libreoffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, docx],
            capture_output=True,
            check=True,
            timeout=300,
        )
        print(f"LibreOffice (samme innhold som .docx): {time.perf_counter() - start:.2f} s")
    else:
        print("LibreOffice er ikke installert: ingen sammenligning.")


if __name__ == "__main__":
    main()
