"""The log shows real errors: a refused request is one warning line, never a traceback."""

import io
import logging

import pytest
from django.test import override_settings
from django.urls import path

from kjerne.tilgang import innlogget


@innlogget
def _feiler(request):
    raise RuntimeError("en ekte feil")


urlpatterns = [path("feiler/", _feiler)]


@pytest.fixture
def logg():
    """What the configured console handler (settings.LOGGING) writes."""
    (konsoll,) = [h for h in logging.getLogger().handlers if h.filters]
    skrevet = io.StringIO()
    gammel = konsoll.setStream(skrevet)
    yield skrevet
    konsoll.setStream(gammel)


def test_a_forbidden_page_is_one_line_in_the_log(client, ansatt, logg):
    client.force_login(ansatt)
    # An employee may not see the security log: PermissionDenied inside the view.
    assert client.get("/sikkerhetslogg/").status_code == 403
    logg = logg.getvalue()
    assert "Forbidden" in logg and "/sikkerhetslogg/" in logg
    assert "Traceback" not in logg
    assert len(logg.strip().splitlines()) == 1


@override_settings(ROOT_URLCONF=__name__)
def test_a_real_error_keeps_its_traceback(client, ansatt, logg):
    client.force_login(ansatt)
    client.raise_request_exception = False
    assert client.get("/feiler/").status_code == 500
    logg = logg.getvalue()
    assert "Traceback" in logg and "RuntimeError: en ekte feil" in logg


pytestmark = pytest.mark.django_db
