"""The life of an agreement, in one place: the text's states, each party's own agreement, and
the one rule for what is in force.

**The text** (Avtaleversjon) moves through stored states, only along OVERGANGER:
utkast → til behandling → godkjent (by SSU/LSU; the text is final and the parties may adopt it)
→ signert (the first party's agreement on it is concluded; from then the text is public).
A text is never "in force" or "replaced" as such: that belongs to each party.

**Each party's agreement** (Avtaleforhold) on a version: its local decision (kommunestyre,
bystyre, styre), its signature, the day it enters into force, a notice and the last day. A
likelydende avtale is 22 bilateral agreements sharing one text, so a municipality's agreement
is concluded when it *and* the health trust (the counterpart) have signed; it enters into force
on the latest of the signatures and the version's earliest date (``gyldig_fra``). When a party's
agreement on a newer version enters into force, its agreement on the older one ends the day
before; a notice (either side, one year's notice) ends that party's agreement only.

**In force** is read from those dates and nothing else (gjeldende_q, forhold_gjelder): the
party's agreement has started (``i_kraft_fra`` ≤ D) and not ended (``sluttdato`` empty or ≥ D).
Every date is written when the event happens, in the same transaction; no daily job has a part
in it. Parties whose agreement carries "in force" are the municipalities; the health trust
signs each municipality's agreement on its own (``motpart_signert_dato`` on that row) or once
for all on its own row, with the same effect (motpart_signert). An agreement with no
municipality among its parties (the health trust alone) carries its own.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helsefellesskap.models import Organisasjon
from kjerne.feil import Domenefeil

# --- The text ------------------------------------------------------------------------------

UTKAST, TIL_BEHANDLING, GODKJENT, SIGNERT = "utkast", "til_behandling", "godkjent", "signert"

OVERGANGER: dict[str, set[str]] = {
    UTKAST: {TIL_BEHANDLING},
    TIL_BEHANDLING: {UTKAST, GODKJENT},
    GODKJENT: {SIGNERT},
    SIGNERT: set(),
}

# --- Each party's agreement -----------------------------------------------------------------


class Status:
    """What a party's agreement on a version is on a date: derived, never stored."""

    VENTER = "venter"  # not concluded: decision or a signature missing
    SIGNERT = "signert"  # concluded, enters into force later
    GJELDENDE = "gjeldende"
    OPPSAGT = "oppsagt"  # in force, notice given: ends on sluttdato
    AVSLUTTET = "avsluttet"  # ended: replaced by the party's next version, or by notice

    ETIKETTER = {
        VENTER: gettext_lazy("Venter"),
        SIGNERT: gettext_lazy("Signert, ikke i kraft ennå"),
        GJELDENDE: gettext_lazy("Gjeldende"),
        OPPSAGT: gettext_lazy("Oppsagt"),
        AVSLUTTET: gettext_lazy("Avsluttet"),
    }


def ett_ar_etter(dato: datetime.date) -> datetime.date:
    try:
        return dato.replace(year=dato.year + 1)
    except ValueError:  # 29 February
        return dato.replace(year=dato.year + 1, day=28)


def baerer(part: Organisasjon, parter: list[Organisasjon]) -> bool:
    """Whether the party's own agreement carries "in force": a municipality's does; the
    health trust's only when no municipality is a party."""
    return part.er_kommune or not any(p.er_kommune for p in parter)


def motparter(part: Organisasjon, parter: list[Organisasjon]) -> list[Organisasjon]:
    """Whose signature a party's agreement also needs: a municipality's, the health trust's."""
    if not part.er_kommune:
        return []
    return [p for p in parter if not p.er_kommune]


def motpart_signert(forhold, parter: list[Organisasjon], signert: dict) -> datetime.date | None:
    """The day the counterpart (the health trust) signed this party's agreement, or None.

    The health trust signs each agreement on its own (``motpart_signert_dato``) or once for all
    on its own row (``signert``: party pk → its signature date), as it prefers: either has the
    same effect, and the earlier counts. With no counterpart, the party's own signature."""
    datoer = []
    for m in motparter(forhold.part, parter):
        egne = [d for d in (forhold.motpart_signert_dato, signert.get(m.pk)) if d]
        if not egne:
            return None
        datoer.append(min(egne))
    return max(datoer, default=forhold.signert_dato)


def kan_inngaas(forhold, parter: list[Organisasjon], signert: dict) -> bool:
    """Not concluded yet, and both its own and the counterpart's signatures are there."""
    return (
        forhold.i_kraft_fra is None
        and forhold.signert_dato is not None
        and baerer(forhold.part, parter)
        and motpart_signert(forhold, parter, signert) is not None
    )


def forhold_gjelder(forhold, dato: datetime.date) -> bool:
    return (
        forhold.i_kraft_fra is not None
        and forhold.i_kraft_fra <= dato
        and (forhold.sluttdato is None or dato <= forhold.sluttdato)
    )


def status(forhold, dato: datetime.date) -> str:
    if forhold.i_kraft_fra is None:
        return Status.VENTER
    if dato < forhold.i_kraft_fra:
        return Status.SIGNERT
    if forhold.sluttdato is not None and dato > forhold.sluttdato:
        return Status.AVSLUTTET
    return Status.OPPSAGT if forhold.oppsigelse_varslet else Status.GJELDENDE


def i_kraft_q(dato: datetime.date, prefiks: str = "") -> Q:
    """Avtaleforhold in force on the date (``prefiks``: the path to them, e.g. "forhold__")."""
    return Q(**{f"{prefiks}i_kraft_fra__lte": dato}) & (
        Q(**{f"{prefiks}sluttdato__isnull": True}) | Q(**{f"{prefiks}sluttdato__gte": dato})
    )


