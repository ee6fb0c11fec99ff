"""Escalation of an avvik along the ladder that applies (the agreement § 6): «Oppnås ikke
enighet, kan en eller begge parter be om …» – only after dialogue (a rejected answer or a
missed deadline), or after the body treated the case without agreement, and by either party.
A step to LSU or SSU becomes a case in that body; its decision comes back to the avvik."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avvik import access, varsling
from avvik.models import Avvik, Avvikshendelse, Eskaleringstrinn
from avvik.services.flyt import krev_apent, laas
from avvik.services.frister import frist
from avvik.services.registrering import hendelse_ny
from avvik.stiger import trinn_for
from helsefellesskap import services as utvalgstjenester
from helsefellesskap.models import Organisasjon, Sak, User, Utvalg, Vedtak
from helsefellesskap.models.utvalg import Side
from kjerne.feil import Domenefeil
from kjerne.personvern import krev_uten_personnummer

S = Avvik.Status
M = Eskaleringstrinn.Mal


def _utvalg_for(avvik: Avvik, mal: str, begrunnelse: str = "") -> tuple[Utvalg | None, str]:
    """The body the step goes to, and why, when that is not plain (shown on the avvik).

    The LSU of the municipality's area on the day. A municipality in two areas (Asker) goes to
    the area of the hospital named in the responsible unit, or else in the reason for the step;
    if neither names one, the step is refused with the areas to choose from. A municipality in
    no area goes to the SSU as a last resort, and the avvik says so."""
    if mal == M.SSU:
        ssu = Utvalg.objects.filter(
            helsefellesskap=avvik.helsefellesskap_id, type=Utvalg.Type.SSU
        ).first()
        return ssu, ""
    kommune = next(
        (
            o
            for o in (avvik.meldt_av_organisasjon, avvik.ansvarlig)
            if o.type == Organisasjon.Type.KOMMUNE
        ),
        None,
    )
    if kommune is None:
        return None, ""
    lsuer = list(
        Utvalg.objects.filter(
            type=Utvalg.Type.LSU,
            lokalomrade__in=kommune.lokalomrader_pa(timezone.localdate()),
        ).select_related("lokalomrade")
    )
    if len(lsuer) > 1:
        tekst = f"{avvik.ansvarlig_enhet} {begrunnelse}".casefold()
        treff = [u for u in lsuer if u.lokalomrade.navn.casefold() in tekst]
        if len(treff) != 1:
            raise Domenefeil(
                _(
                    "%(kommune)s hører til flere LSU-områder: %(omrader)s. Skriv i begrunnelsen "
                    "hvilket sykehus saken gjelder, så går den til det områdets LSU."
                )
                % {
                    "kommune": kommune.navn,
                    "omrader": ", ".join(f"{u.lokalomrade.navn} ({u.navn})" for u in lsuer),
                }
            )
        return treff[0], _("Saken gikk til %(lsu)s fordi den gjelder %(omrade)s.") % {
            "lsu": treff[0].navn,
            "omrade": treff[0].lokalomrade.navn,
        }
    if lsuer:
        return lsuer[0], ""
    # Last resort: a party in no LSU area has no local body; the principled discussion goes
    # to the SSU, which may decide matters between the health trust and the municipalities.
    ssu, _tom = _utvalg_for(avvik, M.SSU)
    return ssu, _(
        "Saken gikk rett til %(ssu)s fordi %(kommune)s ikke hører til noe LSU-område."
    ) % {"ssu": ssu.navn if ssu else "SSU", "kommune": kommune.navn}


def _side(org: Organisasjon) -> str:
    return Side.KOMMUNENE if org.type == Organisasjon.Type.KOMMUNE else Side.HELSEFORETAKET


def _neste_trinn(avvik: Avvik) -> tuple[Eskaleringstrinn, Eskaleringstrinn | None]:
    """The next rung, and the one after it (where the body's case goes without agreement)."""
    stige = trinn_for(avvik.helsefellesskap, avvik.stige)
    etter = [t for t in stige if t.nummer > avvik.trinnnummer]
    if not etter:
        raise Domenefeil(_("Saken er allerede på siste trinn."))
    return etter[0], (etter[1] if len(etter) > 1 else None)


def neste_trinn(avvik: Avvik) -> Eskaleringstrinn | None:
    """The rung the avvik goes to next, or None on the last one."""
    try:
        return _neste_trinn(avvik)[0]
    except Domenefeil:
        return None


def kan_tas_videre(avvik: Avvik) -> str:
    """Why the avvik cannot go to the next rung now, or "" if it can (dialogue comes first)."""
    if avvik.status in (S.AVVIST, S.IKKE_ENIGHET):
        return ""
    if avvik.status in (S.MELDT, S.MOTTATT):
        if avvik.frist is not None and avvik.frist < timezone.now():
            return ""
        if avvik.frist is None:
            return _(
                "Avviket kan tas videre når den ansvarlige parten har svart og svaret er avvist."
            )
        return _(
            "Dialogen kommer først: avviket kan tas videre når svaret er avvist, eller når "
            "svarfristen %(dato)s er ute."
        ) % {"dato": timezone.localtime(avvik.frist).strftime("%d.%m.%Y")}
    if avvik.status == S.BESVART:
        return _("Melderen tar først stilling til svaret: godtar eller avviser det.")
    if avvik.status == S.I_UTVALG:
        return _(
            "Saken er til behandling i %(utvalg)s. Den kan tas videre når utvalget har "
            "behandlet den uten at partene ble enige."
        ) % {"utvalg": avvik.sak.utvalg.navn if avvik.sak else _("utvalget")}
    if avvik.status == S.NASJONAL:
        return _("Saken er på siste trinn.")
    return _("Avviket er lukket.")


@transaction.atomic
def avvik_eskaler(*, avvik: Avvik, utfort_av: User, begrunnelse: str) -> Avvikshendelse:
    """Either party takes the next step of the ladder, with the reason."""
    avvik = laas(avvik)
    if not access.kan_eskalere(utfort_av, avvik):
        raise Domenefeil(_("Bare partenes koordinatorer kan ta et avvik videre."))
    krev_apent(avvik)
    hindring = kan_tas_videre(avvik)
    if hindring:
        raise Domenefeil(hindring)
    if not begrunnelse.strip():
        raise Domenefeil(_("Skriv hvorfor saken tas videre."))
    krev_uten_personnummer(**{_("Begrunnelse"): begrunnelse})
    part = access.part_for(utfort_av, avvik) or avvik.meldt_av_organisasjon
    if avvik.status == S.IKKE_ENIGHET and avvik.sak is not None:
        # The case in the body goes on as a party's step; the receiver below moves the avvik.
        utvalgstjenester.sak_send_videre(
            utfort_av=utfort_av, sak=avvik.sak, side=_side(part), begrunnelse=begrunnelse.strip()
        )
        return avvik.hendelser.filter(type=Avvikshendelse.Type.ESKALERT).latest("pk")
    neste, deretter = _neste_trinn(avvik)
    sak, utvalg, forklaring = None, None, ""
    if neste.er_utvalg:
        utvalg, forklaring = _utvalg_for(avvik, neste.mal, begrunnelse)
        if utvalg is None:
            raise Domenefeil(
                _("Fant ikke utvalget saken skal til (%(mal)s).") % {"mal": neste.get_mal_display()}
            )
        sak = utvalgstjenester.sak_opprett(
            utfort_av=None,
            utvalg=utvalg,
            tittel=_("Avvik %(nr)s: %(kategori)s")
            % {"nr": avvik.pk, "kategori": avvik.kategori.navn},
            beskrivelse=_(
                "Avvik %(nr)s mellom %(a)s og %(b)s, tatt videre av %(part)s: %(begrunnelse)s"
            )
            % {
                "nr": avvik.pk,
                "a": avvik.meldt_av_organisasjon.navn,
                "b": avvik.ansvarlig.navn,
                "part": part.navn,
                "begrunnelse": begrunnelse.strip(),
            },
            # No step is skipped: the body's case goes where the avvik's ladder goes next.
            neste=Sak.Neste.NASJONAL
            if deretter is None or deretter.mal == M.NASJONAL
            else Sak.Neste.OVERORDNET,
            sendt_fra=None,
        )
        utvalgstjenester.sak_sett_pa_neste_mote(sak=sak)
        status = S.I_UTVALG
    elif neste.mal == M.NASJONAL:
        status = S.NASJONAL
    else:
        status = S.MOTTATT  # the dialogue goes on one level up, with that level's deadline
    avvik.trinn = neste
    avvik.sak = sak or avvik.sak
    avvik.status = status
    avvik.frist = frist(neste.svarfrist, neste.fristenhet) if status == S.MOTTATT else None
    avvik.save(update_fields=["trinn", "sak", "status", "frist"])
    hendelse = hendelse_ny(
        avvik,
        Avvikshendelse.Type.ESKALERT,
        utfort_av,
        f"{begrunnelse.strip()}\n\n{forklaring}" if forklaring else begrunnelse,
        organisasjon=part,
        trinn=neste,
        sak=sak,
        utvalg=utvalg,
    )
    varsling.avvik_eskalert(avvik, hendelse_id=hendelse.pk, utfort_av=utfort_av)
    return hendelse


@transaction.atomic
def avvik_nemndas_uttalelse(*, avvik: Avvik, utfort_av: User, uttalelse: str) -> Avvik:
    """The national dispute body's statement comes back to the avvik: the last rung of the
    ladder (the agreement § 6) has been tried, and the avvik is closed with what the body said
    (its statement is advisory unless the parties agreed it binds). Either party records it.
    Without this an avvik at the national body stayed open for ever, and retention never
    reached its texts."""
    avvik = laas(avvik)
    if not access.kan_eskalere(utfort_av, avvik):
        raise Domenefeil(_("Bare partenes koordinatorer registrerer nemndas uttalelse."))
    krev_apent(avvik)
    if avvik.status != S.NASJONAL:
        raise Domenefeil(_("Avviket er ikke brakt inn for nasjonal tvisteløsningsnemnd."))
    if not uttalelse.strip():
        raise Domenefeil(_("Skriv hva nemnda kom fram til."))
    krev_uten_personnummer(uttalelse)
    part = access.part_for(utfort_av, avvik)
    hendelse_ny(
        avvik,
        Avvikshendelse.Type.UTFALL,
        utfort_av,
        _("Nasjonal tvisteløsningsnemnd: %(uttalelse)s") % {"uttalelse": uttalelse.strip()},
        organisasjon=part,
        trinn=avvik.trinn,
    )
    avvik.status = S.LUKKET
    avvik.frist = None
    avvik.save(update_fields=["status", "frist"])
    hendelse_ny(
        avvik,
        Avvikshendelse.Type.LUKKET,
        utfort_av,
        _("Lukket: nemndas uttalelse er registrert."),
        organisasjon=part,
    )
    return avvik


def _avvik_i_sak(sak_id: int):
    return Avvik.objects.select_for_update(of=("self",)).filter(
        sak=sak_id, anonymisert__isnull=True
    )


def avvik_utfall(sender=None, *, vedtak: Vedtak, **kwargs) -> None:
    """The body's decision in the case an avvik was escalated to is the outcome of that step:
    adopted (the parties agree) closes the avvik; no agreement lets either party take it on;
    postponed leaves it with the body. The decision itself lives with the case."""
    for avvik in _avvik_i_sak(vedtak.sak_id).select_related("trinn"):
        standpunkter = ", ".join(f"{side}: {pos.lower()}" for side, pos in vedtak.posisjoner)
        hendelse_ny(
            avvik,
            Avvikshendelse.Type.UTFALL,
            vedtak.registrert_av,
            f"{vedtak.get_resultat_display()}: {vedtak.tekst}"
            + (f" ({standpunkter})" if standpunkter else "")
            + (f"\n{_('Begrunnelse:')} {vedtak.utsatt_fordi}" if vedtak.utsatt_fordi else ""),
            trinn=avvik.trinn,
            sak=vedtak.sak,
            utvalg=vedtak.mote.utvalg,
        )
        if vedtak.resultat == Vedtak.Resultat.VEDTATT:
            avvik.status = S.LUKKET
            hendelse_ny(
                avvik,
                Avvikshendelse.Type.LUKKET,
                vedtak.registrert_av,
                _("Lukket ved vedtak i %(sak)s: partene er enige.")
                % {"sak": vedtak.sak.saksnummer},
                sak=vedtak.sak,
            )
        elif vedtak.resultat == Vedtak.Resultat.IKKE_ENIGHET:
            avvik.status = S.IKKE_ENIGHET
        avvik.save(update_fields=["status"])


def avvik_folger_saken(
    sender=None, *, sak: Sak, ny: Sak | None, side: str, utfort_av=None, **kwargs
):
    """A party took the body's case on (from the case page or the avvik): the avvik moves to
    the next rung with it, and the thread says who, when and why."""
    hendelse = sak.hendelser.order_by("-pk").first()
    for avvik in _avvik_i_sak(sak.pk).select_related("trinn", "meldt_av_organisasjon", "ansvarlig"):
        neste, _deretter = _neste_trinn(avvik)
        forventet = M.NASJONAL if ny is None else ny.utvalg.type
        if neste.mal != forventet:
            raise Domenefeil(
                _("Avvik %(nr)s skal videre til %(mal)s etter sin stige, ikke dit saken ble sendt.")
                % {"nr": avvik.pk, "mal": neste.get_mal_display()}
            )
        part = next(
            (o for o in (avvik.meldt_av_organisasjon, avvik.ansvarlig) if _side(o) == side), None
        )
        avvik.trinn = neste
        avvik.sak = ny or avvik.sak
        avvik.status = S.NASJONAL if ny is None else S.I_UTVALG
        avvik.save(update_fields=["trinn", "sak", "status"])
        av = utfort_av or (hendelse.utfort_av if hendelse else None)
        steg = hendelse_ny(
            avvik,
            Avvikshendelse.Type.ESKALERT,
            av,
            hendelse.tekst if hendelse else "",
            organisasjon=part,
            trinn=neste,
            sak=ny,
            utvalg=ny.utvalg if ny else None,
        )
        # The parties hear of it as of any step up the ladder: this is the only place that
        # tells them when the step goes through the body's case (avvik_eskaler returns early).
        varsling.avvik_eskalert(avvik, hendelse_id=steg.pk, utfort_av=av)


def avvik_sak_gjenapnet(sender=None, *, sak: Sak, begrunnelse: str = "", **kwargs) -> None:
    """The body reopened the case: the avvik is with the body again."""
    for avvik in _avvik_i_sak(sak.pk):
        avvik.status = S.I_UTVALG
        avvik.save(update_fields=["status"])
        hendelse_ny(avvik, Avvikshendelse.Type.GJENAPNET, None, begrunnelse, sak=sak)
