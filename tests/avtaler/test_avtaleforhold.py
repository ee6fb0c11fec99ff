"""Each municipality's own agreement on a shared text (issue 17).

Seed 004 § 2: the agreement is between «XX kommune» and Vestre Viken HF, and «likelydende avtale
er inngått med de 22 kommunene» — 22 bilateral agreements sharing one text. Seed 000 § 3.1.1 and
§ 4.2.2: a party may give one year's notice on its own; some municipalities sign late.
"""

import datetime

import pytest
from django.core.management import call_command

from avtaler import services
from avtaler.models import Avtaleforhold, Avtaleversjon
from avtaler.services import NyttPunkt
from avtaler.sok import sok
from avtaler.utskrivning import utskrivningsrutine
from tests.factories import (
    HelseforetakFactory,
    KommuneFactory,
    iverksett,
    lag_avtale,
    lag_utskrivningsrutine,
)

D = datetime.date
I_DAG = datetime.date.today()
TIDER = "Utskrivning skal skje på hverdager mellom {a} og {b}, og i helger mellom 09:00 og 15:00."
NAVN = [
    "Asker", "Bærum", "Drammen", "Lier", "Modum", "Øvre Eiker", "Sigdal", "Krødsherad", "Flå",
    "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol", "Ringerike", "Jevnaker", "Kongsberg", "Flesberg",
    "Rollag", "Nore og Uvdal",
]  # fmt: skip


def _tider(services, versjon, a, b):
    """The revision's hours as its clause 1 now states them."""
    h = datetime.time
    services.utskrivningstider_lagre(
        versjon=versjon,
        utfort_av=None,
        punkt=versjon.punkter.get(nummer="1"),
        hverdag_fra=h(*map(int, a.split(":"))),
        hverdag_til=h(*map(int, b.split(":"))),
        helg_fra=h(9),
        helg_til=h(15),
    )


@pytest.fixture
def vest_viken(helsefellesskap):
    """Twenty municipalities on version 3 of a discharge routine, Hole still on version 2."""
    hf = HelseforetakFactory(navn="Vestre Viken HF", helsefellesskap=helsefellesskap)
    kommuner = {
        n: KommuneFactory(navn=f"{n} kommune", helsefellesskap=helsefellesskap)
        for n in [*NAVN, "Hole"]
    }

    def punkter(a, b, ord_):
        return [
            NyttPunkt("1", "Tidspunkt", TIDER.format(a=a, b=b)),
            NyttPunkt("2", "Kontakt", f"XX kommune tar imot pasienten via {ord_}."),
        ]

    v1 = iverksett(
        lag_utskrivningsrutine(
            helsefellesskap,
            [hf, *kommuner.values()],
            type="saeravtale",
            tittel="Utskrivningsrutine",
            punkter=punkter("07:00", "17:00", "sentralbordet"),
        ),
        D(2021, 1, 18),
    )
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=None)
    services.punkter_erstatt(versjon=v2, punkter=punkter("07:00", "16:00", "telefonvakten"))
    _tider(services, v2, "07:00", "16:00")
    v2 = iverksett(v2, D(2023, 1, 1))
    v3 = services.versjon_start_revisjon(versjon=v2, utfort_av=None)
    services.punkter_erstatt(versjon=v3, punkter=punkter("08:00", "15:00", "koordinatoren"))
    _tider(services, v3, "08:00", "15:00")
    services.versjon_send_til_behandling(versjon=v3, utfort_av=None)
    services.versjon_godkjenn(versjon=v3, utfort_av=None, vedtaksreferanse="SSU 3/2025")
    # Hole's council has not decided: the other twenty and the health trust sign.
    v3 = services.versjon_signer(
        versjon=v3,
        utfort_av=None,
        signert_dato=D(2025, 1, 1),
        gyldig_fra=D(2025, 2, 1),
        parter=[k for n, k in kommuner.items() if n != "Hole"],
    )
    return {"hf": hf, "kommuner": kommuner, "versjoner": (v1, v2, v3)}


