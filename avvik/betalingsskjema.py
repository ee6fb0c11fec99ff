"""The form for the timestamps of a payment course: every time in its sane bounds and in the
order the process runs, each refusal at its field, the input kept."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from avvik.betalingsmodeller import Betalingsforlop
from kjerne.forms import DsSkjema

TIDSFORMAT = "%Y-%m-%dT%H:%M"
TIDSPUNKTER = ("innlagt", "innleggelsesvarsel", "meldt_utskrivningsklar")
# Days only: the answer and the discharge (docs/personvern.md «Betalingsforløp»). A date and
# time sent by an older form or a script is accepted and its time dropped at once.
DAGER = ("svart", "utskrevet")
# A course more than this far from the avvik's event is a typo in the year (2024 on an avvik
# from 2026), not a course: refused at the field.
MAKS_AVSTAND = datetime.timedelta(days=365)


def _tidspunkt(label, *, paakrevd=False, hjelp=""):
    return forms.DateTimeField(
        label=label,
        help_text=hjelp,
        required=paakrevd,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=TIDSFORMAT),
        input_formats=[TIDSFORMAT],
        error_messages={
            "required": _("Oppgi dato og klokkeslett."),
            "invalid": _("Oppgi dato og klokkeslett som dd.mm.åååå tt:mm."),
        },
    )


def _dag(label, *, hjelp=""):
    return forms.DateField(
        label=label,
        help_text=hjelp,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", TIDSFORMAT],
        error_messages={"invalid": _("Oppgi datoen som dd.mm.åååå.")},
    )


class BetalingsforlopForm(DsSkjema, forms.Form):
    innlagt = _tidspunkt(_("Innlagt"), paakrevd=True)
    innleggelsesvarsel = _tidspunkt(
        _("Varsel til kommunen om innlagt pasient"),
        hjelp=_("Skal sendes innen 24 timer etter innleggelsen. La stå tomt om det ikke kom."),
    )
    meldt_utskrivningsklar = _tidspunkt(
        _("Melding om utskrivningsklar pasient"),
        hjelp=_("Når kommunen fikk meldingen. La stå tomt om den ikke er sendt."),
    )
    kommunens_svar = forms.ChoiceField(
        label=_("Kommunens svar"), choices=Betalingsforlop.Svar.choices
    )
    svart = _dag(_("Dagen kommunen svarte"), hjelp=_("Bare dagen; klokkeslettet trengs ikke."))
    kommunen_klar = forms.DateField(
        label=_("Dagen kommunen meldte at den kunne ta imot pasienten"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Oppgi datoen som dd.mm.åååå.")},
    )
    utskrevet = _dag(_("Dagen pasienten ble utskrevet"), hjelp=_("Bare dagen."))
    merknad = forms.CharField(
        label=_("Merknad (valgfritt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Uten navn, fødselsnummer eller annet som kan identifisere pasienten."),
    )

    def __init__(self, *args, hendelse: datetime.datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hendelse = hendelse

    def clean(self):
        data = super().clean()
        innlagt = data.get("innlagt")
        meldt = data.get("meldt_utskrivningsklar")
        naa = timezone.now()
        for navn in TIDSPUNKTER:
            verdi = data.get(navn)
            if verdi and verdi > naa and navn not in self.errors:
                self.add_error(navn, _("Tidspunktet kan ikke ligge fram i tid."))
        for navn in DAGER:
            verdi = data.get(navn)
            if verdi and verdi > timezone.localdate() and navn not in self.errors:
                self.add_error(navn, _("Dagen kan ikke ligge fram i tid."))
        if innlagt:
            for navn in ("innleggelsesvarsel", "meldt_utskrivningsklar"):
                verdi = data.get(navn)
                if verdi and verdi < innlagt and navn not in self.errors:
                    self.add_error(navn, _("Tidspunktet kan ikke ligge før innleggelsen."))
            utskrevet = data.get("utskrevet")
            if (
                utskrevet
                and utskrevet < timezone.localtime(innlagt).date()
                and "utskrevet" not in self.errors
            ):
                self.add_error("utskrevet", _("Dagen kan ikke ligge før innleggelsen."))
        svar = data.get("kommunens_svar")
        if data.get("svart") and svar == Betalingsforlop.Svar.IKKE_SVART:
            self.add_error("kommunens_svar", _("Velg hva kommunen svarte, eller fjern svartiden."))
        if svar and svar != Betalingsforlop.Svar.IKKE_SVART and not meldt:
            self.add_error(
                "kommunens_svar",
                _("Kommunen kan ikke ha svart før den fikk melding om utskrivningsklar pasient."),
            )
        svart = data.get("svart")
        meldt_dag = timezone.localtime(meldt).date() if meldt else None
        if meldt_dag and svart and svart < meldt_dag and "svart" not in self.errors:
            self.add_error("svart", _("Svaret kan ikke ligge før meldingen om utskrivningsklar."))
        klar = data.get("kommunen_klar")
        if klar and not meldt:
            self.add_error(
                "kommunen_klar",
                _("Oppgi først når kommunen fikk melding om utskrivningsklar pasient."),
            )
        elif klar and meldt and klar < timezone.localtime(meldt).date():
            self.add_error(
                "kommunen_klar", _("Dagen kan ikke ligge før meldingen om utskrivningsklar.")
            )
        # Checked last: a date in the future or out of order is said as that.
        if self.hendelse is not None:
            hendelsesdag = timezone.localtime(self.hendelse).date()
            for navn in (*TIDSPUNKTER, *DAGER, "kommunen_klar"):
                verdi = data.get(navn)
                if verdi is None or navn in self.errors:
                    continue
                dag = timezone.localtime(verdi).date() if hasattr(verdi, "hour") else verdi
                if abs(dag - hendelsesdag) > MAKS_AVSTAND:
                    self.add_error(
                        navn,
                        _("Datoen ligger mer enn ett år fra avviket (%(dato)s). Kontroller året.")
                        % {"dato": f"{hendelsesdag:%d.%m.%Y}"},
                    )
        return data
