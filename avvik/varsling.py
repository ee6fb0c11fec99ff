"""Who is told of what in an avvik's dialogue (issue 28). Each is the other party's business:
a new avvik the responsible party's coordinators, an answer the reporter and the reporting
organisation's coordinators, a rejected answer the responsible party again, a step up the
ladder both parties. Called by the services inside their transactions; the text names the
avvik by number, category and organisations, never its free text (no patient data)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from avvik.models import Avvik
from helsefellesskap.models import User
from helsefellesskap.varsling import koordinatorer
from varsler.models import Varseltype
from varsler.tjenester import varsle


def _melder(avvik: Avvik) -> list[User]:
    return [avvik.meldt_av] if avvik.meldt_av_id else []


def _lenke(avvik: Avvik) -> str:
    return f"/avvik/{avvik.pk}/"


def avvik_meldt(avvik: Avvik, *, utfort_av: User) -> None:
    varsle(
        mottakere=koordinatorer(avvik.ansvarlig_id),
        type=Varseltype.AVVIK_MELDT,
        tekst=lambda: (
            _("Nytt avvik %(nr)s fra %(fra)s: %(kategori)s")
            % {"nr": avvik.pk, "fra": avvik.meldt_av_organisasjon.navn, "kategori": avvik.kategori}
        ),
        lenke=_lenke(avvik),
        nokkel=f"avvik:{avvik.pk}:meldt",
        utfort_av=utfort_av,
    )


def avvik_besvart(avvik: Avvik, *, hendelse_id: int, utfort_av: User) -> None:
    varsle(
        mottakere=_melder(avvik) + koordinatorer(avvik.meldt_av_organisasjon_id),
        type=Varseltype.AVVIK_BESVART,
        tekst=lambda: (
            _("%(org)s har svart på avvik %(nr)s: %(kategori)s")
            % {"org": avvik.ansvarlig.navn, "nr": avvik.pk, "kategori": avvik.kategori}
        ),
        lenke=_lenke(avvik),
        nokkel=f"avvik:{avvik.pk}:svar:{hendelse_id}",
        utfort_av=utfort_av,
    )


def avvik_avvist(avvik: Avvik, *, hendelse_id: int, utfort_av: User) -> None:
    varsle(
        mottakere=koordinatorer(avvik.ansvarlig_id),
        type=Varseltype.AVVIK_AVVIST,
        tekst=lambda: (
            _("%(org)s godtar ikke svaret på avvik %(nr)s: %(kategori)s")
            % {"org": avvik.meldt_av_organisasjon.navn, "nr": avvik.pk, "kategori": avvik.kategori}
        ),
        lenke=_lenke(avvik),
        nokkel=f"avvik:{avvik.pk}:avvist:{hendelse_id}",
        utfort_av=utfort_av,
    )


def avvik_eskalert(avvik: Avvik, *, hendelse_id: int, utfort_av: User) -> None:
    varsle(
        mottakere=_melder(avvik)
        + koordinatorer(avvik.meldt_av_organisasjon_id, avvik.ansvarlig_id),
        type=Varseltype.AVVIK_ESKALERT,
        tekst=lambda: (
            _("Avvik %(nr)s er tatt videre: %(trinn)s")
            % {"nr": avvik.pk, "trinn": avvik.trinn.beskrivelse if avvik.trinn else ""}
        ),
        lenke=_lenke(avvik),
        nokkel=f"avvik:{avvik.pk}:eskalert:{hendelse_id}",
        utfort_av=utfort_av,
    )


FRIST_VARSEL = datetime.timedelta(days=2)


def frister_paminn(na: datetime.datetime | None = None) -> int:
    """Deadlines near (within two days) or passed, to the party whose turn it is: the
    responsible party's coordinators while an answer is awaited, the reporter's side while
    the answer waits to be accepted or rejected. Once per deadline and state."""
    from avvik.services.flyt import VENTER_PA_SVAR

    na = na or timezone.now()
    antall = 0
    for avvik in Avvik.objects.filter(
        frist__isnull=False,
        frist__lte=na + FRIST_VARSEL,
        status__in=[*VENTER_PA_SVAR, Avvik.Status.BESVART],
        anonymisert__isnull=True,
    ).select_related("ansvarlig", "meldt_av_organisasjon", "meldt_av", "kategori"):
        passert = avvik.frist < na
        dato = timezone.localtime(avvik.frist).strftime("%d.%m.%Y")
        if avvik.status == Avvik.Status.BESVART:
            if passert:
                continue  # the answer stands as accepted; the daily job closes it
            mottakere = _melder(avvik) + koordinatorer(avvik.meldt_av_organisasjon_id)
            tekst = _("Fristen for å godta eller avvise svaret på avvik %(nr)s går ut %(dato)s")
        else:
            mottakere = koordinatorer(avvik.ansvarlig_id)
            tekst = (
                _("Fristen for å svare på avvik %(nr)s gikk ut %(dato)s")
                if passert
                else _("Fristen for å svare på avvik %(nr)s går ut %(dato)s")
            )
        antall += len(
            varsle(
                mottakere=mottakere,
                type=Varseltype.AVVIK_FRIST,
                tekst=lambda t=tekst, a=avvik, d=dato: t % {"nr": a.pk, "dato": d},
                lenke=_lenke(avvik),
                nokkel=f"avvik:{avvik.pk}:frist:{avvik.frist.isoformat()}:"
                f"{'passert' if passert else 'naer'}:{avvik.status}",
            )
        )
    return antall
