"""Meetings, cases and decisions of the bodies.

"Vedtak forutsetter enstemmighet mellom partene" (the agreement § 5.3, § 5.4): a decision
is adopted when both parties – the municipalities' side and the HF's side – are present and
agree. The other members' views are recorded (dissent) without veto, and a party that is
not present means the case is postponed. The rule is a database constraint on Vedtak, so it
holds on every path, not only in the service.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helsefellesskap.models.utvalg import PARTENE, Side, Utvalg, Utvalgsmedlem


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

    @property
    def statustekst(self) -> str:
        """The status as pages show it: a planned meeting whose time has passed was held, and
        is waiting for its minutes (it becomes «Gjennomført» when they are approved)."""
        if self.status == self.Status.PLANLAGT and self.start <= timezone.now():
            return _("Avholdt, referat mangler")
        return self.get_status_display()


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
        IKKE_ENIGHET = "ikke_enighet", _("Behandlet uten enighet")
        SENDT_VIDERE = "sendt_videre", _("Sendt videre")
        NASJONAL = "nasjonal", _("Sendt til nasjonal tvisteløsningsnemnd")

    class Neste(models.TextChoices):
        """Where the case goes if the parties do not agree (the agreement § 6)."""

        OVERORDNET = "overordnet", _("Overordnet utvalg (LSU → SSU)")
        NASJONAL = "nasjonal", _("Nasjonal tvisteløsningsnemnd")

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
    neste = models.CharField(
        _("neste trinn ved uenighet"),
        max_length=20,
        choices=Neste.choices,
        default=Neste.OVERORDNET,
        help_text=_(
            "Et avvik om en pasientrelatert enkeltsak går fra LSU rett til nasjonal "
            "tvisteløsningsnemnd (avtalen § 6)."
        ),
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

    @property
    def gar_til_nasjonal(self) -> bool:
        """Whether the next step without agreement is the national dispute body."""
        return (
            self.neste == self.Neste.NASJONAL
            or self.utvalg.type == Utvalg.Type.SSU
            or self.utvalg.overordnet_id is None
        )


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


class Sakshendelse(models.Model):
    """A step in a case's history that is not a decision: who took it on, or reopened it,
    when and why (the agreement § 6: either party may take the next step)."""

    class Type(models.TextChoices):
        UTSATT = "utsatt", _("Utsatt til neste møte")
        SENDT_VIDERE = "sendt_videre", _("Sendt videre")
        NASJONAL = "nasjonal", _("Brakt inn for nasjonal tvisteløsningsnemnd")
        GJENAPNET = "gjenapnet", _("Gjenåpnet")

    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="hendelser")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    tekst = models.TextField(_("begrunnelse"), blank=True)
    side = models.CharField(
        _("på vegne av"),
        max_length=20,
        choices=[(s.value, s.label) for s in PARTENE],
        blank=True,
    )
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    til_sak = models.ForeignKey(
        Sak, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mote = models.ForeignKey(
        Mote, on_delete=models.PROTECT, null=True, blank=True, related_name="sakshendelser"
    )
    tidspunkt = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("hendelse i sak")
        verbose_name_plural = _("hendelser i saker")
        ordering = ["tidspunkt", "pk"]
        constraints = [
            # Taking a case on is a party's act: it always says for which party.
            models.CheckConstraint(
                condition=~Q(type__in=["sendt_videre", "nasjonal"]) | ~Q(side=""),
                name="videresending_har_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sak.saksnummer}: {self.get_type_display()}"


class Posisjon(models.TextChoices):
    ENIG = "enig", _("Enig")
    UENIG = "uenig", _("Uenig")
    IKKE_TIL_STEDE = "ikke_til_stede", _("Ikke til stede")


POSISJONSFELT = {side: f"pos_{side.value}" for side in Side}

_TIL_STEDE = [Posisjon.ENIG, Posisjon.UENIG]
PARTENE_TIL_STEDE = Q(pos_kommunene__in=_TIL_STEDE) & Q(pos_helseforetaket__in=_TIL_STEDE)
PARTENE_ENIGE = Q(pos_kommunene=Posisjon.ENIG) & Q(pos_helseforetaket=Posisjon.ENIG)


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
        UTSATT = "utsatt", _("Utsatt")
        ANBEFALING = "anbefaling", _("Anbefaling")

    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="vedtak")
    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="vedtak")
    tekst = models.TextField(_("vedtak"))
    protokolltilforsel = models.TextField(
        _("protokolltilførsel"),
        blank=True,
        help_text=_("Det de som er uenige, ber om å få ført i protokollen."),
    )
    utsatt_fordi = models.TextField(
        _("begrunnelse for utsettelse"),
        blank=True,
        help_text=_("Hvorfor utvalget utsatte saken, når partene var til stede."),
    )
    # Set when the case is reopened: the decision stays in the minutes, marked as reopened.
    gjenapnet = models.DateTimeField(_("gjenåpnet"), null=True, blank=True)
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
            # "Vedtak forutsetter enstemmighet mellom partene", on every path into the table:
            # only the parties' positions decide; a party not present postpones the case. With
            # both present, the body postpones only when both agree to, and says why.
            models.CheckConstraint(
                condition=(Q(resultat="vedtatt") & PARTENE_ENIGE & Q(utsatt_fordi=""))
                | (
                    Q(resultat="ikke_enighet")
                    & PARTENE_TIL_STEDE
                    & ~PARTENE_ENIGE
                    & Q(utsatt_fordi="")
                )
                | (
                    Q(resultat="utsatt")
                    & (~PARTENE_TIL_STEDE | (PARTENE_ENIGE & ~Q(utsatt_fordi="")))
                )
                | (Q(resultat="anbefaling") & Q(utsatt_fordi="")),
                name="vedtak_etter_partenes_standpunkt",
                violation_error_message=_(
                    "Et vedtak er vedtatt bare når begge parter er til stede og enige, "
                    "ikke enighet bare når begge er til stede, og ellers utsatt. Er begge "
                    "parter til stede, utsettes saken bare når de er enige om det, med "
                    "begrunnelse."
                ),
            ),
            # A case is decided once; treating it again needs an explicit reopening.
            models.UniqueConstraint(
                fields=["sak"],
                condition=Q(gjenapnet__isnull=True) & ~Q(resultat="utsatt"),
                name="ett_gjeldende_vedtak_per_sak",
                violation_error_message=_("Saken er allerede behandlet."),
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

    @property
    def dissens(self) -> list[str]:
        """The members other than the parties who disagreed: recorded, without veto."""
        return [
            str(side.label)
            for side in Side
            if side not in PARTENE and getattr(self, POSISJONSFELT[side]) == Posisjon.UENIG
        ]

    @property
    def fravaerende_parter(self) -> list[str]:
        """The parties not present (why a case was postponed)."""
        return [
            str(side.label)
            for side in PARTENE
            if getattr(self, POSISJONSFELT[side]) not in (Posisjon.ENIG, Posisjon.UENIG)
        ]

    def get_posisjon_display(self, side: Side) -> str:
        return Posisjon(getattr(self, POSISJONSFELT[side])).label

    @property
    def er_vedtatt(self) -> bool:
        return self.resultat == self.Resultat.VEDTATT
