"""Deviations (avvik) between the parties: reported against the clause they breach,
handled by the responsible organisation, escalated along the agreed ladder.

An avvik is about the system, never about a patient: free text is screened for
fødselsnummer and D-nummer before it is saved (kjerne/personvern.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from avtaler.models import Avtaleversjon, Punktversjon
from helsefellesskap.models import Helsefellesskap, Organisasjon, Sak, Utvalg
from kjerne.sortering import Norsk


class Avvikskategori(models.Model):
    """A kind of deviation, seeded from practice and editable by administrators. Failures
    happen both ways (DOMAIN.md § 4): each category says whose failure it is."""

    class Svikt(models.TextChoices):
        HELSEFORETAK = "helseforetak", _("Helseforetakets svikt")
        KOMMUNE = "kommune", _("Kommunens svikt")
        BEGGE = "begge", _("Begge parter")

    navn = models.CharField(_("navn"), max_length=200, unique=True)
    svikt_hos = models.CharField(
        _("hvem svikten gjelder"),
        max_length=20,
        choices=Svikt.choices,
        default=Svikt.BEGGE,
        help_text=_("Den ansvarlige organisasjonen må være av denne typen."),
    )
    gjelder_utskrivningstid = models.BooleanField(
        _("gjelder tidspunktet for utskrivning"),
        default=False,
        help_text=_(
            "Bare for avvik om når pasienten ble skrevet ut (for eksempel utenfor avtalt tid); "
            "da sjekkes tidspunktet mot utskrivningsrutinen som gjaldt."
        ),
    )
    gjelder_betaling = models.BooleanField(
        _("gjelder betaling for utskrivningsklar pasient"),
        default=False,
        help_text=_(
            "Da kan partene registrere tidspunktene i forløpet, og siden regner ut hvilke døgn "
            "kommunen betaler for etter forskriften."
        ),
    )
    aktiv = models.BooleanField(_("i bruk"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avvikskategori")
        verbose_name_plural = _("avvikskategorier")
        ordering = [Norsk("navn")]

    def __str__(self) -> str:
        return self.navn

    def passer_for(self, ansvarlig: Organisasjon) -> bool:
        return self.svikt_hos in (self.Svikt.BEGGE, ansvarlig.type)


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

    class Fristenhet(models.TextChoices):
        VIRKEDAGER = "virkedager", _("virkedager")
        DAGER = (
            "dager",
            _("dager (faller fristen på helg eller helligdag, går den til neste virkedag)"),
        )

    beskrivelse = models.CharField(_("beskrivelse"), max_length=300)
    mal = models.CharField(_("hvor saken går"), max_length=20, choices=Mal.choices)
    svarfrist = models.PositiveSmallIntegerField(
        _("svarfrist"),
        null=True,
        blank=True,
        help_text=_("Hvor lenge den ansvarlige parten har til å svare på dette trinnet."),
    )
    innsigelsesfrist = models.PositiveSmallIntegerField(
        _("frist for å godta eller avvise svaret"),
        null=True,
        blank=True,
        help_text=_("Lar melderen fristen gå ut, regnes svaret som godtatt og avviket lukkes."),
    )
    fristenhet = models.CharField(
        _("fristene regnes i"),
        max_length=20,
        choices=Fristenhet.choices,
        default=Fristenhet.VIRKEDAGER,
    )
    fristkilde = models.CharField(
        _("hvor fristen står"),
        max_length=300,
        blank=True,
        help_text=_("Avtalen og punktet fristen er hentet fra."),
    )

    history = HistoricalRecords()

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

    @property
    def er_utvalg(self) -> bool:
        return self.mal in (self.Mal.LSU, self.Mal.SSU)


class AvvikQuerySet(models.QuerySet):
    def for_organisasjoner(self, org_ids):
        """What an organisation may see: what it reported and what it is responsible for."""
        return self.filter(
            models.Q(meldt_av_organisasjon__in=org_ids) | models.Q(ansvarlig__in=org_ids)
        )

    def med_detaljer(self):
        return self.select_related(
            "kategori",
            "meldt_av_organisasjon",
            "ansvarlig",
            "punkt",
            "avtaleversjon",
            "trinn",
            "sak__utvalg",
        )


class Avvik(models.Model):
    class Status(models.TextChoices):
        """Dialogue first (DOMAIN.md § 4): received, answered, accepted or rejected; only
        then the ladder."""

        MELDT = "meldt", _("Meldt")
        MOTTATT = "mottatt", _("Mottatt")
        BESVART = "besvart", _("Besvart")
        AVVIST = "avvist", _("Svaret er avvist")
        I_UTVALG = "i_utvalg", _("Til behandling i utvalg")
        IKKE_ENIGHET = "ikke_enighet", _("Ikke enighet i utvalget")
        NASJONAL = "nasjonal", _("Brakt inn for nasjonal tvisteløsningsnemnd")
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
    brudd_slutt = models.DateTimeField(
        _("når bruddet opphørte"),
        null=True,
        blank=True,
        help_text=_("Brukes når avtalen fastsetter en bot per dag eller time."),
    )
    melders_referanse = models.CharField(
        _("nummer i meldende parts kvalitetssystem"), max_length=100, blank=True
    )
    ansvarlig_enhet = models.CharField(
        _("klinikk, avdeling eller enhet som følger opp"), max_length=200, blank=True
    )
    ansvarligs_referanse = models.CharField(
        _("nummer i ansvarlig parts kvalitetssystem"), max_length=100, blank=True
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
    # The case in LSU or SSU the avvik is escalated to now: its decision comes back here.
    sak = models.ForeignKey(
        Sak, on_delete=models.PROTECT, null=True, blank=True, related_name="avvik"
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

    @property
    def trinnnummer(self) -> int:
        """The rung the avvik stands on; it starts on the first (dialogue)."""
        return self.trinn.nummer if self.trinn else 1

    @property
    def fristnavn(self) -> str:
        """What the deadline is for, in the avvik's present state."""
        if self.status == self.Status.BESVART:
            return _("Frist for å godta eller avvise svaret")
        return _("Svarfrist")


