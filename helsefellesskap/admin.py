from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from helsefellesskap.models import (
    Erklaering,
    Fellesskapsmedlem,
    Helsefellesskap,
    Lokalomrade,
    Medlemskap,
    Omrademedlem,
    Organisasjon,
    User,
)


class BareLesning:
    """For models changed only in the product (or never): the admin site shows, nothing more."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Helsefellesskap)
class HelsefellesskapAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kortnavn"]
    prepopulated_fields = {"kortnavn": ["navn"]}
    search_fields = ["navn"]


class FellesskapsmedlemInline(admin.TabularInline):
    """Membership of a Helsefellesskap, with dates: a party need not be a member."""

    model = Fellesskapsmedlem
    extra = 0


class OmrademedlemInline(admin.TabularInline):
    """Membership of an LSU area, with dates: end one and start another when a municipality
    moves, so what held on an earlier date stays true."""

    model = Omrademedlem
    extra = 0
    autocomplete_fields = ["kommune"]


@admin.register(Organisasjon)
class OrganisasjonAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "type", "kommunenummer", "organisasjonsnummer", "helsefellesskap"]
    list_filter = ["type", "helsefellesskap"]
    search_fields = ["navn", "kommunenummer", "organisasjonsnummer"]
    inlines = [FellesskapsmedlemInline]


@admin.register(Lokalomrade)
class LokalomradeAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "helsefellesskap"]
    list_filter = ["helsefellesskap"]
    inlines = [OmrademedlemInline]


class MedlemskapInline(admin.TabularInline):
    model = Medlemskap
    extra = 0
    autocomplete_fields = ["organisasjon"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["navn"]
    list_display = ["navn", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["navn", "email"]
    inlines = [MedlemskapInline]
    fieldsets = [
        (None, {"fields": ["email", "navn", "password"]}),
        (
            _("Tilgang"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Datoer"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "navn", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Medlemskap)
class MedlemskapAdmin(SimpleHistoryAdmin):
    list_display = ["bruker", "organisasjon", "rolle", "opprettet"]
    list_filter = ["rolle", "organisasjon__helsefellesskap"]
    search_fields = ["bruker__navn", "bruker__email", "organisasjon__navn"]
    autocomplete_fields = ["bruker", "organisasjon"]


@admin.register(Erklaering)
class ErklaeringAdmin(BareLesning, SimpleHistoryAdmin):
    """Read-only here with its history: the statements are edited on their own pages
    (/tilgjengelighet/rediger/, /personvern/rediger/), which record who and when."""

    list_display = ["type", "endret", "endret_av"]
