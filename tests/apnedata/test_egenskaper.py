"""Property-based test of the API against its own OpenAPI description (schemathesis): on the
demo data, every operation with generated parameters answers without a server error, with a
status code, media type and body the description promises. Bounded (MAKS_EKSEMPLER per
operation) so it runs in well under a minute on either database."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

MAKS_EKSEMPLER = 20
KONTROLLER = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi():
    """The whole application, every middleware included, as a client outside meets it; kept
    from closing the test's database connection at the start and end of each request, as
    Django's own test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_every_operation_keeps_to_its_openapi_description(demo, settings, wsgi):
    settings.FARTSGRENSER = {**settings.FARTSGRENSER, "api": (10**6, 60)}
    skjema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi)
    operasjoner = [resultat.ok() for resultat in skjema.get_all_operations()]
    assert len(operasjoner) >= 18
    kalt = []
    for operasjon in operasjoner:

        @given(case=operasjon.as_strategy())
        @hypothesis_settings(
            max_examples=MAKS_EKSEMPLER,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def sjekk(case):
            case.call_and_validate(checks=KONTROLLER)
            kalt.append(case.operation.label)

        sjekk()
    assert {o.label for o in operasjoner} == set(kalt)
