"""Agreements, their formal versions and their clauses.

A clause (Punkt) has a stable identity across versions; what it says in one
version is a Punktversjon. A version's text is frozen as soon as it leaves the
draft state: the database itself refuses changes (triggers in migration 0002),
so no code path – save, queryset update, admin, import – can alter it.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helsefellesskap.models import Helsefellesskap, Organisasjon
from kjerne.feil import Domenefeil
from kjerne.sortering import Norsk


class LaastVersjon(Domenefeil):
    """A change was attempted to a version that is no longer a draft."""


class TemaQuerySet(models.QuerySet):
    def i_kraft(self, dato: datetime.date):
        """The topics the law required on the date: in force from, and not ended before it."""
        return self.filter(
            Q(gyldig_fra__lte=dato), Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=dato)
        )


class Tema(models.Model):
    """A statutory topic of helse- og omsorgstjenesteloven § 6-2 first paragraph.

    The list is law and changes with it: nr. 1–11 since 1 January 2012, nr. 12 added by
    Prop. 102 L (2020–2021). Each topic is data with the dates it applies and its legal source,
    so an administrator adds the next one in the admin when the law changes. A number is unique
    per start date, not for ever: when the law renumbers or replaces a topic, the old one ends
    (gyldig_til) and the new one with the same number starts the day after.
    """

    nummer = models.PositiveSmallIntegerField(_("nummer"))
    tittel = models.CharField(_("tittel"), max_length=300)
    gyldig_fra = models.DateField(
        _("gjelder fra"),
        default=datetime.date(2012, 1, 1),
        help_text=_("Dagen lovendringen som innførte temaet trådte i kraft."),
    )
    gyldig_til = models.DateField(
        _("gjelder til og med"),
        null=True,
        blank=True,
        help_text=_(
            "Siste dag temaet var lovpålagt, om det er tatt ut av loven. Dagen er med: temaet "
            "gjelder til og med denne datoen."
        ),
    )
    kilde = models.CharField(
        _("rettskilde"),
        max_length=500,
        blank=True,
        help_text=_(
            "Lovbestemmelsen og endringsloven eller proposisjonen, "
            "for eksempel «Prop. 102 L (2020–2021)»."
        ),
    )
    lenke = models.URLField(_("lenke til kilden"), blank=True)
    merknad = models.CharField(
        _("merknad om kilden"),
        max_length=500,
        blank=True,
        help_text=_(
            "Vises på dekningssiden, for eksempel at datoen ikke er kontrollert mot Lovdata. "
            "Tøm feltet når kilden er kontrollert."
        ),
    )

    objects = TemaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lovpålagt tema (§ 6-2)")
        verbose_name_plural = _("lovpålagte temaer (§ 6-2)")
        ordering = ["nummer", "gyldig_fra"]
        constraints = [
            models.UniqueConstraint(
                fields=["nummer", "gyldig_fra"],
                name="tema_nummer_unikt_per_startdato",
                violation_error_message=_(
                    "Det finnes alt et tema med dette nummeret fra samme dag."
                ),
            ),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="tema_nummer_fra_1"),
            models.CheckConstraint(
                condition=Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="tema_gyldig_til_etter_fra",
                violation_error_message=_("Sluttdatoen kan ikke være før startdatoen."),
            ),
        ]

    def __str__(self) -> str:
        return f"§ 6-2 nr. {self.nummer}: {self.tittel}"

    def clean(self) -> None:
        """Two periods of the same number may not overlap: the law has one nr. N on a day. The
        end (gyldig_til) is the last day, so the next period starts the day after at the
        earliest. (Not a database constraint: on PostgreSQL that would need the btree_gist
        extension; the admin, which is where topics are kept, runs this.)"""
        from django.core.exceptions import ValidationError

        super().clean()
        if self.nummer is None or self.gyldig_fra is None:
            return
        andre = Tema.objects.filter(nummer=self.nummer).exclude(pk=self.pk)
        if self.gyldig_til is not None:
            andre = andre.filter(gyldig_fra__lte=self.gyldig_til)
        andre = andre.filter(Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=self.gyldig_fra))
        if overlapp := andre.first():
            slutt = overlapp.gyldig_til.strftime("%d.%m.%Y") if overlapp.gyldig_til else None
            raise ValidationError(
                _(
                    "Nr. %(nr)s gjelder alt fra %(fra)s %(til)s. Avslutt det først "
                    "(«gjelder til og med» dagen før), så dette starter dagen etter."
                )
                % {
                    "nr": self.nummer,
                    "fra": overlapp.gyldig_fra.strftime("%d.%m.%Y"),
                    "til": _("til og med %(d)s") % {"d": slutt} if slutt else _("uten sluttdato"),
                }
            )

    def gjelder(self, dato: datetime.date) -> bool:
        return self.gyldig_fra <= dato and (self.gyldig_til is None or dato <= self.gyldig_til)


class Avtale(models.Model):
    """An agreement's identity: its kind and place in the hierarchy. Its text lives in versions."""

    class Type(models.TextChoices):
        OVERORDNET = "overordnet", _("Overordnet samarbeidsavtale")
        DELAVTALE = "delavtale", _("Delavtale")
        SAERAVTALE = "saeravtale", _("Særavtale")
        RETNINGSLINJE = "retningslinje", _("Retningslinje")
        RUTINE = "rutine", _("Rutine/prosedyre")

    helsefellesskap = models.ForeignKey(
        Helsefellesskap, on_delete=models.PROTECT, related_name="avtaler"
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    tittel = models.CharField(
        _("arbeidstittel"), max_length=300, help_text=_("Den formelle tittelen står på versjonen.")
    )
    tema = models.ForeignKey(
        Tema,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avtaler",
        verbose_name=_("tema (§ 6-2)"),
    )
    overordnet = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="underavtaler",
        verbose_name=_("hører til"),
    )
    dekker_temaer = models.ManyToManyField(
        Tema,
        blank=True,
        related_name="dekket_av",
        verbose_name=_("dekker også § 6-2-temaer"),
        help_text=_("For avtaler som omfatter flere lovpålagte temaer (f.eks. den overordnede)."),
    )
    brudd_er_mislighold = models.BooleanField(
        _("brudd på rutinen er brudd på avtalen"),
        default=False,
        help_text=_("For rutiner og retningslinjer som er vedlegg til en avtale."),
    )
    enhet = models.CharField(
        _("gjelder bare for enhet"),
        max_length=200,
        blank=True,
        help_text=_(
            "For en særavtale med én klinikk eller avdeling, "
            "for eksempel «Klinikk for psykisk helse og rus»."
        ),
    )
    bindende = models.BooleanField(
        _("bindende"),
        default=True,
        help_text=_("Særavtaler må si om de er bindende for partene."),
    )
    er_utskrivningsrutine = models.BooleanField(
        _("er utskrivningsrutinen"),
        default=False,
        help_text=_(
            "Avtalen eller rutinen som sier når pasienter kan skrives ut. Oppslaget for "
            "klinikere og tidssjekken i avvik bruker bare denne; én per helsefellesskap."
        ),
    )
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtale")
        verbose_name_plural = _("avtaler")
        ordering = ["type", "tema__nummer", "tittel"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="delavtale") & Q(tema__isnull=False))
                | (~Q(type="delavtale") & Q(tema__isnull=True)),
                name="tema_bare_for_delavtale",
                violation_error_message=_("En delavtale må ha et § 6-2-tema; andre avtaler ikke."),
            ),
            models.CheckConstraint(
                condition=~Q(type="rutine") | Q(overordnet__isnull=False),
                name="rutine_har_overordnet",
                violation_error_message=_("En rutine er vedlegg til en avtale og må ha en."),
            ),
            models.CheckConstraint(
                condition=~Q(type="overordnet") | Q(overordnet__isnull=True),
                name="overordnet_er_toppen",
                violation_error_message=_("Den overordnede avtalen hører ikke til en annen."),
            ),
            models.UniqueConstraint(
                fields=["helsefellesskap"],
                condition=Q(er_utskrivningsrutine=True),
                name="en_utskrivningsrutine_per_helsefellesskap",
                violation_error_message=_(
                    "Helsefellesskapet har allerede en utskrivningsrutine. Fjern markeringen "
                    "på den først."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.tittel

    def get_absolute_url(self) -> str:
        return f"/avtaler/{self.pk}/"


SIGNERTE = ("signert",)
UNDER_ARBEID = ("utkast", "til_behandling", "godkjent")


def i_dag() -> datetime.date:
    return timezone.localdate()


class AvtaleversjonQuerySet(models.QuerySet):
    def signerte(self):
        return self.filter(tilstand__in=SIGNERTE)

    def gjeldende(self, dato: datetime.date | None = None, part: Organisasjon | None = None):
        """Versions in force on the date (today if none); the rule is avtaler.livslop's.

        With a party: the versions that party's own agreement is on (a municipality on
        version 2 while the others are on 3 gets version 2; a health trust gets every version
        one of its municipalities is on). Without: the newest version in force for anyone.
        """
        from avtaler import livslop

        return self.filter(livslop.gjeldende_q(dato or i_dag(), part))

    def for_organisasjon(self, organisasjon: Organisasjon):
        """Versions the organisation is a party to the text of (in force or not)."""
        return self.filter(parter=organisasjon)

    def med_avtale(self):
        return self.select_related("avtale", "avtale__tema", "avtale__overordnet")

    def for_lesing(self):
        """Everything a reading page shows besides the clauses, in a fixed number of queries."""
        return self.med_avtale().prefetch_related(
            models.Prefetch("parter", queryset=Organisasjon.objects.order_by("type", Norsk("navn")))
        )


class Avtaleversjon(models.Model):
    """A formal version of an agreement, moving through its states by the services only."""

    class Tilstand(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        TIL_BEHANDLING = "til_behandling", _("Til behandling")
        GODKJENT = "godkjent", _("Godkjent")
        SIGNERT = "signert", _("Signert")

    avtale = models.ForeignKey(Avtale, on_delete=models.PROTECT, related_name="versjoner")
    nummer = models.PositiveIntegerField(_("versjon"))
    tittel = models.CharField(_("tittel"), max_length=300)
    tilstand = models.CharField(
        _("tilstand"), max_length=20, choices=Tilstand.choices, default=Tilstand.UTKAST
    )
    parter = models.ManyToManyField(
        Organisasjon, through="Versjonspart", related_name="avtaleversjoner"
    )
    gyldig_fra = models.DateField(
        _("kan gjelde fra"),
        null=True,
        blank=True,
        help_text=_(
            "Første dag teksten kan gjelde; når den gjelder for hver part, står i partens "
            "avtaleforhold."
        ),
    )
    neste_gjennomgang = models.DateField(_("årlig gjennomgang innen"), null=True, blank=True)
    godkjent_vedtak = models.CharField(
        _("godkjent ved vedtak"),
        max_length=100,
        blank=True,
        help_text=_("For eksempel SSU 12/2026."),
    )
    godkjent_ved = models.ForeignKey(
        "helsefellesskap.Vedtak",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="godkjente_versjoner",
        verbose_name=_("godkjent ved vedtak"),
    )
    behandles_i = models.ForeignKey(
        "helsefellesskap.Sak",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avtaleversjoner",
        verbose_name=_("til behandling i sak"),
    )
    signert_dato = models.DateField(_("først signert"), null=True, blank=True)
    basert_pa = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisjoner"
    )
    endringsteller = models.PositiveIntegerField(default=0, editable=False)
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)

    objects = AvtaleversjonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["endringsteller"])

    class Meta:
        verbose_name = _("avtaleversjon")
        verbose_name_plural = _("avtaleversjoner")
        ordering = ["avtale", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["avtale", "nummer"], name="unikt_versjonsnummer"),
            models.UniqueConstraint(
                fields=["avtale"],
                condition=Q(tilstand__in=UNDER_ARBEID),
                name="en_versjon_under_arbeid",
                violation_error_message=_("Avtalen har allerede en versjon under arbeid."),
            ),
            models.CheckConstraint(
                condition=~Q(tilstand__in=SIGNERTE) | Q(gyldig_fra__isnull=False),
                name="signert_har_gyldig_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tittel} (versjon {self.nummer})"

    def get_absolute_url(self) -> str:
        return f"/avtaler/{self.avtale_id}/versjoner/{self.nummer}/"

    def gjennomgang_forfalt(self, dato: datetime.date) -> bool:
        """The annual review is overdue: its deadline is before `dato`. The one rule for every
        page that says so (/oversikt/, the coverage page: avtaler/_gjennomgangsfrist.html)."""
        return self.neste_gjennomgang is not None and self.neste_gjennomgang < dato

    @property
    def er_utkast(self) -> bool:
        return self.tilstand == self.Tilstand.UTKAST

    @property
    def er_signert(self) -> bool:
        return self.tilstand in SIGNERTE

    def forrige_signerte(self) -> "Avtaleversjon | None":
        """The signed version of the same agreement just before this one."""
        return (
            Avtaleversjon.objects.signerte()
            .filter(avtale=self.avtale_id, nummer__lt=self.nummer)
            .order_by("-nummer")
            .first()
        )

    def krev_utkast(self) -> None:
        if not self.er_utkast:
            raise LaastVersjon(
                _(
                    "Versjon %(nr)s er %(tilstand)s og kan ikke endres. "
                    "Start en revisjon for å lage et nytt utkast."
                )
                % {"nr": self.nummer, "tilstand": self.get_tilstand_display().lower()}
            )


class Versjonspart(models.Model):
    """A party to one version of an agreement (likelydende: many parties, one text)."""

    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.CASCADE)
    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        constraints = [
            models.UniqueConstraint(fields=["versjon", "organisasjon"], name="unik_part"),
        ]

    def __str__(self) -> str:
        return str(self.organisasjon)


