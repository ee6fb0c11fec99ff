import contextlib

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from avtaler.models import Avtaleversjon, Punktversjon
from avvik.models import Avvikskategori, Stigetype
from helsefellesskap.models import Organisasjon
from kjerne.forms import DsSkjema
from kjerne.inndata import dato_innenfor, les_heltall
from kjerne.sortering import Norsk


def punktvalg(ansvarlig_id, dato, sok: str = "") -> list:
    """Clauses of the agreements in force on the date that the responsible party is bound by,
    optionally only those whose number, heading or text contains the search term."""
    ansvarlig = Organisasjon.objects.filter(pk=ansvarlig_id).first() if ansvarlig_id else None
    versjoner = (
        Avtaleversjon.objects.gjeldende(dato, ansvarlig)
        if ansvarlig
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


class KategoriValg(forms.ModelChoiceField):
    def label_from_instance(self, kategori: Avvikskategori) -> str:
        return f"{kategori.navn} ({kategori.get_svikt_hos_display().lower()})"


class AvvikForm(DsSkjema, forms.Form):
    meldt_av_organisasjon = forms.ModelChoiceField(
        label=_("Meldes av"), queryset=Organisasjon.objects.none(), empty_label=None
    )
    ansvarlig = forms.ModelChoiceField(
        label=_("Ansvarlig organisasjon (den som ikke fulgte avtalen)"),
        queryset=Organisasjon.objects.none(),
        error_messages={"required": _("Velg organisasjonen som ikke fulgte avtalen.")},
    )
    kategori = KategoriValg(
        label=_("Kategori"),
        queryset=Avvikskategori.objects.filter(aktiv=True).order_by("svikt_hos", Norsk("navn")),
        error_messages={"required": _("Velg en kategori.")},
    )
    stige = forms.ChoiceField(
        label=_("Type sak"),
        choices=Stigetype.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg om det gjelder en pasientrelatert enkeltsak eller avtalen.")
        },
    )
    hendelse = forms.DateTimeField(
        label=_("Når skjedde det?"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Oppgi dato og klokkeslett for når det skjedde."),
            "invalid": _("Oppgi dato og klokkeslett for når det skjedde, som dd.mm.åååå tt:mm."),
        },
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
        error_messages={"required": _("Beskriv hva som skjedde.")},
    )
    brudd_slutt = forms.DateTimeField(
        label=_("Når opphørte bruddet? (valgfritt)"),
        help_text=_("For eksempel når pasienten ble tatt imot. Brukes når avtalen har dagbøter."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        required=False,
    )
    melders_referanse = forms.CharField(
        label=_("Nummer i eget kvalitetssystem (valgfritt)"),
        help_text=_("For eksempel nummeret i Synergi, EQS eller Compilo."),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, egne_org_ids, **kwargs):
        super().__init__(*args, **kwargs)
        egne = Organisasjon.objects.filter(pk__in=egne_org_ids).order_by(Norsk("navn"))
        self.fields["meldt_av_organisasjon"].queryset = egne
        hf_ids = {o.helsefellesskap_id for o in egne}
        self.fields["ansvarlig"].queryset = Organisasjon.objects.filter(
            helsefellesskap__in=hf_ids
        ).order_by("type", Norsk("navn"))
        # Read as the raw input (the fields are cleaned later): anything but an id, or a date
        # outside the bounds, gives no clauses rather than an error.
        ansvarlig = les_heltall(str(self.data.get("ansvarlig") or ""), None) or self.initial.get(
            "ansvarlig"
        )
        dato = timezone.localdate()
        if self.data.get("hendelse"):
            with contextlib.suppress(ValueError):
                lest = timezone.datetime.fromisoformat(self.data["hendelse"]).date()
                dato = lest if dato_innenfor(lest) else dato
        self.fields["punkt"].choices = punktvalg(ansvarlig, dato)
        self.fields["punkt"].widget.attrs["class"] = "ds-input"
        self.fields["stige"].widget.attrs.pop("class", None)

    def clean_punkt(self):
        pk = self.cleaned_data.get("punkt")
        return Punktversjon.objects.filter(pk=pk).first() if pk else None


# --- the dialogue: one small form per action, each with its own fields and messages ----------


def _tekst(label, *, paakrevd=True, melding="", rader=3, hjelp=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rader}),
        required=paakrevd,
        help_text=hjelp,
        error_messages={"required": melding},
    )


class MottaForm(DsSkjema, forms.Form):
    enhet = forms.CharField(
        label=_("Klinikk, avdeling eller enhet som følger opp"),
        max_length=200,
        error_messages={
            "required": _("Oppgi klinikken, avdelingen eller enheten som skal følge opp.")
        },
    )
    referanse = forms.CharField(
        label=_("Nummer i eget kvalitetssystem (valgfritt)"), max_length=100, required=False
    )
    tekst = _tekst(_("Merknad (valgfritt)"), paakrevd=False, rader=2)


class SvarForm(DsSkjema, forms.Form):
    forklaring = _tekst(_("Forklaring"), melding=_("Forklar hva som skjedde."))
    tiltak = _tekst(
        _("Tiltak"),
        melding=_("Beskriv tiltakene, eller skriv hvorfor ingen tiltak trengs."),
        hjelp=_("Hva dere gjør for at det ikke skjer igjen."),
    )


class GodtaForm(DsSkjema, forms.Form):
    tekst = _tekst(_("Merknad (valgfritt)"), paakrevd=False, rader=2)


class AvvisForm(DsSkjema, forms.Form):
    begrunnelse = _tekst(
        _("Hvorfor godtas ikke svaret?"), melding=_("Skriv hvorfor svaret ikke godtas.")
    )


class EskalerForm(DsSkjema, forms.Form):
    begrunnelse = _tekst(
        _("Hvorfor tas saken videre?"), melding=_("Skriv hvorfor saken tas videre.")
    )


class NemndForm(DsSkjema, forms.Form):
    uttalelse = _tekst(
        _("Hva kom nemnda fram til?"),
        melding=_("Skriv hva nemnda kom fram til."),
        hjelp=_("Nemndas uttalelse, kort. Avviket lukkes når den er registrert."),
    )


class TrekkForm(DsSkjema, forms.Form):
    begrunnelse = _tekst(
        _("Hvorfor trekkes avviket?"),
        melding=_("Skriv hvorfor avviket trekkes."),
        hjelp=_("Avviket lukkes. Begrunnelsen står i forløpet."),
    )


class KommentarForm(DsSkjema, forms.Form):
    tekst = _tekst(_("Kommentar"), melding=_("Skriv en kommentar."))