def test_twenty_on_version_3_and_hole_on_version_2_at_the_same_time(vest_viken, client):
    """Seed 000 § 4.2.2: some municipalities sign late; each is on its own version."""
    _v1, v2, v3 = vest_viken["versjoner"]
    for navn, kommune in vest_viken["kommuner"].items():
        forventet = v2 if navn == "Hole" else v3
        assert list(Avtaleversjon.objects.gjeldende(I_DAG, kommune)) == [forventet], navn
        # The discharge lookup.
        rutine = utskrivningsrutine(kommune, I_DAG)
        assert rutine.versjon == forventet, navn
        # The municipality page links to the agreement as it is for the municipality.
        html = client.get(f"/kommuner/{kommune.kommunenummer}/").content.decode()
        assert f"versjon {forventet.nummer}, gjelder fra" in html, navn
        html = client.get(
            f"/avtaler/{v3.avtale_id}/?kommune={kommune.kommunenummer}"
        ).content.decode()
        assert ("telefonvakten" in html) == (navn == "Hole"), navn
    # Search, for one municipality and the other.
    hole, drammen = vest_viken["kommuner"]["Hole"], vest_viken["kommuner"]["Drammen"]
    anonym = type("Anonym", (), {"is_authenticated": False})()
    assert [t.versjon for t in sok("telefonvakten", anonym, kommunenummer=hole.kommunenummer)] == [
        v2
    ]
    assert sok("telefonvakten", anonym, kommunenummer=drammen.kommunenummer) == []
    assert [
        t.versjon for t in sok("koordinatoren", anonym, kommunenummer=drammen.kommunenummer)
    ] == [v3]
    # Without a municipality, the newest text anyone is on.
    assert list(Avtaleversjon.objects.gjeldende(I_DAG).filter(avtale=v3.avtale_id)) == [v3]


def test_hole_signs_late_and_moves_to_version_3_on_its_own_date(vest_viken):
    _v1, v2, v3 = vest_viken["versjoner"]
    hole = vest_viken["kommuner"]["Hole"]
    services.signatur_registrer(
        versjon=v3,
        organisasjon=hole,
        navn="Ordfører i Hole",
        tittel="Ordfører",
        dato=I_DAG,
        vedtaksreferanse="KST 7/2026",
        vedtak_organ="Kommunestyret",
        vedtak_dato=I_DAG,
        utfort_av=None,
    )
    forhold = Avtaleforhold.objects.get(versjon=v3, part=hole)
    assert forhold.i_kraft_fra == I_DAG
    assert (forhold.vedtak_organ, forhold.vedtak_saksnummer) == ("Kommunestyret", "KST 7/2026")
    assert Avtaleforhold.objects.get(versjon=v2, part=hole).sluttdato == I_DAG - datetime.timedelta(
        days=1
    )
    assert list(Avtaleversjon.objects.gjeldende(I_DAG, hole)) == [v3]


def test_one_municipalitys_notice_ends_its_agreement_only(helsefellesskap, koordinator):
    """Seed 000 § 3.1.1: one year's written notice, and it ends that party's agreement only."""
    hf = HelseforetakFactory(navn="Vestre Viken HF", helsefellesskap=helsefellesskap)
    holmestrand = KommuneFactory(navn="Holmestrand kommune", helsefellesskap=helsefellesskap)
    drammen = KommuneFactory(navn="Drammen kommune", helsefellesskap=helsefellesskap)
    versjon = iverksett(lag_avtale(helsefellesskap, [hf, holmestrand, drammen]), D(2021, 1, 18))
    services.versjon_si_opp(
        versjon=versjon, utfort_av=koordinator, varslet=D(2027, 1, 1), oppsagt_av=holmestrand
    )
    assert Avtaleversjon.objects.gjeldende(D(2028, 1, 1), holmestrand).exists()  # the last day
    assert not Avtaleversjon.objects.gjeldende(D(2028, 1, 2), holmestrand).exists()
    assert list(Avtaleversjon.objects.gjeldende(D(2028, 1, 2), drammen)) == [versjon]
    assert list(Avtaleversjon.objects.gjeldende(D(2028, 1, 2), hf)) == [versjon]
    assert list(Avtaleversjon.objects.gjeldende(D(2028, 1, 2))) == [versjon]


def test_the_health_trusts_notice_ends_every_agreement_on_the_version(helsefellesskap, koordinator):
    hf = HelseforetakFactory(helsefellesskap=helsefellesskap)
    kommuner = [KommuneFactory(helsefellesskap=helsefellesskap) for _ in range(3)]
    versjon = iverksett(lag_avtale(helsefellesskap, [hf, *kommuner]), D(2021, 1, 1))
    oppsagt = services.versjon_si_opp(
        versjon=versjon, utfort_av=koordinator, varslet=D(2025, 6, 1), oppsagt_av=hf
    )
    assert {f.part for f in oppsagt} == set(kommuner)
    assert not Avtaleversjon.objects.gjeldende(D(2026, 6, 2)).exists()


