"""PDF from HTML with WeasyPrint: archival PDF/A, fonts from the project's own packages."""

from django.conf import settings
from django.template.loader import render_to_string


def html_til_pdf(mal: str, kontekst: dict) -> bytes:
    """Render a template to PDF/A-3u. Fonts are loaded from node_modules, never fetched."""
    from weasyprint import HTML  # heavy import, only where PDFs are made

    html = render_to_string(mal, kontekst)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/a-3u")
