"""Benchmark (#10): the hot pages served by gunicorn with production settings on PostgreSQL with
national-scale data, each as a ratio of a trivial Django view served by the same gunicorn in
the same run, with the queries each page makes at two data sizes. Writes docs/ytelse.md.

    make bench            (or: .venv/bin/python bench/sider.py)

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432; the script makes its
own two databases) and ApacheBench (`ab`, Debian package apache2-utils). BENCH_SKALA (default
1), BENCH_SEKUNDER per page (default 15), BENCH_SAMTIDIGE concurrent requests (default 8).
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SKALA = os.environ.get("BENCH_SKALA", "1")
LITEN = "0.02"
SEKUNDER = int(os.environ.get("BENCH_SEKUNDER", "15"))
SAMTIDIGE = int(os.environ.get("BENCH_SAMTIDIGE", "8"))
ARBEIDERE = 3
PORT = 8123
MILJO = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_YTELSE_GRUNNLINJE": "1",
    "DJANGO_FARTSGRENSE_FAKTOR": "1000000",
    # Several workers share the rate limits only through Redis, as in production
    # (gunicorn.conf.py refuses them with a cache of their own).
    "DJANGO_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
}


def _miljo(database: str) -> dict[str, str]:
    return {**os.environ, **MILJO, "DATABASE_URL": f"{PG}/{database}"}


def _manage(database: str, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROT,
        env=_miljo(database),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _ny_database(navn: str, skala: str) -> str:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as tilkobling:
        tilkobling.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
        tilkobling.execute(f'CREATE DATABASE "{navn}"')
    _manage(navn, "migrate", "--no-input", "-v0")
    return _manage(navn, "generer_nasjonale_data", "--skala", skala).strip().splitlines()[-1]


# --- inside Django: the addresses to measure, a logged-in session, the query counts ---------


def _sider_og_okt() -> dict:
    """Run in a child process with DATABASE_URL set: the pages and a session for ab."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY

    from avtaler.models import Avtale
    from helsefellesskap.models import Medlemskap, Mote, Organisasjon
    from sikkerhet import okt, tofaktor

    kommune = Organisasjon.objects.kommuner().order_by("kommunenummer").first()
    avtale = Avtale.objects.filter(tittel="Utskrivningsrutine").order_by("pk").first()
    mote = Mote.objects.filter(status="gjennomfort").order_by("-start").first()
    fem_ar = datetime.date.today().replace(year=datetime.date.today().year - 3)
    sider = {
        "grunnlinje": ("Triviell visning (grunnlinje)", "/ytelse/grunnlinje/", False),
        "oppslag": (
            "Utskrivningsrutinen",
            f"/kommuner/{kommune.kommunenummer}/utskrivning/",
            False,
        ),
        "avtale": ("Avtalen som gjelder", f"/avtaler/{avtale.pk}/", False),
        "tidspunkt": ("Avtalen på et tidspunkt", f"/avtaler/{avtale.pk}/?dato={fem_ar}", False),
        "diff": (
            "Endringer mellom to versjoner",
            f"/avtaler/{avtale.pk}/endringer/?fra=4&til=5",
            False,
        ),
        "sok": ("Søk", "/sok/?q=utskrivning", False),
        "avvik": ("Avvikslisten", "/avvik/", True),
        "statistikk": ("Avviksstatistikk", "/avvik/statistikk/", True),
        "mote": ("Møtesiden", f"/moter/{mote.pk}/", True),
    }
    # A coordinator of the health trust: sees the Helsefellesskap's avvik and the SSU; with
    # two-factor on, as production requires of the role, and verified in this session.
    bruker = (
        Medlemskap.objects.filter(
            rolle="samhandlingskoordinator", organisasjon__type="helseforetak"
        )
        .order_by("pk")
        .first()
        .bruker
    )
    enhet = tofaktor.ny_app(bruker)
    enhet.confirmed = True
    enhet.save()
    okt_ = SessionStore()
    okt_[SESSION_KEY] = str(bruker.pk)
    okt_[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    okt_[HASH_SESSION_KEY] = bruker.get_session_auth_hash()
    okt_[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
    na = int(time.time())
    okt_[okt.INNLOGGET] = okt_[okt.SIST_AKTIV] = na
    okt_.create()
    klient = Client()
    sporringer = {}
    for navn, (_, adresse, innlogget) in sider.items():
        klient.cookies.clear()
        if innlogget:
            klient.cookies[settings.SESSION_COOKIE_NAME] = okt_.session_key
        klient.get(adresse)  # the first request of a session may set it up
        cache.clear()  # the queries of drawing the page (the lookup's cache would hide them)
        with CaptureQueriesContext(connection) as fanget:
            svar = klient.get(adresse)
        assert svar.status_code == 200, (adresse, svar.status_code)
        sporringer[navn] = len(fanget)
    return {"sider": sider, "okt": okt_.session_key, "sporringer": sporringer}


def i_django(skript: str, database: str, *args: str) -> dict:
    """Run a benchmark script's Django part in a child process on the database (Django is set
    up once per process); its last line of output is JSON."""
    ut = subprocess.run(
        [PYTHON, skript, *args],
        cwd=ROT,
        env=_miljo(database),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(ut.strip().splitlines()[-1])


# --- gunicorn and ab ----------------------------------------------------------------------------


def _start_gunicorn(database: str) -> subprocess.Popen:
    prosess = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(ARBEIDERE),
            "--log-level",
            "warning",
        ],
        cwd=ROT,
        env=_miljo(database),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/helse/", timeout=2)
            return prosess
        except OSError:
            time.sleep(0.2)
    prosess.kill()
    raise RuntimeError("gunicorn svarte ikke på /helse/")


def _ab(adresse: str, okt: str | None, sekunder: int) -> dict:
    kommando = ["ab", "-k", "-q", "-c", str(SAMTIDIGE), "-t", str(sekunder), "-n", "1000000"]
    if okt:
        kommando += ["-C", f"sessionid={okt}"]
    ut = subprocess.run(
        [*kommando, f"http://127.0.0.1:{PORT}{adresse}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    def tall(monster: str) -> float:
        return float(re.search(monster, ut).group(1))

    feil = int(tall(r"Failed requests:\s+(\d+)"))
    ikke_2xx = re.search(r"Non-2xx responses:\s+(\d+)", ut)
    return {
        "rps": tall(r"Requests per second:\s+([\d.]+)"),
        "p50": tall(r"\n\s+50%\s+(\d+)"),
        "p95": tall(r"\n\s+95%\s+(\d+)"),
        "p99": tall(r"\n\s+99%\s+(\d+)"),
        "feil": feil + (int(ikke_2xx.group(1)) if ikke_2xx else 0),
        "antall": int(tall(r"Complete requests:\s+(\d+)")),
    }


def _maskin() -> str:
    cpu = next(
        (
            linje.split(":", 1)[1].strip()
            for linje in Path("/proc/cpuinfo").read_text().splitlines()
            if linje.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} kjerner ({cpu}), Python {platform.python_version()}"


def _skriv_blokk(navn: str, tekst: str) -> None:
    """Put the text between the benchmark's markers in docs/ytelse.md (appended the first time)."""
    fil = ROT / "docs/ytelse.md"
    innhold = fil.read_text(encoding="utf-8")
    start, slutt = f"<!-- {navn}: start -->", f"<!-- {navn}: slutt -->"
    blokk = f"{start}\n{tekst}\n{slutt}"
    if start in innhold:
        innhold = re.sub(
            f"{re.escape(start)}.*?{re.escape(slutt)}", lambda _: blokk, innhold, flags=re.S
        )
    else:
        innhold = innhold.rstrip() + "\n\n" + blokk + "\n"
    fil.write_text(innhold, encoding="utf-8")


def main() -> None:
    if not shutil.which("ab"):
        sys.exit("Fant ikke ab (ApacheBench): apt-get install apache2-utils")
    print(f"Genererer skala {SKALA} og {LITEN} …", flush=True)
    stor = _ny_database("samh_bench_nasjonal", SKALA)
    _ny_database("samh_bench_liten", LITEN)
    print(stor, flush=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROT,
        env=_miljo("samh_bench_nasjonal"),
        check=True,
    )
    smaa = i_django(__file__, "samh_bench_liten", "--django")["sporringer"]
    oppsett = i_django(__file__, "samh_bench_nasjonal", "--django")
    import psycopg

    with psycopg.connect(f"{PG}/postgres") as tilkobling:
        pg_versjon = tilkobling.execute("SHOW server_version").fetchone()[0]
    gunicorn = _start_gunicorn("samh_bench_nasjonal")
    resultater = {}
    try:
        for navn, (tittel, adresse, innlogget) in oppsett["sider"].items():
            okt = oppsett["okt"] if innlogget else None
            _ab(adresse, okt, 2)  # warm up every worker
            resultater[navn] = _ab(adresse, okt, SEKUNDER)
            r = resultater[navn]
            print(
                f"{tittel:34} {r['rps']:8.1f}/s  p50 {r['p50']:4.0f} ms  p95 {r['p95']:4.0f} ms",
                flush=True,
            )
        # The baseline again at the end: the machine may have drifted.
        slutt = _ab(oppsett["sider"]["grunnlinje"][1], None, SEKUNDER)
        resultater["grunnlinje"]["rps"] = (resultater["grunnlinje"]["rps"] + slutt["rps"]) / 2
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    grunn = resultater["grunnlinje"]["rps"]
    linjer = [
        f"## Sidene under last (`bench/sider.py`, {datetime.date.today():%d.%m.%Y})",
        "",
        f"Maskin: {_maskin()}, PostgreSQL {pg_versjon.split()[0]}.",
        f"gunicorn med {ARBEIDERE} synkrone arbeidere og produksjonsinnstillinger. ApacheBench",
        f"kjører på samme maskin med {SAMTIDIGE} samtidige forespørsler i {SEKUNDER} s per side",
        "(keep-alive). Innloggede sider er målt som en koordinator i helseforetaket, med",
        "tofaktor. Grunnlinjen er snittet av en måling først og en sist. Spørringene er telt",
        "for en side som tegnes; oppslaget fra bufferet (besøkende uten økt) bruker ingen.",
        "",
        f"Data (`generer_nasjonale_data --skala {SKALA}`): {stor.split(': ', 1)[-1]}",
        "",
        "| side | adresse | forespørsler/s | andel av grunnlinjen | p50 | p95 | p99 | feil |"
        " spørringer (skala " + LITEN + " / " + SKALA + ") |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for navn, (tittel, adresse, _) in oppsett["sider"].items():
        r = resultater[navn]
        linjer.append(
            f"| {tittel} | `{adresse}` | {r['rps']:.0f} | {r['rps'] / grunn:.0%} | "
            f"{r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['p99']:.0f} ms | {r['feil']} | "
            f"{smaa[navn]} / {oppsett['sporringer'][navn]} |"
        )
    like = all(smaa[n] == oppsett["sporringer"][n] for n in smaa)
    andel = resultater["oppslag"]["rps"] / grunn
    linjer += [
        "",
        f"Antall spørringer er {'det samme' if like else 'IKKE det samme'} ved begge datamengder.",
        f"Oppslaget har {andel:.0%} av grunnlinjens gjennomstrømning "
        f"({'nådd' if andel >= 0.5 else 'IKKE nådd'}: målet er minst 50 %).",
    ]
    _skriv_blokk("bench/sider.py", "\n".join(linjer))
    print("\n".join(linjer[-3:]))


if __name__ == "__main__":
    if "--django" in sys.argv:
        sys.path.insert(0, str(ROT))
        print(json.dumps(_sider_og_okt()))
    else:
        main()
