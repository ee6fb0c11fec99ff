"""Validators for Norwegian register numbers used by the parties."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISASJONSNUMMER_VEKTER = (3, 2, 7, 6, 5, 4, 3, 2)


def organisasjonsnummer_kontrollsiffer(forste_atte: str) -> int | None:
    """Return the mod-11 check digit for the first eight digits, or None if no digit fits.

    Brønnøysundregistrene never issue numbers whose remainder gives 10.
    """
    summen = sum(
        int(siffer) * vekt
        for siffer, vekt in zip(forste_atte, ORGANISASJONSNUMMER_VEKTER, strict=True)
    )
    rest = summen % 11
    if rest == 0:
        return 0
    if rest == 1:
        return None
    return 11 - rest


def er_gyldig_organisasjonsnummer(verdi: str) -> bool:
    if len(verdi) != 9 or not verdi.isascii() or not verdi.isdigit():
        return False
    return organisasjonsnummer_kontrollsiffer(verdi[:8]) == int(verdi[8])


def valider_organisasjonsnummer(verdi: str) -> None:
    if len(verdi) != 9 or not verdi.isascii() or not verdi.isdigit():
        raise ValidationError(
            _("Organisasjonsnummeret må ha nøyaktig 9 sifre (uten mellomrom)."),
            code="organisasjonsnummer_format",
        )
    if not er_gyldig_organisasjonsnummer(verdi):
        raise ValidationError(
            _(
                "Organisasjonsnummeret %(verdi)s har feil kontrollsiffer. "
                "Sjekk nummeret mot Enhetsregisteret."
            ),
            code="organisasjonsnummer_kontrollsiffer",
            params={"verdi": verdi},
        )


def valider_kommunenummer(verdi: str) -> None:
    if len(verdi) != 4 or not verdi.isascii() or not verdi.isdigit():
        raise ValidationError(
            _("Kommunenummeret må ha nøyaktig 4 sifre, for eksempel 3201."),
            code="kommunenummer_format",
        )
    if verdi.startswith("00"):
        raise ValidationError(
            _("%(verdi)s er ikke et kommunenummer: de to første sifrene er fylket."),
            code="kommunenummer_fylke",
            params={"verdi": verdi},
        )
