"""Admin for agreements: states move only through the services, so they are read-only here,
and nothing of a version that has left the draft state can be edited."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from avtaler.models import (
    Avtale,
    Avtaleversjon,
    Punktversjon,
    Sprakuttrykk,
    Tema,
    Tilstandsendring,
)


@admin.register(Tema)
class TemaAdmin(SimpleHistoryAdmin):
    """The § 6-2 topics are data: when the law changes, an administrator adds the topic here
    with the date it took effect and its source (or ends one with its last day)."""

    list_display = ["nummer", "tittel", "gyldig_fra", "gyldig_til", "kilde"]
    search_fields = ["tittel", "kilde"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Avtale)
class AvtaleAdmin(SimpleHistoryAdmin):
    list_display = [
        "tittel",
        "type",
        "tema",
        "overordnet",
        "helsefellesskap",
        "er_utskrivningsrutine",
    ]
    list_filter = ["type", "helsefellesskap", "er_utskrivningsrutine"]
    search_fields = ["tittel"]


class PunktversjonInline(admin.TabularInline):
    model = Punktversjon
    fields = ["nummer", "overskrift", "tekst", "rekkefolge"]
    extra = 0
    show_change_link = False

    def _redigerbar(self, obj) -> bool:
        return obj is not None and obj.er_utkast

    def has_change_permission(self, request, obj=None):
        return self._redigerbar(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._redigerbar(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._redigerbar(obj) and super().has_delete_permission(request, obj)


class TilstandsendringInline(admin.TabularInline):
    model = Tilstandsendring
    fields = ["fra", "til", "utfort_av", "tidspunkt", "merknad"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Avtaleversjon)
class AvtaleversjonAdmin(SimpleHistoryAdmin):
    list_display = ["tittel", "nummer", "tilstand", "gyldig_fra"]
    list_filter = ["tilstand", "avtale__type"]
    search_fields = ["tittel"]
    inlines = [PunktversjonInline, TilstandsendringInline]
    # Lifecycle fields move through avtaler.services only.
    alltid_laast = [
        "tilstand",
        "godkjent_vedtak",
        "signert_dato",
        "basert_pa",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.er_utkast:
            return [f.name for f in self.model._meta.fields] + ["parter"]
        return self.alltid_laast

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.er_utkast) and super().has_delete_permission(request, obj)


@admin.register(Sprakuttrykk)
class SprakuttrykkAdmin(SimpleHistoryAdmin):
    """The language check's word lists: administrators add, explain and retire expressions."""

    list_display = ["uttrykk", "kategori", "malform", "betyr", "aktiv", "forklaring"]
    list_filter = ["kategori", "malform", "aktiv"]
    search_fields = ["uttrykk", "forklaring", "betyr"]
