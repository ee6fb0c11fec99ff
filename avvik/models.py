"""Deviations (avvik) between the parties: reported against the clause they breach,
handled by the responsible organisation, escalated along the agreed ladder.

An avvik is about the system, never about a patient: free text is screened for
fødselsnummer and D-nummer before it is saved (avvik/personnummer.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from avtaler.models import Avtaleversjon, Punktversjon
from helsefellesskap.models import Helsefellesskap, Organisasjon, Sak, Utvalg


class Avvikskategori(models.Model):
    """A kind of deviation, seeded from practice and editable by administrators."""

    navn = models.CharField(_("navn"), max_length=200, unique=True)
    gjelder_utskrivning = models.BooleanField(_("gjelder utskrivning"), default=False)
    aktiv = models.BooleanField(_("i bruk"), default=True)

    class Meta:
        verbose_name = _("avvikskategori")
        verbose_name_plural = _("avvikskategorier")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Stigetype(models.TextChoices):
    PASIENTRELATERT = "pasientrelatert", _("Pasientrelatert enkeltsak")
    AVTALESPORSMAL = "avtalesporsmal", _("Spørsmål om avtaler, retningslinjer eller rutiner")


class Eskaleringstrinn(models.Model):
    """One step of an escalation ladder of a Helsefellesskap (DOMAIN.md §3), as data."""

    class Mal(models.TextChoices):
        DIALOG = "dialog", _("Dialog mellom tjenestene / ledelsesmøte")
        LSU = "lsu", _("Lokalt samarbeidsutvalg")
        SSU = "ssu", _("Strategisk samarbeidsutvalg")
        NASJONAL = "nasjonal", _("Nasjonal tvisteløsningsnemnd")

    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.CASCADE, related_name="eskaleringstrinn"
    )
    stige = models.CharField(_("stige"), max_length=20, choices=Stigetype.choices)
    nummer = models.PositiveSmallIntegerField(_("trinn"))
    beskrivelse = models.CharField(_("beskrivelse"), max_length=300)
    mal = models.CharField(_("hvor saken går"), max_length=20, choices=Mal.choices)

    class Meta:
        verbose_name = _("eskaleringstrinn")
        verbose_name_plural = _("eskaleringstrinn")
        ordering = ["helsefellesskap", "stige", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["helsefellesskap", "stige", "nummer"], name="unikt_trinn"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.beskrivelse}"


class AvvikQuerySet(models.QuerySet):
    def for_organisasjoner(self, org_ids):
        """What an organisation may see: what it reported and what it is responsible for."""
        return self.filter(
            models.Q(meldt_av_organisasjon__in=org_ids) | models.Q(ansvarlig__in=org_ids)
        )

    def med_detaljer(self):
        return self.select_related(
            "kategori", "meldt_av_organisasjon", "ansvarlig", "punkt", "avtaleversjon", "trinn"
        )


class Avvik(models.Model):
    class Status(models.TextChoices):
        MELDT = "meldt", _("Meldt")
        MOTTATT = "mottatt", _("Mottatt")
        BESVART = "besvart", _("Besvart")
        LUKKET = "lukket", _("Lukket")

    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.PROTECT, related_name="avvik"
    )
    kategori = models.ForeignKey(Avvikskategori, on_delete=models.PROTECT, related_name="avvik")
    stige = models.CharField(
        _("type sak"), max_length=20, choices=Stigetype.choices, default=Stigetype.AVTALESPORSMAL
    )
    # Empty only after anonymisation (slett_gamle_avvik): a constraint below keeps it so.
    meldt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meldt_av_organisasjon = models.ForeignKey(
        Organisasjon, on_delete=models.PROTECT, related_name="meldte_avvik"
    )
    ansvarlig = models.ForeignKey(
        Organisasjon,
        on_delete=models.PROTECT,
        related_name="mottatte_avvik",
        verbose_name=_("ansvarlig organisasjon"),
    )
    hendelse = models.DateTimeField(_("når det skjedde"))
    beskrivelse = models.TextField(_("hva som skjedde"))
    avtaleversjon = models.ForeignKey(
        Avtaleversjon, on_delete=models.PROTECT, null=True, blank=True, related_name="avvik"
    )
    punkt = models.ForeignKey(
        Punktversjon, on_delete=models.PROTECT, null=True, blank=True, related_name="avvik"
    )
    utenfor_avtalt_tid = models.BooleanField(
        _("utskrevet utenfor avtalt tid"), null=True, blank=True
    )
    avtalt_tid = models.CharField(_("avtalt tid for utskrivning"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.MELDT
    )
    frist = models.DateTimeField(_("frist"), null=True, blank=True)
    tiltak = models.TextField(_("tiltak"), blank=True)
    trinn = models.ForeignKey(
        Eskaleringstrinn, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opprettet = models.DateTimeField(default=timezone.now)
    # When the texts and links to people were removed after the retention period.
    anonymisert = models.DateTimeField(_("anonymisert"), null=True, blank=True)

    objects = AvvikQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")
        ordering = ["-opprettet"]
        indexes = [
            models.Index(fields=["helsefellesskap", "hendelse"], name="avvik_hf_hendelse"),
            models.Index(fields=["ansvarlig", "status"], name="avvik_ansvarlig_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meldt_av__isnull=False) | models.Q(anonymisert__isnull=False),
                name="avvik_melder_til_anonymisert",
            ),
        ]

    def __str__(self) -> str:
        return f"Avvik {self.pk}: {self.kategori}"

    def get_absolute_url(self) -> str:
        return f"/avvik/{self.pk}/"

    @property
    def forfalt(self) -> bool:
        return (
            self.status != self.Status.LUKKET
            and self.frist is not None
            and self.frist < timezone.now()
        )


class Avvikshendelse(models.Model):
    """One step in an avvik's thread: received, answered, commented, escalated, closed."""

    class Type(models.TextChoices):
        MELDT = "meldt", _("Meldt")
        MOTTATT = "mottatt", _("Mottatt")
        SVAR = "svar", _("Svar")
        KOMMENTAR = "kommentar", _("Kommentar")
        ESKALERT = "eskalert", _("Eskalert")
        UTFALL = "utfall", _("Utfall i utvalget")
        LUKKET = "lukket", _("Lukket")

    avvik = models.ForeignKey(Avvik, on_delete=models.CASCADE, related_name="hendelser")
    type = models.CharField(max_length=20, choices=Type.choices)
    tekst = models.TextField(blank=True)
    # Empty only after anonymisation (slett_gamle_avvik).
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisasjon = models.ForeignKey(
        Organisasjon, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trinn = models.ForeignKey(
        Eskaleringstrinn, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sak = models.ForeignKey(
        Sak, on_delete=models.PROTECT, null=True, blank=True, related_name="avvikshendelser"
    )
    utvalg = models.ForeignKey(
        Utvalg, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tidspunkt = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["tidspunkt", "pk"]

    def __str__(self) -> str:
        return f"{self.avvik}: {self.get_type_display()}"
