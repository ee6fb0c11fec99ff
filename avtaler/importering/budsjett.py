"""Reading an upload in a child process with a memory and time budget.

Whatever a file does to the libraries that read it (a PDF stream that inflates to
gigabytes, XML with millions of elements, a bug in a parser), it happens in a process
that the kernel stops at `MINNE_MB` of address space and `SEKUNDER` of CPU time, and
that the web worker stops at its deadline. The worker itself never holds more than the
upload and the lines read from it. The child's peak memory (VmHWM, see
`arbeider.maks_minne_mb`) comes back with the result or the refusal, for tests and logs.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from avtaler.importering.modeller import Importfeil, Lesing

MINNE_MB = 300
SEKUNDER = 60


def _for_mye() -> Importfeil:
    return Importfeil(  # the seconds and megabytes are the budget's, not this run's
        _(
            "Filen krevde mer minne eller tid enn en avtale kan kreve (over %(mb)d MB eller "
            "%(s)d sekunder), og lesingen ble stoppet. Den kan være skadet eller laget for å "
            "lure leseren; lagre avtalen på nytt som .docx eller PDF og prøv igjen."
        )
        % {"mb": MINNE_MB, "s": SEKUNDER}
    )


def les_med_budsjett(filnavn: str, data: bytes, sekunder: float = SEKUNDER) -> Lesing:
    """Read a file in a child process; refuse it if it needs more than the budget."""
    with tempfile.TemporaryDirectory(prefix="import-") as mappe:
        inn = Path(mappe) / "fil"
        ut = Path(mappe) / "svar.json"
        inn.write_bytes(data)
        modul = (
            os.environ.get("DJANGO_SETTINGS_MODULE")
            or getattr(settings, "SETTINGS_MODULE", None)
            or "config.settings"
        )
        miljo = {**os.environ, "DJANGO_SETTINGS_MODULE": modul}
        with open(Path(mappe) / "feil.txt", "wb") as feillogg:
            prosess = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
                [
                    sys.executable,
                    "-m",
                    "avtaler.importering.arbeider",
                    str(inn),
                    str(ut),
                    filnavn,
                    str(sekunder),
                ],
                cwd=settings.BASE_DIR,
                env=miljo,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=feillogg,
            )
            frist = time.monotonic() + sekunder + 5
            while True:
                pid, status = os.waitpid(prosess.pid, os.WNOHANG)
                if pid:
                    prosess.returncode = os.waitstatus_to_exitcode(status)
                    break
                if time.monotonic() > frist:
                    prosess.send_signal(signal.SIGKILL)
                    os.waitpid(prosess.pid, 0)
                    prosess.returncode = -9
                    raise _med_maling(_for_mye(), 0.0)
                time.sleep(0.02)
        if prosess.returncode != 0 or not ut.exists():
            raise _med_maling(_for_mye(), 0.0)  # stopped by its limits before it could tell
        svar = json.loads(ut.read_text(encoding="utf-8"))
    maks_mb = svar.get("maks_minne_mb", 0.0)
    if "feil" in svar:
        feil = _for_mye() if svar["feil"] == "minne" else Importfeil(svar["feil"])
        raise _med_maling(feil, maks_mb)
    lesing = Lesing.fra_json(svar["lesing"])
    lesing.maks_minne_mb = maks_mb
    return lesing


def _med_maling(feil: Importfeil, maks_mb: float) -> Importfeil:
    """A refusal carries the child's peak memory too, for tests and logs."""
    feil.maks_minne_mb = maks_mb
    return feil