def gjeldende_q(dato: datetime.date, part: Organisasjon | None = None) -> Q:
    """Avtaleversjon in force on the date: for the party, or (without one) the newest
    version of each agreement that is in force for anyone."""
    from avtaler.models import Avtaleforhold, Versjonspart

    i_kraft = Avtaleforhold.objects.filter(i_kraft_q(dato))
    if part is None:
        nyere = i_kraft.filter(
            versjon__avtale=OuterRef("avtale"), versjon__nummer__gt=OuterRef("nummer")
        )
        return Exists(i_kraft.filter(versjon=OuterRef("pk"))) & ~Exists(nyere)
    if part.er_kommune:
        return Q(Exists(i_kraft.filter(versjon=OuterRef("pk"), part=part)))
    # A health trust is bound by every version one of its municipalities is on.
    return Exists(Versjonspart.objects.filter(versjon=OuterRef("pk"), organisasjon=part)) & Exists(
        i_kraft.filter(versjon=OuterRef("pk"))
    )


# --- Transitions of a party's agreement (called inside the services' transactions) ----------


def sikre_forhold(versjon) -> list:
    """Every party's agreement row on the version (made when the text is approved)."""
    from avtaler.models import Avtaleforhold

    Avtaleforhold.objects.bulk_create(
        [Avtaleforhold(versjon=versjon, part=p) for p in versjon.parter.all()],
        ignore_conflicts=True,
    )
    return list(Avtaleforhold.objects.filter(versjon=versjon).select_related("part"))


def krev_kan_signeres(versjon) -> None:
    if versjon.tilstand not in (GODKJENT, SIGNERT):
        raise Domenefeil(_("Bare en godkjent versjon kan signeres."))


def _forrige(forhold):
    """The party's agreement on the agreement's version before this one."""
    from avtaler.models import Avtaleforhold

    return (
        Avtaleforhold.objects.select_for_update(of=("self",))
        .filter(
            part=forhold.part_id,
            versjon__avtale=forhold.versjon.avtale_id,
            versjon__nummer__lt=forhold.versjon.nummer,
            i_kraft_fra__isnull=False,
        )
        .order_by("-versjon__nummer")
        .first()
    )


def inngaa(versjon, *, tidligst: datetime.date | None = None) -> list:
    """Conclude every agreement on the version whose signatures are all there: set its first
    day, end the party's agreement on the version before the day before. Returns those
    concluded now. ``tidligst``: a later first day the parties agreed on."""
    forhold = sikre_forhold(versjon)
    parter = [f.part for f in forhold]
    signert = {f.part_id: f.signert_dato for f in forhold}
    inngatt = []
    for f in forhold:
        if not kan_inngaas(f, parter, signert):
            continue
        motpart = motpart_signert(f, parter, signert)
        fra = max(d for d in (f.signert_dato, motpart, versjon.gyldig_fra, tidligst) if d)
        forrige = _forrige(f)
        if forrige is not None:
            if fra <= forrige.i_kraft_fra:
                raise Domenefeil(
                    _(
                        "%(part)s sin avtale må gjelde fra etter %(dato)s, da versjon %(nr)s "
                        "begynte å gjelde for den."
                    )
                    % {
                        "part": f.part.navn,
                        "dato": forrige.i_kraft_fra.strftime("%d.%m.%Y"),
                        "nr": forrige.versjon.nummer,
                    }
                )
            dagen_for = fra - datetime.timedelta(days=1)
            if forrige.sluttdato is None or forrige.sluttdato > dagen_for:
                forrige.sluttdato = dagen_for
                forrige._change_reason = f"Erstattet av versjon {versjon.nummer}"
                forrige.save(update_fields=["sluttdato"])
        f.i_kraft_fra = fra
        f._change_reason = "Inngått"
        f.save(update_fields=["i_kraft_fra"])
        inngatt.append(f)
    if inngatt:
        from avtaler import varsling

        varsling.i_kraft(versjon, inngatt)
    return inngatt


def si_opp(forhold, *, varslet: datetime.date, oppsagt_av: Organisasjon, utfort_av) -> object:
    """One year's written notice: ends this party's agreement only, a year after notice."""
    if forhold.i_kraft_fra is None:
        raise Domenefeil(_("%(part)s har ikke inngått avtalen.") % {"part": forhold.part.navn})
    if forhold.oppsigelse_varslet is not None:
        raise Domenefeil(
            _("Avtalen med %(part)s er allerede sagt opp (%(dato)s).")
            % {"part": forhold.part.navn, "dato": forhold.oppsigelse_varslet.strftime("%d.%m.%Y")}
        )
    if forhold.sluttdato is not None and forhold.sluttdato < varslet:
        raise Domenefeil(_("Avtalen med %(part)s er allerede avsluttet.") % {"part": forhold.part})
    slutt = ett_ar_etter(varslet)
    if slutt < forhold.i_kraft_fra:
        raise Domenefeil(_("Oppsigelsen kan ikke ende avtalen før den begynner å gjelde."))
    forhold.oppsigelse_varslet = varslet
    forhold.oppsagt_av = oppsagt_av
    forhold.oppsigelse_registrert_av = utfort_av
    if forhold.sluttdato is None or forhold.sluttdato > slutt:
        forhold.sluttdato = slutt
    forhold._change_reason = f"Sagt opp av {oppsagt_av.navn}"[:100]
    forhold.save()
    return forhold
