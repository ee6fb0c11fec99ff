"""Avvik pages: register, list, handle, escalate, statistics. Only the two organisations
involved see an avvik; everything else answers 404 so ids cannot be guessed."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, StrIndex, TruncDate, TruncMonth
from django.db.models.lookups import GreaterThan
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from avvik import access, services
from avvik.arsrapport import MINSTE_CELLE, arsrapport_tall
from avvik.betaling import beregn_betaling
from avvik.betalingsskjema import BetalingsforlopForm
from avvik.forms import (
    AvvikForm,
    AvvisForm,
    EskalerForm,
    GodtaForm,
    KommentarForm,
    MottaForm,
    NemndForm,
    SvarForm,
    TrekkForm,
    punktvalg,
)
from avvik.konsekvenser import konsekvenser
from avvik.models import Avvik, Avvikshendelse, Avvikskategori, Betalingsforlop
from avvik.selectors import avvik_per_punkt_siste_ar
from avvik.services.betaling import FELTER as BETALINGSFELTER
from helsefellesskap import access as hf_access
from helsefellesskap.models import Omrademedlem, Organisasjon
from kjerne.fartsgrense import fartsgrense
from kjerne.feil import Domenefeil
from kjerne.inndata import dato_innenfor, les_dato, les_heltall
from kjerne.pdf import pdf_svar
from kjerne.sortering import Norsk
from kjerne.tilgang import innlogget, offentlig


def _get_avvik_for_user(request: HttpRequest, pk: int) -> Avvik:
    avvik = get_object_or_404(Avvik.objects.med_detaljer(), pk=pk)
    if not access.kan_se(request.user, avvik):
        raise Http404  # not 403: another organisation's avvik must not even be confirmed to exist
    return avvik


def _synlige(user):
    """The avvik the user's organisations reported or answer for (all, for a systemforvalter)."""
    if hf_access.er_systemforvalter(user):
        return Avvik.objects.all()
    return Avvik.objects.for_organisasjoner(access.egne_organisasjoner(user))


@innlogget
@require_GET
def avviksliste(request: HttpRequest) -> HttpResponse:
    avvik = list(_synlige(request.user).med_detaljer().order_by("-opprettet")[:200])
    return render(request, "avvik/liste.html", {"avvik": avvik})


@innlogget
@fartsgrense("avviksregistrering", metoder=("POST",))
@require_http_methods(["GET", "POST"])
def avvik_ny(request: HttpRequest) -> HttpResponse:
    egne = access.egne_organisasjoner(request.user)
    if not egne:
        messages.error(request, _("Du må ha en rolle i en organisasjon for å melde avvik."))
        return redirect("min-side")
    form = AvvikForm(request.POST or None, egne_org_ids=egne)
    if request.method == "POST" and form.is_valid():
        try:
            avvik = services.avvik_registrer(melder=request.user, **form.cleaned_data)
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            messages.success(
                request, _("Avviket er meldt til %(org)s.") % {"org": avvik.ansvarlig.navn}
            )
            return redirect(avvik)
    return render(request, "avvik/ny.html", {"form": form}, status=400 if form.errors else 200)


