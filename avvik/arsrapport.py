"""The numbers of the yearly avvik report to SSU: counts only, and no count small enough to
point out another organisation's case.

The report goes to every organisation of the Helsefellesskap. A count below MINSTE_CELLE in a
row of a category, a clause or a responsible organisation could tell a reader which case of
two other parties it is («1 avvik, Bærum kommune, punkt 4.2»). Such rows are not shown one by
one: they are added up in one row «Andre (færre enn 5 hver)», whose count is shown as «<5»
when it is itself below the limit. The reader's own organisations are shown as they are. The
counts per escalation step name no party and are shown, «<5» below the limit. The totals are
exact: with the small rows merged, the remainder names no category, clause or party.

The year is the calendar year in Norway (Europe/Oslo): an avvik or an escalation at 00:30 on
1 January belongs to the new year, though it is 23:30 on 31 December in UTC.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils.translation import gettext as _

from avvik.models import Avvik, Avvikshendelse

MINSTE_CELLE = 5
NORGE = ZoneInfo("Europe/Oslo")


def vis_antall(n: int) -> str:
    """A count as the report shows it: «<5» between 1 and MINSTE_CELLE − 1."""
    return f"<{MINSTE_CELLE}" if 0 < n < MINSTE_CELLE else str(n)


def _rader(tall: list[tuple[str, int, bool]], grense: int | None = None) -> list[dict]:
    """(label, count, own) → rows to show; small rows of others merged in one at the end."""
    synlige, smaa = [], 0
    for navn, n, egen in tall:
        if n < MINSTE_CELLE and not egen:
            smaa += n
        else:
            synlige.append({"navn": navn, "antall": str(n)})
    synlige = synlige[:grense] if grense else synlige
    if smaa:
        synlige.append(
            {
                "navn": _("Andre (færre enn %(n)d hver)") % {"n": MINSTE_CELLE},
                "antall": vis_antall(smaa),
            }
        )
    return synlige


def arets_grenser(ar: int) -> tuple[datetime.datetime, datetime.datetime]:
    """1 January of the year and of the next, at midnight in Norway."""
    return (
        datetime.datetime(ar, 1, 1, tzinfo=NORGE),
        datetime.datetime(ar + 1, 1, 1, tzinfo=NORGE),
    )


def arsrapport_tall(*, helsefellesskap, ar: int, egne: set[int]) -> dict:
    """The report's numbers for a reader whose own organisations are `egne` (ids)."""
    start, slutt = arets_grenser(ar)
    aret = Avvik.objects.filter(
        helsefellesskap=helsefellesskap, hendelse__gte=start, hendelse__lt=slutt
    )
    per_kategori = aret.values("kategori__navn").annotate(n=Count("id")).order_by("-n")
    per_ansvarlig = (
        aret.values("ansvarlig_id", "ansvarlig__navn").annotate(n=Count("id")).order_by("-n")
    )
    per_punkt = (
        aret.exclude(punkt=None)
        .values("punkt__versjon__tittel", "punkt__nummer", "punkt__overskrift")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    # Escalations taken in the year, whenever their avvik was reported: by the step reached.
    eskalert = (
        Avvikshendelse.objects.filter(
            avvik__helsefellesskap=helsefellesskap,
            type=Avvikshendelse.Type.ESKALERT,
            tidspunkt__gte=start,
            tidspunkt__lt=slutt,
        )
        .values("trinn__nummer", "trinn__beskrivelse")
        .annotate(n=Count("id"))
        .order_by("trinn__nummer", "trinn__beskrivelse")
    )
    return {
        "antall": aret.count(),
        "lukket": aret.filter(status=Avvik.Status.LUKKET).count(),
        "minste_celle": MINSTE_CELLE,
        "per_kategori": _rader([(r["kategori__navn"], r["n"], False) for r in per_kategori]),
        "per_ansvarlig": _rader(
            [(r["ansvarlig__navn"], r["n"], r["ansvarlig_id"] in egne) for r in per_ansvarlig]
        ),
        "per_punkt": _rader(
            [
                (
                    f"{r['punkt__versjon__tittel']}, {r['punkt__nummer']} {r['punkt__overskrift']}",
                    r["n"],
                    False,
                )
                for r in per_punkt
            ],
            grense=20,
        ),
        "eskalert": [
            {
                "navn": f"{r['trinn__nummer']}. {r['trinn__beskrivelse']}",
                "antall": vis_antall(r["n"]),
            }
            for r in eskalert
        ],
    }
