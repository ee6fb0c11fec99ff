"""The accessibility and privacy statements: public pages, edited by administrators."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from helsefellesskap import access
from helsefellesskap.models import Erklaering
from helsefellesskap.models.erklaeringer import (
    OPPBEVARING_SIKKERHETSLOGG,
    med_verdier,
    oppbevaring_sikkerhetslogg,
)
from kjerne.forms import DsSkjema
from kjerne.tilgang import innlogget, offentlig

# The names as headings: long compound words, with a soft hyphen where a phone may break them.
OVERSKRIFTER = {
    Erklaering.Type.TILGJENGELIGHET: gettext_lazy("Tilgjengelighets\u00aderklæring"),
    Erklaering.Type.PERSONVERN: gettext_lazy("Personvern\u00aderklæring"),
}


@dataclass
class Blokk:
    type: str  # «overskrift», «liste» or «avsnitt»
    tekst: str = ""
    punkter: list[str] = field(default_factory=list)


def blokker(tekst: str) -> list[Blokk]:
    """The text as headings, lists and paragraphs: a blank line ends a paragraph, a line
    starting with "## " is a heading, lines starting with "- " make a list. Plain text only;
    the template escapes it."""
    resultat: list[Blokk] = []
    forrige = None  # the block the next line may continue
    for linje in tekst.replace("\r\n", "\n").split("\n"):
        linje = linje.strip()
        if not linje:
            forrige = None
        elif linje.startswith("## "):
            resultat.append(Blokk("overskrift", linje[3:].strip()))
            forrige = None
        elif linje.startswith("- "):
            if forrige is None or forrige.type != "liste":
                forrige = Blokk("liste")
                resultat.append(forrige)
            forrige.punkter.append(linje[2:].strip())
        elif forrige is not None and forrige.type == "avsnitt":
            forrige.tekst += "\n" + linje
        else:
            forrige = Blokk("avsnitt", linje)
            resultat.append(forrige)
    return resultat


class ErklaeringForm(DsSkjema, forms.ModelForm):
    """The statement as the administrator writes it. The privacy statement states the
    retention of the security log by its marker, never as a number of its own."""

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"]
        if (
            self.instance.type == Erklaering.Type.PERSONVERN
            and OPPBEVARING_SIKKERHETSLOGG not in tekst
        ):
            raise forms.ValidationError(
                _(
                    "Personvernerklæringen må si hvor lenge sikkerhetsloggen lagres, med "
                    "%(merke)s der tiden skal stå (for eksempel «Sikkerhetsloggen lagres i "
                    "%(merke)s»). Tiden hentes fra innstillingen som styrer slettingen "
                    "(nå %(tid)s), så teksten og slettingen alltid sier det samme."
                )
                % {"merke": OPPBEVARING_SIKKERHETSLOGG, "tid": oppbevaring_sikkerhetslogg()}
            )
        return tekst

    class Meta:
        model = Erklaering
        fields = ["tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 24})}
        help_texts = {
            "tekst": gettext_lazy(
                "En tom linje skiller avsnitt. En linje som begynner med to firkanttegn og "
                "mellomrom (##), blir en mellomoverskrift. Linjer som begynner med bindestrek og "
                "mellomrom (-), blir en punktliste."
            )
        }
        error_messages = {
            "tekst": {
                "required": gettext_lazy(
                    "Skriv teksten i erklæringen. En tom erklæring kan ikke lagres, "
                    "så den forrige teksten er beholdt."
                )
            }
        }


@offentlig
@require_GET
def erklaering(request: HttpRequest, type_: str) -> HttpResponse:
    erklaering = Erklaering.objects.hent(type_)
    return render(
        request,
        "helsefellesskap/erklaering.html",
        {
            "erklaering": erklaering,
            "overskrift": OVERSKRIFTER[type_],
            "blokker": blokker(med_verdier(erklaering.tekst)),
            "rediger": f"{type_}-rediger" if access.er_systemforvalter(request.user) else None,
        },
    )


@innlogget
@require_http_methods(["GET", "POST"])
def erklaering_rediger(request: HttpRequest, type_: str) -> HttpResponse:
    if not access.er_systemforvalter(request.user):
        raise PermissionDenied(_("Bare systemforvaltere kan endre erklæringene."))
    erklaering = Erklaering.objects.hent(type_)
    form = ErklaeringForm(request.POST if request.method == "POST" else None, instance=erklaering)
    if form.is_valid():
        erklaering = form.save(commit=False)
        erklaering.endret = timezone.now()
        erklaering.endret_av = request.user
        erklaering._change_reason = f"Endret av {request.user.email}"[:100]
        erklaering.save()
        messages.success(request, _("%(navn)s er lagret.") % {"navn": erklaering})
        return redirect(type_)
    return render(
        request,
        "helsefellesskap/erklaering_rediger.html",
        {"erklaering": erklaering, "overskrift": OVERSKRIFTER[type_], "form": form},
        status=400 if form.errors else 200,
    )
