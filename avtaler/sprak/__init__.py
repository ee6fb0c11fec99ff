"""The language check: how binding each sentence of an agreement is, who carries the duty,
which phrases are vague. Bokmål and nynorsk; the word lists are data (Sprakuttrykk)."""

from avtaler.sprak.data import NIVAER
from avtaler.sprak.motor import (
    Analyse,
    Funn,
    Setning,
    analyser,
    analyser_setning,
    lix,
    marker_vage,
    ordliste_fra_db,
)
from avtaler.sprak.ordliste import STANDARD_ORDLISTE, Ordliste

__all__ = [
    "NIVAER",
    "STANDARD_ORDLISTE",
    "Analyse",
    "Funn",
    "Ordliste",
    "Setning",
    "analyser",
    "analyser_setning",
    "lix",
    "marker_vage",
    "ordliste_fra_db",
]
