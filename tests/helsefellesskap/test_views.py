import pytest

from helsefellesskap.models import Medlemskap
from tests.factories import KommuneFactory, MedlemskapFactory


def test_front_page_lists_municipalities_for_a_visitor(client, kommune, helseforetak):
    svar = client.get("/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert kommune.navn in html
    assert f'href="/kommuner/{kommune.kommunenummer}/"' in html
    assert helseforetak.navn in html
    assert 'lang="nb"' in html


def test_front_page_query_count_does_not_grow_with_data(
    client, helsefellesskap, django_assert_max_num_queries
):
    KommuneFactory.create_batch(30, helsefellesskap=helsefellesskap)
    KommuneFactory.create_batch(10)  # in other Helsefellesskap
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200


def test_picker_leads_to_the_municipality(client, kommune):
    svar = client.get("/kommuner/", {"kommune": kommune.kommunenummer})
    assert svar.status_code == 302
    assert svar["Location"] == f"/kommuner/{kommune.kommunenummer}/"


def test_picker_without_choice_shows_the_front_page_with_the_search_kept(client, kommune):
    # Issue 15: the refusal at the field, the text kept, not a redirect that emptied it.
    svar = client.get("/kommuner/", {"kommune": "9999"})
    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'id="id_kommune_feil">Fant ingen kommune som passer til «9999».' in html
    assert 'value="9999" aria-invalid="true"' in html
    tom = client.get("/kommuner/", {"kommune": " "})
    assert tom.status_code == 400
    assert 'id="id_kommune_feil">Skriv navnet eller nummeret på en kommune.' in tom.content.decode()


def test_unknown_municipality_gives_a_norwegian_404(client, db):
    svar = client.get("/kommuner/0000/")
    assert svar.status_code == 404
    assert "Fant ikke siden" in svar.content.decode()


def test_a_health_trust_is_not_a_municipality_page(client, helseforetak):
    assert client.get(f"/kommuner/{helseforetak.organisasjonsnummer}/").status_code == 404


def test_wrong_method_is_405(client, kommune):
    assert client.post("/").status_code == 405
    assert client.get("/logg-ut/").status_code == 405


def test_min_side_lists_my_roles(client, koordinator, kommune, annen_kommune):
    MedlemskapFactory(bruker=koordinator, organisasjon=annen_kommune, rolle="ansatt")
    client.force_login(koordinator)
    html = client.get("/min-side/").content.decode()
    assert "Samhandlingskoordinator" in html
    assert annen_kommune.navn in html


def test_member_list_query_count_is_fixed(
    client, administrator, kommune, django_assert_max_num_queries
):
    MedlemskapFactory.create_batch(25, organisasjon=kommune)
    client.force_login(administrator)
    with django_assert_max_num_queries(6):
        svar = client.get(f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/")
    assert svar.status_code == 200


def test_giving_a_role_to_an_unknown_email_explains_and_changes_nothing(
    client, administrator, kommune
):
    client.force_login(administrator)
    antall = Medlemskap.objects.count()
    svar = client.post(
        f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/",
        {"email": "finnes.ikke@example.no", "rolle": "ansatt"},
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Fant ingen aktiv bruker med e-postadressen finnes.ikke@example.no" in html
    assert 'value="finnes.ikke@example.no"' in html  # what was typed is kept
    assert 'aria-invalid="true"' in html
    assert Medlemskap.objects.count() == antall


def test_giving_a_role_twice_explains_and_changes_nothing(client, administrator, kommune, ansatt):
    client.force_login(administrator)
    svar = client.post(
        f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/",
        {"email": ansatt.email, "rolle": "ansatt"},
    )
    assert svar.status_code == 400
    assert "har allerede rollen ansatt" in svar.content.decode()


def test_removing_the_last_administrator_is_refused(client, administrator, kommune):
    client.force_login(administrator)
    eget = Medlemskap.objects.get(bruker=administrator, organisasjon=kommune)
    svar = client.post(
        f"/organisasjoner/{kommune.organisasjonsnummer}/brukere/{eget.pk}/fjern/", follow=True
    )
    assert "må ha minst én administrator" in svar.content.decode()
    assert Medlemskap.objects.filter(pk=eget.pk).exists()


@pytest.mark.parametrize("url", ["/", "/logg-inn/", "/finnes-ikke/"])
def test_pages_have_landmarks_and_a_skip_link(client, db, url):
    html = client.get(url).content.decode()
    assert 'href="#hovedinnhold"' in html
    assert '<main id="hovedinnhold"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html


def test_front_page_lists_municipalities_in_norwegian_order(client, helsefellesskap):
    for navn in ["Ål kommune", "Asker kommune", "Øvre Eiker kommune"]:
        KommuneFactory(navn=navn, helsefellesskap=helsefellesskap)
    html = client.get("/").content.decode()
    plass = [
        html.index(f">{navn}</a>") for navn in ["Asker kommune", "Øvre Eiker kommune", "Ål kommune"]
    ]
    assert plass == sorted(plass)
