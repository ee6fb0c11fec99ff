from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from avvik.models import Avvik, Avvikskategori, Eskaleringstrinn
from helsefellesskap.admin import BareLesning


@admin.register(Avvikskategori)
class AvvikskategoriAdmin(admin.ModelAdmin):
    """Administrators edit the categories; a retired category stays on old avvik."""

    list_display = ["navn", "gjelder_utskrivning", "aktiv"]
    list_filter = ["aktiv", "gjelder_utskrivning"]


@admin.register(Eskaleringstrinn)
class EskaleringstrinnAdmin(admin.ModelAdmin):
    list_display = ["helsefellesskap", "stige", "nummer", "beskrivelse", "mal"]
    list_filter = ["helsefellesskap", "stige"]


@admin.register(Avvik)
class AvvikAdmin(BareLesning, SimpleHistoryAdmin):
    """Read-only here: avvik are handled by the parties in the product, and their text may
    only be seen by the two organisations involved."""

    list_display = ["pk", "kategori", "meldt_av_organisasjon", "ansvarlig", "status", "opprettet"]
    list_filter = ["status", "kategori"]
