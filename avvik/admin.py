from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from avvik.models import (
    Avvik,
    Avvikskategori,
    Betalingsregel,
    Dognpris,
    Eskaleringstrinn,
    Misligholdsbestemmelse,
)
from helsefellesskap.admin import BareLesning


@admin.register(Avvikskategori)
class AvvikskategoriAdmin(SimpleHistoryAdmin):
    """Administrators edit the categories; a retired category stays on old avvik."""

    list_display = ["navn", "svikt_hos", "gjelder_utskrivningstid", "gjelder_betaling", "aktiv"]
    list_filter = ["aktiv", "svikt_hos", "gjelder_utskrivningstid", "gjelder_betaling"]


@admin.register(Eskaleringstrinn)
class EskaleringstrinnAdmin(SimpleHistoryAdmin):
    """The ladders with their deadlines, as the agreement states them."""

    list_display = [
        "helsefellesskap",
        "stige",
        "nummer",
        "beskrivelse",
        "mal",
        "svarfrist",
        "innsigelsesfrist",
        "fristenhet",
    ]
    list_filter = ["helsefellesskap", "stige"]


@admin.register(Misligholdsbestemmelse)
class MisligholdsbestemmelseAdmin(SimpleHistoryAdmin):
    """A clause's consequence of breach in structured form: only this is ever computed."""

    list_display = ["punkt", "part_i_brudd", "art", "sats", "enhet"]
    list_filter = ["art", "part_i_brudd"]
    raw_id_fields = ["punkt"]


@admin.register(Avvik)
class AvvikAdmin(BareLesning, SimpleHistoryAdmin):
    """Read-only here: avvik are handled by the parties in the product, and their text may
    only be seen by the two organisations involved."""

    list_display = ["pk", "kategori", "meldt_av_organisasjon", "ansvarlig", "status", "opprettet"]
    list_filter = ["status", "kategori"]


@admin.register(Dognpris)
class DognprisAdmin(SimpleHistoryAdmin):
    """The yearly day rate for patients ready for discharge, each with its legal source."""

    list_display = ["ar", "belop", "kilde"]


@admin.register(Betalingsregel)
class BetalingsregelAdmin(SimpleHistoryAdmin):
    """How the payment rules are read from a date on: the readings are settings, not code."""

    list_display = [
        "gjelder_fra",
        "betaling_fra",
        "krever_innleggelsesvarsel",
        "meldingsfrist",
        "utskrivningsdag_betales",
    ]
