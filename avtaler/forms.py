from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from avtaler.importering import MAKS_BYTES
from avtaler.models import SIGNERTE, Avtale, Tema
from helsefellesskap.models import Helsefellesskap, Organisasjon
from kjerne.forms import DsSkjema


class ImportForm(DsSkjema, forms.Form):
    fil = forms.FileField(
        label=_("Avtalen som fil"),
        help_text=_("Word (.docx), PDF eller ren tekst, høyst 5 MB."),
        error_messages={
            "required": _("Velg filen med avtalen."),
            "empty": _("Filen er tom. Velg filen med avtalen."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,.pdf,.txt,text/plain,application/pdf"}
        ),
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > MAKS_BYTES:
            raise forms.ValidationError(
                _("Filen er for stor (%(mb).1f MB). Største tillatte størrelse er 5 MB."),
                params={"mb": fil.size / 1024 / 1024},
            )
        return fil


class ImportMetadataForm(DsSkjema, forms.Form):
    helsefellesskap = forms.ModelChoiceField(
        label=_("Helsefellesskap"), queryset=Helsefellesskap.objects.none(), empty_label=None
    )
    type = forms.ChoiceField(label=_("Type avtale"), choices=Avtale.Type.choices)
    tittel = forms.CharField(label=_("Tittel"), max_length=300)
    tema = forms.ModelChoiceField(
        label=_("Tema (§ 6-2)"),
        queryset=Tema.objects.all(),
        required=False,
        help_text=_("Bare for delavtaler."),
    )
    overordnet = forms.ModelChoiceField(
        label=_("Hører til avtale"),
        queryset=Avtale.objects.none(),
        required=False,
        help_text=_("Påkrevd for rutiner, som er vedlegg til en avtale."),
    )
    parter = forms.ModelMultipleChoiceField(
        label=_("Parter"),
        queryset=Organisasjon.objects.none(),
        required=False,
        help_text=_("Tomt: alle kommunene og helseforetaket i helsefellesskapet (likelydende)."),
    )

    def __init__(self, *args, helsefellesskap_ids: list[int], egne_org_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        # None: a systemforvalter, who may import for anyone.
        self.egne_org_ids = egne_org_ids
        self.fields["helsefellesskap"].queryset = Helsefellesskap.objects.filter(
            pk__in=helsefellesskap_ids
        )
        # Only agreements whose title is public (a signed version) or that are one's own drafts.
        synlige = Q(versjoner__tilstand__in=SIGNERTE)
        if egne_org_ids is not None:
            synlige |= Q(versjoner__parter__in=egne_org_ids)
        self.fields["overordnet"].queryset = Avtale.objects.filter(
            synlige, helsefellesskap__in=helsefellesskap_ids
        ).distinct()
        self.fields["parter"].queryset = Organisasjon.objects.filter(
            helsefellesskap__in=helsefellesskap_ids
        )
        self.fields["parter"].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        type_ = data.get("type")
        if type_ == Avtale.Type.DELAVTALE and not data.get("tema"):
            self.add_error("tema", _("En delavtale må ha et § 6-2-tema."))
        if type_ != Avtale.Type.DELAVTALE:
            data["tema"] = None
        if type_ == Avtale.Type.RUTINE and not data.get("overordnet"):
            self.add_error("overordnet", _("Velg avtalen rutinen er vedlegg til."))
        if type_ == Avtale.Type.OVERORDNET:
            data["overordnet"] = None
        hf = data.get("helsefellesskap")
        if hf and not data.get("parter"):
            data["parter"] = list(hf.organisasjoner.all())
        parter = {p.pk for p in data.get("parter") or []}
        if self.egne_org_ids is not None and parter and not parter & set(self.egne_org_ids):
            self.add_error("parter", _("Din egen organisasjon må være en av partene."))
        return data


class NyttPunktForm(DsSkjema, forms.Form):
    """A new clause at the end of a draft: screened and kept on refusal."""

    # The lengths are the service's to refuse (avtaler.services), after the screening: an
    # identity number written long is refused as one, not as a number too long.
    nummer = forms.CharField(
        label=_("Nummer"), required=False, widget=forms.TextInput(attrs={"maxlength": 20})
    )
    overskrift = forms.CharField(
        label=_("Overskrift"), required=False, widget=forms.TextInput(attrs={"maxlength": 300})
    )


class IkrafttredelseForm(DsSkjema, forms.Form):
    gyldig_fra = forms.DateField(
        label=_("Gjelder fra"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Oppgi datoen avtalen skal gjelde fra."),
            "invalid": _("Oppgi datoen avtalen skal gjelde fra, som dd.mm.åååå."),
        },
    )


class SignaturForm(DsSkjema, forms.Form):
    """One party's signature; the parties offered are those the user may sign for."""

    organisasjon = forms.TypedChoiceField(
        label=_("Part"),
        coerce=int,
        error_messages={"required": _("Velg parten."), "invalid_choice": _("Velg en av partene.")},
    )
    navn = forms.CharField(
        label=_("Signert av (navn)"),
        max_length=200,
        error_messages={"required": _("Oppgi navnet på den som signerte.")},
    )
    tittel = forms.CharField(
        label=_("Stilling"),
        max_length=200,
        error_messages={"required": _("Oppgi stillingen til den som signerte.")},
    )
    dato = forms.DateField(
        label=_("Dato"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Oppgi datoen for signeringen."),
            "invalid": _("Oppgi datoen for signeringen, som dd.mm.åååå."),
        },
    )
    vedtaksreferanse = forms.CharField(
        label=_("Lokalt vedtak (for eksempel KST 45/2026)"), max_length=100, required=False
    )

    def __init__(self, *args, parter=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parter = {p.pk: p for p in parter}
        self.fields["organisasjon"].choices = [(p.pk, p.navn) for p in parter]


class LeseforesporselForm(DsSkjema, forms.Form):
    begrunnelse = forms.CharField(
        label=_("Hva er endret?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


def _klokkefelt(label):
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Skriv klokkeslettet som tt:mm, for eksempel 08:00.")},
    )


class UtskrivningstiderForm(DsSkjema, forms.Form):
    """The discharge hours of a draft of the discharge routine, confirmed by the coordinator."""

    DAGER = [
        ("fredag", _("Fredager")),
        ("dag_for_helligdag", _("Dagen før en helligdag")),
        ("julaften", _("Julaften (24. desember)")),
        ("nyttarsaften", _("Nyttårsaften (31. desember)")),
    ]

    punkt = forms.TypedChoiceField(
        label=_("Punktet som sier tidene"), coerce=int, required=False, empty_value=None
    )
    hverdag_fra = _klokkefelt(_("Hverdager fra"))
    hverdag_til = _klokkefelt(_("Hverdager til"))
    helg_fra = _klokkefelt(_("Helg og helligdager fra"))
    helg_til = _klokkefelt(_("Helg og helligdager til"))
    varsel_senest = _klokkefelt(_("Kommunen varsles senest kl."))

    def __init__(self, *args, punkter=(), fra_forslaget=(), **kwargs):
        super().__init__(*args, **kwargs)
        from avtaler.models import Dagregel

        self.fra_forslaget = set(fra_forslaget)

        self.fields["punkt"].choices = [("", _("Ingen"))] + [
            (p.pk, f"{p.nummer} {p.overskrift}".strip()) for p in punkter
        ]
        for navn, label in self.DAGER:
            self.fields[navn] = forms.ChoiceField(
                label=label, choices=Dagregel.choices, initial=Dagregel.SOM_HVERDAG
            )
            self.fields[f"{navn}_fra"] = _klokkefelt(_("%(dag)s fra") % {"dag": label})
            self.fields[f"{navn}_til"] = _klokkefelt(_("%(dag)s til") % {"dag": label})
        for navn, felt in self.fields.items():
            felt.widget.attrs.setdefault("class", "ds-input")
            # The coordinator sees which fields the suggestion changed before confirming.
            felt.fra_forslaget = navn in self.fra_forslaget
        self.fields["hverdag_fra"].required = self.fields["hverdag_til"].required = True
        self.fields["hverdag_fra"].error_messages["required"] = _("Skriv når hverdagene starter.")
        self.fields["hverdag_til"].error_messages["required"] = _("Skriv når hverdagene slutter.")

    def full_clean(self):
        super().full_clean()
        for navn in self.errors:
            if navn in self.fields:  # the message is read out with the field
                self.fields[navn].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{navn}_feil"}
                )

    def endret_av_forslaget(self) -> list[str]:
        """The labels of the fields the suggestion changed from the saved hours."""
        return [str(f.label) for n, f in self.fields.items() if n in self.fra_forslaget]

    def dagfelt(self):
        """(rule, from, to) per special day, for the template."""
        return [(self[n], self[f"{n}_fra"], self[f"{n}_til"]) for n, _label in self.DAGER]

    def clean(self):
        from avtaler.models import Dagregel

        data = super().clean()
        par = [("hverdag", True), ("helg", False)] + [(n, False) for n, _l in self.DAGER]
        for navn, _pakrevd in par:
            fra, til = data.get(f"{navn}_fra"), data.get(f"{navn}_til")
            egne = navn in ("hverdag", "helg") or data.get(navn) == Dagregel.EGNE
            if not egne:
                continue
            if navn == "helg" and fra is None and til is None:
                continue  # no weekend window: by special agreement only
            if fra is None or til is None:
                self.add_error(f"{navn}_fra" if fra is None else f"{navn}_til",
                               _("Skriv både fra og til."))  # fmt: skip
            elif fra >= til:
                self.add_error(f"{navn}_til", _("Sluttiden må være etter starttiden."))
        return data
