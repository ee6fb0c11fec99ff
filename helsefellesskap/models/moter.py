"""Meetings, cases and decisions of the bodies.

A decision is adopted only when both parties are present and agree and no side
present disagrees. The rule is a database constraint on Vedtak, so it holds on
every path, not only in the form.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helsefellesskap.models.utvalg import Side, Utvalg, Utvalgsmedlem


class Mote(models.Model):
    """A meeting of a body."""

    class Status(models.TextChoices):
        PLANLAGT = "planlagt", _("Planlagt")
        GJENNOMFORT = "gjennomfort", _("Gjennomført")
        AVLYST = "avlyst", _("Avlyst")

    utvalg = models.ForeignKey(Utvalg, on_delete=models.PROTECT, related_name="moter")
    start = models.DateTimeField(_("tidspunkt"))
    sted = models.CharField(_("sted"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANLAGT
    )
    referat = models.TextField(_("referat"), blank=True)
    referat_godkjent = models.DateTimeField(_("referat godkjent"), null=True, blank=True)
    referat_godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.utvalg.kortnavn} {timezone.localtime(self.start):%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return f"/moter/{self.pk}/"


class Oppmote(models.Model):
    class Status(models.TextChoices):
        TIL_STEDE = "til_stede", _("Til stede")
        FORFALL = "forfall", _("Forfall")
        IKKE_MOTT = "ikke_mott", _("Ikke møtt")

    mote = models.ForeignKey(Mote, on_delete=models.CASCADE, related_name="oppmote")
    medlem = models.ForeignKey(Utvalgsmedlem, on_delete=models.PROTECT, related_name="oppmote")
    status = models.CharField(_("oppmøte"), max_length=20, choices=Status.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøte")
        constraints = [
            models.UniqueConstraint(fields=["mote", "medlem"], name="ett_oppmote_per_medlem"),
        ]

    def __str__(self) -> str:
        return f"{self.medlem}: {self.get_status_display()}"


class Referatbekreftelse(models.Model):
    """A member confirms having read and agreed to the minutes."""

    mote = models.ForeignKey(Mote, on_delete=models.CASCADE, related_name="bekreftelser")
    medlem = models.ForeignKey(Utvalgsmedlem, on_delete=models.PROTECT, related_name="+")
    tidspunkt = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mote", "medlem"], name="en_bekreftelse_per_medlem"),
        ]

    def __str__(self) -> str:
        return f"{self.medlem} bekreftet {self.mote}"


class Sak(models.Model):
    """A case of a body, numbered per body and year: «SSU 12/2026»."""

    class Status(models.TextChoices):
        APEN = "apen", _("Åpen")
        AVSLUTTET = "avsluttet", _("Avsluttet")
        SENDT_VIDERE = "sendt_videre", _("Sendt videre")
        NASJONAL = "nasjonal", _("Sendt til nasjonal tvisteløsningsnemnd")

    utvalg = models.ForeignKey(Utvalg, on_delete=models.PROTECT, related_name="saker")
    ar = models.PositiveSmallIntegerField(_("år"))
    lopenummer = models.PositiveIntegerField(_("løpenummer"))
    tittel = models.CharField(_("tittel"), max_length=300)
    beskrivelse = models.TextField(_("saksframstilling"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APEN
    )
    sendt_fra = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="videresendt_til",
        verbose_name=_("sendt videre fra"),
    )
    opprettet = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["-ar", "-lopenummer"]
        constraints = [
            models.UniqueConstraint(fields=["utvalg", "ar", "lopenummer"], name="unikt_saksnummer"),
        ]

    def __str__(self) -> str:
        return f"{self.saksnummer} {self.tittel}"

    def get_absolute_url(self) -> str:
        return f"/saker/{self.pk}/"

    @property
    def saksnummer(self) -> str:
        return f"{self.utvalg.kortnavn} {self.lopenummer}/{self.ar}"


class Saksdokument(models.Model):
    """A document belonging to a case (saksdokument), readable by the body's members."""

    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="dokumenter")
    tittel = models.CharField(_("tittel"), max_length=200)
    fil = models.FileField(_("fil"), upload_to="saksdokumenter/%Y/")
    lastet_opp = models.DateTimeField(default=timezone.now)
    lastet_opp_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("saksdokument")
        verbose_name_plural = _("saksdokumenter")
        ordering = ["lastet_opp"]

    def __str__(self) -> str:
        return self.tittel


