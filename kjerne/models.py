"""Shared models: only what belongs to no domain app."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Pdfdokument(models.Model):
    """A PDF rendered in the task worker from HTML a view made (kjerne.pdf).

    ``nokkel`` names the content: the kind of document and the SHA-256 of its HTML, so the same
    content is rendered once and served from storage after, and content that depends on data
    gets a new document when the data changes. The HTML is kept until the PDF is made, so the
    worker renders exactly what the view saw; the view that serves the file checks access."""

    class Status(models.TextChoices):
        VENTER = "venter", _("Venter")
        GENERERER = "genererer", _("Genereres")
        FERDIG = "ferdig", _("Ferdig")
        FEILET = "feilet", _("Feilet")

    nokkel = models.CharField(max_length=100, unique=True)
    html = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VENTER)
    fil = models.FileField(upload_to="pdf/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    feil = models.TextField(blank=True)
    forsok = models.PositiveSmallIntegerField(default=0)
    opprettet = models.DateTimeField(default=timezone.now)
    # When a worker took it: a render still 'genererer' long after has lost its worker.
    startet = models.DateTimeField(null=True, blank=True)
    ferdig = models.DateTimeField(null=True, blank=True)

    FORELDET = datetime.timedelta(minutes=10)

    class Meta:
        verbose_name = _("PDF-dokument")
        verbose_name_plural = _("PDF-dokumenter")

    def __str__(self) -> str:
        return f"{self.nokkel} ({self.get_status_display()})"

    @classmethod
    def kan_provs_igjen_q(cls) -> Q:
        """Failed, or rendering so long that its worker must have died."""
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
