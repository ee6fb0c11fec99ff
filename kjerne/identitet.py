"""One spelling of a user's identity (the e-mail address), for the password check, the lockout,
the rate limit and the security log alike.

`SPRAY@…`, ` spray@…`, `ｓｐｒａｙ@…` (full width) and `spray@…` are the same person: if each
spelling were its own key, each would get its own five guesses before the lockout."""

import unicodedata

from django import forms


def normaliser_epost(tekst: str) -> str:
    """NFKC (full-width and other compatibility forms become plain letters), no whitespace or
    invisible format characters anywhere (an address holds none), then casefold."""
    tekst = unicodedata.normalize("NFKC", str(tekst or ""))
    tekst = "".join(t for t in tekst if not t.isspace() and unicodedata.category(t) != "Cf")
    return tekst.casefold()


def brukernavn_for_axes(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the normalised name, wherever axes reads it from."""
    if credentials:
        navn = credentials.get("username")
    else:
        navn = getattr(request, "POST", {}).get("username")
    return None if navn is None else normaliser_epost(navn)


class EpostFelt(forms.EmailField):
    """An e-mail field that hands on the normalised address (and validates that)."""

    def to_python(self, value):
        value = super().to_python(value)
        return normaliser_epost(value) if value else value