class Sakbehandling(models.Model):
    """A case on a meeting's agenda."""

    mote = models.ForeignKey(Mote, on_delete=models.CASCADE, related_name="sakliste")
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="behandlinger")
    rekkefolge = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["mote", "rekkefolge"]
        constraints = [
            models.UniqueConstraint(fields=["mote", "sak"], name="sak_en_gang_per_mote"),
        ]

    def __str__(self) -> str:
        return f"{self.sak} i {self.mote}"


class Posisjon(models.TextChoices):
    ENIG = "enig", _("Enig")
    UENIG = "uenig", _("Uenig")
    IKKE_TIL_STEDE = "ikke_til_stede", _("Ikke til stede")


POSISJONSFELT = {side: f"pos_{side.value}" for side in Side}

_PARTENE_ENIGE = Q(pos_kommunene=Posisjon.ENIG) & Q(pos_helseforetaket=Posisjon.ENIG)
_INGEN_UENIG = (
    ~Q(pos_bruker=Posisjon.UENIG)
    & ~Q(pos_arbeidstaker=Posisjon.UENIG)
    & ~Q(pos_fastlege=Posisjon.UENIG)
)
ENSTEMMIG = _PARTENE_ENIGE & _INGEN_UENIG


def _posisjon(side: Side):
    return models.CharField(
        side.label,
        max_length=20,
        choices=Posisjon.choices,
        blank=True,
        help_text=_("Tom: siden er ikke representert i utvalget."),
    )


class Vedtak(models.Model):
    """The outcome of a case in a meeting, with each side's position."""

    class Resultat(models.TextChoices):
        VEDTATT = "vedtatt", _("Vedtatt")
        IKKE_ENIGHET = "ikke_enighet", _("Ikke enighet")
        ANBEFALING = "anbefaling", _("Anbefaling")

    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="vedtak")
    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="vedtak")
    tekst = models.TextField(_("vedtak"))
    resultat = models.CharField(_("resultat"), max_length=20, choices=Resultat.choices)
    pos_kommunene = _posisjon(Side.KOMMUNENE)
    pos_helseforetaket = _posisjon(Side.HELSEFORETAKET)
    pos_bruker = _posisjon(Side.BRUKER)
    pos_arbeidstaker = _posisjon(Side.ARBEIDSTAKER)
    pos_fastlege = _posisjon(Side.FASTLEGE)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tidspunkt = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["tidspunkt"]
        constraints = [
            # The rule of unanimity between the parties, on every path into the table.
            models.CheckConstraint(
                condition=(Q(resultat="vedtatt") & ENSTEMMIG)
                | (Q(resultat="ikke_enighet") & ~ENSTEMMIG)
                | Q(resultat="anbefaling"),
                name="vedtatt_bare_ved_enstemmighet",
                violation_error_message=_(
                    "Et vedtak er bare vedtatt når begge parter er til stede og enige, "
                    "og ingen side som er til stede er uenig."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sak.saksnummer}: {self.get_resultat_display()}"

    @property
    def posisjoner(self) -> list[tuple[str, str]]:
        """(side label, position label) for the sides represented."""
        return [
            (side.label, self.get_posisjon_display(side))
            for side in Side
            if getattr(self, POSISJONSFELT[side])
        ]

    def get_posisjon_display(self, side: Side) -> str:
        return Posisjon(getattr(self, POSISJONSFELT[side])).label

    @property
    def er_vedtatt(self) -> bool:
        return self.resultat == self.Resultat.VEDTATT
