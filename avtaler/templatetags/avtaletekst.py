from django import template
from django.utils.formats import date_format

from avtaler.tekst import render_tekst

register = template.Library()


@register.filter
def avtaletekst(tekst: str):
    """Clause text (the Markdown subset) as safe HTML."""
    return render_tekst(tekst or "")


@register.filter
def gjennomgang_forfalt(versjon, dato) -> bool:
    """{% if v|gjennomgang_forfalt:dato %}: Avtaleversjon.gjennomgang_forfalt in a template."""
    return versjon.gjennomgang_forfalt(dato)


@register.filter
def dato(verdi) -> str:
    """A date as dd.mm.åååå, the one date format of the product."""
    return date_format(verdi, "d.m.Y") if verdi else ""