@innlogget
@require_GET
def punkter(request: HttpRequest) -> HttpResponse:
    """While the form is filled in (htmx): the clause options for the organisation, date and
    search term, and whether a discharge at that time was within the agreed hours."""
    try:
        hendelse = datetime.datetime.fromisoformat(request.GET.get("hendelse", ""))
    except ValueError:
        hendelse = None
    if hendelse is not None:
        # A time outside the bounds is no time: no clause check, today's clauses.
        hendelse = timezone.make_aware(hendelse.replace(tzinfo=None))
        hendelse = hendelse if dato_innenfor(hendelse) else None
    dato = timezone.localtime(hendelse).date() if hendelse else timezone.localdate()
    ansvarlig_id = les_heltall(request.GET.get("ansvarlig"), None)
    sjekk = None
    kategori_id = les_heltall(request.GET.get("kategori"), None)
    meldt_id = les_heltall(request.GET.get("meldt_av_organisasjon"), None)
    if hendelse and ansvarlig_id and kategori_id and meldt_id:
        kategori = Avvikskategori.objects.filter(
            pk=kategori_id, gjelder_utskrivningstid=True
        ).first()
        orger = {o.pk: o for o in Organisasjon.objects.filter(pk__in=[ansvarlig_id, meldt_id])}
        if kategori and len(orger) == 2:
            sjekk = services.utskrivningssjekk(orger[meldt_id], orger[ansvarlig_id], hendelse)
    return render(
        request,
        "avvik/_punktvalg.html",
        {"valg": punktvalg(ansvarlig_id, dato, request.GET.get("sok", "")), "sjekk": sjekk},
    )


# The dialogue's actions: (form, service call, message on success, the field a refusal belongs to).
HANDLINGER = {
    "motta": (
        MottaForm,
        lambda a, u, d: services.avvik_motta(avvik=a, utfort_av=u, **d),
        _("Avviket er tatt imot."),
        "enhet",
    ),
    "svar": (
        SvarForm,
        lambda a, u, d: services.avvik_svar(avvik=a, utfort_av=u, **d),
        _("Svaret er sendt."),
        "forklaring",
    ),
    "godta": (
        GodtaForm,
        lambda a, u, d: services.avvik_godta(avvik=a, utfort_av=u, **d),
        _("Du har godtatt svaret. Avviket er lukket."),
        "tekst",
    ),
    "avvis": (
        AvvisForm,
        lambda a, u, d: services.avvik_avvis(avvik=a, utfort_av=u, **d),
        _("Svaret er avvist. Begge parter kan nå ta saken videre."),
        "begrunnelse",
    ),
    "eskaler": (
        EskalerForm,
        lambda a, u, d: services.avvik_eskaler(avvik=a, utfort_av=u, **d),
        _("Saken er tatt videre."),
        "begrunnelse",
    ),
    "nemnd": (
        NemndForm,
        lambda a, u, d: services.avvik_nemndas_uttalelse(avvik=a, utfort_av=u, **d),
        _("Nemndas uttalelse er registrert. Avviket er lukket."),
        "uttalelse",
    ),
    "trekk": (
        TrekkForm,
        lambda a, u, d: services.avvik_trekk(avvik=a, utfort_av=u, **d),
        _("Avviket er trukket og lukket."),
        "begrunnelse",
    ),
    "kommenter": (
        KommentarForm,
        lambda a, u, d: services.avvik_kommenter(avvik=a, utfort_av=u, **d),
        _("Kommentaren er lagt til."),
        "tekst",
    ),
}


def _handlinger(user, avvik: Avvik) -> list[str]:
    """The actions the user may take on the avvik in its present state, in page order."""
    if avvik.anonymisert or avvik.status == Avvik.Status.LUKKET:
        return []
    mulige = set()
    if not services.svaret_regnes_som_godtatt(avvik):
        if access.kan_behandle(user, avvik):
            if avvik.status == Avvik.Status.MELDT:
                mulige.add("motta")
            if avvik.status in (Avvik.Status.MELDT, Avvik.Status.MOTTATT, Avvik.Status.AVVIST):
                mulige.add("svar")
        if access.kan_ta_stilling(user, avvik) and avvik.status == Avvik.Status.BESVART:
            mulige |= {"godta", "avvis"}
        if access.kan_eskalere(user, avvik) and not services.kan_tas_videre(avvik):
            mulige.add("eskaler")
        if access.kan_eskalere(user, avvik) and avvik.status == Avvik.Status.NASJONAL:
            mulige.add("nemnd")
        if access.kan_ta_stilling(user, avvik) and avvik.status not in services.IKKE_TREKKES:
            mulige.add("trekk")
    mulige.add("kommenter")
    return [navn for navn in HANDLINGER if navn in mulige]


