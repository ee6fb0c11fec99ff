"""Bad input is a 400 (or a 404, a redirect, a refusal), never a 500 (issue 15, item 3).

Property-based: every URL the resolver knows (so a new URL is covered without touching this
file; the Django admin and static files are left to Django), as every role in turn, gets
generated values — NUL, invalid UTF-8, huge and negative numbers, far dates, wrong types,
repeated parameters — in its path segments, its query string and its form body. The body is
sent three ways, drawn per visit: as Django's client encodes a dict, as raw
application/x-www-form-urlencoded bytes and as raw multipart/form-data bytes, the last two
with invalid UTF-8 and NUL in names, values and file names. The field names are those the
page's own forms have plus the query parameters the views read. The Django test client raises
the view's exception, so a 500 fails the test with its traceback.

Bounded for CI: the test runs once per role, and FUZZ_EKSEMPLER examples (default 2) each
visit every URL once with a GET of the page, a GET with a drawn query string and a POST of a
drawn body: so every URL × role gets FUZZ_EKSEMPLER visits.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

EKSEMPLER = int(os.environ.get("FUZZ_EKSEMPLER", "2"))
ROLLER = ("anonym", "ansatt", "koordinator", "hf_koordinator", "sekretaer", "systemforvalter")

# Query parameters the views read (grep request.GET); form fields come from the pages.
SPORRINGER = [
    *("til", "fra", "sok", "q", "kommune", "type", "dato", "ar", "format", "side"),
    *("ansvarlig", "kategori", "meldt_av_organisasjon", "hendelse", "rediger", "vis", "next"),
    *("tekst", "utskrift"),
]


def _monstre(resolver=None, prefiks: str = ""):
    for monster in (resolver or get_resolver()).url_patterns:
        if isinstance(monster, URLResolver):
            yield from _monstre(monster, prefiks + str(monster.pattern))
        else:
            yield prefiks + str(monster.pattern)


URLER = sorted(m for m in _monstre() if not m.startswith(("admin/", "^", "static/")))

ugyldig_utf8 = st.sampled_from(["%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "a%80b", "a%00b"])
# The same as raw bytes, for bodies that are not percent-encoded.
ugyldige_byte = st.sampled_from(
    [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"a\x80b", b"a\x00b", b"\x00"]
)
tekst = st.one_of(
    st.text(max_size=40),
    st.text(max_size=10).map(lambda t: t + "\x00" + t),
    st.just("x" * 100_000),
    st.sampled_from(["", " ", "abc", "-1", "0", "²", "1e9", "NaN", "[]", "{}", "<b>"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "2026-02-30",
            "2026-13-01T25:61",
            "-2026-01-01",
        ]
    ),
)
sti_tall = st.one_of(
    st.integers(min_value=0, max_value=50), st.just(2**31), st.just(10**20), st.just(2**63)
)


@pytest.fixture
def verden(request, kommune, helseforetak, helsefellesskap, ansatt, koordinator, systemforvalter):
    """Something behind every kind of id: an avvik, an agreement with a draft, a body with a
    meeting, a case and a document."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from avtaler import services as avtaletjenester
    from avvik import services as avvikstjenester
    from avvik.models import Avvikskategori
    from helsefellesskap import services as utvalgstjenester
    from tests.factories import MedlemskapFactory, fullt_ssu, iverksett, lag_avtale

    avvikstjenester.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Utskrevet uten epikrise.",
        stige="pasientrelatert",
    )
    signert = iverksett(
        lag_avtale(helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
    )
    avtaletjenester.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    ssu = fullt_ssu(helsefellesskap)
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    mote = utvalgstjenester.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.make_aware(datetime.datetime(2026, 3, 10, 10)),
        sted="Drammen",
    )
    sak = utvalgstjenester.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Plan", ar=2026)
    utvalgstjenester.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    utvalgstjenester.saksdokument_legg_til(
        utfort_av=sekretaer, sak=sak, tittel="", fil=SimpleUploadedFile("notat.txt", b"Notat.")
    )
    return {
        "anonym": None,
        "ansatt": ansatt,
        "koordinator": koordinator,
        "hf_koordinator": MedlemskapFactory(
            organisasjon=helseforetak, rolle="samhandlingskoordinator"
        ).bruker,
        "sekretaer": sekretaer,
        "systemforvalter": systemforvalter,
        "str": [kommune.kommunenummer, kommune.organisasjonsnummer, helsefellesskap.kortnavn],
    }