# States a version could have before each party got its own agreement (migration 0016): kept
# so the recorded history still reads.
HISTORISKE_TILSTANDER = [
    *Avtaleversjon.Tilstand.choices,
    ("gjeldende", _("Gjeldende")),
    ("erstattet", _("Erstattet")),
    ("oppsagt", _("Oppsagt")),
]


class Avtaleforhold(models.Model):
    """One party's own agreement on one version of a shared text (likelydende avtaler).

    The text is the same for all 22 municipalities; the agreement is each municipality's own:
    its council's decision, its signature, the day it enters into force for it, and its
    notice, which ends its agreement only. What is in force is read from the dates here, by
    the rule in avtaler.livslop; nothing else stores it.
    """

    # CASCADE as for the parties: only a draft can be deleted (migration 0002), and a draft
    # has no agreements yet.
    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.CASCADE, related_name="forhold")
    part = models.ForeignKey(
        Organisasjon, on_delete=models.PROTECT, related_name="avtaleforhold", verbose_name=_("part")
    )
    vedtak_organ = models.CharField(
        _("vedtatt av"), max_length=100, blank=True, help_text=_("For eksempel kommunestyret.")
    )
    vedtak_saksnummer = models.CharField(
        _("saksnummer"), max_length=100, blank=True, help_text=_("For eksempel «KST 45/2026».")
    )
    vedtak_dato = models.DateField(_("vedtaksdato"), null=True, blank=True)
    signert_dato = models.DateField(_("signert"), null=True, blank=True)
    motpart_signert_dato = models.DateField(
        _("motparten signerte"),
        null=True,
        blank=True,
        help_text=_(
            "Når helseforetaket signerer avtalen med denne parten for seg. Signerer det én gang "
            "for alle, står datoen på helseforetakets eget avtaleforhold, med samme virkning."
        ),
    )
    i_kraft_fra = models.DateField(_("i kraft fra"), null=True, blank=True)
    sluttdato = models.DateField(
        _("gjelder til og med"),
        null=True,
        blank=True,
        help_text=_("Dagen før partens neste versjon, eller ett år etter oppsigelsen."),
    )
    oppsigelse_varslet = models.DateField(_("oppsigelse varslet"), null=True, blank=True)
    oppsagt_av = models.ForeignKey(
        Organisasjon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sagt opp av"),
    )
    oppsigelse_registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtaleforhold")
        verbose_name_plural = _("avtaleforhold")
        ordering = ["versjon", "part__type", Norsk("part__navn")]
        constraints = [
            models.UniqueConstraint(fields=["versjon", "part"], name="ett_forhold_per_part"),
            models.CheckConstraint(
                condition=Q(i_kraft_fra__isnull=True) | Q(signert_dato__isnull=False),
                name="forhold_i_kraft_er_signert",
            ),
            models.CheckConstraint(
                condition=Q(sluttdato__isnull=True)
                | Q(i_kraft_fra__isnull=True)
                | Q(sluttdato__gte=models.F("i_kraft_fra")),
                name="forhold_slutt_etter_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.part}: {self.versjon}"

    def gjelder(self, dato: datetime.date) -> bool:
        from avtaler import livslop

        return livslop.forhold_gjelder(self, dato)


class Gjennomgang(models.Model):
    """The yearly review of a signed version (seed 004 § 7): recorded without a new version
    when the parties find nothing to change; the next review is due a year later."""

    class Resultat(models.TextChoices):
        UTEN_ENDRING = "uten_endring", _("Gjennomgått uten endring")
        REVISJON = "revisjon", _("Gjennomgått; revisjon startet")

    versjon = models.ForeignKey(
        Avtaleversjon, on_delete=models.PROTECT, related_name="gjennomganger"
    )
    dato = models.DateField(_("dato"))
    organ = models.CharField(_("organ"), max_length=100, help_text=_("For eksempel SSU."))
    vedtak = models.CharField(
        _("vedtak"), max_length=100, blank=True, help_text=_("For eksempel SSU 14/2026.")
    )
    resultat = models.CharField(
        _("resultat"), max_length=20, choices=Resultat.choices, default=Resultat.UTEN_ENDRING
    )
    merknad = models.TextField(_("merknad"), blank=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registrert = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årlig gjennomgang")
        verbose_name_plural = _("årlige gjennomganger")
        ordering = ["versjon", "-dato"]

    def __str__(self) -> str:
        return f"{self.versjon}: {self.get_resultat_display()} {self.dato:%d.%m.%Y}"


class Tilstandsendring(models.Model):
    """Who moved a version from one state to another, and when."""

    versjon = models.ForeignKey(
        Avtaleversjon, on_delete=models.CASCADE, related_name="tilstandsendringer"
    )
    fra = models.CharField(max_length=20, choices=HISTORISKE_TILSTANDER, blank=True)
    til = models.CharField(max_length=20, choices=HISTORISKE_TILSTANDER)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    tidspunkt = models.DateTimeField(default=timezone.now)
    merknad = models.TextField(blank=True)

    class Meta:
        verbose_name = _("tilstandsendring")
        verbose_name_plural = _("tilstandsendringer")
        ordering = ["tidspunkt", "pk"]

    def __str__(self) -> str:
        return f"{self.versjon}: {self.fra or '–'} → {self.til}"


class Punkt(models.Model):
    """A clause's identity, the same in every version of the agreement."""

    avtale = models.ForeignKey(Avtale, on_delete=models.PROTECT, related_name="punkter")
    opprettet = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")

    def __str__(self) -> str:
        return f"Punkt {self.pk}"


class Punktversjon(models.Model):
    """What a clause says in one version: number, heading, text, order and parent."""

    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.CASCADE, related_name="punkter")
    punkt = models.ForeignKey(Punkt, on_delete=models.PROTECT, related_name="versjoner")
    forelder = models.ForeignKey(
        Punkt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Punktet dette hører under i samme versjon."),
    )
    nummer = models.CharField(_("nummer"), max_length=20, blank=True)
    overskrift = models.CharField(_("overskrift"), max_length=300, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    rekkefolge = models.PositiveIntegerField(_("rekkefølge"))
    endringsteller = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["endringsteller"])

    class Meta:
        verbose_name = _("punkt i versjon")
        verbose_name_plural = _("punkter i versjon")
        ordering = ["versjon", "rekkefolge"]
        constraints = [
            models.UniqueConstraint(fields=["versjon", "punkt"], name="punkt_en_gang_per_versjon"),
            models.UniqueConstraint(
                fields=["versjon", "nummer"],
                condition=~Q(nummer=""),
                name="unikt_punktnummer_per_versjon",
                violation_error_message=_("Nummeret er allerede brukt i denne versjonen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.overskrift}".strip() or f"Punkt {self.punkt_id}"

    def save(self, *args, **kwargs):
        self.versjon.krev_utkast()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.versjon.krev_utkast()
        return super().delete(*args, **kwargs)

    @property
    def niva(self) -> int:
        return self.nummer.count(".") + 1 if self.nummer else 1

    @property
    def anker(self) -> str:
        """The page anchor: by identity, so a link survives renumbering."""
        return f"punkt-{self.punkt_id}"


class Sokedokument(models.Model):
    """PostgreSQL's search index: one row per clause of a version that is not replaced.

    Written only by database triggers (migration 0012), whatever path changes a clause or a
    version's state, so it cannot go stale; the ``tsvector`` is stored, so ranking reads it
    instead of parsing the text again. Replaced versions are never in force again, so leaving
    them out keeps the index to a fifth of the clauses. The GIN index on ``dokument`` is made
    by the migration, on PostgreSQL only. (SQLite's index is the FTS5 table
    ``avtaler_punkt_sok``, kept the same way; this table stays empty there.)
    """

    punkt = models.OneToOneField(
        Punktversjon, primary_key=True, on_delete=models.DO_NOTHING, related_name="sokedokument"
    )
    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.DO_NOTHING, related_name="+")
    dokument = SearchVectorField()

    class Meta:
        verbose_name = _("søkedokument")
        verbose_name_plural = _("søkedokumenter")

    def __str__(self) -> str:
        return f"Søkedokument for {self.punkt_id}"


class Kommentar(models.Model):
    """A comment on a clause of a draft, by a member of one of the parties."""

    punkt = models.ForeignKey(Punktversjon, on_delete=models.CASCADE, related_name="kommentarer")
    forfatter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField(_("kommentar"))
    opprettet = models.DateTimeField(default=timezone.now)
    lost_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lost = models.DateTimeField(_("løst"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["opprettet"]

    def __str__(self) -> str:
        return f"{self.forfatter}: {self.tekst[:40]}"


class Signatur(models.Model):
    """One party's signature on a version: who signed, and the local decision behind it."""

    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.PROTECT, related_name="signaturer")
    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT, related_name="+")
    # Empty: the organisation signs its own agreement (the health trust: once for all its
    # municipalities). Set: the health trust signs this one municipality's agreement.
    forhold = models.ForeignKey(
        Avtaleforhold,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motpartsignaturer",
        verbose_name=_("for avtalen med"),
    )
    navn = models.CharField(_("signert av"), max_length=200)
    tittel = models.CharField(_("stilling"), max_length=200)
    dato = models.DateField(_("dato"))
    vedtaksreferanse = models.CharField(
        _("lokalt vedtak"),
        max_length=100,
        blank=True,
        help_text=_("For eksempel kommunestyrets saksnummer, «KST 45/2026»."),
    )
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registrert = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatur")
        verbose_name_plural = _("signaturer")
        ordering = [Norsk("organisasjon__navn")]
        constraints = [
            models.UniqueConstraint(
                fields=["versjon", "organisasjon"],
                condition=Q(forhold__isnull=True),
                name="en_signatur_per_part",
            ),
            models.UniqueConstraint(
                fields=["forhold", "organisasjon"],
                condition=Q(forhold__isnull=False),
                name="en_motpartsignatur_per_forhold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasjon}: {self.navn}"


class Leseforesporsel(models.Model):
    """A significant change to a routine: the parties' employees are asked to confirm reading it."""

    versjon = models.OneToOneField(
        Avtaleversjon, on_delete=models.PROTECT, related_name="leseforesporsel"
    )
    begrunnelse = models.TextField(_("hva som er endret"), blank=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opprettet = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forespørsel om lesebekreftelse")
        verbose_name_plural = _("forespørsler om lesebekreftelse")

    def __str__(self) -> str:
        return f"Les og bekreft: {self.versjon}"


class Lesebekreftelse(models.Model):
    """An employee has read a routine version."""

    versjon = models.ForeignKey(
        Avtaleversjon, on_delete=models.PROTECT, related_name="lesebekreftelser"
    )
    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tidspunkt = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesebekreftelse")
        verbose_name_plural = _("lesebekreftelser")
        constraints = [
            models.UniqueConstraint(
                fields=["versjon", "bruker"], name="en_lesebekreftelse_per_bruker"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bruker} leste {self.versjon}"


class Pdfeksport(models.Model):
    """A PDF of a version, rendered once in the task worker and kept with its checksum.

    A signed version never changes, so its PDF is rendered once; a draft gets one per
    distinct content (``innhold``, the SHA-256 of the HTML it was made from).
    """

    class Status(models.TextChoices):
        VENTER = "venter", _("Venter")
        GENERERER = "genererer", _("Genereres")
        FERDIG = "ferdig", _("Ferdig")
        FEILET = "feilet", _("Feilet")

    versjon = models.ForeignKey(Avtaleversjon, on_delete=models.PROTECT, related_name="pdfer")
    # A bilateral agreement's PDF for one municipality: its name where the text says
    # «XX kommune», and its own signature page. Empty: the shared text with every party.
    part = models.ForeignKey(
        Organisasjon, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    innhold = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VENTER)
    fil = models.FileField(upload_to="avtaler/pdf/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    feil = models.TextField(blank=True)
    forsok = models.PositiveSmallIntegerField(default=0)
    opprettet = models.DateTimeField(default=timezone.now)
    # When a worker took it: a render still 'genererer' long after has lost its worker.
    startet = models.DateTimeField(null=True, blank=True)
    ferdig = models.DateTimeField(null=True, blank=True)

    # A 60-page PDF takes about 5 s; ten minutes is a worker that died.
    FORELDET = datetime.timedelta(minutes=10)

    class Meta:
        verbose_name = _("PDF-eksport")
        verbose_name_plural = _("PDF-eksporter")
        constraints = [
            models.UniqueConstraint(fields=["versjon", "innhold"], name="en_pdf_per_innhold"),
        ]

    def __str__(self) -> str:
        return f"PDF av {self.versjon} ({self.get_status_display()})"

    @classmethod
    def kan_provs_igjen_q(cls) -> Q:
        """Failed, or rendering so long that its worker must have died (killed mid-render)."""
        return Q(status=cls.Status.FEILET) | Q(
            status=cls.Status.GENERERER, startet__lt=timezone.now() - cls.FORELDET
        )

    @property
    def kan_provs_igjen(self) -> bool:
        return self.status == self.Status.FEILET or (
            self.status == self.Status.GENERERER
            and self.startet is not None
            and self.startet < timezone.now() - self.FORELDET
        )


class Sprakuttrykk(models.Model):
    """A word or phrase of the language check; the lists are data administrators edit.

    The rules in avtaler/sprak/motor.py read the categories: a duty word is a duty unless a
    softener follows it, «kan» is a right unless it stands after «for at», and so on.
    """

    class Kategori(models.TextChoices):
        FORPLIKTENDE = "forpliktende", _("Plikt (skal, må, har ansvar for …)")
        NEKTING = "nekting", _("Nekting ved modalverb gir forbud (ikke, ikkje …)")
        VILKAR = "vilkar", _("Vilkår (vilkår for, forutsetter …)")
        RETTIGHET = "rettighet", _("Rettighet eller myndighet (har rett til, beslutter selv …)")
        KAN = "kan", _("Modalverb for mulighet (kan)")
        BESLUTNING = "beslutning", _("Beslutningsverb: rett når en part er subjekt (avgjør …)")
        INTENSJON = "intensjon", _("Intensjon (bør, søker å, ønsker …)")
        UKLAR = "uklar", _("Uklart (vil)")
        AVDEMPER = "avdemper", _("Avdemper etter plikt (søke å, bidra til …)")
        VAG = "vag", _("Vag formulering")
        EPISTEMISK = "epistemisk", _("Verb som gjør «kan/vil» til en mulighet (være, gi …)")
        FORMAL = "formal", _("Formål eller evne (for at, slik at …)")
        BISETNING = "bisetning", _("Innleder bisetning (som, hvordan …)")
        BETINGELSE = "betingelse", _("Innleder betingelse (dersom, hvis …)")
        DOKUMENT = "dokument", _("Dokument som subjekt (avtalen, retningslinjen …)")
        DEFINISJON = "definisjon", _("Definisjon etter modalverb (være en …)")
        MOTTAKER = "mottaker", _("Verb der subjektet mottar (oppleve, få …)")
        ROLLE = "rolle", _("Rolle uten regel (har en rolle)")
        ADVERBIAL = "adverbial", _("Adverbial først i setningen (ved, gjennom …)")
        PREPOSISJON = "preposisjon", _("Preposisjon: parten etter er ikke subjekt")
        PART = "part", _("Part i avtalen")
        IKKE_PART = "ikke_part", _("Ikke part (fastlege, pasient …)")
        REFERAT = "referat", _("Referert tale: plikten er et syn, ikke en regel (mener …)")

    class Malform(models.TextChoices):
        BEGGE = "", _("Begge")
        BOKMAL = "nb", _("Bokmål")
        NYNORSK = "nn", _("Nynorsk")

    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    uttrykk = models.CharField(
        _("uttrykk"),
        max_length=100,
        help_text=_(
            "Hele ord. «…» står for opptil fem ord, «*» for bokstaver i et ord, «<Navn>» for "
            "et ord med stor forbokstav og «<X>» for én stor bokstav."
        ),
    )
    forklaring = models.CharField(_("forklaring til koordinatoren"), max_length=300, blank=True)
    malform = models.CharField(
        _("målform"), max_length=2, choices=Malform.choices, blank=True, default=""
    )
    betyr = models.CharField(
        _("betyr"),
        max_length=40,
        blank=True,
        help_text=_("For parter: kommunen, helseforetaket eller partene; for andre: hvem."),
    )
    aktiv = models.BooleanField(_("i bruk"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("språkuttrykk")
        verbose_name_plural = _("språkuttrykk")
        ordering = ["kategori", "uttrykk"]
        constraints = [
            models.UniqueConstraint(fields=["kategori", "uttrykk"], name="unikt_sprakuttrykk"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kategori_display()}: {self.uttrykk}"


class Ansvarsplassering(models.Model):
    """A coordinator's placement of a clause's duty on a party, overriding the analysis.

    It belongs to the clause's identity, so it follows the clause into new versions.
    """

    class Part(models.TextChoices):
        KOMMUNEN = "kommunen", _("Kommunen")
        HELSEFORETAKET = "helseforetaket", _("Helseforetaket")
        BEGGE = "partene", _("Begge")

    punkt = models.OneToOneField(Punkt, on_delete=models.CASCADE, related_name="ansvarsplassering")
    part = models.CharField(_("ansvarlig"), max_length=20, choices=Part.choices)
    plassert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    plassert = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansvarsplassering")
        verbose_name_plural = _("ansvarsplasseringer")

    def __str__(self) -> str:
        return f"{self.punkt}: {self.get_part_display()}"


class PunkttemaQuerySet(models.QuerySet):
    def gjeldende(self, dato: datetime.date):
        """The mappings as they stood on the date: a correction made later does not change them."""
        return self.filter(
            Q(gyldig_fra__lte=dato), Q(gyldig_til__isnull=True) | Q(gyldig_til__gt=dato)
        )

    def apne(self):
        """The mappings that stand today and until someone corrects them."""
        return self.filter(gyldig_til__isnull=True)


class Punkttema(models.Model):
    """A clause covers a § 6-2 topic: what makes the coverage page point at the text.

    It belongs to the clause's identity, so it follows the clause into new versions. It is
    dated: a correction never deletes or rewrites a row, it ends the row (gyldig_til, the first
    day it no longer applies) and starts a new one, each with who, when and why. Coverage on a
    date reads the rows valid that day (PunkttemaQuerySet.gjeldende), so a correction today does
    not change what the coverage was on an earlier date.
    """

    punkt = models.ForeignKey(Punkt, on_delete=models.CASCADE, related_name="temaer")
    tema = models.ForeignKey(Tema, on_delete=models.PROTECT, related_name="punkter")
    gyldig_fra = models.DateField(_("gjelder fra"))
    gyldig_til = models.DateField(
        _("gjelder til (ikke med)"),
        null=True,
        blank=True,
        help_text=_(
            "Første dag koblingen ikke lenger gjelder (rettet). Dagen er ikke med: koblingen "
            "gjelder til og med dagen før. (Tema.gyldig_til er derimot siste dag.)"
        ),
    )
    plassert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plassert = models.DateTimeField(default=timezone.now)
    begrunnelse = models.CharField(_("begrunnelse"), max_length=500, blank=True)
    avsluttet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    avsluttet = models.DateTimeField(null=True, blank=True)
    avslutning_begrunnelse = models.CharField(
        _("begrunnelse for å fjerne"), max_length=500, blank=True
    )

    objects = PunkttemaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tema for punkt")
        verbose_name_plural = _("temaer for punkter")
        constraints = [
            models.UniqueConstraint(
                fields=["punkt", "tema"],
                condition=Q(gyldig_til__isnull=True),
                name="ett_apent_tema_per_punkt",
            ),
            models.CheckConstraint(
                condition=Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="punkttema_til_etter_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.punkt}: § 6-2 nr. {self.tema.nummer}"


class Dagregel(models.TextChoices):
    """How a special day (Friday, the day before a public holiday, 24 and 31 December) is
    treated in the discharge hours."""

    SOM_HVERDAG = "hverdag", _("Som vanlig dag")
    SOM_HELLIGDAG = "helligdag", _("Som helg og helligdag")
    EGNE = "egne", _("Egne tider")


def _dagregel_felt(navn: str):
    return models.CharField(
        navn, max_length=10, choices=Dagregel.choices, default=Dagregel.SOM_HVERDAG
    )


def _tid(navn: str):
    return models.TimeField(navn, null=True, blank=True)


class Utskrivningstider(models.Model):
    """The discharge hours of one version of the discharge routine, as data (DOMAIN.md § 5).

    Part of the version: entered in the editor beside the clause that states them, frozen with
    the version when it leaves the draft state (database triggers in migration 0023), and
    shown in the diff between versions. Days are read in this order: a weekend or public
    holiday has the weekend window; then 24 December, 31 December, the day before a public
    holiday and Friday, each by its rule («som vanlig dag» goes on to the next rule); else
    the weekday window. No weekend window means discharge then only by special agreement.
    """

    versjon = models.OneToOneField(
        Avtaleversjon, on_delete=models.CASCADE, related_name="utskrivningstider"
    )
    punkt = models.ForeignKey(
        Punkt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("punktet som sier tidene"),
    )
    hverdag_fra = models.TimeField(_("hverdager fra"))
    hverdag_til = models.TimeField(_("hverdager til"))
    fredag = _dagregel_felt(_("fredager"))
    fredag_fra = _tid(_("fredager fra"))
    fredag_til = _tid(_("fredager til"))
    helg_fra = _tid(_("helg og helligdag fra"))
    helg_til = _tid(_("helg og helligdag til"))
    dag_for_helligdag = _dagregel_felt(_("dagen før en helligdag"))
    dag_for_helligdag_fra = _tid(_("dagen før en helligdag fra"))
    dag_for_helligdag_til = _tid(_("dagen før en helligdag til"))
    julaften = _dagregel_felt(_("julaften (24. desember)"))
    julaften_fra = _tid(_("julaften fra"))
    julaften_til = _tid(_("julaften til"))
    nyttarsaften = _dagregel_felt(_("nyttårsaften (31. desember)"))
    nyttarsaften_fra = _tid(_("nyttårsaften fra"))
    nyttarsaften_til = _tid(_("nyttårsaften til"))
    varsel_senest = models.TimeField(
        _("kommunen varsles senest kl."),
        null=True,
        blank=True,
        help_text=_("Siste klokkeslett for å varsle kommunen om en utskrivningsklar pasient."),
    )
    bekreftet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bekreftet = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    SPESIELLE = ("fredag", "dag_for_helligdag", "julaften", "nyttarsaften")

    class Meta:
        verbose_name = _("utskrivningstider")
        verbose_name_plural = _("utskrivningstider")
        constraints = [
            models.CheckConstraint(
                condition=Q(hverdag_fra__lt=models.F("hverdag_til")),
                name="utskrivning_hverdag_fra_for_til",
            ),
            models.CheckConstraint(
                condition=(Q(helg_fra__isnull=True) & Q(helg_til__isnull=True))
                | Q(
                    helg_fra__isnull=False,
                    helg_til__isnull=False,
                    helg_fra__lt=models.F("helg_til"),
                ),
                name="utskrivning_helg_fra_for_til",
            ),
            *[
                models.CheckConstraint(
                    condition=~Q(**{dag: Dagregel.EGNE})
                    | Q(
                        **{
                            f"{dag}_fra__isnull": False,
                            f"{dag}_til__isnull": False,
                            f"{dag}_fra__lt": models.F(f"{dag}_til"),
                        }
                    ),
                    name=f"utskrivning_{dag}_egne_tider",
                )
                for dag in ("fredag", "dag_for_helligdag", "julaften", "nyttarsaften")
            ],
        ]

    def __str__(self) -> str:
        return f"Utskrivningstider for {self.versjon}"

    def save(self, *args, **kwargs):
        self.versjon.krev_utkast()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.versjon.krev_utkast()
        return super().delete(*args, **kwargs)

    @staticmethod
    def _vindu(fra, til) -> str:
        if fra is None or til is None:
            return str(_("bare etter særskilt avtale"))
        return f"{fra:%H:%M}–{til:%H:%M}"

    def regler(self) -> list[tuple[str, str]]:
        """The rules in words, one line per kind of day: for the page, the print and the diff."""
        linjer = [
            (str(_("Hverdager")), self._vindu(self.hverdag_fra, self.hverdag_til)),
            (str(_("Helg og helligdager")), self._vindu(self.helg_fra, self.helg_til)),
        ]
        for felt in self.SPESIELLE:
            regel = getattr(self, felt)
            if regel == Dagregel.EGNE:
                tekst = self._vindu(getattr(self, f"{felt}_fra"), getattr(self, f"{felt}_til"))
            else:
                tekst = str(Dagregel(regel).label).lower()
            linjer.append((str(self._meta.get_field(felt).verbose_name).capitalize(), tekst))
        varsel = f"{self.varsel_senest:%H:%M}" if self.varsel_senest else str(_("ikke oppgitt"))
        linjer.append((str(_("Kommunen varsles senest kl.")), varsel))
        return linjer
