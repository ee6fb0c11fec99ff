"""The organisation number is read from authorization_details in the forms Ansattporten uses;
anything else gives no organisation (and so no login)."""

from hypothesis import given
from hypothesis import strategies as st

from sikkerhet.ansattporten.organisasjon import organisasjonsnumre

RESSURS = {
    "type": "ansattporten:altinn:resource",
    "resource": "urn:altinn:resource:samhandling",
    "authorized_parties": [
        {
            "orgno": {"authority": "iso6523-actorid-upis", "ID": "0192:964338531"},
            "name": "DRAMMEN KOMMUNE",
            "unit_type": "KOMM",
        }
    ],
}


def test_altinn_resource_authorized_party():
    assert organisasjonsnumre({"authorization_details": [RESSURS]}) == ["964338531"]


def test_altinn_service_reportee():
    detalj = {
        "type": "ansattporten:altinn:service",
        "resource": "urn:altinn:resource:5613:1",
        "reportees": [
            {
                "Rights": ["Read"],
                "Authority": "iso6523-actorid-upis",
                "ID": "0192:983971636",
                "Name": "VESTRE VIKEN HF",
            }
        ],
    }
    assert organisasjonsnumre({"authorization_details": [detalj]}) == ["983971636"]


def test_employer_organisation_number():
    detalj = {"type": "ansattporten:orgno", "orgno": {"ID": "0192:964338531"}}
    assert organisasjonsnumre({"authorization_details": [detalj]}) == ["964338531"]


def test_a_single_object_instead_of_a_list_is_read_too():
    assert organisasjonsnumre({"authorization_details": RESSURS}) == ["964338531"]


def test_several_parties_keep_the_tokens_order_without_repeats():
    detalj = dict(
        RESSURS,
        authorized_parties=[
            {"orgno": {"ID": "0192:983971636"}},
            {"orgno": {"ID": "0192:964338531"}},
            {"orgno": {"ID": "0192:983971636"}},
        ],
    )
    assert organisasjonsnumre({"authorization_details": [detalj]}) == ["983971636", "964338531"]


def test_no_organisation_when_the_person_acts_for_themselves():
    assert organisasjonsnumre({"sub": "x"}) == []
    assert organisasjonsnumre({"authorization_details": []}) == []


def test_other_registers_types_and_malformed_numbers_are_ignored():
    detaljer = [
        dict(RESSURS, authorized_parties=[{"orgno": {"ID": "9908:964338531"}}]),
        dict(RESSURS, authorized_parties=[{"orgno": {"ID": "0192:96433853"}}]),
        dict(RESSURS, authorized_parties=[{"orgno": {"ID": "0192:96433853x"}}]),
        dict(RESSURS, type="noe:annet"),
        {"type": "ansattporten:orgno", "orgno": 964338531},
        "tekst",
    ]
    assert organisasjonsnumre({"authorization_details": detaljer}) == []


json_verdier = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda indre: (
        st.lists(indre, max_size=4) | st.dictionaries(st.text(max_size=10), indre, max_size=4)
    ),
    max_leaves=20,
)


@given(json_verdier)
def test_any_json_gives_a_list_of_nine_digit_numbers_and_never_an_error(verdi):
    for krav in ({"authorization_details": verdi}, {"authorization_details": [verdi]}):
        numre = organisasjonsnumre(krav)
        assert all(len(n) == 9 and n.isdigit() for n in numre)
