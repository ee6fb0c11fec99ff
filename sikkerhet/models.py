"""The security log: who did what, when and from where (Normen: logging of access).

Rows are only ever added. Database triggers (migrations 0001 and 0005) refuse UPDATE on both
databases, and DELETE of any row younger than twelve months, the shortest retention the
privacy statement allows (slett_gammel_sikkerhetslogg deletes what is older), so neither the
product, the admin site nor a stray query can rewrite the recent record.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sikkerhetshendelse(models.Model):
    class Type(models.TextChoices):
        INNLOGGING = "innlogging", _("Innlogging")
        INNLOGGING_FEILET = "innlogging_feilet", _("Mislykket innlogging")
        SPERRET = "sperret", _("Sperret etter for mange forsøk")
        UTLOGGING = "utlogging", _("Utlogging")
        UTLOGGET_OVERALT = "utlogget_overalt", _("Logget ut alle steder")
        OKT_UTLOPT = "okt_utlopt", _("Økten utløp")
        TOFAKTOR_AKTIVERT = "tofaktor_aktivert", _("Tofaktor slått på")
        TOFAKTOR_DEAKTIVERT = "tofaktor_deaktivert", _("Tofaktor slått av")
        TOFAKTOR_OK = "tofaktor_ok", _("Tofaktorkode godtatt")
        TOFAKTOR_FEILET = "tofaktor_feilet", _("Feil tofaktorkode")
        GJENOPPRETTINGSKODE_BRUKT = "gjenopprettingskode_brukt", _("Gjenopprettingskode brukt")
        NYE_GJENOPPRETTINGSKODER = "nye_gjenopprettingskoder", _("Nye gjenopprettingskoder")
        TILGANG_NEKTET = "tilgang_nektet", _("Tilgang nektet")
        FOR_MANGE_FORESPORSLER = "for_mange_foresporsler", _("For mange forespørsler")
        ROLLE_GITT = "rolle_gitt", _("Rolle gitt")
        ROLLE_FJERNET = "rolle_fjernet", _("Rolle fjernet")
        UTVALGSMEDLEM_ENDRET = "utvalgsmedlem_endret", _("Utvalgsmedlemskap endret")
        UTVALGSMEDLEM_FJERNET = "utvalgsmedlem_fjernet", _("Utvalgsmedlemskap fjernet")
        BRUKER_ENDRET = "bruker_endret", _("Brukerens tilganger endret")
        REGISTRERINGSKODE_LAGET = "registreringskode_laget", _("Registreringskode laget")
        REGISTRERINGSKODE_FEIL = "registreringskode_feil", _("Feil registreringskode")
        LOGG_SLETTET = "logg_slettet", _("Hendelser slettet etter oppbevaringstiden")
        ANSATTPORTEN_AVVIST = "ansattporten_avvist", _("Innlogging med Ansattporten avvist")
        ANSATTPORTEN_KOBLET = "ansattporten_koblet", _("Ansattporten koblet til brukeren")
        ANSATTPORTEN_NY_BRUKER = "ansattporten_ny_bruker", _("Ny bruker fra Ansattporten")

    tidspunkt = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    type = models.CharField(_("hendelse"), max_length=40, choices=Type.choices, db_index=True)
    # The person the event concerns, and who caused it when that is someone else (an
    # administrator giving a role). PROTECT: a user with a record is deactivated, not deleted.
    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruker"),
    )
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    # The organisation an event belongs to, where it belongs to one (a role given there, an
    # enrolment code made by its administrator): only that organisation's administrators read
    # it. No database constraint and no cascade: rows are never changed, and an organisation
    # deleted later leaves its events as they were.
    organisasjon = models.ForeignKey(
        "helsefellesskap.Organisasjon",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisasjon"),
    )
    # What was typed as user name on a failed login, when it matches no user.
    brukernavn = models.CharField(_("brukernavn"), max_length=254, blank=True)
    ip = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    nettleser = models.CharField(_("nettleser"), max_length=200, blank=True)
    adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    beskrivelse = models.CharField(_("beskrivelse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sikkerhetshendelse")
        verbose_name_plural = _("sikkerhetslogg")
        ordering = ["-tidspunkt", "-pk"]
        indexes = [models.Index(fields=["bruker", "-tidspunkt"], name="sikkerhet_bruker_tid")]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%d.%m.%Y %H:%M} {self.get_type_display()}"


class Registreringskode(models.Model):
    """A one-time code an administrator of the user's organisation gives a user whose role
    requires two-factor login: without it the password alone could enrol an attacker's app.
    Shown once, stored only as a hash, valid for a few days, used once (sikkerhet.tofaktor)."""

    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bruker"),
    )
    laget_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laget av"),
    )
    kode_hash = models.CharField(_("kode (hash)"), max_length=128)
    laget = models.DateTimeField(_("laget"), default=timezone.now)
    utloper = models.DateTimeField(_("utløper"))
    brukt = models.DateTimeField(_("brukt"), null=True, blank=True)
    feil_forsok = models.PositiveSmallIntegerField(_("feil forsøk"), default=0)

    class Meta:
        verbose_name = _("registreringskode for tofaktor")
        verbose_name_plural = _("registreringskoder for tofaktor")
        ordering = ["-laget"]

    def __str__(self) -> str:
        return f"{self.bruker} {self.laget:%d.%m.%Y %H:%M}"


class AnsattportenIdentitet(models.Model):
    """The person behind an Ansattporten login (issuer and ``sub``), tied to one user here.

    ``sub`` is the provider's pseudonymous identifier for the person at this client. The
    national identity number (``pid``) in the token is not kept with the user. The session keeps
    the ID token encrypted (sikkerhet.ansattporten.skjul, a key derived from SECRET_KEY), since
    logging out at the provider needs it; expired sessions are deleted every night
    (``clearsessions`` in docker-compose.yml's scheduler)."""

    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ansattporten_identiteter",
        verbose_name=_("bruker"),
    )
    utsteder = models.CharField(_("utsteder"), max_length=200)
    sub = models.CharField(_("identifikator (sub)"), max_length=200)
    # The organisation the person acted for at the first login: its administrators were told.
    organisasjon = models.ForeignKey(
        "helsefellesskap.Organisasjon",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisasjon ved første innlogging"),
    )
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)
    sist_brukt = models.DateTimeField(_("sist brukt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ansattporten-identitet")
        verbose_name_plural = _("Ansattporten-identiteter")
        constraints = [
            models.UniqueConstraint(fields=["utsteder", "sub"], name="en_bruker_per_identitet"),
        ]

    def __str__(self) -> str:
        return f"{self.bruker} ({self.utsteder})"
