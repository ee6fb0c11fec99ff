from functools import cache

from django.http import HttpRequest


def uleste(request: HttpRequest) -> dict:
    """The unread count in the header: one query, and only on pages that show it."""
    if not request.user.is_authenticated:
        return {}
    from varsler.tjenester import antall_uleste

    @cache
    def antall() -> int:
        return antall_uleste(request.user)

    return {"varsler_uleste": antall}