def _fyll(monster: str, data, verden) -> str:
    def erstatt(treff: re.Match) -> str:
        if data.draw(st.integers(0, 5)) == 0:
            return data.draw(ugyldig_utf8)  # invalid UTF-8 or NUL in the path segment
        if treff.group(1) == "int":
            return str(data.draw(sti_tall))
        verdi = data.draw(st.one_of(st.sampled_from(verden["str"]), tekst))
        return quote(verdi, safe="") or "x"

    return "/" + re.sub(r"<(\w+):\w+>", erstatt, monster)


def _feltnavn(html: str) -> list[str]:
    navn = set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"}
    return sorted(n for n in navn if not n.startswith(("viewport", "author")))


def _bytes(data, verdi: str) -> bytes:
    """The value as UTF-8, or with invalid UTF-8 or NUL put into it."""
    if data.draw(st.booleans()):
        return verdi.encode()
    return verdi[:20].encode() + data.draw(ugyldige_byte) + verdi[20:40].encode()


def _post(client, sti: str, verdier: dict[str, list[str]], data):
    """POST the fields as a dict, as raw urlencoded bytes or as raw multipart bytes."""
    slag = data.draw(st.sampled_from(["dict", "urlencoded", "multipart"]), label="kropp")
    if slag == "dict":
        return client.post(sti, verdier)
    felter = [
        (_bytes(data, navn), _bytes(data, verdi)) for navn, vs in verdier.items() for verdi in vs
    ]
    if slag == "urlencoded":
        kropp = b"&".join(
            n + b"=" + (v if data.draw(st.booleans()) else quote(v).encode()) for n, v in felter
        )
        return client.generic("POST", sti, kropp, content_type="application/x-www-form-urlencoded")
    grense = b"fuzzgrense"
    deler = []
    for n, v in felter:
        fil = (
            b'; filename="' + _bytes(data, "notat.txt") + b'"' if data.draw(st.booleans()) else b""
        )
        deler.append(
            b"--"
            + grense
            + b'\r\nContent-Disposition: form-data; name="'
            + n
            + b'"'
            + fil
            + b"\r\n\r\n"
            + v
            + b"\r\n"
        )
    kropp = b"".join(deler) + b"--" + grense + b"--\r\n"
    return client.generic(
        "POST", sti, kropp, content_type=f"multipart/form-data; boundary={grense.decode()}"
    )


def _prov(client, bruker, rolle: str, verden, monster: str, data) -> None:
    client.logout()
    if bruker is not None:
        client.force_login(bruker)
    sti = _fyll(monster, data, verden)
    note(f"{rolle} {sti}")
    # The fields of the page's own forms, where there is a page to GET.
    side = client.get(sti, headers={"HX-Request": "true"} if data.draw(st.booleans()) else {})
    assert side.status_code != 500
    felt = _feltnavn(side.content.decode(errors="replace")) if side.status_code == 200 else []
    navn = data.draw(
        st.lists(st.sampled_from(sorted({*felt, *SPORRINGER})), max_size=8, unique=True),
        label="navn",
    )
    verdier = {n: data.draw(st.lists(tekst, min_size=1, max_size=2)) for n in navn}
    sporring = "&".join(
        f"{quote(n)}={data.draw(ugyldig_utf8) if data.draw(st.booleans()) else quote(v)}"
        for n, vs in verdier.items()
        for v in vs
    )
    note(f"?{sporring[:500]}  POST {sorted(verdier)}")
    assert client.get(f"{sti}?{sporring}").status_code != 500
    assert _post(client, sti, verdier, data).status_code != 500


def _fuzz_url(client, bruker, rolle: str, verden, monster: str):
    """One URL × role: its own hypothesis run of EKSEMPLER examples."""

    @settings(
        max_examples=EKSEMPLER,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def prov(data):
        _prov(client, bruker, rolle, verden, monster, data)

    return prov


@pytest.mark.parametrize("rolle", ROLLER)
def test_no_input_makes_a_500(client, verden, rolle):
    """Every URL as the role, each with its own EKSEMPLER drawn examples: the world is built
    once per role, and no URL × role is left out or crowded out by the others."""
    assert len(URLER) > 50  # the resolver was read
    for monster in URLER:
        _fuzz_url(client, verden[rolle], rolle, verden, monster)()
