"""The dialogue of an avvik (DOMAIN.md § 4): the responsible party receives it and answers with
its explanation and measures; the reporter accepts or rejects the answer. Closing needs the
reporter's acceptance, or the deadline for objection passing – never the responsible party
alone. Each step is one transaction and leaves its text in the thread."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avvik import access, varsling
from avvik.models import Avvik, Avvikshendelse
from avvik.services.frister import frist
from avvik.services.registrering import hendelse_ny
from helsefellesskap.models import User
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

S = Avvik.Status
VENTER_PA_SVAR = (S.MELDT, S.MOTTATT, S.AVVIST)


def laas(avvik: Avvik) -> Avvik:
    return (
        Avvik.objects.select_for_update(of=("self",))
        .select_related("trinn", "meldt_av_organisasjon", "ansvarlig")
        .order_by()
        .get(pk=avvik.pk)
    )


def svaret_regnes_som_godtatt(avvik: Avvik) -> bool:
    """The reporter let the deadline for objection pass: the answer stands as accepted."""
    return avvik.status == S.BESVART and avvik.frist is not None and avvik.frist < timezone.now()


def krev_apent(avvik: Avvik) -> None:
    if avvik.anonymisert:
        raise Domenefeil(_("Avviket er anonymisert etter oppbevaringstiden."))
    if avvik.status == S.LUKKET:
        raise Domenefeil(_("Avviket er lukket."))
    if svaret_regnes_som_godtatt(avvik):
        raise Domenefeil(
            _(
                "Fristen for å godta eller avvise svaret gikk ut %(dato)s. Svaret regnes som "
                "godtatt, og avviket lukkes."
            )
            % {"dato": timezone.localtime(avvik.frist).strftime("%d.%m.%Y")}
        )


@transaction.atomic
def avvik_motta(
    *, avvik: Avvik, utfort_av: User, enhet: str, referanse: str = "", tekst: str = ""
) -> Avvik:
    """The responsible party receives the avvik and routes it within its organisation."""
    avvik = laas(avvik)
    if not access.kan_behandle(utfort_av, avvik):
        raise Domenefeil(_("Bare den ansvarlige organisasjonens koordinatorer tar imot avvik."))
    krev_apent(avvik)
    if avvik.status != S.MELDT:
        raise Domenefeil(_("Avviket er allerede tatt imot."))
    if not enhet.strip():
        raise Domenefeil(_("Oppgi klinikken, avdelingen eller enheten som skal følge opp."))
    krev_uten_personnummer(
        **{
            _("Klinikk, avdeling eller enhet"): enhet,
            _("Nummer i eget kvalitetssystem"): referanse,
            _("Kommentar"): tekst,
        }
    )
    avvik.status = S.MOTTATT
    avvik.ansvarlig_enhet = enhet.strip()
    avvik.ansvarligs_referanse = referanse.strip()
    avvik.save(update_fields=["status", "ansvarlig_enhet", "ansvarligs_referanse"])
    linjer = [_("Til oppfølging hos %(enhet)s.") % {"enhet": avvik.ansvarlig_enhet}]
    if avvik.ansvarligs_referanse:
        linjer.append(
            _("Nummer i eget kvalitetssystem: %(nr)s") % {"nr": avvik.ansvarligs_referanse}
        )
    if tekst.strip():
        linjer.append(tekst.strip())
    hendelse_ny(
        avvik,
        Avvikshendelse.Type.MOTTATT,
        utfort_av,
        "\n".join(linjer),
        organisasjon=avvik.ansvarlig,
    )
    return avvik


@transaction.atomic
def avvik_svar(*, avvik: Avvik, utfort_av: User, forklaring: str, tiltak: str) -> Avvik:
    """The responsible party's explanation and measures; the reporter's deadline to accept or
    reject runs from now."""
    avvik = laas(avvik)
    if not access.kan_behandle(utfort_av, avvik):
        raise Domenefeil(_("Bare den ansvarlige organisasjonens koordinatorer svarer på avvik."))
    krev_apent(avvik)
    if avvik.status not in VENTER_PA_SVAR:
        raise Domenefeil(
            _("Avviket er %(status)s og venter ikke på svar.")
            % {"status": avvik.get_status_display().lower()}
        )
    if not forklaring.strip():
        raise Domenefeil(_("Forklar hva som skjedde."))
    if not tiltak.strip():
        raise Domenefeil(_("Beskriv tiltakene, eller skriv hvorfor ingen tiltak trengs."))
    krev_uten_personnummer(**{_("Forklaring"): forklaring, _("Tiltak"): tiltak})
    if avvik.status == S.MELDT:
        hendelse_ny(avvik, Avvikshendelse.Type.MOTTATT, utfort_av, organisasjon=avvik.ansvarlig)
    trinn = avvik.trinn
    avvik.status = S.BESVART
    avvik.tiltak = tiltak.strip()
    avvik.frist = frist(trinn.innsigelsesfrist, trinn.fristenhet) if trinn else None
    avvik.save(update_fields=["status", "tiltak", "frist"])
    svar = hendelse_ny(
        avvik,
        Avvikshendelse.Type.SVAR,
        utfort_av,
        _("Forklaring: %(forklaring)s\nTiltak: %(tiltak)s")
        % {"forklaring": forklaring.strip(), "tiltak": tiltak.strip()},
        organisasjon=avvik.ansvarlig,
        trinn=trinn,
    )
    varsling.avvik_besvart(avvik, hendelse_id=svar.pk, utfort_av=utfort_av)
    return avvik


def _melderen_tar_stilling(
    avvik: Avvik, utfort_av: User, status: str, *hendelser: tuple[str, str]
) -> Avvik:
    """The reporter's answer to the answer: the new state and its steps in the thread."""
    if not access.kan_ta_stilling(utfort_av, avvik):
        raise Domenefeil(
            _(
                "Bare den som meldte avviket, eller meldende organisasjons koordinatorer, tar "
                "stilling til svaret."
            )
        )
    krev_apent(avvik)
    if avvik.status != S.BESVART:
        raise Domenefeil(_("Avviket er ikke besvart ennå."))
    krev_uten_personnummer(*(tekst for _type, tekst in hendelser))
    avvik.status = status
    avvik.frist = None
    avvik.save(update_fields=["status", "frist"])
    for type_, tekst in hendelser:
        hendelse_ny(avvik, type_, utfort_av, tekst, organisasjon=avvik.meldt_av_organisasjon)
    return avvik


