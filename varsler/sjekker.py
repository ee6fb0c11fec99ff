"""Deploy check (`manage.py check --deploy`): the links in e-mail go to NETTSTED_URL, so in
production it must be the public https address, not the development default."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOKALE = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 -- refused, not bound


def nettsted_url_feil(url: str) -> str | None:
    """Why e-mail links to this address would not work for the recipients, or None."""
    deler = urlsplit(url)
    if deler.scheme != "https":
        return f"DJANGO_NETTSTED_URL er {url!r}: lenkene i e-post må bruke https://."
    if (deler.hostname or "") in LOKALE or (deler.hostname or "").endswith(".localhost"):
        return (
            f"DJANGO_NETTSTED_URL er {url!r}: lenkene i e-post ville gått til maskinen "
            "mottakeren sitter ved. Sett den offentlige adressen (https://<PUBLIC_HOST>)."
        )
    return None


@checks.register(checks.Tags.security, deploy=True)
def nettsted_url_offentlig(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    grunn = nettsted_url_feil(settings.NETTSTED_URL)
    return [checks.Error(grunn, id="varsler.E001")] if grunn else []