class Avvikshendelse(models.Model):
    """One step in an avvik's thread: received, answered, commented, escalated, closed."""

    class Type(models.TextChoices):
        MELDT = "meldt", _("Meldt")
        MOTTATT = "mottatt", _("Mottatt")
        SVAR = "svar", _("Svar")
        GODTATT = "godtatt", _("Svaret godtatt")
        AVVIST = "avvist", _("Svaret avvist")
        KOMMENTAR = "kommentar", _("Kommentar")
        ESKALERT = "eskalert", _("Eskalert")
        UTFALL = "utfall", _("Utfall i utvalget")
        GJENAPNET = "gjenapnet", _("Saken i utvalget er gjenåpnet")
        TRUKKET = "trukket", _("Trukket av melderen")
        BETALING = "betaling", _("Tidspunkter for betaling registrert")
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


class Misligholdsbestemmelse(models.Model):
    """A consequence of breach a clause states, read into structure by an administrator (the
    evaluation report's model clause 6.2.2: a fine per day or hour, or compensation of the
    other party's costs). Only what is written here is computed; the clause text is the source."""

    class Art(models.TextChoices):
        BOT = "bot", _("Bot per dag eller time")
        ERSTATNING = "erstatning", _("Erstatning av den andre partens kostnader")

    class Enhet(models.TextChoices):
        DOGN = "dogn", _("døgn")
        TIME = "time", _("time")

    punkt = models.ForeignKey(
        Punktversjon,
        on_delete=models.PROTECT,
        related_name="misligholdsbestemmelser",
        verbose_name=_("avtalepunkt"),
    )
    part_i_brudd = models.CharField(
        _("gjelder når denne parten bryter avtalen"),
        max_length=20,
        choices=Organisasjon.Type.choices,
    )
    art = models.CharField(_("art"), max_length=20, choices=Art.choices)
    sats = models.PositiveIntegerField(_("sats i kroner"), null=True, blank=True)
    enhet = models.CharField(_("per"), max_length=10, choices=Enhet.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("misligholdsbestemmelse")
        verbose_name_plural = _("misligholdsbestemmelser")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(art="bot", sats__isnull=False) & ~models.Q(enhet=""))
                | (models.Q(art="erstatning", sats__isnull=True) & models.Q(enhet="")),
                name="bot_har_sats_og_enhet",
                violation_error_message=_(
                    "En bot har sats og enhet (døgn eller time); erstatning har ingen sats."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.punkt}: {self.get_art_display()}"


# The payment models live in their own module; imported here so Django finds them.
from avvik.betalingsmodeller import Betalingsforlop, Betalingsregel, Dognpris  # noqa: E402, F401
