"""Shared page parts that need more than an include."""

from django import template
from django.utils.html import format_html

register = template.Library()


class _Tabellramme(template.Node):
    def __init__(self, etikett: template.base.FilterExpression, innhold: template.NodeList):
        self.etikett = etikett
        self.innhold = innhold

    def render(self, context) -> str:
        return format_html(
            '<div class="tabellramme" tabindex="0" role="region" aria-label="{}">{}</div>',
            self.etikett.resolve(context),
            self.innhold.render(context),
        )


@register.tag
def tabellramme(parser, token):
    """A table wider than a phone scrolls inside its own frame, never the page: the frame is a
    labelled region in the tab order, so a keyboard user can scroll it too (axe
    scrollable-region-focusable).
    Usage: {% tabellramme _("Signaturer") %}<table>…</table>{% endtabellramme %}.
    Every wide table goes through this tag (tests/kjerne/test_tabellramme.py)."""
    biter = token.split_contents()
    if len(biter) != 2:
        raise template.TemplateSyntaxError("{% tabellramme etikett %} tar én etikett")
    innhold = parser.parse(("endtabellramme",))
    parser.delete_first_token()
    return _Tabellramme(parser.compile_filter(biter[1]), innhold)
