from django.contrib import admin

from varsler.models import Epost


@admin.register(Epost)
class EpostAdmin(admin.ModelAdmin):
    """Where a message the mail server refused can be seen, with its error and next attempt."""

    list_display = ["opprettet", "mottaker", "emne", "sendt", "forsok", "neste_forsok"]
    list_filter = [("sendt", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in Epost._meta.fields]
    search_fields = ["mottaker__email", "emne"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
