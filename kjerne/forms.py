"""What every form of the project shares."""

import datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kjerne.inndata import STORST_HELTALL, dato_innenfor, datogrense_melding
from kjerne.personvern import har_personnummer, melding


class DsSkjema:
    """Gives every field Designsystemet's look and ties error messages to their inputs.

    Every text a person types here, and the name of every file uploaded, is screened for
    patient identifiers (kjerne.personvern); the refusal is the field's error, the rest of
    the input stays in the form. Passwords are not screened. Every date and time must lie
    within kjerne.inndata's bounds and every whole number within a 32-bit integer.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in self.fields.values():
            felt.widget.attrs.setdefault("class", "ds-input")

    def clean(self):
        data = super().clean()
        for navn, verdi in list((data or {}).items()):
            felt = self.fields.get(navn)
            if felt is None or isinstance(felt.widget, forms.PasswordInput):
                continue
            tekst = verdi.name if isinstance(verdi, UploadedFile) else verdi
            if isinstance(tekst, str) and har_personnummer(tekst):
                self.add_error(navn, melding(str(felt.label or navn)))
            elif isinstance(verdi, datetime.date) and not dato_innenfor(verdi):
                self.add_error(navn, datogrense_melding())
            elif (
                isinstance(verdi, int)
                and not isinstance(verdi, bool)
                and abs(verdi) > STORST_HELTALL
            ):
                self.add_error(navn, _("Tallet er for stort."))
        return data

    def add_error(self, field, error):
        # Every error passes here, also those a view adds from a service after cleaning.
        super().add_error(field, error)
        for navn in self._errors:
            if navn in self.fields:
                attrs = self.fields[navn].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[navn].auto_id}_feil"
