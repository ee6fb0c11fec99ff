import datetime

import pytest

from avtaler import services
from avtaler.models import Kommentar, Punktversjon
from tests.factories import fullt_ssu, iverksett, lag_avtale, nye_punkter, vedta

D = datetime.date


@pytest.fixture
def utkast(kommune, helseforetak, koordinator):
    signert = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    return services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)


def _url(utkast, rest=""):
    return f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/rediger/{rest}"


@pytest.mark.parametrize(
    ("bruker", "status"),
    [
        ("anonym", 302),
        ("uten_rolle", 403),
        ("utenforstaende", 403),
        ("ansatt", 200),
        ("koordinator", 200),
        ("administrator", 200),
    ],
)
def test_who_opens_the_editor(client, request, utkast, bruker, status):
    if bruker != "anonym":
        client.force_login(request.getfixturevalue(bruker))
    svar = client.get(_url(utkast))
    assert svar.status_code == status
    if status == 200:
        # Employees comment; only coordinators and administrators edit.
        assert (
            "Lagre punktet"
            in client.get(_url(utkast) + f"?rediger={utkast.punkter.first().pk}").content.decode()
        ) == (bruker != "ansatt")


def test_saving_a_clause_with_htmx_returns_the_clause(client, koordinator, utkast):
    client.force_login(koordinator)
    punkt = utkast.punkter.get(nummer="1.1")
    svar = client.post(
        _url(utkast, f"punkter/{punkt.pk}/"),
        {
            "nummer": "1.1",
            "overskrift": "Ny overskrift",
            "tekst": "Kommunen *skal* svare.",
            "endringsteller": 0,
        },
        headers={"HX-Request": "true"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200 and "<html" not in html
    assert "Ny overskrift" in html and "<em>skal</em>" in html and "Lagret" in html
    assert Punktversjon.objects.get(pk=punkt.pk).endringsteller == 1


def test_a_stale_save_shows_both_texts_and_keeps_mine(client, koordinator, utkast):
    client.force_login(koordinator)
    punkt = utkast.punkter.get(nummer="1.1")
    services.punkt_lagre(
        punkt=punkt,
        utfort_av=None,
        nummer="1.1",
        overskrift="X",
        tekst="Noen andres tekst",
        forventet_teller=0,
    )
    svar = client.post(
        _url(utkast, f"punkter/{punkt.pk}/"),
        {"nummer": "1.1", "overskrift": "X", "tekst": "Min tekst", "endringsteller": 0},
        headers={"HX-Request": "true"},
    )
    html = svar.content.decode()
    assert "Noen andre har lagret dette punktet" in html
    assert "Noen andres tekst" in html and ">Min tekst</textarea>" in html
    assert 'name="endringsteller" value="1"' in html  # saving again merges onto the stored text
    uten_js = client.post(
        _url(utkast, f"punkter/{punkt.pk}/"),
        {"nummer": "1.1", "overskrift": "X", "tekst": "Min tekst", "endringsteller": 0},
    )
    assert uten_js.status_code == 409
    assert Punktversjon.objects.get(pk=punkt.pk).tekst == "Noen andres tekst"


def test_live_preview_renders_the_markdown_subset_safely(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/avtaler/forhandsvis/", {"tekst": "- *en*\n- <b>to</b>"})
    html = svar.content.decode()
    assert "<ul>\n<li><em>en</em></li>\n<li>&lt;b&gt;to&lt;/b&gt;</li>\n</ul>" in html
    assert "<b>to</b>" not in html


def test_an_employee_comments_and_the_coordinator_resolves(client, ansatt, koordinator, utkast):
    punkt = utkast.punkter.first()
    client.force_login(ansatt)
    client.post(_url(utkast, f"punkter/{punkt.pk}/kommentarer/"), {"tekst": "Uklart ansvar"})
    assert (
        client.post(
            _url(utkast, f"punkter/{punkt.pk}/"), {"tekst": "x", "endringsteller": 0}
        ).status_code
        == 403
    )
    kommentar = Kommentar.objects.get()
    client.force_login(koordinator)
    assert "1 åpen kommentar" in client.get(_url(utkast)).content.decode()
    client.post(_url(utkast, f"kommentarer/{kommentar.pk}/los/"))
    assert "åpen kommentar" not in client.get(_url(utkast)).content.decode()


def test_submit_from_the_editor_creates_the_case(client, koordinator, utkast, helsefellesskap):
    ssu = fullt_ssu(helsefellesskap)
    client.force_login(koordinator)
    svar = client.post(
        f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/send/",
        {"utvalg": ssu.pk},
        follow=True,
    )
    assert "som sak SSU 1/" in svar.content.decode()
    utkast.refresh_from_db()
    assert utkast.tilstand == "til_behandling"


def test_editor_query_budget_does_not_grow_with_clauses(
    client, koordinator, utkast, django_assert_max_num_queries
):
    client.force_login(koordinator)
    with django_assert_max_num_queries(15) as liten:
        assert client.get(_url(utkast)).status_code == 200
    services.punkter_legg_til(versjon=utkast, punkter=nye_punkter(150, start=20))
    for punkt in utkast.punkter.all()[:20]:
        services.kommentar_legg_til(punkt=punkt, forfatter=koordinator, tekst="Kommentar")
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert client.get(_url(utkast)).status_code == 200


def test_signing_page_records_a_partys_signature(
    client, koordinator, utkast, helsefellesskap, kommune
):
    from helsefellesskap import services as hf

    ssu = fullt_ssu(helsefellesskap)
    versjon = services.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )
    from django.utils import timezone

    mote = hf.mote_opprett(utfort_av=None, utvalg=ssu, start=timezone.now(), sted="x")
    vedta(
        versjon.behandles_i,
        mote,
        {s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")},
        tekst="Ja",
    )
    client.force_login(koordinator)
    url = f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}/signaturer/"
    html = client.get(url).content.decode()
    assert "0 av 2 parter har signert" in html
    assert (
        f'<option value="{kommune.pk}">' in html
    )  # the coordinator signs for their own municipality
    client.post(
        url,
        {
            "handling": "signer",
            "organisasjon": kommune.pk,
            "navn": "Ola",
            "tittel": "Ordfører",
            "dato": timezone.localdate().isoformat(),
        },
    )
    assert "1 av 2 parter har signert" in client.get(url).content.decode()


def test_a_refused_comment_stays_open_at_its_clause_with_the_reason(client, ansatt, utkast):
    punkt = utkast.punkter.first()
    client.force_login(ansatt)
    url = _url(utkast, f"punkter/{punkt.pk}/kommentarer/")
    tekst = "Gjelder pasient 100224 58200 som ble skrevet ut for tidlig"
    svar = client.post(url, {"tekst": tekst})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert f'id="kommentar-{punkt.pk}-feil">«Kommentar» ser ut til å inneholde' in html
    assert f"{tekst}</textarea>" in html and "«tekst»" not in html
    assert '<details class="ds-details" open>' in html
    tom = client.post(url, {"tekst": "  "})
    assert tom.status_code == 400 and "Skriv en kommentar." in tom.content.decode()
    assert not Kommentar.objects.exists()
    assert client.post(url, {"tekst": "Uklart ansvar"}).status_code == 302
    assert Kommentar.objects.get().tekst == "Uklart ansvar"


def test_the_edit_form_opens_with_the_preview_and_analysis_of_its_text(client, koordinator, utkast):
    """«Rediger» by htmx: the analysis is of the clause's text from the start, not the empty
    text's «Uklar» until the first keystroke; the preview is rendered markup, not escaped."""
    client.force_login(koordinator)
    punkt = utkast.punkter.get(nummer="1.1")
    services.punkt_lagre(
        punkt=punkt,
        utfort_av=None,
        nummer="1.1",
        overskrift="Svar",
        tekst="Kommunen skal svare innen 24 timer. Ved behov kan kommunen ringe.",
        forventet_teller=0,
    )
    svar = client.get(_url(utkast, f"punkter/{punkt.pk}/"), headers={"HX-Request": "true"})
    forhandsvisning = svar.content.decode().split(f'id="forhandsvisning-{punkt.pk}"')[1]
    assert "<p>Kommunen skal svare innen 24 timer." in forhandsvisning
    assert '<mark class="vag">Ved behov</mark>' in forhandsvisning
    assert "&lt;" not in forhandsvisning
    assert "Forpliktende" in forhandsvisning
