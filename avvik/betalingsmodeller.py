"""Payment for patients ready for discharge (forskrift 18. november 2011 nr. 1115 om kommunal
betaling for utskrivningsklare pasienter), as data: the yearly day rate with its source, the
reading of the rules in force, and the timestamps of one course recorded on an avvik.

Never a patient's identity: only times, the municipality's answer and the free-text note,
which is screened for identity numbers like every text (kjerne/personvern.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Dognpris(models.Model):
    """The day rate the municipality pays for one day, set yearly by the state budget."""

    ar = models.PositiveSmallIntegerField(
        _("år"), unique=True, validators=[MinValueValidator(2012), MaxValueValidator(2100)]
    )
    belop = models.PositiveIntegerField(
        _("døgnpris i kroner"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    kilde = models.CharField(
        _("rettslig kilde"),
        max_length=500,
        help_text=_("For eksempel Stortingets budsjettvedtak eller Helsedirektoratets oversikt."),
    )
    kilde_url = models.URLField(_("lenke til kilden"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("døgnpris for utskrivningsklare pasienter")
        verbose_name_plural = _("døgnpriser for utskrivningsklare pasienter")
        ordering = ["-ar"]

    def __str__(self) -> str:
        return f"{self.ar}: {self.belop} kr"


class Betalingsregel(models.Model):
    """How the forskrift is read from a date on. Where the text leaves room (or could not be
    verified), the reading is a setting here, shown beside every computation."""

    class Start(models.TextChoices):
        MELDINGSDOGNET = (
            "meldingsdognet",
            _(
                "Fra og med døgnet pasienten meldes utskrivningsklar (Helse- og "
                "omsorgsdepartementets tolkning 2012)"
            ),
        )
        NESTE_DOGN = (
            "neste_dogn",
            _(
                "Fra døgnet etter meldingen (slik noen avtaler sier det: «fra første dag etter at "
                "pasienten er utskrivningsklar»)"
            ),
        )
        ETTER_24_TIMER = (
            "etter_24_timer",
            _(
                "Fra døgnet 24 timer etter meldingen, om kommunen ikke har tatt imot pasienten "
                "da (alternativ lesning)"
            ),
        )

    gjelder_fra = models.DateField(_("gjelder fra"), unique=True)
    betaling_fra = models.CharField(
        _("når betalingen begynner"),
        max_length=20,
        choices=Start.choices,
        default=Start.MELDINGSDOGNET,
    )
    krever_innleggelsesvarsel = models.BooleanField(
        _("ingen betaling uten varsel innen 24 timer etter innleggelse"),
        default=True,
        help_text=_(
            "Forskriften gjør varselet ved innleggelse til et vilkår for betalingsplikten. "
            "Slås dette av, regnes betalingen selv om varselet manglet eller kom for sent."
        ),
    )
    meldingsfrist = models.TimeField(
        _("melding etter dette klokkeslettet regnes fra neste døgn"),
        null=True,
        blank=True,
        help_text=_(
            "Forskriften har ingen slik grense så langt vi har kunnet kontrollere; la feltet stå "
            "tomt om ikke avtalen mellom partene sier noe annet."
        ),
    )
    utskrivningsdag_betales = models.BooleanField(
        _("utskrivningsdagen betales"),
        default=False,
        help_text=_("Som liggedøgn regnes vanligvis ikke dagen pasienten reiser."),
    )
    kilde = models.TextField(_("kilde og begrunnelse for lesningen"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betalingsregel for utskrivningsklare pasienter")
        verbose_name_plural = _("betalingsregler for utskrivningsklare pasienter")
        ordering = ["-gjelder_fra"]

    def __str__(self) -> str:
        return f"Betalingsregel fra {self.gjelder_fra:%d.%m.%Y}"


class Betalingsforlop(models.Model):
    """The timestamps of one stay, as the parties record them on an avvik or a dispute about
    payment. Each party may correct them; the history keeps every earlier value.

    Least data: a time of day only where a rule needs it – admission and its notice (§ 8: within
    24 hours) and the ready notice (a cut-off hour, the 24-hour reading). The answer and the
    discharge are days. The times are shown only to the parties' coordinators and the reporter
    (avvik.access.kan_se_klokkeslett); everyone else who sees the avvik sees dates."""

    class Svar(models.TextChoices):
        IKKE_SVART = "ikke_svart", _("Kommunen har ikke svart")
        KAN_IKKE = "kan_ikke", _("Kommunen svarte at den ikke kan ta imot pasienten")
        KAN_TA_IMOT = "kan_ta_imot", _("Kommunen svarte at den kan ta imot pasienten")

    avvik = models.OneToOneField(
        "avvik.Avvik", on_delete=models.CASCADE, related_name="betalingsforlop"
    )
    innlagt = models.DateTimeField(_("innlagt"))
    innleggelsesvarsel = models.DateTimeField(
        _("varsel til kommunen om innlagt pasient"), null=True, blank=True
    )
    meldt_utskrivningsklar = models.DateTimeField(
        _("melding om utskrivningsklar pasient"), null=True, blank=True
    )
    kommunens_svar = models.CharField(
        _("kommunens svar"), max_length=20, choices=Svar.choices, default=Svar.IKKE_SVART
    )
    # The day only: the computation counts calendar days and needs no time of day for the answer
    # or the discharge (docs/personvern.md «Betalingsforløp»).
    svart = models.DateField(_("dagen kommunen svarte"), null=True, blank=True)
    kommunen_klar = models.DateField(
        _("dagen kommunen meldte at den kunne ta imot pasienten"), null=True, blank=True
    )
    utskrevet = models.DateField(_("utskrevet (dag)"), null=True, blank=True)
    merknad = models.TextField(_("merknad"), blank=True)
    endret = models.DateTimeField(default=timezone.now)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betalingsforløp")
        verbose_name_plural = _("betalingsforløp")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(svart__isnull=True) | ~models.Q(kommunens_svar="ikke_svart"),
                name="betalingsforlop_svartid_har_svar",
                violation_error_message=_("Et svartidspunkt hører til et svar."),
            ),
        ]

    def __str__(self) -> str:
        return f"Betalingsforløp for avvik {self.avvik_id}"