@transaction.atomic
def avvik_godta(*, avvik: Avvik, utfort_av: User, tekst: str = "") -> Avvik:
    """The reporter accepts the answer: the avvik is closed."""
    return _melderen_tar_stilling(
        laas(avvik),
        utfort_av,
        S.LUKKET,
        (Avvikshendelse.Type.GODTATT, tekst),
        (Avvikshendelse.Type.LUKKET, _("Lukket: melderen godtok svaret.")),
    )


@transaction.atomic
def avvik_avvis(*, avvik: Avvik, utfort_av: User, begrunnelse: str) -> Avvik:
    """The reporter rejects the answer, with the reason: either party may now take the next
    step of the ladder, and the responsible party may answer again."""
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor svaret ikke godtas."))
    avvik = _melderen_tar_stilling(
        laas(avvik), utfort_av, S.AVVIST, (Avvikshendelse.Type.AVVIST, begrunnelse)
    )
    siste = avvik.hendelser.filter(type=Avvikshendelse.Type.AVVIST).latest("pk")
    varsling.avvik_avvist(avvik, hendelse_id=siste.pk, utfort_av=utfort_av)
    return avvik


# While a committee or the national body has the matter, its outcome ends the avvik.
IKKE_TREKKES = (S.I_UTVALG, S.NASJONAL)


@transaction.atomic
def avvik_trekk(*, avvik: Avvik, utfort_av: User, begrunnelse: str) -> Avvik:
    """The reporter withdraws the avvik, with the reason: it is closed. An avvik left with
    its answer rejected, or without agreement in the committee, and nobody taking the next
    step, would otherwise stay open – and out of reach of retention – for ever."""
    avvik = laas(avvik)
    if not access.kan_ta_stilling(utfort_av, avvik):
        raise Domenefeil(
            _(
                "Bare den som meldte avviket, eller meldende organisasjons koordinatorer, kan "
                "trekke det."
            )
        )
    krev_apent(avvik)
    if avvik.status in IKKE_TREKKES:
        raise Domenefeil(
            _("Avviket er %(status)s og avsluttes med utfallet der.")
            % {"status": avvik.get_status_display().lower()}
        )
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor avviket trekkes."))
    krev_uten_personnummer(begrunnelse)
    avvik.status = S.LUKKET
    avvik.frist = None
    avvik.save(update_fields=["status", "frist"])
    org = avvik.meldt_av_organisasjon
    hendelse_ny(avvik, Avvikshendelse.Type.TRUKKET, utfort_av, begrunnelse, organisasjon=org)
    hendelse_ny(avvik, Avvikshendelse.Type.LUKKET, utfort_av, _("Lukket: melderen trakk avviket."))
    return avvik


@transaction.atomic
def avvik_kommenter(*, avvik: Avvik, utfort_av: User, tekst: str) -> Avvikshendelse:
    if not access.kan_se(utfort_av, avvik):
        raise Domenefeil(_("Du har ikke tilgang til dette avviket."))
    if avvik.anonymisert:
        raise Domenefeil(
            _("Avviket er anonymisert etter oppbevaringstiden og kan ikke kommenteres.")
        )
    if not tekst.strip():
        raise Domenefeil(_("Skriv en kommentar."))
    krev_uten_personnummer(**{_("Kommentar"): tekst})
    return hendelse_ny(
        avvik,
        Avvikshendelse.Type.KOMMENTAR,
        utfort_av,
        tekst,
        organisasjon=access.part_for(utfort_av, avvik) or avvik.ansvarlig,
    )


@transaction.atomic
def avvik_lukk_etter_frist() -> list[Avvik]:
    """Close the answered avvik whose reporter let the deadline for objection pass (the daily
    job; until it runs, the services already treat the answer as accepted)."""
    lukket = []
    for avvik in Avvik.objects.select_for_update().filter(
        status=S.BESVART, frist__lt=timezone.now(), anonymisert__isnull=True
    ):
        dato = timezone.localtime(avvik.frist).strftime("%d.%m.%Y")
        avvik.status = S.LUKKET
        avvik.frist = None
        avvik.save(update_fields=["status", "frist"])
        hendelse_ny(
            avvik,
            Avvikshendelse.Type.LUKKET,
            None,
            _("Lukket: fristen for å avvise svaret gikk ut %(dato)s, og svaret regnes som godtatt.")
            % {"dato": dato},
        )
        lukket.append(avvik)
    return lukket
