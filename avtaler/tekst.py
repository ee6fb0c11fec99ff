"""Clause text: a small Markdown subset rendered with raw HTML disabled.

Paragraphs, bullet and numbered lists, emphasis and links. Whatever a user writes,
no HTML of theirs reaches a page: markdown-it escapes it, and links may only be
http(s) or mailto.
"""

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False}).enable(
    ["paragraph", "list", "emphasis", "link", "newline", "escape", "entity"]
)
_TILLATTE_LENKER = ("http://", "https://", "mailto:")


def _valider_lenke(url: str) -> bool:
    return url.strip().lower().startswith(_TILLATTE_LENKER)


_md.validateLink = _valider_lenke


@lru_cache(maxsize=8192)
def _render(tekst: str) -> str:
    return _md.render(tekst)


def render_tekst(tekst: str) -> SafeString:
    """Render clause text to HTML. Signed text never changes, so results are cached."""
    return mark_safe(_render(tekst))  # noqa: S308 - markdown-it escapes all input HTML
