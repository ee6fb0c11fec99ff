"""The discharge hours in the editor: entered beside the clause that states them, with the
parser's suggestion that the coordinator confirms (it proposes, it never decides)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from avtaler import access, services
from avtaler.forms import UtskrivningstiderForm
from avtaler.models import Avtale, Avtaleversjon, Utskrivningstider
from avtaler.services.utskrivning import FELTER
from avtaler.utskrivningstider import foreslaa
from kjerne.feil import Domenefeil
from kjerne.meldinger import utfor
from kjerne.tilgang import innlogget


@innlogget
@require_POST
def utskrivningsrutine_utpek(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator of a party marks the agreement as the discharge routine."""
    avtale = get_object_or_404(Avtale, pk=pk)
    nyeste = avtale.versjoner.order_by("-nummer").first()
    if nyeste is None or not access.kan_revidere(request.user, nyeste):
        raise PermissionDenied(_("Bare partenes koordinatorer kan utpeke utskrivningsrutinen."))
    utfor(
        request,
        lambda: services.utskrivningsrutine_utpek(avtale=avtale, utfort_av=request.user),
        _("«%(t)s» er nå utskrivningsrutinen. Oppslaget og tidssjekken i avvik bruker den.")
        % {"t": avtale.tittel},
    )
    if nyeste.er_utkast:
        return redirect("avtale-utskrivningstider", pk=pk, nummer=nyeste.nummer)
    return redirect("avtale", pk=pk)


@innlogget
@require_http_methods(["GET", "POST"])
def utskrivningstider(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = get_object_or_404(
        Avtaleversjon.objects.select_related("avtale"), avtale=pk, nummer=nummer
    )
    if not (versjon.er_utkast and access.kan_revidere(request.user, versjon)):
        raise PermissionDenied(_("Bare partenes koordinatorer redigerer utkast."))
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    tider = Utskrivningstider.objects.filter(versjon=versjon).first()
    try:
        valgt_pk = int(request.GET.get("punkt") or request.POST.get("punkt") or 0)
    except ValueError:
        valgt_pk = 0
    if not valgt_pk and tider and tider.punkt_id:
        valgt_pk = next((p.pk for p in punkter if p.punkt_id == tider.punkt_id), 0)
    valgt = next((p for p in punkter if p.pk == valgt_pk), None)
    if valgt is None:  # the first clause the parser reads hours in
        valgt = next((p for p in punkter if foreslaa(p.tekst)), None)
    forslag = foreslaa(valgt.tekst) if valgt else None
    fra_forslaget: list[str] = []
    if request.method == "POST":
        skjema = UtskrivningstiderForm(request.POST, punkter=punkter)
        if skjema.is_valid():
            data = skjema.cleaned_data
            punkt = next((p for p in punkter if p.pk == data["punkt"]), None)
            try:
                services.utskrivningstider_lagre(
                    versjon=versjon,
                    utfort_av=request.user,
                    punkt=punkt,
                    **{felt: data.get(felt) for felt in FELTER},
                )
            except Domenefeil as feil:
                skjema.add_error(None, str(feil))
            else:
                messages.success(request, _("Utskrivningstidene er lagret i utkastet."))
                return redirect("avtale-rediger", pk=pk, nummer=nummer)
        status = 400
    else:
        initial = {felt: getattr(tider, felt) for felt in FELTER} if tider else {}
        if forslag and (not tider or request.GET.get("foreslaa") == "1"):
            # The suggestion fills only the fields the parser read; every other field keeps
            # its saved value («kontoret er åpent 08:00–15:30 på hverdager» must not empty the
            # weekend hours or reset the Friday rule). The fields it changes are marked.
            fra_forslaget = [
                felt for felt, verdi in forslag.verdier.items() if initial.get(felt) != verdi
            ]
            initial.update(forslag.verdier)
        initial["punkt"] = valgt.pk if valgt else None
        skjema = UtskrivningstiderForm(
            initial=initial, punkter=punkter, fra_forslaget=fra_forslaget
        )
        status = 200
    return render(
        request,
        "avtaler/utskrivningstider.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "punkter": punkter,
            # Only clauses the parser reads hours in are offered as a source.
            "punkter_med_tider": [p for p in punkter if foreslaa(p.tekst)],
            "fra_forslaget": fra_forslaget,
            "valgt": valgt,
            "tider": tider,
            "forslag": forslag,
            "skjema": skjema,
            "bruker_forslag": not tider or request.GET.get("foreslaa") == "1",
            "tider_mot_teksten": services.tider_mot_teksten(versjon, tider) if tider else "",
        },
        status=status,
    )
