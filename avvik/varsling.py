"""Who is told of what in an avvik's dialogue (issue 28). Each is the other party's business:
a new avvik the responsible party's coordinators, an answer the reporter and the reporting
organisation's coordinators, a rejected answer the responsible party again, a step up the
ladder both parties. Called by the services inside their transactions; the text names the
avvik by number, category and organisations, never its free text (no patient data)."""

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
