"""Find identity numbers already stored in the screened text columns, and mask them on request.

    manage.py finn_personnummer            # dry run: lists what it finds, changes nothing
    manage.py finn_personnummer --masker   # replaces the digits of every number found with X

The screen (kjerne.personvern) stops new numbers; a text stored before it knew a spelling may
still hold one. This reads every text column kjerne.personvern screens, in every model of the
domain apps, history rows included, and prints model, primary key, field and how the number is
written with its digits as X («XX.XX.XX XXXXX»). It never prints a number.

With --masker the digits are replaced by X in place (QuerySet.update: the row's history and
timestamps are left as they are, and the history rows are masked the same way). A file whose
name holds a number is stored again under the masked name. Text of an agreement version that
is no longer a draft (its clauses, parties and title, and their history) is locked by the
database and is an archived record: it is reported as locked and never changed. What to do
then is printed: start a revision, remove the number in the draft and let the parties sign it,
and ask the archive and the data protection officer whether the signed version must be kept as
it is (arkivloven) or may be corrected.
"""

from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction

from kjerne.personvern import (
    SKJERMEDE_APPER,
    _er_historikk,
    _tekstfelt,
    finn_forekomster,
    masker,
    maskert_form,
)

RAD = "{merke} {modell} pk={pk} {felt}: {former}"
HVA_NA = (
    "Låste rader er tekst i en avtaleversjon som ikke lenger er et utkast (signert eller "
    "til godkjenning) og historikken til den. Databasen lar ingen endre dem, og de er "
    "arkivert slik de ble vedtatt. Slik retter du: start en revisjon av avtalen, fjern "
    "nummeret i utkastet og la partene signere den nye versjonen. Spør arkivet og "
    "personvernombudet om den signerte versjonen må bevares som den er (arkivloven), eller "
    "om den skal rettes i databasen av en administrator."
)


class Command(BaseCommand):
    help = "Finn (og maskér med --masker) fødselsnummer o.l. som allerede er lagret i fritekst."

    def add_arguments(self, parser):
        parser.add_argument(
            "--masker",
            action="store_true",
            help="Erstatt sifrene i hvert nummer med X (uten dette endres ingenting).",
        )

    def handle(self, *args, masker: bool = False, **options):
        self.masker = masker
        telling: Counter = Counter()
        for modell in apps.get_models():
            if modell._meta.app_label in SKJERMEDE_APPER:
                felt = _tekstfelt(modell)
                if felt:
                    self._les(modell, felt, telling)

        funnet = sum(n for (hva, _m), n in telling.items() if hva != "maskert")
        self.stdout.write("")
        if not funnet:
            self.stdout.write("Ingen fødselsnummer, D-, H- eller FH-nummer funnet i lagret tekst.")
            return
        for (hva, navn), antall in sorted(telling.items()):
            self.stdout.write(f"{navn}: {antall} {hva}")
        laaste = sum(n for (hva, _m), n in telling.items() if hva == "låst")
        maskerbare = sum(n for (hva, _m), n in telling.items() if hva in ("funnet", "maskert"))
        if self.masker:
            self.stdout.write(f"Maskert: {maskerbare} felt. Låst, ikke endret: {laaste} felt.")
        else:
            self.stdout.write(
                f"Funnet: {maskerbare} felt kan maskeres, {laaste} er låst. Ingenting er "
                "endret; kjør med --masker for å erstatte sifrene med X."
            )
        if laaste:
            self.stdout.write(HVA_NA)

    def _laast(self, modell, rad, felt) -> bool:
        """Each app says which of its texts are locked (AppConfig.laast_tekst)."""
        laast_tekst = getattr(modell._meta.app_config, "laast_tekst", None)
        return bool(laast_tekst and laast_tekst(modell, rad, felt))

    def _les(self, modell, felt: list, telling: Counter) -> None:
        navn = modell._meta.label
        for rad in modell._default_manager.all().order_by("pk").iterator(chunk_size=500):
            for f in felt:
                verdi = getattr(rad, f.attname)
                tekst = getattr(verdi, "name", verdi)
                if not isinstance(tekst, str) or not tekst:
                    continue
                funn = finn_forekomster(tekst)
                if not funn:
                    continue
                former = ", ".join(f"«{maskert_form(tekst, x)}»" for x in funn)
                laast = self._laast(modell, rad, f)
                hva = "låst" if laast else ("maskert" if self.masker else "funnet")
                merke = {"låst": "LÅST   ", "maskert": "MASKERT", "funnet": "FUNNET "}[hva]
                self.stdout.write(
                    RAD.format(merke=merke, modell=navn, pk=rad.pk, felt=f.name, former=former)
                )
                telling[(hva, f"{navn}.{f.name}")] += 1
                if self.masker and not laast:
                    self._masker(modell, rad, f, tekst)

    def _masker(self, modell, rad, felt, tekst: str) -> None:
        ny = masker(tekst)
        if isinstance(felt, models.FileField) and not _er_historikk(modell):
            lagring = felt.storage
            if lagring.exists(tekst):
                with lagring.open(tekst) as fil:
                    ny = lagring.save(ny, fil)
                lagring.delete(tekst)
        with transaction.atomic():
            modell._default_manager.filter(pk=rad.pk).update(**{felt.attname: ny})
