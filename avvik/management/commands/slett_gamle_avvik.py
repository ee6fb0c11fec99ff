"""Retention of avvik: anonymise those closed longer ago than AVVIK_OPPBEVARING_AR years, and
those still open that have had no activity (no step in the thread) for as long.

Anonymisation, not deletion. The statistics, the CSV export and the yearly reports to SSU count
avvik per category, clause, organisation, LSU area and month; escalation cases in LSU and SSU
(archive duty) point back at the avvik and its steps. Deleting would change last decade's numbers
and leave those cases pointing at nothing. What could identify a person goes instead:

- every free text: the description, the measures (tiltak) and each text in the thread (the text
  given on receipt, answers, acceptance, reasons for rejection and escalation, comments, the
  outcome copied from the decision) becomes MARKOR;
- the routing and the numbers in the parties' own quality systems (the clinic or unit that
  followed up, and each party's reference, which points to a record that may name a patient or
  an employee) are emptied;
- every link to a user: the reporter, whoever did each step, and in the history table also the
  user behind each change and its change reason; the history's copies of the texts too;
- the timestamps of a payment course (admission, notices, discharge: together they describe one
  person's stay) with its note and its history are deleted; no statistic counts them.

What the numbers need stays: category, ladder and step, clause and version, both organisations,
time of the event, creation and each step's time, status and whether the discharge was outside
the agreed hours. Avvik have no attachments. Agreements, signatures, cases, decisions and their
documents live in other tables and are never touched here (archive duty); a case's own text,
written when an avvik was escalated, belongs to the committee's archive and stays with it.

An avvik counts as closed at its «lukket» step (failing that, its last step). An avvik nobody
closes – its answer rejected, or no agreement in the committee, and neither party taking the next
step nor the reporter withdrawing it – would otherwise be kept for ever: it is anonymised when its
last activity – its last step, its creation, the creation of the committee case it went to – is
older than the retention period, and keeps its status, so the statistics still show it as left
open. Each processed avvik gets `anonymisert`, so the command is idempotent and can run every
day; it works in batches, each in its own transaction, so an interrupted run simply continues
the next time.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from avvik.models import Avvik, Avvikshendelse, Betalingsforlop

MARKOR = "[Anonymisert: teksten er slettet etter oppbevaringstiden.]"
PARTI = 500
# Routing and the parties' own case numbers: emptied, not marked (a number field showing the
# marker would read as a number).
RUTEFELT = ("melders_referanse", "ansvarlig_enhet", "ansvarligs_referanse")
UTEN_RUTING = dict.fromkeys(RUTEFELT, "")


def grense_for(i_dag: datetime.date, ar: int) -> datetime.datetime:
    """Midnight `ar` years before today: what closed before it closed more than `ar` years ago."""
    try:
        dato = i_dag.replace(year=i_dag.year - ar)
    except ValueError:  # 29 February, in a year without it
        dato = i_dag.replace(year=i_dag.year - ar, day=28)
    return timezone.make_aware(datetime.datetime.combine(dato, datetime.time.min))


def avvik_til_anonymisering(grense: datetime.datetime) -> list[int]:
    """Ids of the avvik not yet anonymised that closed before the limit, or that are still open
    and whose last activity came before it."""
    return list(
        Avvik.objects.filter(anonymisert__isnull=True)
        .annotate(
            lukket=Coalesce(
                Max(
                    "hendelser__tidspunkt",
                    filter=Q(hendelser__type=Avvikshendelse.Type.LUKKET),
                ),
                Max("hendelser__tidspunkt"),
                F("opprettet"),
            ),
            # A step in the thread, its creation, or the committee case it was escalated to.
            siste_aktivitet=Greatest(
                Coalesce(Max("hendelser__tidspunkt"), F("opprettet")),
                F("opprettet"),
                Coalesce(F("sak__opprettet"), F("opprettet")),
            ),
        )
        .filter(
            Q(status=Avvik.Status.LUKKET, lukket__lt=grense)
            | (~Q(status=Avvik.Status.LUKKET) & Q(siste_aktivitet__lt=grense))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def avvik_anonymiser(
    *, ider: list[int], tidspunkt: datetime.datetime
) -> tuple[list[int], Counter[str]]:
    """Remove the texts and the links to people of these avvik, their threads and history.

    Returns the ids it anonymised and what it removed, counted."""
    # Locked and read again: what a parallel run finished meanwhile is left alone.
    ider = list(
        Avvik.objects.select_for_update()
        .filter(pk__in=ider, anonymisert__isnull=True)
        .order_by()
        .values_list("pk", flat=True)
    )
    avvik = Avvik.objects.filter(pk__in=ider)
    hendelser = Avvikshendelse.objects.filter(avvik__in=ider)
    historikk = Avvik.history.filter(id__in=ider)
    tall: Counter[str] = Counter()
    tall["tiltak"] = avvik.exclude(tiltak="").update(tiltak=MARKOR)
    tall["ruting"] = avvik.exclude(**UTEN_RUTING).update(**UTEN_RUTING)
    tall["brukere"] = avvik.filter(meldt_av__isnull=False).count()
    tall["avvik"] = avvik.update(beskrivelse=MARKOR, meldt_av=None, anonymisert=tidspunkt)
    tall["tekster"] = hendelser.exclude(tekst="").update(tekst=MARKOR)
    tall["brukere"] += hendelser.filter(utfort_av__isnull=False).update(utfort_av=None)
    historikk.exclude(tiltak="").update(tiltak=MARKOR)
    historikk.exclude(**UTEN_RUTING).update(**UTEN_RUTING)
    tall["historikk"] = historikk.update(
        beskrivelse=MARKOR, meldt_av=None, history_user=None, history_change_reason=None
    )
    # Deleting writes a last history row; the history goes after it.
    tall["betalingsforlop"] = Betalingsforlop.objects.filter(avvik__in=ider).delete()[0]
    Betalingsforlop.history.filter(avvik_id__in=ider).delete()
    return ider, tall


def _ider(ider: list[int]) -> str:
    return ", ".join(str(i) for i in ider)


class Command(BaseCommand):
    help = (
        "Anonymiserer avvik som ble lukket for mer enn AVVIK_OPPBEVARING_AR år siden, og åpne "
        "avvik uten aktivitet på like lenge: fritekst og koblinger til personer fjernes, "
        "tallene til statistikken blir stående. Avtaler, "
        "signaturer og vedtak berøres aldri. Kan kjøres så ofte man vil (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vis hva som ville blitt anonymisert, uten å endre noe.",
        )

    def handle(self, *args, dry_run: bool, **options):
        ar = settings.AVVIK_OPPBEVARING_AR
        if ar < 1:
            raise CommandError(f"AVVIK_OPPBEVARING_AR må være minst 1 år, ikke {ar}.")
        grense = grense_for(timezone.localdate(), ar)
        ider = avvik_til_anonymisering(grense)
        if dry_run:
            self.stdout.write("Tørrkjøring: ingenting er endret.")
        self.stdout.write(
            f"Oppbevaringstid {ar} år: avvik lukket før {grense:%d.%m.%Y}, og åpne avvik uten "
            f"aktivitet siden før denne datoen, skal anonymiseres."
        )
        if not ider:
            tidligere = Avvik.objects.filter(anonymisert__isnull=False).count()
            self.stdout.write(
                f"Ingen avvik å anonymisere ({tidligere} er anonymisert fra før). "
                "Ingenting er endret."
            )
            return
        if dry_run:
            self.stdout.write(f"{len(ider)} avvik ville blitt anonymisert: {_ider(ider)}.")
            return
        tidspunkt = timezone.now()
        behandlet: list[int] = []
        sum_: Counter[str] = Counter()
        for start in range(0, len(ider), PARTI):
            parti, tall = avvik_anonymiser(ider=ider[start : start + PARTI], tidspunkt=tidspunkt)
            behandlet += parti
            sum_.update(tall)
        self.stdout.write(f"Anonymiserte {len(behandlet)} avvik: {_ider(behandlet)}.")
        self.stdout.write(
            f"Fjernet: beskrivelser {sum_['avvik']}, tiltak {sum_['tiltak']}, tekster i "
            f"forløpene {sum_['tekster']}, koblinger til brukere {sum_['brukere']}, "
            f"enheter og saksnumre i kvalitetssystemene {sum_['ruting']}. "
            f"Historikkrader renset: {sum_['historikk']}."
        )
        if sum_["betalingsforlop"]:
            self.stdout.write(
                f"Slettet tidspunktene for betaling på {sum_['betalingsforlop']} avvik, "
                "med historikken."
            )
        self.stdout.write(
            "Beholdt for statistikken: kategori, avtalepunkt, organisasjoner, tidspunkter, "
            "status og eskaleringstrinn."
        )
