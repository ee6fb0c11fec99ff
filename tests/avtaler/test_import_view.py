import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from avtaler.models import Avtale, Avtaleversjon
from tests.avtaler.test_importering import FELLER


def _last_opp(client, data: bytes, navn="avtale.txt"):
    return client.post(
        "/avtaler/importer/", {"handling": "vis", "fil": SimpleUploadedFile(navn, data)}
    )


@pytest.mark.parametrize(
    ("bruker", "status"),
    [
        ("anonym", 302),
        ("ansatt", 403),
        ("sekretaer", 403),
        ("koordinator", 200),
        ("administrator", 200),
    ],
)
def test_who_may_import(client, request, bruker, status, kommune):
    if bruker != "anonym":
        client.force_login(request.getfixturevalue(bruker))
    assert client.get("/avtaler/importer/").status_code == status


def test_upload_preview_then_create_a_draft(client, koordinator, kommune, helseforetak):
    client.force_login(koordinator)
    svar = _last_opp(client, FELLER.read_bytes())
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "ble lest som 7 punkter" in html
    assert "Fjernet 6 linjer" in html
    assert "Innleggelsesvarsel" in html
    assert not Avtale.objects.exists()  # nothing is stored before the user confirms

    svar = client.post(
        "/avtaler/importer/",
        {
            "handling": "importer",
            "helsefellesskap": kommune.helsefellesskap_id,
            "type": "retningslinje",
            "tittel": "Retningslinje for utskrivning",
        },
    )
    versjon = Avtaleversjon.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == f"/avtaler/{versjon.avtale_id}/versjoner/1/"
    assert versjon.tilstand == "utkast"
    assert versjon.punkter.count() == 7
    assert set(versjon.parter.all()) == {kommune, helseforetak}
    side = client.get(svar["Location"]).content.decode()
    assert "er importert som utkast med 7 punkter" in side


def test_a_bad_file_is_refused_with_the_reason_and_nothing_is_stored(client, koordinator):
    client.force_login(koordinator)
    svar = _last_opp(client, b"\x00\x01\x02")
    assert svar.status_code == 400
    assert "binær" in svar.content.decode()
    assert not Avtale.objects.exists()


