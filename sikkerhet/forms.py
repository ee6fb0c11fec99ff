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
