"""`manage.py sprakanalyse FILE`: one JSON object per sentence, as issue #21 specifies."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_prints_one_json_object_per_line(tmp_path, capsys):
    fil = tmp_path / "setninger.txt"
    fil.write_text(
        "Avtalen kan sies opp skriftlig med ett års frist.\n\n"
        "Drammen kommune skal ved behov varsle helseforetaket.\n"
        "Fastlegane skal delta i møta.\n",
        encoding="utf-8",
    )
    call_command("sprakanalyse", str(fil))
    linjer = [json.loads(linje) for linje in capsys.readouterr().out.splitlines()]
    assert [list(linje) for linje in linjer] == [
        ["setning", "niva", "regel", "ansvarlig", "ikke_part", "vage"]
    ] * 3
    assert linjer[0]["niva"] == "rettighet" and "passiv" in linjer[0]["regel"]
    assert linjer[1] == {
        "setning": "Drammen kommune skal ved behov varsle helseforetaket.",
        "niva": "forpliktende",
        "regel": "Forpliktende: «skal»",
        "ansvarlig": ["kommunen"],
        "ikke_part": [],
        "vage": ["ved behov"],
    }
    assert linjer[2]["ikke_part"] == ["fastlegen"] and linjer[2]["ansvarlig"] == []


def test_a_missing_or_non_utf8_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Kan ikke lese"):
        call_command("sprakanalyse", str(tmp_path / "finnes-ikke.txt"))
    fil = tmp_path / "latin1.txt"
    fil.write_bytes("Kommunen skal svare på søknaden.".encode("latin-1"))
    with pytest.raises(CommandError, match="ikke en UTF-8-fil"):
        call_command("sprakanalyse", str(fil))
