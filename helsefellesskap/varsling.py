"""Who in the bodies and organisations is told of what (issue 28): meetings, agendas, minutes.

One function per event, called by the service that makes the change, inside its transaction;
``varsler.tjenester.varsle`` keeps each notice to one per person and mails it after commit.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from helsefellesskap.kalender import mote_som_ical
from helsefellesskap.models import Medlemskap, Mote, Sak, User, Utvalgsmedlem
from varsler.models import Varseltype
from varsler.tjenester import varsle

KOORDINERENDE = (Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR, Medlemskap.Rolle.ADMINISTRATOR)


def koordinatorer(*org_ids: int) -> list[User]:
    """The organisations' coordinators and administrators: whose business its cases are."""
    return list(
        User.objects.filter(
            is_active=True,
            medlemskap__organisasjon__in=[o for o in org_ids if o],
            medlemskap__rolle__in=KOORDINERENDE,
        ).distinct()
    )


def _medlemmer(mote: Mote) -> list[User]:
    """The body's members and secretaries on the day of the meeting."""
    dato = timezone.localtime(mote.start).date()
    return [
        m.bruker
        for m in Utvalgsmedlem.objects.aktive(dato)
        .filter(utvalg=mote.utvalg_id)
        .select_related("bruker")
    ]


def _tid(start: datetime.datetime) -> str:
    return timezone.localtime(start).strftime("%d.%m.%Y kl. %H:%M")


def mote_innkalt(mote: Mote, *, utfort_av: User | None) -> None:
    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.MOTE_INNKALT,
        tekst=lambda: (
            _("%(utvalg)s: møte %(tid)s, %(sted)s")
            % {"utvalg": mote.utvalg.kortnavn, "tid": _tid(mote.start), "sted": mote.sted}
        ),
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:innkalt",
        utfort_av=utfort_av,
        kalender=mote_som_ical(mote),
    )


def mote_flyttet(mote: Mote, *, fra: datetime.datetime, utfort_av: User | None) -> None:
    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.MOTE_FLYTTET,
        tekst=lambda: (
            _("%(utvalg)s: møtet %(fra)s er flyttet til %(tid)s, %(sted)s")
            % {
                "utvalg": mote.utvalg.kortnavn,
                "fra": _tid(fra),
                "tid": _tid(mote.start),
                "sted": mote.sted,
            }
        ),
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:flyttet:{mote.start.isoformat()}:{mote.sted}"[:200],
        utfort_av=utfort_av,
        kalender=mote_som_ical(mote),
    )


def mote_avlyst(mote: Mote, *, utfort_av: User | None, begrunnelse: str = "") -> None:
    def tekst() -> str:
        avlyst = _("%(utvalg)s: møtet %(tid)s er avlyst") % {
            "utvalg": mote.utvalg.kortnavn,
            "tid": _tid(mote.start),
        }
        # The notice holds at most 300 characters; the reason is at most 200 (the form).
        return f"{avlyst}. {begrunnelse}"[:300] if begrunnelse else avlyst

    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.MOTE_AVLYST,
        tekst=tekst,
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:avlyst",
        utfort_av=utfort_av,
        kalender=mote_som_ical(mote),
    )


def sak_pa_sakliste(mote: Mote, sak: Sak, *, utfort_av: User | None) -> None:
    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.SAK_PA_SAKLISTE,
        tekst=lambda: (
            _("Sak %(nr)s «%(tittel)s» er satt på møtet %(tid)s")
            % {"nr": sak.saksnummer, "tittel": sak.tittel[:120], "tid": _tid(mote.start)}
        ),
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:sak:{sak.pk}",
        utfort_av=utfort_av,
    )


def referat_klart(mote: Mote, *, utfort_av: User | None) -> None:
    """The minutes are written: the members are asked to read and confirm them (once)."""
    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.REFERAT_KLART,
        tekst=lambda: (
            _("%(utvalg)s: referatet fra møtet %(tid)s er klart til godkjenning")
            % {"utvalg": mote.utvalg.kortnavn, "tid": _tid(mote.start)}
        ),
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:referat-klart",
        utfort_av=utfort_av,
    )


def referat_godkjent(mote: Mote, *, utfort_av: User | None) -> None:
    varsle(
        mottakere=_medlemmer(mote),
        type=Varseltype.REFERAT_GODKJENT,
        tekst=lambda: (
            _("%(utvalg)s: referatet fra møtet %(tid)s er godkjent")
            % {"utvalg": mote.utvalg.kortnavn, "tid": _tid(mote.start)}
        ),
        lenke=mote.get_absolute_url(),
        nokkel=f"mote:{mote.pk}:referat-godkjent",
        utfort_av=utfort_av,
    )
