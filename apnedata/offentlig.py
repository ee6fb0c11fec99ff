"""What a visitor may read, as data: the reads behind every endpoint of /api/v1/ and every
bulk export. The API asks nobody's login: it shows what the public web pages show to a
visitor who is not logged in, by the same rules (avtaler.access, helsefellesskap.access) and
the same queries (Avtaleversjon.objects.gjeldende, avtaletre, utskrivningsrutine)."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from avtaler import access, livslop
from avtaler.lesing import Node, avtaletre
from avtaler.models import Avtale, Avtaleforhold, Avtaleversjon, Punktversjon
from avtaler.tekst import render_tekst
from avtaler.utskrivning import utskrivningsrutine
from avvik.selectors import avvik_per_punkt_siste_ar
from helsefellesskap import access as hf_access
from helsefellesskap.models import Helsefellesskap, Mote, Organisasjon, Utvalg, Vedtak

BESOKENDE = AnonymousUser()
PREFIKS = "/api/v1"


def _versjonsadresse(avtale_id: int, nummer: int) -> str:
    return f"{PREFIKS}/avtaler/{avtale_id}/versjoner/{nummer}"


def organisasjon(org: Organisasjon) -> dict:
    return {
        "navn": org.navn,
        "type": org.type,
        "organisasjonsnummer": org.organisasjonsnummer,
        "kommunenummer": org.kommunenummer,
    }


def kommune(org: Organisasjon) -> dict:
    return {
        "kommunenummer": org.kommunenummer,
        "navn": org.navn,
        "organisasjonsnummer": org.organisasjonsnummer,
        "helsefellesskap": org.helsefellesskap.kortnavn,
        "adresse": f"{PREFIKS}/kommuner/{org.kommunenummer}",
        "nettside": f"/kommuner/{org.kommunenummer}/",
    }


def versjonsomtale(versjon: Avtaleversjon, niva: int = 0) -> dict:
    avtale = versjon.avtale
    return {
        "avtale": avtale.pk,
        "nummer": versjon.nummer,
        "tittel": versjon.tittel,
        "type": avtale.type,
        "tema": avtale.tema.nummer if avtale.tema_id else None,
        "overordnet": avtale.overordnet_id,
        "niva": niva,
        "gyldig_fra": versjon.gyldig_fra,
        "signert_dato": versjon.signert_dato,
        "adresse": _versjonsadresse(avtale.pk, versjon.nummer),
        "nettside": versjon.get_absolute_url(),
    }


def flat_tre(noder: list[Node], niva: int = 0) -> list[dict]:
    """The tree of the agreement pages, depth first: the order a reader of the page meets it."""
    ut = []
    for node in noder:
        ut.append(versjonsomtale(node.versjon, niva))
        ut += flat_tre(node.barn, niva + 1)
    return ut


def gjeldende(dato: datetime.date, kommune_: Organisasjon | None = None, type_: str = ""):
    """The versions in force on the date, as the agreement list and the municipality page."""
    versjoner = Avtaleversjon.objects.gjeldende(dato, kommune_).med_avtale()
    if type_:
        versjoner = versjoner.filter(avtale__type=type_)
    return flat_tre(avtaletre(list(versjoner)))


def finn_kommune(kommunenummer: str) -> Organisasjon:
    try:
        return (
            Organisasjon.objects.kommuner()
            .select_related("helsefellesskap")
            .get(kommunenummer=kommunenummer)
        )
    except Organisasjon.DoesNotExist:
        raise Http404 from None


def kommuner() -> list[dict]:
    return [
        kommune(k)
        for k in Organisasjon.objects.kommuner()
        .select_related("helsefellesskap")
        .order_by("kommunenummer")
    ]


def helsefellesskap() -> list[dict]:
    return [
        {
            "kortnavn": hf.kortnavn,
            "navn": hf.navn,
            "organisasjoner": [
                organisasjon(o) for o in sorted(hf.organisasjoner.all(), key=lambda o: o.navn)
            ],
        }
        for hf in Helsefellesskap.objects.prefetch_related("organisasjoner").order_by("navn")
    ]


def synlige_versjoner(avtale: Avtale) -> list[Avtaleversjon]:
    """The agreement's versions a visitor may read (avtaler.access), oldest first."""
    alle = avtale.versjoner.med_avtale().prefetch_related("parter").order_by("nummer")
    return [v for v in alle if access.kan_se_versjon(BESOKENDE, v, list(v.parter.all()))]


