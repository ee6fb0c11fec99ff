"""Who is told of what in an agreement's life (issue 28): each party's coordinators and
administrators, who carry its agreements. Called by the services (and livslop) inside their
transactions; each notice names the text, the version and the party, and links to it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from helsefellesskap.models import Organisasjon, User
from helsefellesskap.varsling import koordinatorer
from varsler.models import Varsel, Varseltype
from varsler.tjenester import varsle


def _parter(versjon) -> list[int]:
    return list(versjon.parter.values_list("pk", flat=True))


def _navn(versjon) -> dict:
    return {"tittel": versjon.tittel[:150], "nr": versjon.nummer}


def versjon_til_behandling(versjon, *, endring_id: int, utfort_av: User | None) -> None:
    varsle(
        mottakere=koordinatorer(*_parter(versjon)),
        type=Varseltype.VERSJON_TIL_BEHANDLING,
        tekst=lambda: _("«%(tittel)s», versjon %(nr)s, er sendt til godkjenning") % _navn(versjon),
        lenke=versjon.get_absolute_url(),
        nokkel=f"versjon:{versjon.pk}:til-behandling:{endring_id}",
        utfort_av=utfort_av,
    )


def versjon_returnert(versjon, *, endring_id: int, utfort_av: User | None) -> None:
    varsle(
        mottakere=koordinatorer(*_parter(versjon)),
        type=Varseltype.VERSJON_RETURNERT,
        tekst=lambda: (
            _("«%(tittel)s», versjon %(nr)s, er sendt tilbake som utkast") % _navn(versjon)
        ),
        lenke=versjon.get_absolute_url(),
        nokkel=f"versjon:{versjon.pk}:returnert:{endring_id}",
        utfort_av=utfort_av,
    )


def versjon_godkjent(versjon, *, utfort_av: User | None) -> None:
    """Approved: every party is told, and each party's own people that its signature is
    awaited (the reminder of the same key never repeats it)."""
    varsle(
        mottakere=koordinatorer(*_parter(versjon)),
        type=Varseltype.VERSJON_GODKJENT,
        tekst=lambda: (
            _("«%(tittel)s», versjon %(nr)s, er godkjent (%(vedtak)s)")
            % {**_navn(versjon), "vedtak": versjon.godkjent_vedtak}
        ),
        lenke=versjon.get_absolute_url(),
        nokkel=f"versjon:{versjon.pk}:godkjent",
        utfort_av=utfort_av,
    )
    for part in versjon.parter.all():
        signatur_venter(versjon, part)


def signatur_venter(versjon, part: Organisasjon) -> None:
    varsle(
        mottakere=koordinatorer(part.pk),
        type=Varseltype.SIGNATUR_VENTER,
        tekst=lambda: (
            _("«%(tittel)s», versjon %(nr)s, venter på signatur fra %(part)s")
            % {**_navn(versjon), "part": part.navn}
        ),
        lenke=f"{versjon.get_absolute_url()}signaturer/",
        nokkel=f"signatur:{versjon.pk}:{part.pk}",
    )


def signert(versjon, organisasjon: Organisasjon, *, utfort_av: User | None, forhold=None) -> None:
    """A party signed: its counterparts are told (agreements are bilateral, a municipality and
    the health trust; the other municipalities on a shared text are no party to it). The health
    trust signing one relation (``forhold``) tells that municipality; signing for all, each."""
    from avtaler import livslop

    parter = list(versjon.parter.all())
    if forhold is not None:
        andre = [forhold.part_id]
    elif organisasjon.er_kommune:
        andre = [m.pk for m in livslop.motparter(organisasjon, parter)]
    else:
        andre = [p.pk for p in parter if organisasjon in livslop.motparter(p, parter)]
    varsle(
        mottakere=koordinatorer(*andre),
        type=Varseltype.SIGNERT,
        tekst=lambda: (
            _("%(org)s har signert «%(tittel)s», versjon %(nr)s")
            % {**_navn(versjon), "org": organisasjon.navn}
        ),
        lenke=f"{versjon.get_absolute_url()}signaturer/",
        nokkel=f"versjon:{versjon.pk}:signert:{organisasjon.pk}"
        + (f":{forhold.pk}" if forhold is not None else ""),
        utfort_av=utfort_av,
    )


def i_kraft(versjon, forhold: list) -> None:
    """Each party's agreement concluded now: that party and its counterparts are told."""
    from avtaler import livslop

    parter = list(versjon.parter.all())
    for f in forhold:
        berorte = [f.part_id, *(m.pk for m in livslop.motparter(f.part, parter))]
        varsle(
            mottakere=koordinatorer(*berorte),
            type=Varseltype.I_KRAFT,
            tekst=lambda f=f: (
                _("«%(tittel)s», versjon %(nr)s, gjelder for %(part)s fra %(dato)s")
                % {
                    **_navn(versjon),
                    "part": f.part.navn,
                    "dato": f.i_kraft_fra.strftime("%d.%m.%Y"),
                }
            ),
            lenke=versjon.get_absolute_url(),
            nokkel=f"forhold:{f.pk}:i-kraft",
        )


