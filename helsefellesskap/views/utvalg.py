"""Bodies, meetings and cases: public reading, members' reading, the secretary's recording."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helsefellesskap import access, services
from helsefellesskap.forms_utvalg import (
    BegrunnelseForm,
    MoteAvlysForm,
    MoteFlyttForm,
    MoteForm,
    ReferatForm,
    SakForm,
    VedtakForm,
)
from helsefellesskap.kalender import moter_som_ical
from helsefellesskap.models import (
    Mote,
    Omrademedlem,
    Oppmote,
    Organisasjon,
    Sak,
    Sakbehandling,
    Saksdokument,
    Utvalg,
    Utvalgsmedlem,
    Vedtak,
)
from helsefellesskap.models.utvalg import Side
from kjerne.feil import Domenefeil
from kjerne.meldinger import utfor
from kjerne.pdf import pdf_svar
from kjerne.sortering import Norsk, norsk_sortert
from kjerne.tilgang import innlogget, offentlig


def _i_dag() -> datetime.date:
    return timezone.localdate()


@offentlig
@require_GET
def utvalgsliste(request: HttpRequest) -> HttpResponse:
    """All bodies, with the year's meetings against the required count (årshjul)."""
    try:
        ar = int(request.GET.get("ar") or _i_dag().year)
    except ValueError:
        ar = _i_dag().year
    if not 1 <= ar <= 9998:
        ar = _i_dag().year
    utvalg = (
        Utvalg.objects.select_related("helsefellesskap", "lokalomrade")
        .annotate(
            antall_moter=Count(
                "moter", filter=Q(moter__start__year=ar) & ~Q(moter__status=Mote.Status.AVLYST)
            )
        )
        .order_by(Norsk("helsefellesskap__navn"), "type", Norsk("navn"))
    )
    return render(request, "utvalg/liste.html", {"utvalg": utvalg, "ar": ar})


def _get_utvalg(pk: int) -> Utvalg:
    return get_object_or_404(
        Utvalg.objects.select_related("helsefellesskap", "lokalomrade", "overordnet"), pk=pk
    )


@offentlig
@require_GET
def utvalg(request: HttpRequest, pk: int) -> HttpResponse:
    return _utvalgsside(request, _get_utvalg(pk))


def _utvalgsside(
    request: HttpRequest, utvalg: Utvalg, moteform: MoteForm | None = None
) -> HttpResponse:
    """The body's page; `moteform` is a refused new meeting, shown as written (400)."""
    i_dag = _i_dag()
    medlemmer = list(
        Utvalgsmedlem.objects.aktive(i_dag)
        .filter(utvalg=utvalg)
        .select_related("bruker", "organisasjon")
        .order_by("side", Norsk("bruker__navn"))
    )
    er_medlem = access.er_utvalgsmedlem(request.user, utvalg)
    kan_fore = access.kan_fore_utvalg(request.user, utvalg)
    lederside = utvalg.lederside(i_dag)
    leder = next((m for m in medlemmer if m.rolle == Utvalgsmedlem.Rolle.LEDER), None)
    return render(
        request,
        "utvalg/utvalg.html",
        {
            "utvalg": utvalg,
            "medlemmer": medlemmer,
            "mangler": services.sammensetning_mangler(utvalg, medlemmer),
            "krav": list(utvalg.krav.all()),
            "moter": list(utvalg.moter.order_by("-start")[:20]),
            "neste_mote": utvalg.moter.filter(status=Mote.Status.PLANLAGT, start__gt=timezone.now())
            .order_by("start")
            .first(),
            "apne_saker": list(utvalg.saker.filter(status=Sak.Status.APEN).select_related("utvalg"))
            if er_medlem
            else [],
            "leder": leder,
            "lederside": lederside,
            "lederside_navn": dict(Utvalg._meta.get_field("forste_lederside").choices).get(
                lederside
            ),
            "leder_feil_side": leder is not None and lederside and leder.side != lederside,
            "neste_lederskifte": utvalg.neste_lederskifte(i_dag),
            "er_medlem": er_medlem,
            "kan_fore": kan_fore,
            "moteform": moteform or MoteForm() if kan_fore else None,
            "aktivt": utvalg.er_aktivt(i_dag),
            # An LSU serves the municipalities of its area as they belong to it today.
            "omradekommuner": norsk_sortert(
                Organisasjon.objects.filter(
                    omrademedlemskap__in=Omrademedlem.objects.gjeldende(i_dag).filter(
                        lokalomrade=utvalg.lokalomrade_id
                    )
                ).distinct()
            )
            if utvalg.lokalomrade_id
            else [],
        },
        status=400 if moteform else 200,
    )


