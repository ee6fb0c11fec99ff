"""Import of an existing agreement from Word (.docx), PDF or plain text into clauses.

Agreements arrive as Word files with automatic numbering, as PDFs, and as text exported
from either: lines wrapped and hyphenated, running heads and page numbers, a table of
contents, bullets from a private-use font. Reading (`formater`, `docx`, `pdf`, `tekst`)
turns a file into lines; interpreting (`struktur`, `innhold`, `sidemobler`) turns lines
into numbered sections; `rapport` says what it doubted, at the line where it arose; and
`budsjett` reads uploads in a child process with a time and memory budget.
"""

from avtaler.importering.formater import MAKS_BYTES, Frist, les_fil
from avtaler.importering.modeller import (
    Importfeil,
    Importresultat,
    Lesing,
    Linje,
    Merknad,
    Seksjon,
)
from avtaler.importering.struktur import Overstyring, tolk


def importer_fil(filnavn: str, data: bytes) -> Importresultat:
    """Read and interpret a file in this process (tests and trusted input)."""
    return tolk(les_fil(filnavn, data))


__all__ = [
    "MAKS_BYTES",
    "Frist",
    "Importfeil",
    "Importresultat",
    "Lesing",
    "Linje",
    "Merknad",
    "Overstyring",
    "Seksjon",
    "importer_fil",
    "les_fil",
    "tolk",
]