def oppsagt(forhold, *, utfort_av: User | None) -> None:
    from avtaler import livslop

    versjon = forhold.versjon
    berorte = [
        forhold.part_id,
        *(m.pk for m in livslop.motparter(forhold.part, list(versjon.parter.all()))),
    ]
    varsle(
        mottakere=koordinatorer(*berorte),
        type=Varseltype.OPPSAGT,
        tekst=lambda: (
            _("«%(tittel)s» med %(part)s er sagt opp av %(org)s og gjelder til og med %(slutt)s")
            % {
                "tittel": versjon.tittel[:150],
                "part": forhold.part.navn,
                "org": forhold.oppsagt_av.navn,
                "slutt": forhold.sluttdato.strftime("%d.%m.%Y"),
            }
        ),
        lenke=versjon.get_absolute_url(),
        nokkel=f"forhold:{forhold.pk}:oppsagt",
        utfort_av=utfort_av,
    )


def lesing_bedt_om(versjon, *, utfort_av: User | None) -> None:
    """A routine's change is significant: everyone with a role in a party it is in force for
    is asked to read and confirm it (those who already have, are not). A party whose own
    agreement is not concluded yet is asked by the weekly reminder once it is (as the overview's
    «to read»)."""
    from avtaler import livslop
    from avtaler.models import Avtaleversjon, Lesebekreftelse, i_dag

    dato = i_dag()
    gjelder_for = [
        p.pk
        for p in versjon.parter.all()
        if Avtaleversjon.objects.filter(pk=versjon.pk).filter(livslop.gjeldende_q(dato, p)).exists()
    ]
    lest = Lesebekreftelse.objects.filter(versjon=versjon).values("bruker_id")
    varsle(
        mottakere=User.objects.filter(is_active=True, medlemskap__organisasjon__in=gjelder_for)
        .exclude(pk__in=lest)
        .distinct(),
        type=Varseltype.LESING_VENTER,
        tekst=lambda: _("Les og bekreft: «%(tittel)s», versjon %(nr)s") % _navn(versjon),
        lenke=versjon.get_absolute_url(),
        nokkel=f"lesing:{versjon.pk}:foresporsel",
        utfort_av=utfort_av,
    )


def lesing_bekreftet(versjon, *, bruker: User) -> None:
    """Read and confirmed: the notices asking for it are done (not mailed in a digest)."""
    from varsler.tjenester import varsler_utfort

    varsler_utfort(bruker=bruker, nokkel_start=f"lesing:{versjon.pk}:")


# --- Reminders (send_paminnelser): what a user still has to act on ---------------------------


def _uke(dato) -> str:
    ar, uke, _dag = dato.isocalendar()
    return f"{ar}-{uke:02d}"


def paminnelser_lag() -> int:
    """The daily reminders from each user's overview (send_paminnelser)."""
    from avtaler.oversikt import oversikt_for

    antall = 0
    for bruker in User.objects.filter(is_active=True, medlemskap__isnull=False).distinct():
        oversikt = oversikt_for(bruker)
        if oversikt.har_paminnelser:
            antall += paminnelser_for(bruker, oversikt)
    return antall


PAMINNELSE_HVER = datetime.timedelta(days=6)


def _nylig_varslet(bruker) -> list[str]:
    """The keys of the user's notices of the last week: a reminder waits a week after them."""
    return list(
        Varsel.objects.filter(
            mottaker=bruker, opprettet__gte=timezone.now() - PAMINNELSE_HVER
        ).values_list("nokkel", flat=True)
    )


