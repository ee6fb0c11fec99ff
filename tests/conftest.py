import pytest

from helsefellesskap.models import Medlemskap
from tests.factories import (
    HelsefellesskapFactory,
    HelseforetakFactory,
    KommuneFactory,
    MedlemskapFactory,
    UserFactory,
)

Rolle = Medlemskap.Rolle


@pytest.fixture(autouse=True)
def _tom_cache():
    """Each test starts with no rate-limit counts (the cache is per process)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def helsefellesskap(db):
    return HelsefellesskapFactory(navn="Helsefellesskap Test", kortnavn="test")


@pytest.fixture
def kommune(helsefellesskap):
    return KommuneFactory(navn="Testby kommune", helsefellesskap=helsefellesskap)


@pytest.fixture
def annen_kommune(helsefellesskap):
    return KommuneFactory(navn="Nabo kommune", helsefellesskap=helsefellesskap)


@pytest.fixture
def helseforetak(helsefellesskap):
    return HelseforetakFactory(navn="Test HF", helsefellesskap=helsefellesskap)


def _bruker_med_rolle(organisasjon, rolle):
    return MedlemskapFactory(organisasjon=organisasjon, rolle=rolle).bruker


@pytest.fixture
def administrator(kommune):
    return _bruker_med_rolle(kommune, Rolle.ADMINISTRATOR)


@pytest.fixture
def koordinator(kommune):
    return _bruker_med_rolle(kommune, Rolle.SAMHANDLINGSKOORDINATOR)


@pytest.fixture
def sekretaer(kommune):
    return _bruker_med_rolle(kommune, Rolle.UTVALGSSEKRETAER)


@pytest.fixture
def ansatt(kommune):
    return _bruker_med_rolle(kommune, Rolle.ANSATT)


@pytest.fixture
def utenforstaende(annen_kommune):
    """An administrator, but of another organisation."""
    return _bruker_med_rolle(annen_kommune, Rolle.ADMINISTRATOR)


@pytest.fixture
def uten_rolle(db):
    return UserFactory()


@pytest.fixture
def systemforvalter(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def som(request, client, db):
    """Log the client in as the named fixture user (or not at all for 'anonym'). Asks for db
    itself: users fetched by name are invisible to pytest-django's ordering, which would
    otherwise run such tests after the browser tests and leave a pooled connection open."""

    def logg_inn(navn):
        if navn != "anonym":
            client.force_login(request.getfixturevalue(navn))
        return client

    return logg_inn


@pytest.fixture(scope="session")
def oidc_leverandor(tmp_path_factory):
    """The local OpenID Connect provider shaped like Ansattporten (tests/oidc/provider.mjs)."""
    import os

    from tests import oidc

    if grunn := oidc.mangler():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, men {grunn}")
        pytest.skip(grunn)
    leverandor = oidc.start(tmp_path_factory.mktemp("oidc"))
    yield leverandor
    oidc.stopp(leverandor)


@pytest.fixture
def ansattporten(settings, oidc_leverandor):
    """Ansattporten turned on against the local provider."""
    settings.ANSATTPORTEN = oidc_leverandor.innstillinger()
    return oidc_leverandor


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost, with the settings pointed at it."""
    from tests.smtphjelp import Smtptjener

    tjener = Smtptjener()
    tjener.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = tjener.port
    settings.EMAIL_TIMEOUT = 5
    try:
        yield tjener
    finally:
        tjener.stopp()
