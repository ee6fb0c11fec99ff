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
