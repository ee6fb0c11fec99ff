"""Notifications: what waits for a user, on the site and by e-mail.

Infrastructure beside kjerne: it knows users, never the domain. The domain apps decide who is
told what (their own ``varsling.py``) and call ``varsler.tjenester.varsle`` once per event.
A notice carries a short text without patient data and a link to the thing; the link's page
asks its own access rules, so a notice never shows more than its reader may see.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Varseltype(models.TextChoices):
    """Each kind a user may choose how to receive (README lists who gets which)."""

    AVVIK_MELDT = "avvik_meldt", _("Nytt avvik mot organisasjonen din")
    AVVIK_BESVART = "avvik_besvart", _("Avvik besvart")
    AVVIK_AVVIST = "avvik_avvist", _("Svar på avvik avvist")
    AVVIK_ESKALERT = "avvik_eskalert", _("Avvik tatt videre")
    AVVIK_FRIST = "avvik_frist", _("Frist for avvik nærmer seg eller er passert")
    SAK_PA_SAKLISTE = "sak_pa_sakliste", _("Sak satt på sakslisten")
    MOTE_INNKALT = "mote_innkalt", _("Møte innkalt")
    MOTE_FLYTTET = "mote_flyttet", _("Møte flyttet")
    MOTE_AVLYST = "mote_avlyst", _("Møte avlyst")
    REFERAT_KLART = "referat_klart", _("Referat klart til godkjenning")
    REFERAT_GODKJENT = "referat_godkjent", _("Referat godkjent")
    VERSJON_TIL_BEHANDLING = "versjon_til_behandling", _("Utkast sendt til godkjenning")
    VERSJON_RETURNERT = "versjon_returnert", _("Utkast sendt tilbake")
    VERSJON_GODKJENT = "versjon_godkjent", _("Avtaleversjon godkjent")
    SIGNATUR_VENTER = "signatur_venter", _("Avtale venter på signatur")
    SIGNERT = "signert", _("Avtale signert")
    I_KRAFT = "i_kraft", _("Avtale trådt i kraft")
    OPPSAGT = "oppsagt", _("Avtale sagt opp")
    LESING_VENTER = "lesing_venter", _("Rutine å lese og bekrefte")
    GJENNOMGANG = "gjennomgang", _("Årlig gjennomgang forfaller")


class Levering(models.TextChoices):
    UMIDDELBART = "umiddelbart", _("E-post straks")
    DAGLIG = "daglig", _("Daglig samle-e-post")
    NETTSTED = "nettsted", _("Bare på nettstedet")


class Epost(models.Model):
    """One message to one user: sent by the task worker, kept until the server took it.

    The text is written when the message is made, so every attempt sends the same message."""

    mottaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    emne = models.CharField(_("emne"), max_length=200)
    tekst = models.TextField(_("tekst"))
    # An iCalendar invitation (meetings), attached as invitasjon.ics.
    kalender = models.TextField(_("kalender"), blank=True)
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)
    sendt = models.DateTimeField(_("sendt"), null=True, blank=True)
    forsok = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    siste_feil = models.TextField(_("siste feil"), blank=True)
    neste_forsok = models.DateTimeField(_("neste forsøk"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-post")
        verbose_name_plural = _("e-poster")
        ordering = ["-opprettet"]
        indexes = [models.Index(fields=["sendt", "neste_forsok"], name="epost_usendt")]

    def __str__(self) -> str:
        return self.emne


class Varsel(models.Model):
    """A notice to one user. ``nokkel`` names the event: the same event never notifies the
    same user twice (a unique constraint, not a hope)."""

    mottaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="varsler"
    )
    type = models.CharField(_("type"), max_length=40, choices=Varseltype.choices)
    tekst = models.CharField(_("tekst"), max_length=300)
    lenke = models.CharField(_("lenke"), max_length=300)
    nokkel = models.CharField(_("hendelse"), max_length=200)
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)
    lest = models.DateTimeField(_("lest"), null=True, blank=True)
    # How the user wanted this kind when the notice was made.
    levering = models.CharField(_("levering"), max_length=20, choices=Levering.choices)
    epost = models.ForeignKey(
        Epost, on_delete=models.SET_NULL, null=True, blank=True, related_name="varsler"
    )

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ["-opprettet", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mottaker", "nokkel"], name="ett_varsel_per_hendelse"),
        ]
        indexes = [models.Index(fields=["mottaker", "lest"], name="varsel_ulest")]

    def __str__(self) -> str:
        return self.tekst


class Varselinnstilling(models.Model):
    """A user's choice for one kind; without a row, the kind is mailed straight away."""

    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="varselinnstillinger"
    )
    type = models.CharField(_("type"), max_length=40, choices=Varseltype.choices)
    levering = models.CharField(_("levering"), max_length=20, choices=Levering.choices)

    class Meta:
        verbose_name = _("varselinnstilling")
        verbose_name_plural = _("varselinnstillinger")
        constraints = [
            models.UniqueConstraint(fields=["bruker", "type"], name="en_innstilling_per_type"),
        ]

    def __str__(self) -> str:
        return f"{self.bruker_id}: {self.type} → {self.levering}"