def test_a_notice_cannot_be_given_twice_nor_by_a_third_party(helsefellesskap, koordinator):
    hf = HelseforetakFactory(helsefellesskap=helsefellesskap)
    a, b = (
        KommuneFactory(helsefellesskap=helsefellesskap),
        KommuneFactory(helsefellesskap=helsefellesskap),
    )
    versjon = iverksett(lag_avtale(helsefellesskap, [hf, a, b]), D(2021, 1, 1))
    forhold_a = Avtaleforhold.objects.get(versjon=versjon, part=a)
    with pytest.raises(Exception, match=r"Bare .* eller motparten"):
        services.forhold_si_opp(
            forhold=forhold_a, utfort_av=koordinator, varslet=D(2025, 1, 1), oppsagt_av=b
        )
    services.forhold_si_opp(
        forhold=forhold_a, utfort_av=koordinator, varslet=D(2025, 1, 1), oppsagt_av=a
    )
    with pytest.raises(Exception, match="allerede sagt opp"):
        services.forhold_si_opp(
            forhold=forhold_a, utfort_av=koordinator, varslet=D(2025, 2, 1), oppsagt_av=hf
        )


def test_in_force_needs_no_job(vest_viken):
    """Issue 17: nothing a reader sees may depend on whether a daily job ran."""
    _v1, _v2, v3 = vest_viken["versjoner"]
    drammen = vest_viken["kommuner"]["Drammen"]
    with pytest.raises(Exception):  # noqa: B017 -- the command is gone
        call_command("daglige_oppgaver")
    assert [v.nummer for v in Avtaleversjon.objects.gjeldende(D(2025, 1, 31), drammen)] == [2]
    assert list(Avtaleversjon.objects.gjeldende(D(2025, 2, 1), drammen)) == [v3]


def test_the_pdf_is_the_municipalitys_own_agreement(vest_viken, client):
    """Seed 004 § 2: the agreement is between «XX kommune» and the health trust; the archival
    PDF of a bilateral agreement names the municipality and carries its signature page."""
    from avtaler.models import Pdfeksport
    from avtaler.pdf import pdf_html

    _v1, v2, v3 = vest_viken["versjoner"]
    hole, drammen = vest_viken["kommuner"]["Hole"], vest_viken["kommuner"]["Drammen"]
    html = pdf_html(v3, drammen)
    assert "Drammen kommune tar imot pasienten via koordinatoren" in html
    assert "XX kommune" not in html and "Bærum kommune" not in html
    assert html.count("<tr><td>") == 2  # Drammen and the health trust sign this one
    assert "01.02.2025" in html  # in force for Drammen from
    assert "Hole kommune tar imot pasienten via telefonvakten" in pdf_html(v2, hole)
    # The ZIP bundle asks for each municipality's own version.
    client.get(f"/kommuner/{hole.kommunenummer}/avtaler.zip")
    client.get(f"/kommuner/{drammen.kommunenummer}/avtaler.zip")
    bestilt = {(e.part, e.versjon) for e in Pdfeksport.objects.all()}
    assert bestilt == {(hole, v2), (drammen, v3)}


def test_each_of_the_twenty_one_reads_its_own_version_in_search_and_the_pdf(vest_viken, client):
    """Issue 17, done when: twenty on v3 and Hole on v2 at the same time, each seen correctly
    by the lookup, the municipality page, search and the PDF – every one of them, not two."""
    from avtaler.pdf import pdf_html

    _v1, v2, v3 = vest_viken["versjoner"]
    anonym = type("Anonym", (), {"is_authenticated": False})()
    for navn, kommune in vest_viken["kommuner"].items():
        egen = v2 if navn == "Hole" else v3
        ord_egen, ord_andre = (
            ("telefonvakten", "koordinatoren")
            if navn == "Hole"
            else ("koordinatoren", "telefonvakten")
        )
        nr = kommune.kommunenummer
        assert [t.versjon for t in sok(ord_egen, anonym, kommunenummer=nr)] == [egen], navn
        assert sok(ord_andre, anonym, kommunenummer=nr) == [], navn
        # The agreement read for the municipality offers the PDF of its own agreement …
        html = client.get(f"/avtaler/{v3.avtale_id}/?kommune={nr}").content.decode()
        assert f"/versjoner/{egen.nummer}/pdf?kommune={nr}" in html, navn
        assert f"Last ned avtalen med {kommune.navn} som PDF" in html, navn
        # … which names it where the text says «XX kommune», with its own text.
        pdf = pdf_html(egen, kommune)
        assert f"{kommune.navn} tar imot pasienten via {ord_egen}" in pdf, navn
        assert ord_andre not in pdf and "XX kommune" not in pdf, navn