@offentlig
@require_GET
def utvalg_kalender(request: HttpRequest, pk: int) -> HttpResponse:
    utvalg = _get_utvalg(pk)
    svar = HttpResponse(
        moter_som_ical(utvalg, utvalg.moter.exclude(status=Mote.Status.AVLYST).order_by("start")),
        content_type="text/calendar; charset=utf-8",
    )
    svar["Content-Disposition"] = (
        f'inline; filename="{utvalg.kortnavn.lower().replace(" ", "-")}.ics"'
    )
    return svar


def _krev_sekretaer(request: HttpRequest, utvalg: Utvalg) -> None:
    if not access.kan_fore_utvalg(request.user, utvalg):
        raise PermissionDenied(_("Bare utvalgets sekretær kan gjøre dette."))


@innlogget
@require_POST
def mote_ny(request: HttpRequest, pk: int) -> HttpResponse:
    utvalg = _get_utvalg(pk)
    _krev_sekretaer(request, utvalg)
    form = MoteForm(request.POST)
    if form.is_valid():
        try:
            mote = services.mote_opprett(utfort_av=request.user, **form.cleaned_data, utvalg=utvalg)
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            messages.success(request, _("Møtet er opprettet."))
            return redirect(mote)
    return _utvalgsside(request, utvalg, moteform=form)


def _get_mote(pk: int) -> Mote:
    return get_object_or_404(
        Mote.objects.select_related("utvalg", "utvalg__helsefellesskap", "referat_godkjent_av"),
        pk=pk,
    )


def _mote_kontekst(
    request: HttpRequest,
    mote: Mote,
    feilform: VedtakForm | None = None,
    sakform: SakForm | None = None,
    referatform: ReferatForm | None = None,
    utsettelse: tuple[int, BegrunnelseForm] | None = None,
    flytteform: MoteFlyttForm | None = None,
    avlysform: MoteAvlysForm | None = None,
) -> dict:
    """The meeting page. A form that was refused comes back bound, with its errors at the
    fields and what was written kept: `feilform` (a decision), `sakform` (a new case),
    `referatform` (the minutes), `utsettelse` (the case and the reason to postpone it),
    `flytteform` and `avlysform` (moving or cancelling the meeting)."""
    utvalg = mote.utvalg
    dato = timezone.localtime(mote.start).date()
    er_medlem = access.er_utvalgsmedlem(request.user, utvalg)
    kan_fore = access.kan_fore_utvalg(request.user, utvalg) and utvalg.er_aktivt(dato)
    offentlig_utvalg = access.er_offentlig_utvalg(utvalg)
    medlemmer = list(
        Utvalgsmedlem.objects.aktive(dato)
        .filter(utvalg=utvalg)
        .select_related("bruker", "organisasjon")
    )
    oppmote = {o.medlem_id: o.status for o in mote.oppmote.all()}
    bekreftet = {b.medlem_id for b in mote.bekreftelser.all()}
    # The members are loaded already: the sides come from them, not from a query of their own.
    sider = services.sider_blant(medlemmer) if kan_fore else []
    til_stede = services.til_stede_per_side(medlemmer, oppmote)
    behandlinger = list(
        mote.sakliste.select_related(
            "sak", "sak__utvalg", "sak__sendt_fra__utvalg"
        ).prefetch_related(
            Prefetch("sak__vedtak", queryset=Vedtak.objects.filter(mote=mote), to_attr="motevedtak")
        )
    )
    avholdt = mote.start <= timezone.now()  # begun: its start time has come
    for behandling in behandlinger:
        vedtak = behandling.sak.motevedtak
        if not er_medlem:
            vedtak = [v for v in vedtak if v.er_vedtatt and offentlig_utvalg]
        behandling.synlige_vedtak = vedtak
        if utsettelse is not None and utsettelse[0] == behandling.sak.pk:
            behandling.utsettelsesform = utsettelse[1]
        if feilform is not None and feilform.sak.pk == behandling.sak.pk:
            behandling.vedtaksform = feilform
        elif (
            kan_fore
            and avholdt
            and not mote.referat_godkjent
            and behandling.sak.status == Sak.Status.APEN
        ):
            behandling.vedtaksform = VedtakForm(
                sider=sider,
                sak=behandling.sak,
                anbefaling=not utvalg.kan_vedta,
                til_stede=til_stede,
            )
    if not er_medlem:
        # The public sees the cases with an adopted decision, nothing of the rest of the agenda.
        behandlinger = [b for b in behandlinger if b.synlige_vedtak]
    mitt_medlemskap = next((m for m in medlemmer if m.bruker_id == request.user.pk), None)
    synlige = medlemmer if er_medlem or offentlig_utvalg else []
    # Only a planned meeting is moved or cancelled (the service says the same).
    kan_endre = access.kan_fore_utvalg(request.user, utvalg) and mote.status == Mote.Status.PLANLAGT
    return {
        "mote": mote,
        "utvalg": utvalg,
        "medlemmer": [(m, oppmote.get(m.pk, ""), m.pk in bekreftet) for m in synlige],
        "til_stede": [m for m in synlige if oppmote.get(m.pk) == Oppmote.Status.TIL_STEDE],
        "forfall": [
            m
            for m in synlige
            if oppmote.get(m.pk) in (Oppmote.Status.FORFALL, Oppmote.Status.IKKE_MOTT)
        ],
        "behandlinger": behandlinger,
        "avholdt": avholdt,
        "er_medlem": er_medlem,
        "kan_fore": kan_fore,
        "vis_referat": er_medlem or (offentlig_utvalg and mote.referat_godkjent),
        "kan_bekrefte": mitt_medlemskap is not None
        and mote.referat
        and mitt_medlemskap.pk not in bekreftet,
        "oppmotevalg": Oppmote.Status.choices,
        "referatform": referatform or ReferatForm(initial={"referat": mote.referat})
        if kan_fore
        else None,
        "sakform": sakform or SakForm() if kan_fore else None,
        "flytteform": flytteform
        or MoteFlyttForm(initial={"start": _foreslatt_start(mote), "sted": mote.sted})
        if kan_endre
        else None,
        "avlysform": avlysform or MoteAvlysForm() if kan_endre else None,
        "apne_saker": list(
            utvalg.saker.filter(status=Sak.Status.APEN)
            .exclude(behandlinger__mote=mote)
            .select_related("utvalg")
        )
        if kan_fore
        else [],
    }