def finn_avtale(avtale_id: int) -> Avtale:
    """An agreement with a version a visitor may read; any other is as if it did not exist."""
    avtale = Avtale.objects.select_related("helsefellesskap", "tema").filter(pk=avtale_id).first()
    if avtale is None or not synlige_versjoner(avtale):
        raise Http404
    return avtale


def avtale(avtale_: Avtale, dato: datetime.date, kommune_: Organisasjon | None) -> dict:
    """The agreement and the version in force on the date, as /avtaler/<id>/?dato= shows it."""
    i_kraft = (
        Avtaleversjon.objects.gjeldende(dato, kommune_)
        .med_avtale()
        .filter(avtale=avtale_)
        .order_by("-nummer")
        .first()
    )
    return {
        "id": avtale_.pk,
        "tittel": avtale_.tittel,
        "type": avtale_.type,
        "tema": avtale_.tema.nummer if avtale_.tema_id else None,
        "overordnet": avtale_.overordnet_id,
        "helsefellesskap": avtale_.helsefellesskap.kortnavn,
        "gjeldende": versjonsomtale(i_kraft) if i_kraft else None,
        "versjoner": [versjonsomtale(v) for v in synlige_versjoner(avtale_)],
        "adresse": f"{PREFIKS}/avtaler/{avtale_.pk}",
        "nettside": avtale_.get_absolute_url(),
    }


def finn_versjon(avtale_id: int, nummer: int) -> Avtaleversjon:
    """A version a visitor may read; a draft is answered as if it did not exist (404), so the
    API does not even tell that one is being written."""
    versjon = (
        Avtaleversjon.objects.for_lesing()
        .select_related("avtale__helsefellesskap")
        .filter(avtale=avtale_id, nummer=nummer)
        .first()
    )
    if versjon is None or not access.kan_se_versjon(BESOKENDE, versjon):
        raise Http404
    return versjon


def punkt(p: Punktversjon, versjon: Avtaleversjon) -> dict:
    adresse = _versjonsadresse(versjon.avtale_id, versjon.nummer)
    return {
        "id": p.punkt_id,
        "nummer": p.nummer,
        "overskrift": p.overskrift,
        "forelder": p.forelder_id,
        "niva": p.niva,
        "tekst": p.tekst,
        "html": str(render_tekst(p.tekst)),
        "anker": p.anker,
        "adresse": f"{adresse}/punkter/{p.punkt_id}",
        "nettside": f"{versjon.get_absolute_url()}#{p.anker}",
    }


def versjon(v: Avtaleversjon, punkter: list[Punktversjon] | None = None) -> dict:
    """A signed version with its clauses: what never changes once it is signed."""
    avtale_ = v.avtale
    if punkter is None:
        punkter = list(v.punkter.order_by("rekkefolge"))
    return {
        "avtale": avtale_.pk,
        "nummer": v.nummer,
        "tittel": v.tittel,
        "type": avtale_.type,
        "tema": avtale_.tema.nummer if avtale_.tema_id else None,
        "overordnet": avtale_.overordnet_id,
        "helsefellesskap": avtale_.helsefellesskap.kortnavn,
        "tilstand": v.tilstand,
        "gyldig_fra": v.gyldig_fra,
        "signert_dato": v.signert_dato,
        "godkjent_vedtak": v.godkjent_vedtak,
        "er_utskrivningsrutine": avtale_.er_utskrivningsrutine,
        "parter": [organisasjon(p) for p in v.parter.all()],
        "punkter": [punkt(p, v) for p in punkter],
        "adresse": _versjonsadresse(avtale_.pk, v.nummer),
        "nettside": v.get_absolute_url(),
    }


def sist_endret(v: Avtaleversjon) -> datetime.datetime:
    """When the version's record last changed (its history): the Last-Modified of its text."""
    siste = v.history.order_by("-history_date").values_list("history_date", flat=True).first()
    return siste or v.opprettet


