"""Organisations, Helsefellesskap, users and their roles."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helsefellesskap.validators import valider_kommunenummer, valider_organisasjonsnummer
from kjerne.identitet import normaliser_epost
from kjerne.sortering import Norsk


class Helsefellesskap(models.Model):
    """A health community: one health trust and the municipalities in its area."""

    navn = models.CharField(_("navn"), max_length=200, unique=True)
    kortnavn = models.SlugField(_("kortnavn"), max_length=60, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("helsefellesskap")
        verbose_name_plural = _("helsefellesskap")
        ordering = [Norsk("navn")]

    def __str__(self) -> str:
        return self.navn


class OrganisasjonQuerySet(models.QuerySet):
    def kommuner(self):
        return self.filter(type=Organisasjon.Type.KOMMUNE)

    def helseforetak(self):
        return self.filter(type=Organisasjon.Type.HELSEFORETAK)


class Organisasjon(models.Model):
    """A party to the agreements: a kommune or a helseforetak."""

    class Type(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune")
        HELSEFORETAK = "helseforetak", _("Helseforetak")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    navn = models.CharField(_("navn"), max_length=200)
    organisasjonsnummer = models.CharField(
        _("organisasjonsnummer"),
        max_length=9,
        unique=True,
        validators=[valider_organisasjonsnummer],
        help_text=_("9 sifre fra Enhetsregisteret."),
    )
    kommunenummer = models.CharField(
        _("kommunenummer"),
        max_length=4,
        blank=True,
        validators=[valider_kommunenummer],
        help_text=_("4 sifre, bare for kommuner (for eksempel 3201 for Bærum)."),
    )
    helsefellesskap = models.ForeignKey(
        Helsefellesskap,
        on_delete=models.PROTECT,
        related_name="organisasjoner",
        verbose_name=_("helsefellesskap"),
        help_text=_(
            "Der organisasjonen har sine avtaler og avvik: som medlem, eller bare som part i "
            "avtalene (Holmestrand). Medlemskapet står for seg, med datoer."
        ),
    )

    objects = OrganisasjonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = [Norsk("navn")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="kommune") & ~Q(kommunenummer=""))
                | (Q(type="helseforetak") & Q(kommunenummer="")),
                name="kommunenummer_bare_for_kommune",
                violation_error_message=_(
                    "En kommune må ha kommunenummer; et helseforetak skal ikke ha det."
                ),
            ),
            models.UniqueConstraint(
                fields=["kommunenummer"],
                condition=~Q(kommunenummer=""),
                name="unikt_kommunenummer",
                violation_error_message=_("Det finnes allerede en kommune med dette nummeret."),
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def er_kommune(self) -> bool:
        return self.type == self.Type.KOMMUNE

    def er_medlem(self, dato=None) -> bool:
        """Member of its Helsefellesskap on the date (today if none)."""
        return self.fellesskapsmedlemskap.gjeldende(dato).exists()

    def lokalomrader_pa(self, dato=None):
        """The LSU areas the municipality belongs to on the date (today if none)."""
        return Lokalomrade.objects.filter(
            medlem_q(dato, "medlemskap__"), medlemskap__kommune=self
        ).distinct()


def medlem_q(dato=None, prefiks: str = "") -> Q:
    """A membership (of a Helsefellesskap or an LSU area) that holds on the date (today if
    none): started (``fra`` empty for a membership older than the records) and not ended.
    ``prefiks``: the path to the membership, e.g. "omrademedlemskap__"."""
    dato = dato or timezone.localdate()
    return (Q(**{f"{prefiks}fra__isnull": True}) | Q(**{f"{prefiks}fra__lte": dato})) & (
        Q(**{f"{prefiks}til__isnull": True}) | Q(**{f"{prefiks}til__gte": dato})
    )


class MedlemskapQuerySet(models.QuerySet):
    """Memberships with dates (of a Helsefellesskap, of an LSU area): those that hold on a day."""

    def gjeldende(self, dato=None):
        return self.filter(medlem_q(dato))


class Fellesskapsmedlem(models.Model):
    """An organisation's membership of a Helsefellesskap, with dates.

    Being a member and being a party to an agreement are different relations (seed 004 § 2:
    «21 kommuner i Helsefelleskapet Vest-Viken og Holmestrand kommune»): a party need not be
    a member, and its agreements, signatures and avvik work the same.
    """

    organisasjon = models.ForeignKey(
        Organisasjon,
        on_delete=models.CASCADE,
        related_name="fellesskapsmedlemskap",
        verbose_name=_("organisasjon"),
    )
    helsefellesskap = models.ForeignKey(
        Helsefellesskap,
        on_delete=models.PROTECT,
        related_name="medlemmer",
        verbose_name=_("helsefellesskap"),
    )
    fra = models.DateField(_("medlem fra"), null=True, blank=True)
    til = models.DateField(_("medlem til og med"), null=True, blank=True)

    objects = MedlemskapQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlem av helsefellesskap")
        verbose_name_plural = _("medlemmer av helsefellesskap")
        ordering = [Norsk("helsefellesskap__navn"), Norsk("organisasjon__navn"), "fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(fra__isnull=True) | Q(til__gte=models.F("fra")),
                name="medlemskap_til_etter_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisasjon} i {self.helsefellesskap}"


class Lokalomrade(models.Model):
    """A local hospital area with its own local cooperation committee (LSU)."""

    helsefellesskap = models.ForeignKey(
        Helsefellesskap,
        on_delete=models.PROTECT,
        related_name="lokalomrader",
        verbose_name=_("helsefellesskap"),
    )
    navn = models.CharField(_("navn"), max_length=200, help_text=_("For eksempel «Bærum sykehus»."))
    # Every municipality that has ever belonged to the area; who belongs on a date is read
    # from the memberships (Omrademedlem.objects.gjeldende).
    kommuner = models.ManyToManyField(
        Organisasjon,
        through="Omrademedlem",
        related_name="lokalomrader",
        verbose_name=_("kommuner"),
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LSU-område")
        verbose_name_plural = _("LSU-områder")
        ordering = [Norsk("navn")]
        constraints = [
            models.UniqueConstraint(fields=["helsefellesskap", "navn"], name="unikt_lokalomrade"),
        ]

    def __str__(self) -> str:
        return self.navn


class Omrademedlem(models.Model):
    """A municipality's membership of an LSU area, with dates: a municipality may move to
    another area, belong to two at once (Asker), and a party to the agreements that is not a
    member of the Helsefellesskap may belong to one too (Holmestrand, with Drammen sykehus)."""

    lokalomrade = models.ForeignKey(
        Lokalomrade,
        on_delete=models.CASCADE,
        related_name="medlemskap",
        verbose_name=_("LSU-område"),
    )
    kommune = models.ForeignKey(
        Organisasjon,
        on_delete=models.CASCADE,
        related_name="omrademedlemskap",
        limit_choices_to={"type": Organisasjon.Type.KOMMUNE},
        verbose_name=_("kommune"),
    )
    fra = models.DateField(_("medlem fra"), null=True, blank=True)
    til = models.DateField(_("medlem til og med"), null=True, blank=True)

    objects = MedlemskapQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommune i LSU-område")
        verbose_name_plural = _("kommuner i LSU-områder")
        ordering = [Norsk("lokalomrade__navn"), Norsk("kommune__navn"), "fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(fra__isnull=True) | Q(til__gte=models.F("fra")),
                name="omrademedlem_til_etter_fra",
                violation_error_message=_("Medlemskapet kan ikke slutte før det begynner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kommune} i {self.lokalomrade}"

    def clean(self) -> None:
        super().clean()
        if not self.kommune_id or not self.lokalomrade_id:
            return
        andre = Omrademedlem.objects.filter(kommune=self.kommune_id).exclude(pk=self.pk)
        if self.til is not None:
            andre = andre.filter(Q(fra__isnull=True) | Q(fra__lte=self.til))
        if self.fra is not None:
            andre = andre.filter(Q(til__isnull=True) | Q(til__gte=self.fra))
        # A municipality may span two hospitals' areas (Asker after 2020: old Asker with Bærum
        # sykehus, Røyken and Hurum with Drammen sykehus), but within one Helsefellesskap and
        # once per area at a time.
        if andre.filter(lokalomrade=self.lokalomrade_id).exists():
            raise ValidationError(
                _("%(kommune)s hører allerede til %(omrade)s i denne perioden.")
                % {"kommune": self.kommune, "omrade": self.lokalomrade}
            )
        hf = Lokalomrade.objects.filter(pk=self.lokalomrade_id).values("helsefellesskap")
        if andre.exclude(lokalomrade__helsefellesskap__in=hf).exists():
            raise ValidationError(
                _("%(kommune)s hører allerede til et LSU-område i et annet helsefellesskap.")
                % {"kommune": self.kommune}
            )


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        # One spelling per person (kjerne.identitet): the lockout and the log count by it.
        return normaliser_epost(email or "")

    def get_by_natural_key(self, username):
        # Stored normalised, so the typed address is compared after the same normalisation.
        return self.get(email=normaliser_epost(username))

    def create_user(self, email: str, navn: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("E-postadresse må oppgis")
        user = self.model(email=self.normalize_email(email), navn=navn, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, navn: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, navn, password, **extra)


def _ny_oktnokkel() -> str:
    return secrets.token_hex(16)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-postadresse"), unique=True)
    navn = models.CharField(_("navn"), max_length=200)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("tilgang til administrasjonssidene"),
        default=False,
        help_text=_("Gir tilgang til /admin/. Bare for systemforvaltere."),
    )
    date_joined = models.DateTimeField(_("opprettet"), default=timezone.now)
    # Part of what signs the user's sessions: a new value ends them all (logg_ut_overalt).
    okt_nokkel = models.CharField(max_length=32, default=_ny_oktnokkel, editable=False)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "okt_nokkel"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["navn"]

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = [Norsk("navn")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unik_epost_uten_store_bokstaver"),
        ]

    def __str__(self) -> str:
        return f"{self.navn} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        self.email = normaliser_epost(self.email)

    def save(self, *args, **kwargs):
        # Also from a shell or a fixture: never stored in another spelling.
        self.email = normaliser_epost(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.navn

    def _get_session_auth_hash(self, secret=None):
        # Django signs a session with the password hash; the session key is signed in too.
        return salted_hmac(
            "helsefellesskap.User.okt",
            f"{self.password}:{self.okt_nokkel}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def logg_ut_overalt(self) -> None:
        """End every session of the user, on every device."""
        self.okt_nokkel = _ny_oktnokkel()
        self.save(update_fields=["okt_nokkel"])

    def get_short_name(self) -> str:
        return self.navn.split(" ")[0] if self.navn else self.email


class Medlemskap(models.Model):
    """A user's role in an organisation; one user may hold several roles in several places."""

    class Rolle(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        SAMHANDLINGSKOORDINATOR = "samhandlingskoordinator", _("Samhandlingskoordinator")
        UTVALGSSEKRETAER = "utvalgssekretaer", _("Utvalgssekretær")
        ANSATT = "ansatt", _("Ansatt")

    bruker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="medlemskap", verbose_name=_("bruker")
    )
    organisasjon = models.ForeignKey(
        Organisasjon,
        on_delete=models.CASCADE,
        related_name="medlemskap",
        verbose_name=_("organisasjon"),
    )
    rolle = models.CharField(_("rolle"), max_length=30, choices=Rolle.choices)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = [Norsk("organisasjon__navn"), Norsk("bruker__navn"), "rolle"]
        constraints = [
            models.UniqueConstraint(
                fields=["bruker", "organisasjon", "rolle"],
                name="en_rolle_en_gang_per_organisasjon",
                violation_error_message=_("Brukeren har allerede denne rollen i organisasjonen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bruker.navn} – {self.get_rolle_display()} i {self.organisasjon.navn}"
