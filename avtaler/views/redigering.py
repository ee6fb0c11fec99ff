"""Revising a draft in the browser: each save a small request, conflicts shown, never lost."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from avtaler import access, livslop, services
from avtaler.diff import ord_diff
from avtaler.forms import (
    IkrafttredelseForm,
    LeseforesporselForm,
    NyttPunktForm,
    SignaturForm,
)
from avtaler.models import (
    Avtale,
    Avtaleforhold,
    Avtaleversjon,
    Kommentar,
    Punktversjon,
    Signatur,
    Utskrivningstider,
    i_dag,
)
from avtaler.oversikt import oversikt_for
from avtaler.services.utskrivning import tider_mot_teksten
from avtaler.views.lesing import _vis_versjon
from avtaler.views.sprak import analysekontekst
from helsefellesskap import access as access_hf
from helsefellesskap.models import Utvalg
from kjerne.feil import Domenefeil
from kjerne.meldinger import utfor
from kjerne.personvern import krev_uten_personnummer
from kjerne.sortering import Norsk
from kjerne.tilgang import innlogget


def _versjon(pk: int, nummer: int) -> Avtaleversjon:
    return get_object_or_404(Avtaleversjon.objects.for_lesing(), avtale=pk, nummer=nummer)


def _krev(tillatt: bool, melding: str) -> None:
    if not tillatt:
        raise PermissionDenied(melding)


@innlogget
@require_POST
def revider(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a revision from the version in force (or the newest signed one)."""
    avtale = get_object_or_404(Avtale, pk=pk)
    grunnlag = avtale.versjoner.signerte().order_by("-nummer").prefetch_related("parter").first()
    if grunnlag is None:
        raise PermissionDenied(_("Avtalen har ingen signert versjon å revidere."))
    _krev(
        access.kan_revidere(request.user, grunnlag), _("Bare partenes koordinatorer kan revidere.")
    )
    resultat: list = []
    if utfor(
        request,
        lambda: resultat.append(
            services.versjon_start_revisjon(versjon=grunnlag, utfort_av=request.user)
        ),
    ):
        utkast = resultat[0]
        messages.success(
            request, _("Versjon %(nr)s er opprettet som utkast.") % {"nr": utkast.nummer}
        )
        return redirect("avtale-rediger", pk=pk, nummer=utkast.nummer)
    return redirect("avtale", pk=pk)


def _redigeringskontekst(request: HttpRequest, versjon: Avtaleversjon) -> dict:
    parter = list(versjon.parter.all())
    return {
        "versjon": versjon,
        "avtale": versjon.avtale,
        "parter": parter,
        "kan_revidere": versjon.er_utkast and access.kan_revidere(request.user, versjon, parter),
        "kan_kommentere": access.kan_kommentere(request.user, versjon, parter),
    }


