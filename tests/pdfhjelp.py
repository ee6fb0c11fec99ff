"""Reading PDFs in tests."""

import re
import zlib


def pdfa_del(pdf: bytes) -> str | None:
    """The PDF/A part from the XMP metadata, which may sit in a compressed stream."""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        for data in (stream, _inflate(stream)):
            treff = re.search(rb"pdfaid:part[^0-9]{1,3}(\d)", data or b"")
            if treff:
                return treff.group(1).decode()
    return None


def _inflate(data: bytes) -> bytes | None:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return None


def strukturtre(pdf: bytes) -> list[str]:
    """The tags of a tagged PDF's structure tree, depth first ([] when it has none): the
    catalogue marks the content and holds the tree screen readers and archives read."""
    import io

    from pypdf import PdfReader

    katalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    if "/StructTreeRoot" not in katalog or not katalog.get("/MarkInfo", {}).get("/Marked"):
        return []
    tagger: list[str] = []

    def besok(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for barn in node:
                besok(barn)
            return
        if not hasattr(node, "get"):
            return  # a marked-content id
        if "/S" in node:
            tagger.append(str(node["/S"]).lstrip("/"))
        if "/K" in node:
            besok(node["/K"])

    besok(katalog["/StructTreeRoot"])
    return tagger


def hent_pdf(client, url: str):
    """Ask for a PDF the worker makes as a browser does: the first answer is the progress page
    (the render is queued when the request commits; the test task backend runs it then), the
    next the file."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        svar = client.get(url)
    return client.get(url) if svar.status_code == 202 else svar


def pdf_innhold(svar) -> bytes:
    return b"".join(svar.streaming_content) if svar.streaming else svar.content
