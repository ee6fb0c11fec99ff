"""Read-side helpers for the agreement pages: the hierarchy and the date asked for."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from avtaler.models import Avtale, Avtaleversjon, i_dag
from kjerne.feil import Domenefeil
from kjerne.inndata import dato_innenfor, datogrense_melding
from kjerne.sortering import norsk_nokkel

TYPEREKKEFOLGE = {t: i for i, t in enumerate(Avtale.Type.values)}


@dataclass
class Node:
    versjon: Avtaleversjon
    barn: list["Node"] = field(default_factory=list)


def _sorteringsnokkel(versjon: Avtaleversjon):
    avtale = versjon.avtale
    return (
        TYPEREKKEFOLGE[avtale.type],
        avtale.tema.nummer if avtale.tema else 0,
        norsk_nokkel(versjon.tittel),
    )


def avtaletre(versjoner: list[Avtaleversjon]) -> list[Node]:
    """Arrange versions under their parent agreement; orphans (parent not shown) go on top."""
    noder = {v.avtale_id: Node(v) for v in sorted(versjoner, key=_sorteringsnokkel)}
    rot: list[Node] = []
    for node in noder.values():
        forelder = noder.get(node.versjon.avtale.overordnet_id)
        (forelder.barn if forelder else rot).append(node)
    return rot


def les_dato(verdi: str | None) -> datetime.date:
    """The ?dato= of a page: today when missing, a Norwegian error when malformed."""
    if not verdi:
        return i_dag()
    try:
        dato = datetime.date.fromisoformat(verdi)
    except ValueError:
        dato = None
    if dato is None or not dato_innenfor(dato):
        raise Domenefeil(
            _(
                "«%(verdi)s» er ikke en gyldig dato. "
                "Bruk formatet ÅÅÅÅ-MM-DD, for eksempel 2025-01-31."
            )
            % {"verdi": verdi[:20]}
            + " "
            + datogrense_melding()
        )
    return dato
