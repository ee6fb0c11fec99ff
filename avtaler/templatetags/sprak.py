from django import template
from django.utils.translation import gettext_lazy as _

from avtaler.sprak.data import (
    BESKRIVELSE,
    FORBUD,
    FORPLIKTENDE,
    INTENSJON,
    RETTIGHET,
    UKLAR,
    VILKAR,
)

register = template.Library()

NIVANAVN = {
    FORPLIKTENDE: _("Forpliktende"),
    FORBUD: _("Forbud"),
    VILKAR: _("Vilkår"),
    RETTIGHET: _("Rettighet"),
    INTENSJON: _("Intensjon"),
    UKLAR: _("Uklar"),
    BESKRIVELSE: _("Beskrivelse"),
}
# Designsystemet colours: binding green, conditions and rights blue, weak yellow.
_FARGER = {FORPLIKTENDE: "success", FORBUD: "success", VILKAR: "info", RETTIGHET: "info"}
_FARGER |= {INTENSJON: "warning", UKLAR: "warning"}


@register.filter
def niva_navn(niva: str) -> str:
    """A level of the language check as the user reads it."""
    return NIVANAVN.get(niva, niva)


@register.filter
def niva_farge(niva: str) -> str:
    return _FARGER.get(niva, "neutral")