def _detalj(request: HttpRequest, avvik: Avvik, feilet=None, status: int = 200) -> HttpResponse:
    """The avvik page; `feilet` is (action, bound form) of an action refused, shown with its
    messages at its fields and the input kept."""
    hendelser = list(
        avvik.hendelser.select_related(
            "utfort_av", "organisasjon", "trinn", "sak__utvalg", "utvalg"
        )
    )
    skjemaer = {navn: HANDLINGER[navn][0](prefix=navn) for navn in _handlinger(request.user, avvik)}
    if feilet is not None:
        skjemaer[feilet[0]] = feilet[1]
    vedtak = None
    if avvik.sak_id:
        vedtak = (
            avvik.sak.vedtak.filter(gjenapnet__isnull=True)
            .select_related("mote")
            .order_by("-tidspunkt")
            .first()
        )
    apen = avvik.status != Avvik.Status.LUKKET
    kan_eskalere = access.kan_eskalere(request.user, avvik) and apen
    # The reporter who is no coordinator is told who can take the next step, rather than
    # being told «both parties can» and finding no button.
    andre_kan_eskalere = (
        apen
        and not kan_eskalere
        and not services.kan_tas_videre(avvik)
        and services.neste_trinn(avvik) is not None
    )
    return render(
        request,
        "avvik/detalj.html",
        {
            "avvik": avvik,
            "hendelser": hendelser,
            "konsekvenser": konsekvenser(avvik),
            "skjemaer": skjemaer,
            "hindring": services.kan_tas_videre(avvik) if kan_eskalere else "",
            "regnes_som_godtatt": services.svaret_regnes_som_godtatt(avvik),
            "vedtak": vedtak,
            "neste_trinn": services.neste_trinn(avvik) if "eskaler" in skjemaer else None,
            "andre_kan_eskalere": andre_kan_eskalere,
            **_betaling(request.user, avvik),
        },
        status=status,
    )


def _betaling(user, avvik: Avvik) -> dict:
    """The payment days of an avvik about payment: the recorded course and its computation."""
    if not avvik.kategori.gjelder_betaling or avvik.anonymisert:
        return {}
    forlop = Betalingsforlop.objects.filter(avvik=avvik).first()
    return {
        "betaling": True,
        "betalingsforlop": forlop,
        "beregning": beregn_betaling(forlop, klokkeslett=access.kan_se_klokkeslett(user, avvik))
        if forlop
        else None,
        "kan_registrere_betaling": access.kan_registrere_betaling(user, avvik),
    }


@innlogget
@require_GET
def avvik_detalj(request: HttpRequest, pk: int) -> HttpResponse:
    return _detalj(request, _get_avvik_for_user(request, pk))


@innlogget
@require_http_methods(["GET", "POST"])
def betaling(request: HttpRequest, pk: int) -> HttpResponse:
    """The parties record the timestamps of the course; the avvik page computes the days."""
    avvik = _get_avvik_for_user(request, pk)
    if not avvik.kategori.gjelder_betaling or avvik.anonymisert:
        raise Http404
    if not access.kan_registrere_betaling(request.user, avvik):
        raise PermissionDenied
    forlop = Betalingsforlop.objects.filter(avvik=avvik).first()
    initial = model_to_dict(forlop, fields=BETALINGSFELTER) if forlop else {}
    form = BetalingsforlopForm(request.POST or None, initial=initial, hendelse=avvik.hendelse)
    if request.method == "POST" and form.is_valid():
        try:
            services.betalingsforlop_lagre(avvik=avvik, utfort_av=request.user, **form.cleaned_data)
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            messages.success(request, _("Tidspunktene er lagret, og betalingen er regnet ut."))
            return redirect(avvik.get_absolute_url() + "#betaling")
    return render(
        request,
        "avvik/betaling.html",
        {"avvik": avvik, "form": form},
        status=400 if form.errors else 200,
    )