@innlogget
@require_GET
def rediger(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    return _redigeringsside(request, _versjon(pk, nummer))


def _redigeringsside(
    request: HttpRequest,
    versjon: Avtaleversjon,
    kommentarfeil: dict | None = None,
    punktform: NyttPunktForm | None = None,
    punktfeil: dict | None = None,
) -> HttpResponse:
    """The draft's page; `kommentarfeil` is a refused comment ({"punkt", "tekst", "feil"}),
    shown open at its clause with what was written and why (400); `punktform` a refused new
    clause, shown in its form as written with the reason at its field (400); `punktfeil` a
    refused save of a clause ({"punkt", "min", "feil"}), open for editing as written (400)."""
    kontekst = _redigeringskontekst(request, versjon)
    _krev(kontekst["kan_revidere"] or kontekst["kan_kommentere"], _("Utkast er bare for partene."))
    apne = (
        Kommentar.objects.filter(lost__isnull=True)
        .select_related("forfatter")
        .order_by("opprettet")
    )
    punkter = list(
        versjon.punkter.order_by("rekkefolge").prefetch_related(
            Prefetch("kommentarer", queryset=apne, to_attr="apne_kommentarer")
        )
    )
    try:
        redigeres = int(request.GET.get("rediger", 0))
    except ValueError:
        redigeres = 0
    if punktfeil:
        redigeres = punktfeil["punkt"]
    redigert = next((p for p in punkter if p.pk == redigeres), None)
    if versjon.avtale.er_utskrivningsrutine:
        from avtaler.utskrivningstider import foreslaa

        # «Utskrivningstider fra N» only where the parser reads hours in the clause.
        for p in punkter:
            p.sier_tider = bool(foreslaa(p.tekst))
    return render(
        request,
        "avtaler/rediger.html",
        {
            **kontekst,
            "punkter": punkter,
            "redigeres": redigeres,
            **(
                analysekontekst(punktfeil["min"]["tekst"] if punktfeil else redigert.tekst)
                if redigert
                else {}
            ),
            "apne_kommentarer": [k for p in punkter for k in p.apne_kommentarer],
            "utskrivningstider": (
                tider := Utskrivningstider.objects.filter(versjon=versjon).first()
            ),
            "tider_mot_teksten": tider_mot_teksten(versjon, tider)
            if tider and versjon.avtale.er_utskrivningsrutine
            else "",
            "utvalg": list(
                Utvalg.objects.aktive(timezone.localdate())
                .filter(helsefellesskap=versjon.avtale.helsefellesskap_id, type__in=["ssu", "lsu"])
                .order_by("type", Norsk("navn"))
            )
            if kontekst["kan_revidere"]
            else [],
            "kommentarfeil": kommentarfeil,
            "punktform": punktform or NyttPunktForm(auto_id="id_ny_%s"),
            **({"min": punktfeil["min"], "feil": punktfeil["feil"]} if punktfeil else {}),
        },
        status=400 if kommentarfeil or punktform or punktfeil else 200,
    )


def _punkt_svar(
    request: HttpRequest, versjon: Avtaleversjon, punkt: Punktversjon, fragment: str, **ekstra
) -> HttpResponse:
    status = ekstra.pop("status", 200)
    kontekst = {**_redigeringskontekst(request, versjon), "p": punkt, **ekstra}
    if fragment == "punktskjema":
        # The preview and analysis of the text in the form from the start, not empty until
        # the first keystroke.
        kontekst |= analysekontekst(ekstra["min"]["tekst"] if "min" in ekstra else punkt.tekst)
    punkt.apne_kommentarer = list(
        punkt.kommentarer.filter(lost__isnull=True).select_related("forfatter")
    )
    return render(request, f"avtaler/rediger.html#{fragment}", kontekst, status=status)


@innlogget
@require_http_methods(["GET", "POST"])
def punkt(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    """GET: the clause as an edit form (htmx). POST: save it, or show the conflict."""
    versjon = _versjon(pk, nummer)
    punkt = get_object_or_404(Punktversjon, pk=punkt_pk, versjon=versjon)
    _krev(
        versjon.er_utkast and access.kan_revidere(request.user, versjon),
        _("Bare partenes koordinatorer redigerer utkast."),
    )
    if request.method == "GET":
        return _punkt_svar(
            request, versjon, punkt, "punktskjema" if request.GET.get("vis") != "1" else "punkt"
        )
    try:
        teller = int(request.POST.get("endringsteller", ""))
    except ValueError:
        teller = -1
    felt = {k: request.POST.get(k, "") for k in ("nummer", "overskrift", "tekst")}
    try:
        lagret = services.punkt_lagre(
            punkt=punkt, utfort_av=request.user, forventet_teller=teller, **felt
        )
    except services.Konflikt as konflikt:
        ekstra = {
            "lagret": konflikt.lagret,
            "min": felt,
            "forskjell": ord_diff(konflikt.lagret.tekst, felt["tekst"]),
            "status": 200 if request.htmx else 409,
        }
        if request.htmx:
            return _punkt_svar(request, versjon, konflikt.lagret, "konflikt", **ekstra)
        return render(
            request,
            "avtaler/konflikt.html",
            {**_redigeringskontekst(request, versjon), "p": konflikt.lagret, **ekstra},
            status=409,
        )
    except Domenefeil as feil:
        if request.htmx:
            return _punkt_svar(request, versjon, punkt, "punktskjema", feil=str(feil), min=felt)
        # Without JavaScript: the page again, the clause open with what was written and why.
        return _redigeringsside(
            request, versjon, punktfeil={"punkt": punkt.pk, "min": felt, "feil": str(feil)}
        )
    if request.htmx:
        return _punkt_svar(request, versjon, lagret, "punkt", lagret_na=True)
    messages.success(
        request, _("Punkt %(nr)s er lagret.") % {"nr": lagret.nummer or lagret.overskrift}
    )
    return redirect(f"{versjon.get_absolute_url()}rediger/#{lagret.anker}")


def _tilbake(versjon: Avtaleversjon, anker: str = "", rediger: int | None = None) -> HttpResponse:
    url = f"{versjon.get_absolute_url()}rediger/"
    if rediger:
        url += f"?rediger={rediger}"
    return redirect(url + (f"#{anker}" if anker else ""))


def _strukturendring(request: HttpRequest, pk: int, nummer: int) -> Avtaleversjon:
    versjon = _versjon(pk, nummer)
    _krev(
        versjon.er_utkast and access.kan_revidere(request.user, versjon),
        _("Bare partenes koordinatorer redigerer utkast."),
    )
    return versjon


@innlogget
@require_POST
def punkt_ny(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    etter_id = request.POST.get("etter", "")
    etter = versjon.punkter.filter(pk=int(etter_id)).first() if etter_id.isdigit() else None
    form = NyttPunktForm(request.POST, auto_id="id_ny_%s")
    if form.is_valid():
        try:
            ny = services.punkt_legg_til_etter(
                etter=etter,
                versjon=versjon,
                nummer=form.cleaned_data["nummer"].strip(),
                overskrift=form.cleaned_data["overskrift"].strip() or _("Nytt punkt"),
            )
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            return _tilbake(versjon, ny.anker, ny.pk)
    # Refused: the page again with what was written and why, in the form at the end.
    return _redigeringsside(request, versjon, punktform=form)


@innlogget
@require_POST
def punkt_slett(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    punkt = get_object_or_404(Punktversjon, pk=punkt_pk, versjon=versjon)
    utfor(
        request,
        lambda: services.punkt_slett(punkt=punkt, utfort_av=request.user),
        _("Punktet er slettet."),
    )
    return _tilbake(versjon)


@innlogget
@require_POST
def punkt_flytt(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    punkt = get_object_or_404(Punktversjon, pk=punkt_pk, versjon=versjon)
    retning = -1 if request.POST.get("retning") == "opp" else 1
    utfor(request, lambda: services.punkt_flytt(punkt=punkt, retning=retning))
    return _tilbake(versjon, punkt.anker)


@innlogget
@require_POST
def punkter_nummerer(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    resultat: list = []
    if utfor(request, lambda: resultat.append(services.punkter_nummerer(versjon=versjon))):
        messages.success(request, _("%(n)d punkter fikk nytt nummer.") % {"n": resultat[0]})
    return _tilbake(versjon)


@innlogget
@require_POST
def kommentar_ny(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    versjon = _versjon(pk, nummer)
    _krev(access.kan_kommentere(request.user, versjon), _("Bare partene kan kommentere utkastet."))
    punkt = get_object_or_404(Punktversjon, pk=punkt_pk, versjon=versjon)
    tekst = request.POST.get("tekst", "")
    try:
        # Named as the form names it; the model's own screen would say «tekst».
        krev_uten_personnummer(**{_("Kommentar"): tekst})
        services.kommentar_legg_til(punkt=punkt, forfatter=request.user, tekst=tekst)
    except Domenefeil as feil:
        return _redigeringsside(
            request, versjon, {"punkt": punkt.pk, "tekst": tekst, "feil": str(feil)}
        )
    messages.success(request, _("Kommentaren er lagt til."))
    return _tilbake(versjon, punkt.anker)


@innlogget
@require_POST
def kommentar_los(request: HttpRequest, pk: int, nummer: int, kommentar_pk: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    kommentar = get_object_or_404(Kommentar, pk=kommentar_pk, punkt__versjon=versjon)
    utfor(
        request,
        lambda: services.kommentar_los(kommentar=kommentar, utfort_av=request.user),
        _("Kommentaren er markert som løst."),
    )
    return _tilbake(versjon)


@innlogget
@require_POST
def send_til_godkjenning(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = _strukturendring(request, pk, nummer)
    utvalg_id = request.POST.get("utvalg", "")
    utvalg = get_object_or_404(Utvalg, pk=int(utvalg_id) if utvalg_id.isdigit() else 0)
    resultat: list = []
    if utfor(
        request,
        lambda: resultat.append(
            services.versjon_send_til_godkjenning(
                versjon=versjon,
                utfort_av=request.user,
                utvalg=utvalg,
                tider_begrunnelse=request.POST.get("tider_begrunnelse", "")[:1000],
            )
        ),
    ):
        messages.success(
            request,
            _("Utkastet er sendt til %(utvalg)s som sak %(nr)s.")
            % {"utvalg": utvalg.navn, "nr": resultat[0].behandles_i.saksnummer},
        )
        return redirect(resultat[0])
    return _tilbake(versjon)


@innlogget
@require_http_methods(["GET", "POST"])
def signaturer(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """Which parties have signed, the in-force date, and recording a party's signature.

    A refusal comes back as this page with what was written, the reason at its field (400)."""
    versjon = _versjon(pk, nummer)
    parter = list(versjon.parter.all())
    _krev(access.kan_se_versjon(request.user, versjon, parter), _("Utkast er bare for partene."))
    egne = (
        access.signerbare_parter(request.user, parter)
        if versjon.tilstand in ("godkjent", "signert")
        else []
    )
    datoform = signaturform = None
    valgt = ""
    if request.method == "POST":
        _krev(bool(egne), _("Du kan ikke registrere signaturer for denne versjonen."))
        if request.POST.get("handling") == "dato":
            _krev(
                access.kan_revidere(request.user, versjon, parter),
                _("Bare koordinatorene setter datoen."),
            )
            datoform = IkrafttredelseForm(request.POST)
            if datoform.is_valid():
                try:
                    services.versjon_sett_ikrafttredelse(
                        versjon=versjon, dato=datoform.cleaned_data["gyldig_fra"]
                    )
                except Domenefeil as feil:
                    datoform.add_error("gyldig_fra", str(feil))
                else:
                    messages.success(request, _("Datoen er lagret."))
                    return redirect("avtale-signaturer", pk=pk, nummer=nummer)
        else:
            signaturform = SignaturForm(request.POST, parter=egne)
            # The health trust signs one municipality's agreement, or (empty) once for all.
            valgt = request.POST.get("forhold", "")
            forhold_valgt = (
                Avtaleforhold.objects.filter(versjon=versjon, pk=int(valgt)).first()
                if valgt.isdigit()
                else None
            )
            if signaturform.is_valid() and valgt and forhold_valgt is None:
                signaturform.add_error(None, _("Velg hvilken avtale helseforetaket signerer."))
            if signaturform.is_valid():
                data = signaturform.cleaned_data
                org = signaturform.parter[data["organisasjon"]]
                try:
                    services.signatur_registrer(
                        versjon=versjon,
                        organisasjon=org,
                        navn=data["navn"],
                        tittel=data["tittel"],
                        dato=data["dato"],
                        vedtaksreferanse=data["vedtaksreferanse"],
                        utfort_av=request.user,
                        forhold=forhold_valgt,
                    )
                except Domenefeil as feil:
                    feil.til_skjema(signaturform)
                else:
                    messages.success(
                        request,
                        _("Signaturen for %(org)s er registrert.") % {"org": org.navn}
                        if forhold_valgt is None
                        else _("%(org)s sin signatur på avtalen med %(part)s er registrert.")
                        % {"org": org.navn, "part": forhold_valgt.part.navn},
                    )
                    return redirect("avtale-signaturer", pk=pk, nummer=nummer)
    signaturer = list(Signatur.objects.filter(versjon=versjon).select_related("organisasjon"))
    signert = {s.organisasjon_id: s for s in signaturer if s.forhold_id is None}
    # The health trust's signatures on one municipality's agreement each, by that agreement.
    for_forhold = {s.forhold_id: s for s in signaturer if s.forhold_id is not None}
    forhold = {
        f.part_id: f for f in Avtaleforhold.objects.filter(versjon=versjon).select_related("part")
    }
    # What the health trust (a counterpart among the user's own) has left to sign, relation by
    # relation: nothing once it has signed for all.
    har_signert = set(signert) | {pk for pk, f in forhold.items() if f.signert_dato}
    enkeltvis = [
        (mot, forhold[p.pk])
        for mot in egne
        if mot.pk not in har_signert
        for p in parter
        if p.pk in forhold
        and livslop.motparter(p, parter) == [mot]
        and forhold[p.pk].motpart_signert_dato is None
    ]
    usignerte = [p for p in egne if p.pk not in har_signert]
    # Which version each party's own agreement is on today (avtaler.livslop).
    gjeldende_for = {
        f.part_id: f.versjon
        for f in Avtaleforhold.objects.filter(
            livslop.i_kraft_q(i_dag()), versjon__avtale=versjon.avtale_id
        ).select_related("versjon")
    }
    return render(
        request,
        "avtaler/signaturer.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "rader": [
                (
                    p,
                    signert.get(p.pk),
                    gjeldende_for.get(p.pk),
                    forhold.get(p.pk),
                    for_forhold.get(getattr(forhold.get(p.pk), "pk", None)),
                    _samlet(p, parter, forhold),
                )
                for p in parter
            ],
            "egne": usignerte,
            "enkeltvis": enkeltvis,
            "valgt_forhold": valgt,
            "har_motpart": any(p.er_kommune for p in parter)
            and any(not p.er_kommune for p in parter),
            "kan_sette_dato": versjon.tilstand == "godkjent"
            and access.kan_revidere(request.user, versjon, parter),
            "antall_signert": len(har_signert),
            "datoform": datoform or IkrafttredelseForm(initial={"gyldig_fra": versjon.gyldig_fra}),
            "signaturform": signaturform or SignaturForm(parter=usignerte),
        },
        status=400 if request.method == "POST" else 200,
    )


def _samlet(part, parter, forhold):
    """The day the health trust signed for all the municipalities at once, for a
    municipality's row (None if it has not)."""
    datoer = [
        forhold[m.pk].signert_dato
        for m in livslop.motparter(part, parter)
        if m.pk in forhold and forhold[m.pk].signert_dato
    ]
    return min(datoer) if datoer else None


def _dato(verdi: str | None):
    import datetime

    try:
        return datetime.date.fromisoformat(verdi or "")
    except ValueError:
        return None


@innlogget
@require_GET
def oversikt(request: HttpRequest) -> HttpResponse:
    """The coordinator's dashboard; for employees, the routines they must read."""
    return render(request, "avtaler/oversikt.html", {"oversikt": oversikt_for(request.user)})


@innlogget
@require_POST
def lesebekreftelse(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """Ask the parties' employees to confirm a routine (coordinators), or confirm it (anyone).

    A refused request comes back as the version's page with the reason at the field and the
    text kept (400)."""
    versjon = _versjon(pk, nummer)
    parter = list(versjon.parter.all())
    if request.POST.get("handling") == "be_om":
        _krev(
            access.kan_revidere(request.user, versjon, parter),
            _("Bare koordinatorene ber om lesebekreftelse."),
        )
        form = LeseforesporselForm(request.POST)
        if form.is_valid():
            try:
                services.leseforesporsel_opprett(
                    versjon=versjon,
                    utfort_av=request.user,
                    begrunnelse=form.cleaned_data["begrunnelse"],
                )
            except Domenefeil as feil:
                form.add_error(None, str(feil))
            else:
                messages.success(
                    request,
                    _("De ansatte hos partene blir bedt om å bekrefte at de har lest rutinen."),
                )
                return redirect(versjon)
        return _vis_versjon(request, versjon, dato=None, leseform=form)
    _krev(
        bool(access_hf.organisasjoner_med_rolle(request.user) & {p.pk for p in parter}),
        _("Bare ansatte hos partene bekrefter."),
    )
    utfor(
        request,
        lambda: services.lesing_bekreft(versjon=versjon, bruker=request.user),
        _("Takk! Du har bekreftet at du har lest rutinen."),
    )
    return redirect(versjon)


@innlogget
@require_POST
def gjennomgang(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """Record the yearly review «gjennomgått uten endring» (seed 004 § 7): no new version."""
    versjon = _versjon(pk, nummer)
    _krev(
        access.kan_revidere(request.user, versjon, list(versjon.parter.all())),
        _("Bare partenes koordinatorer registrerer gjennomgangen."),
    )
    dato = _dato(request.POST.get("dato"))
    feil: dict[str, str] = {}
    if dato is None:
        feil["dato"] = _("Oppgi datoen for gjennomgangen.")
    else:
        try:
            services.gjennomgang_registrer(
                versjon=versjon,
                utfort_av=request.user,
                dato=dato,
                organ=request.POST.get("organ", ""),
                vedtak=request.POST.get("vedtak", ""),
                merknad=request.POST.get("merknad", ""),
            )
        except Domenefeil as e:
            # Shown at the field it is about (the date, the body), else above the button.
            feil[e.felt if e.felt in ("dato", "organ") else "skjema"] = str(e)
        else:
            messages.success(
                request, _("Gjennomgangen er registrert. Neste gjennomgang er om ett år.")
            )
            return redirect("oversikt")
    # Nothing lost: the dashboard again, this form open with what was typed and the error at
    # its field.
    return render(
        request,
        "avtaler/oversikt.html",
        {
            "oversikt": oversikt_for(request.user),
            "gjennomgang_feil": versjon.pk,
            "gjennomgang_data": request.POST,
            "gjennomgang_feltfeil": feil,
        },
        status=400,
    )