def test_missing_topic_for_a_delavtale_keeps_the_preview(client, koordinator, kommune):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    svar = client.post(
        "/avtaler/importer/",
        {
            "handling": "importer",
            "helsefellesskap": kommune.helsefellesskap_id,
            "type": "delavtale",
            "tittel": "X",
        },
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "En delavtale må ha et § 6-2-tema." in html
    assert "Innleggelsesvarsel" in html
    assert not Avtale.objects.exists()


def test_cannot_import_into_another_helsefellesskap(client, koordinator):
    from tests.factories import HelsefellesskapFactory

    annet = HelsefellesskapFactory()
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    svar = client.post(
        "/avtaler/importer/",
        {"handling": "importer", "helsefellesskap": annet.pk, "type": "overordnet", "tittel": "X"},
    )
    assert svar.status_code == 400
    assert not Avtale.objects.exists()


def _linje(tekst: str) -> int:
    """The line number of the first line in FELLER that contains ``tekst``."""
    for nr, linje in enumerate(FELLER.read_text(encoding="utf-8").split("\n"), start=1):
        if tekst in linje:
            return nr
    raise AssertionError(tekst)


def test_the_preview_shows_each_remark_at_its_line(client, koordinator):
    client.force_login(koordinator)
    html = _last_opp(client, FELLER.read_bytes()).content.decode()
    nr = _linje("7. Ikrafttredelse")
    assert f'href="#linje-{nr}"' in html
    rad = html[html.index(f'id="linje-{nr}"') :]
    rad = rad[: rad.index("</li>")]
    assert "passer ikke i rekkefølgen etter 5" in rad
    assert "Sikkerhet: lav" in html


def test_a_correction_without_javascript_redirects_back_to_the_line(client, koordinator):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    nr = _linje("7. Ikrafttredelse")
    svar = client.post(
        "/avtaler/importer/", {"handling": "rett", "rett": f"overskrift:{nr}", f"nummer-{nr}": "6"}
    )
    assert svar.status_code == 302
    assert svar["Location"] == f"/avtaler/importer/#linje-{nr}"
    html = client.get("/avtaler/importer/").content.decode()
    assert "ble lest som 8 punkter" in html
    assert not Avtale.objects.exists()


def test_a_correction_with_htmx_returns_the_preview_fragment(client, koordinator):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    nr = _linje("Meldingen kan sendes hele døgnet")
    svar = client.post(
        "/avtaler/importer/", {"handling": "rett", "rett": f"sammen:{nr}"}, HTTP_HX_REQUEST="true"
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert html.lstrip().startswith('<div id="forhandsvisning"')
    assert "<html" not in html
    assert "Du har rettet 1 linje." in html
    svar = client.post(
        "/avtaler/importer/", {"handling": "rett", "rett": f"angre:{nr}"}, HTTP_HX_REQUEST="true"
    )
    assert "Du har rettet" not in svar.content.decode()


def test_corrections_are_what_gets_saved(client, koordinator, kommune):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    nr = _linje("7. Ikrafttredelse")
    client.post(
        "/avtaler/importer/", {"handling": "rett", "rett": f"overskrift:{nr}", f"nummer-{nr}": "6"}
    )
    client.post(
        "/avtaler/importer/",
        {
            "handling": "importer",
            "helsefellesskap": kommune.helsefellesskap_id,
            "type": "retningslinje",
            "tittel": "Retningslinje",
        },
    )
    versjon = Avtaleversjon.objects.get()
    assert versjon.punkter.get(nummer="6").overskrift == "Ikrafttredelse"


def test_an_unknown_correction_is_refused_and_changes_nothing(client, koordinator):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    svar = client.post("/avtaler/importer/", {"handling": "rett", "rett": "slett:3"})
    assert svar.status_code == 400
    assert "Ukjent retting" in svar.content.decode()
    assert client.session["avtaleimport"]["overstyringer"] == {}


def test_cancel_forgets_the_file(client, koordinator):
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    svar = client.post("/avtaler/importer/", {"handling": "avbryt"})
    assert svar.status_code == 302
    assert "avtaleimport" not in client.session
    assert "Les filen" in client.get("/avtaler/importer/").content.decode()


def test_a_refusal_names_the_real_format(client, koordinator):
    client.force_login(koordinator)
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as arkiv:
        arkiv.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    svar = _last_opp(client, odt.getvalue(), navn="avtale.docx")
    assert svar.status_code == 400
    assert "Filen er en OpenDocument-tekst (.odt)" in svar.content.decode()


def test_a_pdf_can_be_imported_in_the_browser(client, koordinator):
    client.force_login(koordinator)
    pdf = Path(__file__).parent / "korpus" / "filer" / "vestre_viken_henvisning.pdf"
    html = _last_opp(client, pdf.read_bytes(), navn="avtale.pdf").content.decode()
    assert "(PDF) ble lest som 12 punkter" in html
    assert "Sikkerhet: høy" in html


def test_a_correction_keeps_the_details_the_coordinator_typed(client, koordinator, kommune):
    """Nothing typed is lost on the way (house rule): a line correction swaps the whole
    preview, and the title, type and parties sent along with it come back filled in."""
    client.force_login(koordinator)
    _last_opp(client, FELLER.read_bytes())
    svar = client.post(
        "/avtaler/importer/",
        {
            "handling": "rett",
            "rett": "angre:3",
            "helsefellesskap": kommune.helsefellesskap_id,
            "type": "retningslinje",
            "tittel": "Min egen tittel",
            "parter": [kommune.pk],
        },
        HTTP_HX_REQUEST="true",
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'value="Min egen tittel"' in html
    assert 'value="retningslinje" selected' in html
    assert f'value="{kommune.pk}" selected' in html
    # A reload of the page (no JavaScript) keeps them too.
    assert 'value="Min egen tittel"' in client.get("/avtaler/importer/").content.decode()


def test_no_file_chosen_says_so(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/avtaler/importer/", {"handling": "vis"})
    assert svar.status_code == 400
    assert "Velg filen med avtalen." in svar.content.decode()