def _om(nokler: list[str], ting: str) -> bool:
    return any(n == ting or n.startswith(f"{ting}:") for n in nokler)


def _egne_oppsigelser(bruker, oppsigelser: list) -> list:
    """The notices of termination the user's organisation is a side of: the party itself or
    its counterpart. A shared text lists every municipality, but each agreement is bilateral;
    another municipality's termination is none of this one's business."""
    from avtaler import livslop
    from avtaler.access import KOORDINERENDE
    from helsefellesskap import access

    if not oppsigelser:
        return []
    egne = access.organisasjoner_med_rolle(bruker, *KOORDINERENDE)
    return [
        f
        for f in oppsigelser
        if f.part_id in egne
        or any(m.pk in egne for m in livslop.motparter(f.part, list(f.versjon.parter.all())))
    ]


def paminnelser_for(bruker, oversikt) -> int:
    """Turn the user's overview into notices. Only what is still undone is in the overview
    (a party that signed, a reader who confirmed, is not), and a standing reminder carries
    the week in its key: at most one a week for each thing while it waits."""
    uke = _uke(oversikt.dato)
    nylig = _nylig_varslet(bruker)
    nye = []
    for versjon, mangler in oversikt.signaturer:
        for part in mangler:
            if _om(nylig, f"signatur:{versjon.pk}:{part.pk}"):
                continue
            nye += varsle(
                mottakere=[bruker],
                type=Varseltype.SIGNATUR_VENTER,
                tekst=lambda v=versjon, p=part: (
                    _("Påminnelse: «%(tittel)s», versjon %(nr)s, venter på signatur fra %(part)s")
                    % {**_navn(v), "part": p.navn}
                ),
                lenke=f"{versjon.get_absolute_url()}signaturer/",
                nokkel=f"signatur:{versjon.pk}:{part.pk}:uke:{uke}",
            )
    for versjon in oversikt.gjennomganger:
        if _om(nylig, f"gjennomgang:{versjon.pk}:{versjon.neste_gjennomgang}"):
            continue
        nye += varsle(
            mottakere=[bruker],
            type=Varseltype.GJENNOMGANG,
            tekst=lambda v=versjon: (
                _("Årlig gjennomgang innen %(dato)s: %(tittel)s")
                % {"tittel": v.tittel[:150], "dato": v.neste_gjennomgang.strftime("%d.%m.%Y")}
            ),
            lenke=versjon.get_absolute_url(),
            nokkel=f"gjennomgang:{versjon.pk}:{versjon.neste_gjennomgang}:uke:{uke}",
        )
    for versjon in oversikt.revisjoner:
        nye += varsle(
            mottakere=[bruker],
            type=Varseltype.GJENNOMGANG,
            tekst=lambda v=versjon: (
                _("Full revisjon anbefalt: «%(tittel)s», versjon %(nr)s, har gjeldt i to år")
                % _navn(v)
            ),
            lenke=versjon.get_absolute_url(),
            nokkel=f"revisjon:{versjon.pk}:{oversikt.dato.year}",
        )
    for forhold in _egne_oppsigelser(bruker, oversikt.oppsigelser):
        # The same key as the event: a notice given before this system told anyone, once.
        nye += varsle(
            mottakere=[bruker],
            type=Varseltype.OPPSAGT,
            tekst=lambda f=forhold: (
                _(
                    "«%(tittel)s» med %(part)s er sagt opp av %(org)s og gjelder til og med "
                    "%(slutt)s"
                )
                % {
                    "tittel": f.versjon.tittel[:150],
                    "part": f.part.navn,
                    "org": f.oppsagt_av.navn if f.oppsagt_av else "",
                    "slutt": f.sluttdato.strftime("%d.%m.%Y"),
                }
            ),
            lenke=forhold.versjon.get_absolute_url(),
            nokkel=f"forhold:{forhold.pk}:oppsagt",
        )
    for versjon in oversikt.a_lese:
        if _om(nylig, f"lesing:{versjon.pk}"):
            continue
        nye += varsle(
            mottakere=[bruker],
            type=Varseltype.LESING_VENTER,
            tekst=lambda v=versjon: _("Les og bekreft: «%(tittel)s», versjon %(nr)s") % _navn(v),
            lenke=versjon.get_absolute_url(),
            nokkel=f"lesing:{versjon.pk}:uke:{uke}",
        )
    return len(nye)
