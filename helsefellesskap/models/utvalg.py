"""Bodies (utvalg) of a Helsefellesskap, their rules as data, and their members."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helsefellesskap.models.organisasjoner import Helsefellesskap, Lokalomrade, Organisasjon
from kjerne.sortering import Norsk


class Side(models.TextChoices):
    """The side a member sits for."""

    KOMMUNENE = "kommunene", _("Kommunene")
    HELSEFORETAKET = "helseforetaket", _("Helseforetaket")
    BRUKER = "bruker", _("Brukerrepresentant")
    ARBEIDSTAKER = "arbeidstaker", _("Arbeidstakerrepresentant")
    FASTLEGE = "fastlege", _("Fastlege")


# The two parties: a decision needs both present and in agreement.
PARTENE = (Side.KOMMUNENE, Side.HELSEFORETAKET)


class Fagomrade(models.TextChoices):
    SOMATIKK = "somatikk", _("Somatikk")
    PSYKISK_HELSE = "psykisk_helse", _("Psykisk helse og rus")


def _ar_etter(dato: datetime.date, ar: int) -> datetime.date:
    try:
        return dato.replace(year=dato.year + ar)
    except ValueError:  # 29 February
        return dato.replace(year=dato.year + ar, day=28)


class UtvalgQuerySet(models.QuerySet):
    def aktive(self, dato: datetime.date):
        """Bodies that exist on the date: an FSU is closed after its end date."""
        return self.filter(Q(sluttdato__isnull=True) | Q(sluttdato__gte=dato))


class Utvalg(models.Model):
    """A body of the Helsefellesskap with its rules: how often it meets and whether it decides."""

    class Type(models.TextChoices):
        PARTNERSKAPSMOTE = "partnerskapsmote", _("Partnerskapsmøte")
        SSU = "ssu", _("Strategisk samarbeidsutvalg")
        AU = "au", _("Arbeidsutvalg / sekretariat")
        LSU = "lsu", _("Lokalt samarbeidsutvalg")
        FSU = "fsu", _("Faglig samarbeidsutvalg")

    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.PROTECT, related_name="utvalg"
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    navn = models.CharField(_("navn"), max_length=200)
    kortnavn = models.CharField(
        _("kortnavn"), max_length=40, help_text=_("Brukes i saksnummer, for eksempel «SSU».")
    )
    lokalomrade = models.ForeignKey(
        Lokalomrade, on_delete=models.PROTECT, null=True, blank=True, related_name="utvalg"
    )
    overordnet = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="underutvalg",
        help_text=_("Utvalget saker sendes videre til (LSU → SSU), eller som oppnevnte det."),
    )
    moter_min = models.PositiveSmallIntegerField(_("minst antall møter per år"), default=0)
    moter_maks = models.PositiveSmallIntegerField(
        _("høyst antall møter per år"), null=True, blank=True
    )
    kan_vedta = models.BooleanField(_("kan fatte vedtak"), default=False)
    mandat = models.TextField(_("mandat"), blank=True)
    sluttdato = models.DateField(_("avsluttes"), null=True, blank=True)
    oppnevnt_ved = models.ForeignKey(
        "helsefellesskap.Vedtak",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oppnevnte_utvalg",
        verbose_name=_("oppnevnt ved vedtak"),
    )
    rotasjon_fra = models.DateField(
        _("ledelsen roterer fra"),
        null=True,
        blank=True,
        help_text=_("Dagen den første lederperioden begynte."),
    )
    forste_lederside = models.CharField(
        _("første lederperiode"),
        max_length=20,
        choices=[(s.value, s.label) for s in PARTENE],
        blank=True,
    )
    rotasjon_ar = models.PositiveSmallIntegerField(_("år per lederperiode"), default=2)

    objects = UtvalgQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utvalg")
        verbose_name_plural = _("utvalg")
        ordering = ["helsefellesskap", "type", Norsk("navn")]
        constraints = [
            models.UniqueConstraint(fields=["helsefellesskap", "kortnavn"], name="unikt_kortnavn"),
            models.CheckConstraint(
                condition=~Q(type="fsu")
                | (Q(kan_vedta=False) & Q(sluttdato__isnull=False) & ~Q(mandat="")),
                name="fsu_uten_vedtaksmyndighet_med_mandat_og_sluttdato",
                violation_error_message=_(
                    "Et faglig samarbeidsutvalg har mandat og sluttdato og kan ikke fatte vedtak."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(type="lsu") | Q(lokalomrade__isnull=False),
                name="lsu_har_lokalomrade",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return f"/utvalg/{self.pk}/"

    @property
    def niva(self) -> str:
        return {"partnerskapsmote": "1", "ssu": "2", "au": "2", "lsu": "2", "fsu": "3"}[self.type]

    def er_aktivt(self, dato: datetime.date) -> bool:
        return self.sluttdato is None or dato <= self.sluttdato

    def _periode(self, dato: datetime.date) -> int | None:
        if not self.rotasjon_fra or not self.forste_lederside or dato < self.rotasjon_fra:
            return None
        periode = 0
        while _ar_etter(self.rotasjon_fra, self.rotasjon_ar * (periode + 1)) <= dato:
            periode += 1
        return periode

    def lederside(self, dato: datetime.date) -> str | None:
        """Which party holds the chair on the date: it alternates every rotation period."""
        periode = self._periode(dato)
        if periode is None:
            return None
        andre = Side.HELSEFORETAKET if self.forste_lederside == Side.KOMMUNENE else Side.KOMMUNENE
        return self.forste_lederside if periode % 2 == 0 else andre.value

    def neste_lederskifte(self, dato: datetime.date) -> datetime.date | None:
        periode = self._periode(dato)
        if periode is None:
            return self.rotasjon_fra if self.rotasjon_fra and dato < self.rotasjon_fra else None
        return _ar_etter(self.rotasjon_fra, self.rotasjon_ar * (periode + 1))


class Sammensetningskrav(models.Model):
    """A composition rule: at least N members from a side and/or a field."""

    utvalg = models.ForeignKey(Utvalg, on_delete=models.CASCADE, related_name="krav")
    side = models.CharField(_("side"), max_length=20, choices=Side.choices, blank=True)
    fagomrade = models.CharField(
        _("fagområde"), max_length=20, choices=Fagomrade.choices, blank=True
    )
    minimum = models.PositiveSmallIntegerField(_("minst"), default=1)

    class Meta:
        verbose_name = _("krav til sammensetning")
        verbose_name_plural = _("krav til sammensetning")
        ordering = ["utvalg", "side", "fagomrade"]

    def __str__(self) -> str:
        return self.beskrivelse

    @property
    def beskrivelse(self) -> str:
        deler = [self.get_side_display() if self.side else "", self.get_fagomrade_display()]
        return f"{self.minimum} × " + " / ".join(d for d in deler if d)


class UtvalgsmedlemQuerySet(models.QuerySet):
    def aktive(self, dato: datetime.date):
        return self.filter(Q(fra__lte=dato), Q(til__isnull=True) | Q(til__gte=dato))


class Utvalgsmedlem(models.Model):
    """A person's seat in a body, for a side and a term."""

    class Rolle(models.TextChoices):
        LEDER = "leder", _("Leder")
        NESTLEDER = "nestleder", _("Nestleder")
        MEDLEM = "medlem", _("Medlem")
        SEKRETAER = "sekretaer", _("Sekretær")

    utvalg = models.ForeignKey(Utvalg, on_delete=models.CASCADE, related_name="medlemmer")
    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="utvalgsverv"
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    organisasjon = models.ForeignKey(
        Organisasjon, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rolle = models.CharField(_("rolle"), max_length=20, choices=Rolle.choices, default=Rolle.MEDLEM)
    fagomrade = models.CharField(
        _("fagområde"), max_length=20, choices=Fagomrade.choices, blank=True
    )
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til og med"), null=True, blank=True)

    objects = UtvalgsmedlemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utvalgsmedlem")
        verbose_name_plural = _("utvalgsmedlemmer")
        ordering = ["utvalg", "side", Norsk("bruker__navn")]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(til__gte=models.F("fra")),
                name="medlem_til_etter_fra",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bruker.navn} ({self.get_side_display()}) i {self.utvalg.kortnavn}"

    def er_aktiv(self, dato: datetime.date) -> bool:
        return self.fra <= dato and (self.til is None or dato <= self.til)
