"""A wide table scrolls in its own labelled frame that a keyboard reaches, and every such
frame in the templates comes from the one tag."""

from pathlib import Path

from django.conf import settings
from django.template import Context, Template


def test_the_frame_is_a_labelled_region_in_the_tab_order():
    mal = Template(
        '{% load komponenter %}{% tabellramme _("Signaturer per part") %}<table></table>'
        "{% endtabellramme %}{% tabellramme navn %}x{% endtabellramme %}"
    )
    html = mal.render(Context({"navn": "Vestre Viken <HF>"}))
    assert html == (
        '<div class="tabellramme" tabindex="0" role="region" aria-label="Signaturer per part">'
        "<table></table></div>"
        '<div class="tabellramme" tabindex="0" role="region" aria-label="Vestre Viken &lt;HF&gt;">'
        "x</div>"
    )


def test_no_template_writes_the_frame_by_hand():
    """A hand-written frame would miss the tab stop or the label (axe
    scrollable-region-focusable on a phone)."""
    maler = Path(settings.BASE_DIR, "templates").rglob("*.html")
    for hand in [m for m in maler if 'class="tabellramme' in m.read_text()]:
        raise AssertionError(f"{hand}: bruk {{% tabellramme %}}")
