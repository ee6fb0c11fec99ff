from django import forms
from django.utils.translation import gettext_lazy as _

from helsefellesskap.models import Medlemskap, User
from kjerne.forms import DsSkjema
from kjerne.identitet import EpostFelt


class GiRolleForm(DsSkjema, forms.Form):
    email = EpostFelt(label=_("E-postadressen til brukeren"))
    rolle = forms.ChoiceField(label=_("Rolle"), choices=Medlemskap.Rolle.choices)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        try:
            return User.objects.get(email=email, is_active=True)
        except User.DoesNotExist:
            raise forms.ValidationError(
                _("Fant ingen aktiv bruker med e-postadressen %(email)s."),
                params={"email": email},
            ) from None
