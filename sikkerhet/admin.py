from django.contrib import admin

from helsefellesskap.admin import BareLesning
from sikkerhet.models import Sikkerhetshendelse


@admin.register(Sikkerhetshendelse)
class SikkerhetshendelseAdmin(BareLesning, admin.ModelAdmin):
    """Read only: the log is added to by the product and changed by nobody (the database
    refuses it too)."""

    list_display = ["tidspunkt", "type", "bruker", "utfort_av", "brukernavn", "ip"]
    list_filter = ["type"]
    search_fields = ["bruker__email", "utfort_av__email", "brukernavn", "ip", "beskrivelse"]
    date_hierarchy = "tidspunkt"
