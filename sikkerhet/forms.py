from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kjerne.forms import DsSkjema
from kjerne.identitet import EpostFelt


class InnloggingForm(DsSkjema, AuthenticationForm):
    # Normalised (kjerne.identitet) before the password check, as axes counts it.
    username = EpostFelt(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Feil e-postadresse eller passord. Sjekk at du har skrevet riktig; "
            "etter flere feil forsøk blir innloggingen stengt en stund."
        ),
        "inactive": _(
            "Denne brukeren er deaktivert. Kontakt administratoren i organisasjonen din."
        ),
    }


class SperretInnloggingForm(DsSkjema, forms.Form):
    """Past a lockout with what a guesser does not have: the password and a two-factor code
    at once. The answer is the same whichever of the three is wrong."""

    username = EpostFelt(
        label=_("E-postadresse"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    kode = forms.CharField(
        label=_("Kode fra autentiseringsappen"),
        max_length=20,
        help_text=_("Sekssifret kode fra appen, eller en av gjenopprettingskodene dine."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
