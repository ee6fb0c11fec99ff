"""The accessibility and privacy statements: public, linked from every page, edited by
administrators with history."""

import pytest
from django.test import Client

from helsefellesskap.models import Erklaering
from helsefellesskap.views.erklaeringer import Blokk, blokker

SIDER = ["/tilgjengelighet/", "/personvern/"]
IKKE_ADMIN = ["anonym", "ansatt", "koordinator", "administrator"]

# The privacy statement states the security log's retention by this marker (issue 15).
LOGGTID = "{oppbevaring_sikkerhetslogg}"


def test_the_accessibility_statement_is_public_with_the_default_text(client, db):
    svar = client.get("/tilgjengelighet/")
    assert svar.status_code == 200
    html = svar.content.decode()
    # A soft hyphen lets the long word break on a phone.
    assert '<h1 class="ds-heading" data-size="lg">Tilgjengelighets\u00aderklæring</h1>' in html
    assert "WCAG 2.1 på nivå AA" in html
    assert '<h2 class="ds-heading" data-size="sm">Kjente mangler</h2>' in html
    assert "ikke testet manuelt med skjermleser" in html
    assert "uutilsynet.no" in html and "Sist endret" in html
    assert "Rediger" not in html


def test_the_privacy_statement_is_public_and_says_patient_data_is_refused(client, db):
    svar = client.get("/personvern/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Personvernerklæring" in html
    # Issue 15: what is screened and how.
    assert "felles hjelpenummer (FH-nummer), også etter reglene som gjelder fra 2032" in html
    assert "«dd.mm.åå nnnnn»" in html and "Nummeret skrives ikke i noen logg." in html
    assert "«dd.mm.åååå nnnnn»" in html and "«pnr»" in html and "«KID»" in html
    assert "Opplysninger om utvalgsmedlemmer" in html and "Datatilsynet" in html
    assert '<ul class="ds-list"><li>navn og e-postadresse</li>' in html


def test_the_shipped_texts_come_with_a_first_history_row(db):
    for erklaering in Erklaering.objects.all():
        assert erklaering.history.get().history_change_reason == "Standardtekst"
    assert Erklaering.objects.count() == 2


def test_an_emptied_table_still_shows_the_shipped_text(client, db):
    Erklaering.objects.all().delete()
    html = client.get("/personvern/").content.decode()
    assert "Ingen pasientopplysninger" in html and "Sist endret" not in html


def test_every_page_links_to_both_statements_in_the_footer(client, kommune):
    html = client.get(f"/kommuner/{kommune.kommunenummer}/").content.decode()
    bunn = html[html.index('<footer class="bunn">') :]
    assert '<a class="ds-link" href="/tilgjengelighet/">Tilgjengelighetserklæring</a>' in bunn
    assert '<a class="ds-link" href="/personvern/">Personvernerklæring</a>' in bunn


@pytest.mark.parametrize("side", SIDER)
@pytest.mark.parametrize("bruker", IKKE_ADMIN)
def test_only_administrators_may_edit(som, bruker, side, kommune):
    for_ = list(Erklaering.objects.values_list("tekst", flat=True))
    client = som(bruker)
    for svar in (
        client.get(f"{side}rediger/"),
        client.post(f"{side}rediger/", {"tekst": "Kapret."}),
    ):
        if bruker == "anonym":
            assert svar.status_code == 302
            assert svar["Location"].startswith(f"/logg-inn/?next={side}rediger/")
        else:
            assert svar.status_code == 403
    assert list(Erklaering.objects.values_list("tekst", flat=True)) == for_
    assert "Rediger" not in client.get(side).content.decode()


def test_an_administrator_edits_and_the_new_text_shows_with_history(client, systemforvalter):
    client.force_login(systemforvalter)
    assert 'href="/tilgjengelighet/rediger/"' in client.get("/tilgjengelighet/").content.decode()
    skjema = client.get("/tilgjengelighet/rediger/").content.decode()
    assert "WCAG 2.1" in skjema and 'name="tekst"' in skjema
    ny = "Vi følger WCAG 2.1 AA.\n\n## Kontakt\nSkriv til uu@example.no.\n\n<script>x</script>"
    svar = client.post("/tilgjengelighet/rediger/", {"tekst": ny}, follow=True)
    assert svar.redirect_chain == [("/tilgjengelighet/", 302)]
    html = svar.content.decode()
    assert "Tilgjengelighetserklæring er lagret." in html
    assert '<p class="ds-paragraph">Vi følger WCAG 2.1 AA.</p>' in html
    assert '<h2 class="ds-heading" data-size="sm">Kontakt</h2>' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert "Kjente mangler" not in html
    erklaering = Erklaering.objects.get(type="tilgjengelighet")
    assert erklaering.endret_av == systemforvalter
    siste, forste = erklaering.history.all()[:2]
    assert siste.tekst == ny
    assert siste.history_user == systemforvalter
    assert systemforvalter.email in siste.history_change_reason
    assert "Kjente mangler" in forste.tekst


@pytest.mark.parametrize("tom", ["", "   \n  "])
def test_an_empty_text_is_refused_with_a_message_and_nothing_is_lost(client, systemforvalter, tom):
    client.force_login(systemforvalter)
    for_ = Erklaering.objects.get(type="personvern").tekst
    svar = client.post("/personvern/rediger/", {"tekst": tom})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Skriv teksten i erklæringen. En tom erklæring kan ikke lagres" in html
    assert 'aria-invalid="true"' in html and '<a class="ds-link" href="#id_tekst">' in html
    assert Erklaering.objects.get(type="personvern").tekst == for_
    assert Erklaering.objects.get(type="personvern").history.count() == 1
    assert "Ingen pasientopplysninger" in client.get("/personvern/").content.decode()


def test_saving_without_the_csrf_token_is_refused(systemforvalter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(systemforvalter)
    for_ = Erklaering.objects.get(type="personvern").tekst
    assert client.post("/personvern/rediger/", {"tekst": "Uten token."}).status_code == 403
    assert Erklaering.objects.get(type="personvern").tekst == for_
    skjema = client.get("/personvern/rediger/")
    token = skjema.cookies["csrftoken"].value
    svar = client.post(
        "/personvern/rediger/", {"tekst": f"Med token. {LOGGTID}", "csrfmiddlewaretoken": token}
    )
    assert svar.status_code == 302
    assert Erklaering.objects.get(type="personvern").tekst == f"Med token. {LOGGTID}"


def test_the_first_save_after_an_emptied_table_creates_the_row(client, systemforvalter):
    Erklaering.objects.all().delete()
    client.force_login(systemforvalter)
    svar = client.post("/personvern/rediger/", {"tekst": f"Ny tekst. {LOGGTID}"})
    assert svar.status_code == 302
    assert Erklaering.objects.get(type="personvern").history.get().history_type == "+"


def test_the_admin_shows_the_history_read_only(client, systemforvalter):
    client.force_login(systemforvalter)
    erklaering = Erklaering.objects.get(type="personvern")
    assert (
        client.get(f"/admin/helsefellesskap/erklaering/{erklaering.pk}/history/").status_code == 200
    )
    assert (
        client.post(
            f"/admin/helsefellesskap/erklaering/{erklaering.pk}/change/", {"tekst": "Via admin."}
        ).status_code
        == 403
    )
    assert Erklaering.objects.get(type="personvern").tekst == erklaering.tekst


def test_wrong_method_is_405(client, db):
    assert client.post("/personvern/").status_code == 405


def test_blocks_are_headings_lists_and_paragraphs():
    assert blokker("## Tittel\nTekst her\nog her.\n\n- a\n- b\n\n\n\nSlutt.") == [
        Blokk("overskrift", "Tittel"),
        Blokk("avsnitt", "Tekst her\nog her."),
        Blokk("liste", punkter=["a", "b"]),
        Blokk("avsnitt", "Slutt."),
    ]
    assert blokker("Vi lagrer:\r\n- navn\r\n- e-post\r\n\r\n-ikke punkt") == [
        Blokk("avsnitt", "Vi lagrer:"),
        Blokk("liste", punkter=["navn", "e-post"]),
        Blokk("avsnitt", "-ikke punkt"),
    ]
    assert blokker("  \n\n") == []


@pytest.mark.parametrize("navn", ["0010_personvern_skjerming", "0013_personvern_skjerming_utvidet"])
def test_a_stored_statement_with_the_old_paragraph_gets_the_new_one(db, navn):
    """Issue 15: the privacy statement says what is screened; a text the administrators
    rewrote is left alone. The shipped text has the newest paragraph."""
    import importlib

    from django.apps import apps

    from helsefellesskap.models.erklaeringer import PERSONVERN

    migrering = importlib.import_module(f"helsefellesskap.migrations.{navn}")
    siste = importlib.import_module("helsefellesskap.migrations.0013_personvern_skjerming_utvidet")
    assert siste.NY in PERSONVERN
    personvern = Erklaering.objects.get(type="personvern")
    personvern.tekst = personvern.tekst.replace(siste.NY, migrering.GAMMEL)
    personvern.save()
    migrering.oppdater(apps, None)
    personvern.refresh_from_db()
    assert migrering.NY in personvern.tekst and migrering.GAMMEL not in personvern.tekst
    personvern.tekst = "Egen tekst."
    personvern.save()
    migrering.oppdater(apps, None)
    personvern.refresh_from_db()
    assert personvern.tekst == "Egen tekst."
