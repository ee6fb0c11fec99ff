"""Who may read the security log, and its search."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helsefellesskap import access
from helsefellesskap.models import Medlemskap
from kjerne.forms import DsSkjema
from sikkerhet.logg import skjermet_brukernavn
from sikkerhet.models import Sikkerhetshendelse


def synlige_hendelser(user) -> QuerySet[Sikkerhetshendelse]:
    """System administrators read all of it. An organisation's administrators read their own
    organisation's events only (need for the job):

    - an event that belongs to an organisation (a role given or taken there, an enrolment code
      its administrator made) only in that organisation;
    - a person's own events (logins, two-factor, refusals) of the organisation's users, from
      the day the user got a role there, and while the user still has one.

    A user with roles in two organisations: neither organisation's administrators see what
    belongs to the other. Everyone else is refused."""
    hendelser = Sikkerhetshendelse.objects.select_related("bruker", "utfort_av")
    if access.er_systemforvalter(user):
        return hendelser
    organisasjoner = access.organisasjoner_med_rolle(user, Medlemskap.Rolle.ADMINISTRATOR)
    if not organisasjoner:
        raise PermissionDenied(_("Bare administratorer kan lese sikkerhetsloggen."))
    medlem_da = Medlemskap.objects.filter(
        organisasjon__in=organisasjoner,
        bruker=OuterRef("bruker"),
        opprettet__lte=OuterRef("tidspunkt"),
    )
    return hendelser.filter(
        Q(organisasjon__in=organisasjoner)
        | Q(organisasjon__isnull=True, bruker__isnull=False) & Exists(medlem_da)
    )


class LoggFilter(DsSkjema, forms.Form):
    tekst = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=200,
        help_text=_("E-post, navn, IP-adresse eller beskrivelse."),
    )
    type = forms.ChoiceField(
        label=_("Hendelse"),
        required=False,
        choices=[("", _("Alle hendelser")), *Sikkerhetshendelse.Type.choices],
    )
    fra = forms.DateField(
        label=_("Fra og med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    til = forms.DateField(
        label=_("Til og med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            raise forms.ValidationError(_("Fra-datoen må være før til-datoen."))
        return data

    def filtrer(self, hendelser: QuerySet[Sikkerhetshendelse]) -> QuerySet[Sikkerhetshendelse]:
        data = self.cleaned_data
        if tekst := data.get("tekst", "").strip():
            hendelser = hendelser.filter(
                Q(bruker__email__icontains=tekst)
                | Q(bruker__navn__icontains=tekst)
                | Q(utfort_av__email__icontains=tekst)
                | Q(brukernavn__icontains=tekst)
                # A name typed at a failed login is stored as its mark (sikkerhet.logg).
                | Q(brukernavn=skjermet_brukernavn(tekst))
                | Q(ip__startswith=tekst)
                | Q(beskrivelse__icontains=tekst)
            )
        if data.get("type"):
            hendelser = hendelser.filter(type=data["type"])
        # An interval on the timestamp itself, in Oslo time, so the index is used.
        if data.get("fra"):
            hendelser = hendelser.filter(tidspunkt__gte=_midnatt(data["fra"]))
        if data.get("til"):
            hendelser = hendelser.filter(
                tidspunkt__lt=_midnatt(data["til"] + datetime.timedelta(days=1))
            )
        return hendelser


def _midnatt(dato: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dato, datetime.time()))