@offentlig
@require_GET
def mote(request: HttpRequest, pk: int) -> HttpResponse:
    mote = _get_mote(pk)
    return render(request, "utvalg/mote.html", _mote_kontekst(request, mote))


def _tilbake_til_mote(
    request: HttpRequest, mote: Mote, fragment: str | None = None
) -> HttpResponse:
    """htmx gets the updated part of the page; a plain form post goes back to the page."""
    if fragment and request.htmx:
        return render(request, f"utvalg/mote.html#{fragment}", _mote_kontekst(request, mote))
    return redirect(mote)


def _mote_med_feil(
    request: HttpRequest, mote: Mote, fragment: str | None = None, **skjema
) -> HttpResponse:
    """A refused form: htmx gets its part of the page with the form as written (200, so htmx
    swaps it in), a plain post the whole page with 400. Never a redirect that drops the input."""
    kontekst = _mote_kontekst(request, mote, **skjema)
    if fragment and request.htmx:
        return render(request, f"utvalg/mote.html#{fragment}", kontekst)
    return render(request, "utvalg/mote.html", kontekst, status=400)


@innlogget
@require_POST
def mote_flytt(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary moves a planned meeting; the members get the new invitation."""
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    form = MoteFlyttForm(request.POST)
    if form.is_valid():
        try:
            services.mote_flytt(utfort_av=request.user, mote=mote, **form.cleaned_data)
        except Domenefeil as feil:
            # A planned meeting is refused for its new date (the body not active then).
            form.add_error("start" if mote.status == Mote.Status.PLANLAGT else None, str(feil))
        else:
            messages.success(request, _("Møtet er flyttet. Medlemmene får ny innkalling."))
            return redirect(mote)
    return _mote_med_feil(request, mote, flytteform=form)


@innlogget
@require_POST
def mote_avlys(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary cancels a planned meeting, with the reason the members are told."""
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    form = MoteAvlysForm(request.POST)
    if form.is_valid():
        try:
            services.mote_avlys(
                utfort_av=request.user, mote=mote, begrunnelse=form.cleaned_data["begrunnelse"]
            )
        except Domenefeil as feil:
            form.add_error("begrunnelse", str(feil))
        else:
            messages.success(request, _("Møtet er avlyst. Medlemmene har fått beskjed."))
            return redirect(mote)
    return _mote_med_feil(request, mote, avlysform=form)


@innlogget
@require_POST
def mote_oppmote(request: HttpRequest, pk: int, medlem_pk: int) -> HttpResponse:
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    medlem = get_object_or_404(
        Utvalgsmedlem.objects.select_related("bruker"), pk=medlem_pk, utvalg=mote.utvalg
    )
    utfor(
        request,
        lambda: services.oppmote_registrer(
            utfort_av=request.user, mote=mote, medlem=medlem, status=request.POST.get("status", "")
        ),
        "" if request.htmx else _("Oppmøtet er lagret."),
    )
    return _tilbake_til_mote(request, mote, "oppmote")


@innlogget
@require_POST
def mote_sak(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an existing case on the agenda, or create a new one there."""
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    if request.POST.get("sak"):
        if not request.POST["sak"].isdigit():
            raise Http404
        sak = get_object_or_404(Sak, pk=request.POST["sak"], utvalg=mote.utvalg)
        utfor(
            request,
            lambda: services.sak_sett_pa_sakliste(utfort_av=request.user, mote=mote, sak=sak),
            "",
        )
        return _tilbake_til_mote(request, mote, "sakliste")
    form = SakForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                sak = services.sak_opprett(
                    utfort_av=request.user, utvalg=mote.utvalg, **form.cleaned_data
                )
                services.sak_sett_pa_sakliste(utfort_av=request.user, mote=mote, sak=sak)
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            if not request.htmx:
                messages.success(request, _("Saken er satt på sakslisten."))
            return _tilbake_til_mote(request, mote, "sakliste")
    # An empty title, a patient identifier or a refusal of the service: at the form, kept.
    return _mote_med_feil(request, mote, "sakliste", sakform=form)


@innlogget
@require_POST
def mote_vedtak(request: HttpRequest, pk: int, sak_pk: int) -> HttpResponse:
    """Record a decision. A form with errors comes back with the messages at its fields and
    what was written kept (the fragment for htmx, the whole page with 400 otherwise)."""
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    behandling = get_object_or_404(
        Sakbehandling.objects.select_related("sak"), mote=mote, sak=sak_pk
    )
    sak = behandling.sak
    dato = timezone.localtime(mote.start).date()
    medlemmer = list(
        Utvalgsmedlem.objects.aktive(dato).filter(utvalg=mote.utvalg).select_related("bruker")
    )
    form = VedtakForm(
        request.POST,
        sider=services.sider_blant(medlemmer),
        sak=sak,
        anbefaling=not mote.utvalg.kan_vedta,
        til_stede=services.til_stede_per_side(medlemmer, services.oppmote_for(mote)),
    )
    if form.is_valid():
        try:
            if form.anbefaling:
                services.anbefaling_registrer(
                    utfort_av=request.user, sak=sak, mote=mote, tekst=form.cleaned_data["tekst"]
                )
            else:
                services.vedtak_registrer(
                    utfort_av=request.user,
                    sak=sak,
                    mote=mote,
                    tekst=form.cleaned_data["tekst"],
                    posisjoner=form.posisjoner(),
                    protokolltilforsel=form.cleaned_data["protokolltilforsel"],
                )
        except services.Standpunktfeil as feil:
            form.add_error(feil.side, str(feil))
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            return _tilbake_til_mote(request, mote, "sakliste")
    kontekst = _mote_kontekst(request, mote, feilform=form)
    if request.htmx:
        return render(request, "utvalg/mote.html#sakliste", kontekst)
    return render(request, "utvalg/mote.html", kontekst, status=400)


@innlogget
@require_POST
def mote_utsett(request: HttpRequest, pk: int, sak_pk: int) -> HttpResponse:
    """The body postpones a case to its next meeting, with the reason."""
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    behandling = get_object_or_404(
        Sakbehandling.objects.select_related("sak"), mote=mote, sak=sak_pk
    )
    skjema = BegrunnelseForm(request.POST)
    if skjema.is_valid():
        try:
            services.sak_utsett(
                utfort_av=request.user,
                sak=behandling.sak,
                mote=mote,
                begrunnelse=skjema.cleaned_data["begrunnelse"],
            )
        except Domenefeil as feil:
            skjema.add_error("begrunnelse", str(feil))
        else:
            messages.success(request, _("Saken er utsatt til neste møte."))
            return redirect(mote)
    return _mote_med_feil(request, mote, utsettelse=(behandling.sak.pk, skjema))


@innlogget
@require_POST
def mote_referat(request: HttpRequest, pk: int) -> HttpResponse:
    mote = _get_mote(pk)
    _krev_sekretaer(request, mote.utvalg)
    if request.POST.get("handling") == "godkjenn":
        utfor(
            request,
            lambda: services.referat_godkjenn(utfort_av=request.user, mote=mote),
            _("Referatet er godkjent."),
        )
        return redirect(mote)
    form = ReferatForm(request.POST)
    if form.is_valid():
        try:
            services.referat_lagre(
                utfort_av=request.user, mote=mote, tekst=form.cleaned_data["referat"]
            )
        except Domenefeil as feil:
            form.add_error("referat", str(feil))
        else:
            messages.success(request, _("Referatet er lagret."))
            return redirect(mote)
    return _mote_med_feil(request, mote, referatform=form)


@offentlig
@require_http_methods(["GET", "POST"])
def mote_referat_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as PDF, made by the worker: for members, and for everyone once approved
    (SSU/LSU). Keyed on its HTML, so what members and the public see are two documents."""
    mote = _get_mote(pk)
    kontekst = _mote_kontekst(request, mote)
    if not kontekst["vis_referat"]:
        raise Http404
    dato = timezone.localtime(mote.start).strftime("%Y-%m-%d")
    return pdf_svar(
        request,
        art="referat",
        html=render_to_string("utvalg/referat_pdf.html", kontekst),
        filnavn=f"referat-{mote.utvalg.kortnavn.lower().replace(' ', '-')}-{dato}.pdf",
        tittel=_("Referat fra %(utvalg)s %(dato)s")
        % {"utvalg": mote.utvalg.navn, "dato": timezone.localtime(mote.start).strftime("%d.%m.%Y")},
    )


# Its waiting page polls this address (kjerne.pdf): the polls are not activity.
mote_referat_pdf.polles = True


@innlogget
@require_POST
def mote_bekreft(request: HttpRequest, pk: int) -> HttpResponse:
    mote = _get_mote(pk)
    if not access.er_utvalgsmedlem(request.user, mote.utvalg):
        raise PermissionDenied(_("Bare utvalgets medlemmer bekrefter referatet."))
    utfor(
        request,
        lambda: services.referat_bekreft(bruker=request.user, mote=mote),
        _("Du har bekreftet referatet."),
    )
    return redirect(mote)


def _sak_kontekst(request: HttpRequest, sak: Sak, skjema: BegrunnelseForm | None = None) -> dict:
    er_medlem = access.er_utvalgsmedlem(request.user, sak.utvalg)
    vedtak = list(sak.vedtak.select_related("mote").order_by("tidspunkt"))
    if not er_medlem:
        vedtak = [v for v in vedtak if v.er_vedtatt and access.er_offentlig_utvalg(sak.utvalg)]
        if not vedtak:
            raise Http404
    kjede = []  # the bodies the case came through, nearest first (LSU → SSU is one step)
    forrige_id = sak.sendt_fra_id
    while forrige_id:
        forrige = Sak.objects.select_related("utvalg").get(pk=forrige_id)
        kjede.append(forrige)
        forrige_id = forrige.sendt_fra_id
    kan_fore = access.kan_fore_utvalg(request.user, sak.utvalg)
    part = (
        access.partsside(request.user, sak.utvalg) if sak.status == Sak.Status.IKKE_ENIGHET else ""
    )
    return {
        "sak": sak,
        "vedtak": vedtak,
        "behandlinger": list(sak.behandlinger.select_related("mote").order_by("mote__start")),
        "hendelser": list(sak.hendelser.select_related("utfort_av", "til_sak__utvalg", "mote"))
        if er_medlem
        else [],
        "videresendt": list(sak.videresendt_til.select_related("utvalg")),
        "dokumenter": list(sak.dokumenter.all()) if er_medlem else [],
        "kan_fore": kan_fore,
        "kjede": kjede,
        "er_medlem": er_medlem,
        "part": part,
        "part_navn": dict(Side.choices).get(part, ""),
        "kan_gjenapne": kan_fore and sak.status in (Sak.Status.AVSLUTTET, Sak.Status.IKKE_ENIGHET),
        "skjema": skjema or BegrunnelseForm(),
    }


@offentlig
@require_GET
def sak(request: HttpRequest, pk: int) -> HttpResponse:
    """A case with its history across meetings and bodies."""
    sak = get_object_or_404(
        Sak.objects.select_related("utvalg", "utvalg__overordnet", "sendt_fra__utvalg"), pk=pk
    )
    return render(request, "utvalg/sak.html", _sak_kontekst(request, sak))


@innlogget
@require_POST
def sak_dokument_ny(request: HttpRequest, pk: int) -> HttpResponse:
    sak = get_object_or_404(Sak.objects.select_related("utvalg"), pk=pk)
    _krev_sekretaer(request, sak.utvalg)
    fil = request.FILES.get("fil")
    tittel = request.POST.get("tittel", "")
    try:
        if fil is None:
            raise Domenefeil(_("Velg en fil å laste opp."))
        services.saksdokument_legg_til(utfort_av=request.user, sak=sak, tittel=tittel, fil=fil)
    except Domenefeil as feil:
        # The title stays; a browser never lets a page choose the file again for the user.
        kontekst = _sak_kontekst(request, sak) | {
            "dokumentfeil": str(feil),
            "dokumenttittel": tittel,
        }
        return render(request, "utvalg/sak.html", kontekst, status=400)
    messages.success(request, _("Dokumentet er lagt til saken."))
    return redirect(sak)


@innlogget
@require_GET
def sak_dokument(request: HttpRequest, pk: int, dokument_pk: int) -> FileResponse:
    """Case documents are internal: only the body's members download them."""
    dokument = get_object_or_404(
        Saksdokument.objects.select_related("sak__utvalg"), pk=dokument_pk, sak=pk
    )
    if not access.er_utvalgsmedlem(request.user, dokument.sak.utvalg):
        raise PermissionDenied(_("Saksdokumentene er bare for utvalgets medlemmer."))
    return FileResponse(
        dokument.fil.open("rb"), as_attachment=True, filename=dokument.fil.name.rsplit("/", 1)[-1]
    )


def _sak_handling(request: HttpRequest, pk: int, handling) -> HttpResponse:
    """Run a step on a case that needs a reason; errors come back at the field."""
    sak = get_object_or_404(Sak.objects.select_related("utvalg", "utvalg__overordnet"), pk=pk)
    if not access.er_utvalgsmedlem(request.user, sak.utvalg) and not access.partsside(
        request.user, sak.utvalg
    ):
        raise PermissionDenied(_("Bare utvalgets medlemmer og partene kan gjøre dette."))
    skjema = BegrunnelseForm(request.POST)
    if skjema.is_valid():
        try:
            svar = handling(sak, skjema.cleaned_data["begrunnelse"])
        except Domenefeil as feil:
            skjema.add_error("begrunnelse", str(feil))
        else:
            return svar
    return render(request, "utvalg/sak.html", _sak_kontekst(request, sak, skjema), status=400)


@innlogget
@require_POST
def sak_send_videre(request: HttpRequest, pk: int) -> HttpResponse:
    """Either party takes the case on after the body treated it without agreement."""

    def send(sak: Sak, begrunnelse: str) -> HttpResponse:
        ny = services.sak_send_videre(utfort_av=request.user, sak=sak, begrunnelse=begrunnelse)
        if ny is None:
            messages.success(
                request, _("Saken er meldt som brakt inn for nasjonal tvisteløsningsnemnd.")
            )
            return redirect(sak)
        messages.success(
            request,
            _("Saken er sendt til %(utvalg)s som %(nr)s.")
            % {"utvalg": ny.utvalg.navn, "nr": ny.saksnummer},
        )
        return redirect(sak)

    return _sak_handling(request, pk, send)


@innlogget
@require_POST
def sak_gjenapne(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary reopens a decided case, with the reason."""

    def gjenapne(sak: Sak, begrunnelse: str) -> HttpResponse:
        services.sak_gjenapne(utfort_av=request.user, sak=sak, begrunnelse=begrunnelse)
        messages.success(request, _("Saken er gjenåpnet og kan behandles på nytt."))
        return redirect(sak)

    return _sak_handling(request, pk, gjenapne)


def _foreslatt_start(mote: Mote) -> datetime.datetime | None:
    """The meeting's time as the move form's starting point; none for a time at the calendar's
    edge (a year-1 date stored before input was bounded, issue #15), which the form cannot show."""
    if datetime.MINYEAR < mote.start.year < datetime.MAXYEAR:
        return timezone.localtime(mote.start)
    return None
