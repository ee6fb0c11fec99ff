"""Reading members of a zip file (Word, OpenDocument) without trusting what it says.

A zip's directory states each member's unpacked size, but a crafted file can state
anything. Members are therefore read as streams and counted as they inflate: past the
cap the import stops, whatever the directory claimed. Nothing else in the archive is read.
"""

import io
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _

from avtaler.importering.modeller import Importfeil

# An agreement's document.xml is a few hundred kB to a few MB; Word's own limit is far above.
MAKS_MEDLEM = 24 * 1024 * 1024
MAKS_TOTALT = 40 * 1024 * 1024
MAKS_MEDLEMMER = 5000
_BIT = 64 * 1024


class Arkiv:
    """A zip archive opened for capped reading of named members."""

    def __init__(self, data: bytes, format_navn: str):
        self.format_navn = format_navn
        self._lest = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self.navn = self._zip.namelist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise self.skadet() from None
        if len(self.navn) > MAKS_MEDLEMMER:
            raise self.skadet()

    def skadet(self) -> Importfeil:
        return Importfeil(
            _(
                "Filen ser ut som %(format)s, men den kan ikke leses. Er den skadet? Åpne den "
                "i programmet den ble laget i, lagre den på nytt og prøv igjen."
            )
            % {"format": self.format_navn}
        )

    def for_stor(self) -> Importfeil:
        return Importfeil(
            _(
                "Teksten i filen er for stor til å importeres (over %(mb)d MB utpakket). "
                "En avtale er sjelden over noen få MB."
            )
            % {"mb": MAKS_MEDLEM // 1024 // 1024}
        )

    def finnes(self, navn: str) -> bool:
        return navn in self.navn

    def strom(self, navn: str) -> Iterator[bytes]:
        """The member's bytes in pieces, stopping the import if it inflates past the caps."""
        try:
            info = self._zip.getinfo(navn)
            if info.flag_bits & 0x1:
                raise Importfeil(
                    _(
                        "Filen er passordbeskyttet (kryptert) og kan ikke leses. "
                        "Fjern passordet i %(format)s og prøv igjen."
                    )
                    % {"format": self.format_navn}
                )
            if info.file_size > MAKS_MEDLEM:
                raise self.for_stor()
            # zipfile stops at the size the directory states; the counting below does not
            # rely on that, so a lying directory cannot make us hold more than the cap.
            with self._zip.open(info) as strom:
                medlem = 0
                while bit := strom.read(_BIT):
                    medlem += len(bit)
                    self._lest += len(bit)
                    if medlem > MAKS_MEDLEM or self._lest > MAKS_TOTALT:
                        raise self.for_stor()
                    yield bit
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RuntimeError):
            # zipfile raises BadZipFile on a wrong CRC, which is what a lying size gives.
            raise self.skadet() from None
        except NotImplementedError:  # compression methods Python cannot read
            raise self.skadet() from None

    def les(self, navn: str) -> bytes:
        return b"".join(self.strom(navn))


class StromFil(io.RawIOBase):
    """A read-only file over a member's stream, for XML parsers that want a file."""

    def __init__(self, biter: Iterator[bytes]):
        self._biter = biter
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._rest:
            try:
                self._rest = next(self._biter)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n
