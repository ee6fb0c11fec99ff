"""Load and soak (#10): national-scale data, gunicorn with production settings, and Locust
(bench/last.py) with anonymous readers, clinicians, coordinators editing and secretaries
recording decisions, at a steady rate for SOAK_MINUTTER (default 10). Afterwards: no 5xx, every
acknowledged save and decision in the database, and the workers' memory. Writes docs/ytelse.md.

    .venv/bin/python bench/soak.py      (BENCH_PG as for bench/sider.py)
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.sider import PYTHON, ROT, _miljo, _ny_database, _skriv_blokk, i_django

MINUTTER = float(os.environ.get("SOAK_MINUTTER", "10"))
SKALA = os.environ.get("SOAK_SKALA", "1")
BRUKERE = int(os.environ.get("SOAK_BRUKERE", "40"))
DATABASE = "samh_bench_soak"
PORT = 8124
PASSORD = "Samhandling-2026"


def _forbered() -> dict:
    """In Django (child process): drafts for the coordinators to edit, a planned SSU meeting
    for each secretary; the addresses the readers use."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from avtaler import services
    from avtaler.models import Avtale, Avtaleversjon
    from helsefellesskap.models import Helsefellesskap, Medlemskap, Mote, Organisasjon

    koordinatorer, sekretaerer = [], []
    for hf in Helsefellesskap.objects.order_by("pk"):
        gjeldende = list(
            Avtaleversjon.objects.gjeldende()
            .filter(avtale__helsefellesskap=hf)
            .exclude(avtale__tittel="Utskrivningsrutine")
            .order_by("avtale_id")[:2]
        )
        utkast = [services.versjon_start_revisjon(versjon=v, utfort_av=None) for v in gjeldende]
        koordinator_medlemskap = (
            Medlemskap.objects.filter(
                rolle="samhandlingskoordinator",
                organisasjon__type="kommune",
                organisasjon__helsefellesskap=hf,
            )
            .select_related("bruker")
            .order_by("pk")
        )
        for i, m in enumerate(koordinator_medlemskap[:4]):
            versjon = utkast[i % len(utkast)]
            punkt = versjon.punkter.order_by("rekkefolge")[i // len(utkast)]
            koordinatorer.append(
                {
                    "epost": m.bruker.email,
                    "avtale": versjon.avtale_id,
                    "nummer": versjon.nummer,
                    "punkt": punkt.pk,
                    "punktnummer": punkt.nummer,
                }
            )
        mote = (
            Mote.objects.filter(utvalg__helsefellesskap=hf, utvalg__type="ssu", status="planlagt")
            .order_by("start")
            .first()
        )
        sekretaer = Medlemskap.objects.get(
            rolle="utvalgssekretaer", organisasjon__helsefellesskap=hf
        ).bruker
        if mote:
            sekretaerer.append({"epost": sekretaer.email, "mote": mote.pk})
    return {
        "passord": PASSORD,
        "avtaler": list(Avtale.objects.order_by("pk").values_list("pk", flat=True)[:60]),
        "kommuner": list(Organisasjon.objects.kommuner().values_list("kommunenummer", flat=True)),
        "koordinatorer": koordinatorer,
        "sekretaerer": sekretaerer,
    }


def _sjekk(kvitteringer: str) -> dict:
    """In Django (child process): is every acknowledged save and decision in the database?"""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from avtaler.models import Punktversjon
    from helsefellesskap.models import Vedtak

    siste, vedtak = {}, []
    for linje in Path(kvitteringer).read_text(encoding="utf-8").splitlines():
        rad = json.loads(linje)
        if "punkt" in rad:
            siste[rad["punkt"]] = rad["tekst"]
        else:
            vedtak.append(rad)
    tapte_lagringer = [
        pk for pk, tekst in siste.items() if Punktversjon.objects.get(pk=pk).tekst != tekst
    ]
    tapte_vedtak = [
        r for r in vedtak if not Vedtak.objects.filter(sak=r["sak"], tekst=r["vedtak"]).exists()
    ]
    return {
        "lagringer": sum(1 for _ in Path(kvitteringer).read_text().splitlines()) - len(vedtak),
        "punkter": len(siste),
        "tapte_lagringer": tapte_lagringer,
        "vedtak": len(vedtak),
        "tapte_vedtak": len(tapte_vedtak),
    }


def _arbeidere(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def _rss_mb(pid: int) -> float:
    for linje in Path(f"/proc/{pid}/status").read_text().splitlines():
        if linje.startswith("VmRSS:"):
            return int(linje.split()[1]) / 1024
    return 0.0


def main() -> None:
    print(f"Genererer skala {SKALA} …", flush=True)
    print(_ny_database(DATABASE, SKALA), flush=True)
    oppsett = i_django(__file__, DATABASE, "--forbered")
    mappe = Path(tempfile.mkdtemp())
    (mappe / "oppsett.json").write_text(json.dumps(oppsett), encoding="utf-8")
    kvitteringer = mappe / "kvitteringer.jsonl"
    kvitteringer.write_text("")
    # Script users: no second factor, and cookies over plain HTTP on this machine.
    miljo = {**_miljo(DATABASE), "DJANGO_TOFAKTOR_PAKREVD": "0", "DJANGO_SECURE_COOKIES": "0"}
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=ROT,
        env=miljo,
    )
    time.sleep(3)
    maalinger: list[tuple[float, list[float]]] = []
    stopp = threading.Event()

    def maal_minne():
        start = time.time()
        while not stopp.wait(15):
            maalinger.append((time.time() - start, [_rss_mb(p) for p in _arbeidere(gunicorn.pid)]))

    maaler = threading.Thread(target=maal_minne, daemon=True)
    maaler.start()
    try:
        subprocess.run(
            [
                str(Path(PYTHON).parent / "locust"),
                "-f",
                "bench/last.py",
                "--headless",
                "-u",
                str(BRUKERE),
                "-r",
                "10",
                "-t",
                f"{int(MINUTTER * 60)}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(mappe / "last"),
                "--only-summary",
            ],
            cwd=ROT,
            env={
                **os.environ,
                "LAST_OPPSETT": str(mappe / "oppsett.json"),
                "LAST_KVITTERINGER": str(kvitteringer),
            },
            check=False,
        )
    finally:
        stopp.set()
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    import csv

    with open(mappe / "last_stats.csv", encoding="utf-8") as fil:
        rader = list(csv.DictReader(fil))
    totalt = next(r for r in rader if r["Name"] == "Aggregated")
    with open(mappe / "last_failures.csv", encoding="utf-8") as fil:
        feil = list(csv.DictReader(fil))
    fem_xx = sum(int(f["Occurrences"]) for f in feil if " 5" in f["Error"] or "50" in f["Error"])
    sjekk = i_django(__file__, DATABASE, "--sjekk", str(kvitteringer))

    def ved(sekunder: float) -> list[float]:
        return next((m for t, m in maalinger if t >= sekunder), maalinger[-1][1])

    etter_ett_min, midtveis, slutt = ved(60), ved(MINUTTER * 30), maalinger[-1][1]
    # Caches fill in the first minutes (templates, rendered clause text, the lookup's pages, at
    # most 300 entries); a leak keeps growing. So: the growth over the second half.
    vekst = [(b - a) / a for a, b in zip(midtveis, slutt, strict=False) if a]
    linjer = [
        f"## Last og utholdenhet (`bench/soak.py`, {time.strftime('%d.%m.%Y')})",
        "",
        f"{MINUTTER:g} minutter med {BRUKERE} samtidige Locust-brukere mot gunicorn (3 arbeidere,",
        "produksjonsinnstillinger, tofaktor av for skriptbrukerne) på data i skala " + SKALA + ":",
        "lesere, klinikere som slår opp utskrivningsrutinen, koordinatorer som lagrer hvert sitt",
        "punkt i et utkast, og sekretærer som setter saker på et SSU-møte og fører vedtak.",
        "",
        f"- Forespørsler: {totalt['Request Count']}, "
        f"{float(totalt['Requests/s']):.1f}/s, median {totalt['50%']} ms, p95 {totalt['95%']} ms.",
        f"- Feil: {totalt['Failure Count']} i alt, hvorav {fem_xx} med 5xx."
        + (" " + "; ".join(f"{f['Error']} ×{f['Occurrences']}" for f in feil[:5]) if feil else ""),
        f"- Lagringer kvittert: {sjekk['lagringer']} på {sjekk['punkter']} punkter; "
        f"tapt: {len(sjekk['tapte_lagringer'])}. Vedtak kvittert: {sjekk['vedtak']}; "
        f"tapt: {sjekk['tapte_vedtak']}.",
        "- Minne per arbeider (RSS) etter ett minutt → midtveis → til slutt: "
        + ", ".join(
            f"{a:.0f} → {m:.0f} → {b:.0f} MB"
            for a, m, b in zip(etter_ett_min, midtveis, slutt, strict=False)
        )
        + f". Største vekst i andre halvdel: {max(vekst, default=0):.1%}.",
    ]
    _skriv_blokk("bench/soak.py", "\n".join(linjer))
    print("\n".join(linjer))


if __name__ == "__main__":
    if "--forbered" in sys.argv:
        print(json.dumps(_forbered()))
    elif "--sjekk" in sys.argv:
        print(json.dumps(_sjekk(sys.argv[-1])))
    else:
        main()
