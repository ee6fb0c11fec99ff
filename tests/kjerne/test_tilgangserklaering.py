"""Deny by default: every view declares who may use it, and one that does not is refused."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kjerne.tilgang import SELVBESKYTTEDE_NAVNEROM


def _alle_monstre(resolver: URLResolver, navnerom=""):
    for monster in resolver.url_patterns:
        if isinstance(monster, URLResolver):
            yield from _alle_monstre(monster, monster.namespace or navnerom)
        elif isinstance(monster, URLPattern):
            yield navnerom, monster


def test_every_view_declares_who_may_use_it():
    udeklarerte = [
        str(monster.pattern)
        for navnerom, monster in _alle_monstre(get_resolver())
        if navnerom not in SELVBESKYTTEDE_NAVNEROM
        and not getattr(monster.callback, "tilgang", None)
    ]
    assert udeklarerte == []


@pytest.mark.urls("tests.kjerne.urls_udeklarert")
def test_a_view_without_declaration_is_refused(client, systemforvalter):
    client.force_login(systemforvalter)
    assert client.get("/udeklarert/").status_code == 403
    assert client.get("/deklarert/").status_code == 200


def test_htmx_request_without_login_gets_a_client_redirect_not_a_login_page(client):
    svar = client.get(
        "/min-side/",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/kommuner/3201/"},
    )
    assert svar.status_code == 200
    assert svar["HX-Redirect"] == "/logg-inn/?next=%2Fkommuner%2F3201%2F"
    assert svar.content == b""