def _eskalert_melding(hendelse: Avvikshendelse) -> str:
    if hendelse.sak is None:
        return _("Saken er tatt videre: %(trinn)s.") % {"trinn": hendelse.trinn.beskrivelse}
    neste = hendelse.sak.behandlinger.select_related("mote").first()
    if neste:
        return _("Saken er sendt til %(utvalg)s som %(nr)s og satt på møtet %(dato)s.") % {
            "utvalg": hendelse.utvalg.navn,
            "nr": hendelse.sak.saksnummer,
            "dato": timezone.localtime(neste.mote.start).strftime("%d.%m.%Y"),
        }
    return _(
        "Saken er sendt til %(utvalg)s som %(nr)s; den settes på neste møte når det er planlagt."
    ) % {"utvalg": hendelse.utvalg.navn, "nr": hendelse.sak.saksnummer}


@innlogget
@require_POST
def avvik_handling(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the dialogue. A refusal comes back at the form's field, the input kept."""
    avvik = _get_avvik_for_user(request, pk)
    handling = request.POST.get("handling", "")
    if handling not in HANDLINGER:
        messages.error(request, _("Ukjent handling."))
        return redirect(avvik)
    skjemaklasse, utfor, melding, felt = HANDLINGER[handling]
    skjema = skjemaklasse(request.POST, prefix=handling)
    if skjema.is_valid():
        try:
            resultat = utfor(avvik, request.user, skjema.cleaned_data)
        except Domenefeil as feil:
            skjema.add_error(felt, str(feil))
        else:
            if handling == "eskaler":
                melding = _eskalert_melding(resultat)
            messages.success(request, melding)
            return redirect(avvik)
    return _detalj(request, avvik, feilet=(handling, skjema), status=400)


def _periode(request: HttpRequest) -> tuple[datetime.date, datetime.date]:
    # Malformed or outside the bounds (?til=9999-12-31): the default, not an overflow.
    i_dag = timezone.localdate()
    # A year back by days: replace(year=…) has no 29 February to land on.
    fra = les_dato(request.GET.get("fra"), i_dag - datetime.timedelta(days=365))
    til = les_dato(request.GET.get("til"), i_dag)
    return fra, til


def _arsrapporter(user) -> list[tuple[str, str, int]]:
    """(Helsefellesskap name, short name, last year) for the yearly reports the user may get."""
    from helsefellesskap.models import Helsefellesskap

    hf = Helsefellesskap.objects.all()
    if not hf_access.er_systemforvalter(user):
        hf = hf.filter(organisasjoner__in=access.egne_organisasjoner(user)).distinct()
    ifjor = timezone.localdate().year - 1
    return [(h.navn, h.kortnavn, ar) for h in hf for ar in (ifjor + 1, ifjor)]


def _omrade_pa_dagen(organisasjon: str):
    """The LSU area the municipality belonged to on the day of the event (``dag``).

    A municipality in two areas (Asker) is counted in the area whose hospital the responsible
    unit names; if it names none, under «Flere LSU-områder (<kommune>)» rather than in one of
    them picked at random (docs/ordliste.md)."""
    medlem = Omrademedlem.objects.filter(
        Q(fra__isnull=True) | Q(fra__lte=OuterRef("dag")),
        Q(til__isnull=True) | Q(til__gte=OuterRef("dag")),
        kommune=OuterRef(organisasjon),
    )
    navn = medlem.order_by(Norsk("lokalomrade__navn")).values("lokalomrade__navn")
    treff = (
        medlem.annotate(plass=StrIndex(OuterRef("ansvarlig_enhet"), F("lokalomrade__navn")))
        .filter(plass__gt=0)
        .order_by(Norsk("lokalomrade__navn"))
        .values("lokalomrade__navn")
    )
    antall = medlem.order_by().values("kommune").annotate(n=Count("pk")).values("n")
    return Coalesce(
        Subquery(treff[:1]),
        Case(
            When(
                GreaterThan(Subquery(antall[:1]), 1),
                then=Concat(
                    Value(_("Flere LSU-områder") + " ("),
                    F(f"{organisasjon}__navn"),
                    Value(")"),
                    output_field=CharField(),
                ),
            ),
            default=Subquery(navn[:1]),
        ),
    )


def _maned_dag(maned) -> datetime.date:
    """The first day of a TruncMonth value (a datetime in the current time zone, or a date)."""
    if isinstance(maned, datetime.datetime):
        maned = timezone.localtime(maned).date()
    return maned.replace(day=1)


@innlogget
@require_GET
def statistikk(request: HttpRequest) -> HttpResponse:
    """Counts by category, clause, responsible organisation and month (own organisations)."""
    fra, til = _periode(request)
    # A range on the timestamp itself, so the index on (helsefellesskap, hendelse) is used.
    start = timezone.make_aware(datetime.datetime.combine(fra, datetime.time.min))
    slutt = timezone.make_aware(
        datetime.datetime.combine(til + datetime.timedelta(days=1), datetime.time.min)
    )
    utvalg = _synlige(request.user).filter(hendelse__gte=start, hendelse__lt=slutt)
    per_omrade = list(
        utvalg.annotate(dag=TruncDate("hendelse"))
        .annotate(
            omrade=Coalesce(
                _omrade_pa_dagen("meldt_av_organisasjon"), _omrade_pa_dagen("ansvarlig")
            )
        )
        .values("omrade")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n")
    )
    per_kategori = list(utvalg.values("kategori__navn").annotate(n=Count("id")).order_by("-n"))
    per_ansvarlig = list(utvalg.values("ansvarlig__navn").annotate(n=Count("id")).order_by("-n"))
    per_punkt = list(
        utvalg.exclude(punkt=None)
        .values(
            "punkt__versjon__tittel",
            "punkt__nummer",
            "punkt__overskrift",
            "punkt__versjon__avtale_id",
            "punkt__versjon__nummer",
            "punkt__punkt_id",
        )
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    per_maned = list(
        utvalg.annotate(maned=TruncMonth("hendelse"))
        .values("maned")
        .annotate(n=Count("id"))
        .order_by("maned")
    )
    if request.GET.get("format") == "csv":
        svar = HttpResponse(content_type="text/csv; charset=utf-8")
        svar["Content-Disposition"] = f'attachment; filename="avvik-{fra}-{til}.csv"'
        svar.write("\ufeff")
        skriver = csv.writer(svar, delimiter=";")
        skriver.writerow(["gruppe", "verdi", "antall"])
        for rad in per_kategori:
            skriver.writerow(["kategori", rad["kategori__navn"], rad["n"]])
        for rad in per_ansvarlig:
            skriver.writerow(["ansvarlig", rad["ansvarlig__navn"], rad["n"]])
        for rad in per_punkt:
            skriver.writerow(
                ["punkt", f"{rad['punkt__versjon__tittel']} {rad['punkt__nummer']}", rad["n"]]
            )
        for rad in per_omrade:
            skriver.writerow(["lsu-område", rad["omrade"] or "", rad["n"]])
        for rad in per_maned:
            skriver.writerow(["måned", rad["maned"].strftime("%Y-%m"), rad["n"]])
        return svar
    # Every month of the period gets its bar, also the months without avvik: a chart that
    # skipped them put March beside June as if they were neighbours.
    tall = {_maned_dag(r["maned"]): r["n"] for r in per_maned}
    maneder, maned = [], fra.replace(day=1)
    while maned <= til:
        maneder.append({"maned": maned, "n": tall.get(maned, 0)})
        maned = (maned + datetime.timedelta(days=32)).replace(day=1)
    per_maned = maneder if per_maned else []
    storst = max([r["n"] for r in per_maned] or [1]) or 1
    return render(
        request,
        "avvik/statistikk.html",
        {
            "fra": fra,
            "til": til,
            "antall": sum(r["n"] for r in per_kategori),
            "per_kategori": per_kategori,
            "per_ansvarlig": per_ansvarlig,
            "per_punkt": per_punkt,
            "per_omrade": per_omrade,
            "arsrapporter": _arsrapporter(request.user),
            "stolper": [
                {
                    "x": 10 + i * 40,
                    "midt": 25 + i * 40,
                    "y": 160 - round(140 * r["n"] / storst),
                    "hoyde": round(140 * r["n"] / storst),
                    "n": r["n"],
                    "maned": r["maned"],
                    "tall_y": 160 - round(140 * r["n"] / storst) - 4,
                }
                for i, r in enumerate(per_maned)
            ],
            "bredde": 20 + 40 * len(per_maned),
        },
    )


@offentlig
@require_GET
def punkttall(request: HttpRequest, avtale_pk: int) -> HttpResponse:
    """Avvik per clause of an agreement over the last 12 months, counted across versions by
    the clause's identity. Counts only, no content, and none below MINSTE_CELLE
    (avvik.selectors): public like the agreement itself."""
    statistikk = avvik_per_punkt_siste_ar(avtale_pk)
    return render(
        request,
        "avvik/_punkttall.html",
        {
            "statistikk": statistikk,
            "tall": [(r["punkt"], r["antall"]) for r in statistikk["per_punkt"]],
            "sum": statistikk["antall"],
            "minste_celle": MINSTE_CELLE,
        },
    )


@innlogget
@require_http_methods(["GET", "POST"])
def sammendrag_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised case summary for the national dispute body: organisations, not people.
    Made by the worker, keyed on its HTML (it changes with the case)."""
    avvik = _get_avvik_for_user(request, pk)
    hendelser = list(avvik.hendelser.select_related("organisasjon", "trinn", "sak__utvalg"))
    html = render_to_string(
        "avvik/sammendrag_pdf.html",
        {"avvik": avvik, "hendelser": hendelser, **_betaling(request.user, avvik)},
    )
    return pdf_svar(
        request,
        art="avvik-sammendrag",
        html=html,
        filnavn=f"avvik-{avvik.pk}-tvistelosningsnemnd.pdf",
        tittel=_("Sammendrag av avvik %(nr)s for tvisteløsningsnemnda") % {"nr": avvik.pk},
    )


# Its waiting page polls this address (kjerne.pdf): the polls are not activity.
sammendrag_pdf.polles = True


@innlogget
@require_http_methods(["GET", "POST"])
def arsrapport(request: HttpRequest, kortnavn: str, ar: int) -> HttpResponse:
    """The year's avvik of a Helsefellesskap for SSU, as PDF made by the worker: counts only,
    no texts, no small counts of other organisations (avvik.arsrapport). Keyed on its HTML,
    which depends on the year's cases and on whose organisations ask."""
    from helsefellesskap.models import Helsefellesskap, Organisasjon

    helsefellesskap = get_object_or_404(Helsefellesskap, kortnavn=kortnavn)
    egne = access.egne_organisasjoner(request.user)
    if not (
        hf_access.er_systemforvalter(request.user)
        or Organisasjon.objects.filter(pk__in=egne, helsefellesskap=helsefellesskap).exists()
    ):
        raise Http404
    if not 2000 <= ar <= 2100:
        raise Http404
    kontekst = {
        "helsefellesskap": helsefellesskap,
        "ar": ar,
        **arsrapport_tall(helsefellesskap=helsefellesskap, ar=ar, egne=set(egne)),
    }
    return pdf_svar(
        request,
        art="avvik-arsrapport",
        html=render_to_string("avvik/arsrapport_pdf.html", kontekst),
        filnavn=f"avvik-{kortnavn}-{ar}.pdf",
        tittel=_("Årsrapport om avvik %(ar)s: %(hf)s") % {"ar": ar, "hf": helsefellesskap.navn},
    )


# Its waiting page polls this address (kjerne.pdf): the polls are not activity.
arsrapport.polles = True
