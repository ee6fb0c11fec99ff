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