def parter(v: Avtaleversjon, dato: datetime.date) -> dict:
    """Each party's own agreement on the version and its status on the date (avtaler.livslop),
    as the parties page shows it."""
    forhold = (
        Avtaleforhold.objects.filter(versjon=v)
        .select_related("part")
        .order_by("part__type", "part__navn")
    )
    return {
        "avtale": v.avtale_id,
        "nummer": v.nummer,
        "dato": dato,
        "parter": [
            {
                "part": organisasjon(f.part),
                "status": (status := livslop.status(f, dato)),
                "status_tekst": str(livslop.Status.ETIKETTER[status]),
                "vedtak_organ": f.vedtak_organ,
                "vedtak_saksnummer": f.vedtak_saksnummer,
                "vedtak_dato": f.vedtak_dato,
                "signert_dato": f.signert_dato,
                "i_kraft_fra": f.i_kraft_fra,
                "sluttdato": f.sluttdato,
                "oppsigelse_varslet": f.oppsigelse_varslet,
            }
            for f in forhold
        ],
    }


def utskrivning(kommune_: Organisasjon, dato: datetime.date, dager: int = 7) -> dict:
    """The discharge routine in force for the municipality, as the clinician's lookup."""
    rutine = utskrivningsrutine(kommune_, dato)
    svar = {
        "kommune": kommune(kommune_),
        "dato": dato,
        "versjon": None,
        "regler": [],
        "dager": [],
        "tidspunkt_punkt": None,
    }
    if rutine is None:
        return svar
    svar["versjon"] = versjonsomtale(rutine.versjon)
    if rutine.tider is not None:
        svar["regler"] = [list(linje) for linje in rutine.tider.regler()]
        svar["dager"] = [
            {"dato": d.dato, "dagtype": str(d.dagtype), "tillatt": str(d.tekst)}
            for d in rutine.dager(dato, dager)
        ]
        svar["tidspunkt_punkt"] = rutine.tider.punkt_id
    return svar


def utvalg_offentlig(u: Utvalg) -> dict:
    return {
        "id": u.pk,
        "navn": u.navn,
        "kortnavn": u.kortnavn,
        "type": u.type,
        "helsefellesskap": u.helsefellesskap.kortnavn,
        "kan_vedta": u.kan_vedta,
        "offentlige_vedtak": hf_access.er_offentlig_utvalg(u),
        "adresse": f"{PREFIKS}/utvalg/{u.pk}",
        "nettside": u.get_absolute_url(),
    }


def utvalg() -> list[dict]:
    return [
        utvalg_offentlig(u)
        for u in Utvalg.objects.select_related("helsefellesskap").order_by(
            "helsefellesskap__navn", "type", "navn"
        )
    ]


def finn_utvalg(utvalg_id: int) -> Utvalg:
    u = Utvalg.objects.select_related("helsefellesskap").filter(pk=utvalg_id).first()
    if u is None:
        raise Http404
    return u


def vedtak(u: Utvalg | None = None) -> list[dict]:
    """Adopted decisions of the bodies whose decisions are public (SSU, LSU): what a visitor
    sees on a meeting's and a case's page. Recommendations, postponements and disagreements
    are for the members."""
    rader = Vedtak.objects.filter(resultat=Vedtak.Resultat.VEDTATT).select_related(
        "sak__utvalg", "mote"
    )
    if u is not None:
        rader = rader.filter(sak__utvalg=u)
    return [
        {
            "sak": v.sak.saksnummer,
            "sakstittel": v.sak.tittel,
            "mote": v.mote_id,
            "motedato": timezone.localtime(v.mote.start).date(),
            "tekst": v.tekst,
            "protokolltilforsel": v.protokolltilforsel,
            "nettside": v.sak.get_absolute_url(),
        }
        for v in rader.order_by("tidspunkt", "pk")
        if hf_access.er_offentlig_utvalg(v.sak.utvalg)
    ]


def referater(u: Utvalg | None = None) -> list[dict]:
    """Approved minutes of the bodies whose minutes are public; drafts are for the members."""
    moter = Mote.objects.filter(referat_godkjent__isnull=False).select_related("utvalg")
    if u is not None:
        moter = moter.filter(utvalg=u)
    return [
        {
            "mote": m.pk,
            "motedato": timezone.localtime(m.start).date(),
            "sted": m.sted,
            "referat": m.referat,
            "godkjent": m.referat_godkjent,
            "nettside": m.get_absolute_url(),
        }
        for m in moter.order_by("start", "pk")
        if hf_access.er_offentlig_utvalg(m.utvalg)
    ]


def avviksstatistikk(avtale_: Avtale) -> dict:
    """Avvik per clause over the last 12 months, counts only and none below MINSTE_CELLE: the
    same as the agreement page shows a visitor (avvik.views.punkttall, avvik.selectors)."""
    return {"avtale": avtale_.pk, **avvik_per_punkt_siste_ar(avtale_.pk)}
