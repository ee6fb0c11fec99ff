"""Bad input is a 400 (or a 404, a redirect, a refusal), never a 500 (issue 15, item 3).

Property-based: every URL the resolver knows (so a new URL is covered without touching this
file; the Django admin and static files are left to Django), for every role, gets generated
values — NUL, invalid UTF-8, huge and negative numbers, far dates, wrong types, repeated
parameters — in its path parameters, its query string and its form fields. The field names are
those the page's own forms have plus the query parameters the views read. The Django test
client raises the view's exception, so a 500 fails the test with its traceback.

Bounded for CI: FUZZ_EKSEMPLER examples (default 6), each of which visits every URL once
with a GET of the page, a GET with a drawn query string and a POST of drawn form fields.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

EKSEMPLER = int(os.environ.get("FUZZ_EKSEMPLER", "6"))
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

ugyldig_utf8 = st.sampled_from(["%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "a%80b"])
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
        if treff.group(1) == "int":
            return str(data.draw(sti_tall))
        verdi = data.draw(st.one_of(st.sampled_from(verden["str"]), tekst))
        return quote(verdi, safe="") or "x"

    return "/" + re.sub(r"<(\w+):\w+>", erstatt, monster)


def _feltnavn(html: str) -> list[str]:
    navn = set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"}
    return sorted(n for n in navn if not n.startswith(("viewport", "author")))


def _prov(client, verden, monster: str, data) -> None:
    rolle = data.draw(st.sampled_from(ROLLER), label="rolle")
    client.logout()
    if verden[rolle] is not None:
        client.force_login(verden[rolle])
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
    assert client.post(sti, verdier).status_code != 500


@settings(
    max_examples=EKSEMPLER,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_makes_a_500(client, verden, data):
    """Each example visits every URL once, as a drawn role with drawn values: the world is
    built once, and no URL is left out however few the examples."""
    assert len(URLER) > 50  # the resolver was read
    for monster in URLER:
        _prov(client, verden, monster, data)
