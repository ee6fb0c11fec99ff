from django import forms
from django.utils.translation import gettext_lazy as _

from helsefellesskap.models import Sak
from helsefellesskap.models.moter import Posisjon
from helsefellesskap.models.utvalg import Side
from kjerne.forms import DsSkjema


class MoteForm(DsSkjema, forms.Form):
    start = forms.DateTimeField(
        label=_("Dato og klokkeslett"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Oppgi dato og klokkeslett for møtet."),
            "invalid": _("Oppgi dato og klokkeslett for møtet, som dd.mm.åååå tt:mm."),
        },
    )
    sted = forms.CharField(
        label=_("Sted"), max_length=200, error_messages={"required": _("Oppgi hvor møtet holdes.")}
    )


class SakForm(DsSkjema, forms.Form):
    tittel = forms.CharField(
        label=_("Sakstittel"),
        max_length=300,
        error_messages={"required": _("Skriv en tittel på saken.")},
    )
    beskrivelse = forms.CharField(
        label=_("Saksframstilling"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ReferatForm(DsSkjema, forms.Form):
    referat = forms.CharField(
        label=_("Referat"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


class VedtakForm(DsSkjema, forms.Form):
    """The decision text and one position per side represented in the body. No position is
    chosen in advance: the secretary records what each side said."""

    tekst = forms.CharField(
        label=_("Vedtak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv vedtaksteksten.")},
    )

    def __init__(
        self,
        *args,
        sider: list[str],
        sak: Sak,
        anbefaling: bool = False,
        til_stede: dict[str, list[str]] | None = None,
        **kwargs,
    ):
        kwargs.setdefault("prefix", f"sak{sak.pk}")
        super().__init__(*args, **kwargs)
        self.sak = sak
        self.anbefaling = anbefaling
        if anbefaling:
            self.fields["tekst"].label = _("Anbefaling")
            self.fields["tekst"].error_messages["required"] = _("Skriv anbefalingen.")
            return
        til_stede = til_stede or {}
        for side in sider:
            navn = til_stede.get(side)
            self.fields[side] = forms.ChoiceField(
                label=Side(side).label,
                choices=Posisjon.choices,
                widget=forms.RadioSelect,
                help_text=_("Til stede: %(navn)s") % {"navn": ", ".join(navn)}
                if navn
                else _("Ingen til stede etter oppmøtet."),
                error_messages={
                    "required": _("Oppgi standpunktet til %(side)s.")
                    % {"side": Side(side).label.lower()}
                },
            )
            self.fields[side].widget.attrs.pop("class", None)
        self.fields["protokolltilforsel"] = forms.CharField(
            label=_("Protokolltilførsel (valgfritt)"),
            help_text=_(
                "Det en side som er uenig, ber om å få ført i protokollen. Bare partenes "
                "standpunkt avgjør vedtaket."
            ),
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
        )

    @property
    def posisjonsfelt(self):
        return [self[navn] for navn in self.fields if navn in Side.values]

    def posisjoner(self) -> dict[str, str]:
        return {navn: verdi for navn, verdi in self.cleaned_data.items() if navn in Side.values}


class BegrunnelseForm(DsSkjema, forms.Form):
    """The reason for taking a case on, or for reopening it."""

    begrunnelse = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrunnelse.")},
    )


class MoteFlyttForm(MoteForm):
    """A planned meeting's new time and place; starts from what is planned."""

    prefix = "flytt"


class MoteAvlysForm(DsSkjema, forms.Form):
    """Why a planned meeting is cancelled: the members are told it with the cancellation."""

    prefix = "avlys"
    begrunnelse = forms.CharField(
        label=_("Hvorfor avlyses møtet?"),
        help_text=_(
            "Medlemmene får begrunnelsen sammen med avlysningen. Ingen pasientopplysninger."
        ),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv hvorfor møtet avlyses.")},
    )
