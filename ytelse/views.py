from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kjerne.tilgang import offentlig


@offentlig
@require_GET
def grunnlinje(request: HttpRequest) -> HttpResponse:
    """The trivial view the benchmark measures pages against: the whole middleware stack, no
    database, no template. Served only when DJANGO_YTELSE_GRUNNLINJE=1."""
    return HttpResponse("ok", content_type="text/plain")
