import contextlib

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from avtaler.models import Avtaleversjon, Punktversjon
from avvik.models import Avvikskategori, Stigetype
from helsefellesskap.models import Organisasjon
from kjerne.forms import DsSkjema


def punktvalg(ansvarlig_id, dato, sok: str = "") -> list:
    """Clauses of the agreements in force on the date that the responsible party is bound by,
    optionally only those whose number, heading or text contains the search term."""
    versjoner = (
        Avtaleversjon.objects.gjeldende(dato).filter(parter=ansvarlig_id)
        if ansvarlig_id
        else Avtaleversjon.objects.none()
    )
    punkter = Punktversjon.objects.filter(versjon__in=versjoner)
    if sok.strip():
        sok = sok.strip()
        punkter = punkter.filter(
            Q(nummer__startswith=sok) | Q(overskrift__icontains=sok) | Q(tekst__icontains=sok)
        )
    grupper: dict[str, list] = {}
    for punkt in punkter.select_related("versjon").order_by("versjon__tittel", "rekkefolge"):
        grupper.setdefault(punkt.versjon.tittel, []).append(
            (punkt.pk, f"{punkt.nummer} {punkt.overskrift}".strip())
        )
    return [("", _("Ikke knyttet til et bestemt punkt")), *grupper.items()]


class AvvikForm(DsSkjema, forms.Form):
    meldt_av_organisasjon = forms.ModelChoiceField(
        label=_("Meldes av"), queryset=Organisasjon.objects.none(), empty_label=None
    )
    ansvarlig = forms.ModelChoiceField(
        label=_("Ansvarlig organisasjon (den som ikke fulgte avtalen)"),
        queryset=Organisasjon.objects.none(),
    )
    kategori = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Avvikskategori.objects.filter(aktiv=True)
    )
    stige = forms.ChoiceField(
        label=_("Type sak"), choices=Stigetype.choices, initial=Stigetype.PASIENTRELATERT
    )
    hendelse = forms.DateTimeField(
        label=_("Når skjedde det?"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    punkt = forms.TypedChoiceField(
        label=_("Avtalepunkt som er brutt"), required=False, coerce=int, empty_value=None
    )
    beskrivelse = forms.CharField(
        label=_("Hva skjedde?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Beskriv hendelsen uten navn, fødselsnummer eller andre opplysninger "
            "som kan identifisere pasienten."
        ),
    )

    def __init__(self, *args, egne_org_ids, **kwargs):
        super().__init__(*args, **kwargs)
        egne = Organisasjon.objects.filter(pk__in=egne_org_ids).order_by("navn")
        self.fields["meldt_av_organisasjon"].queryset = egne
        hf_ids = {o.helsefellesskap_id for o in egne}
        self.fields["ansvarlig"].queryset = Organisasjon.objects.filter(
            helsefellesskap__in=hf_ids
        ).order_by("type", "navn")
        ansvarlig = self.data.get("ansvarlig") or self.initial.get("ansvarlig")
        dato = timezone.localdate()
        if self.data.get("hendelse"):
            with contextlib.suppress(ValueError):
                dato = timezone.datetime.fromisoformat(self.data["hendelse"]).date()
        self.fields["punkt"].choices = punktvalg(ansvarlig, dato)
        self.fields["punkt"].widget.attrs["class"] = "ds-input"

    def clean_punkt(self):
        pk = self.cleaned_data.get("punkt")
        return Punktversjon.objects.filter(pk=pk).first() if pk else None
