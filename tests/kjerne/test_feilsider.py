"""The error pages are Norwegian pages of the site, not Django's defaults."""

from django.test import Client

from tests.factories import PASSORD


def test_forms_without_csrf_token_are_refused_in_norwegian(ansatt):
    client = Client(enforce_csrf_checks=True)
    svar = client.post("/logg-inn/", {"username": ansatt.email, "password": PASSORD})
    assert svar.status_code == 403
    assert "Skjemaet er utløpt" in svar.content.decode()
