"""Bulk export: everything public, one JSON Lines file per dataset, made again whenever a
version is signed (avtaler.signals.versjon_inngatt → the task lag_eksport, after the commit).
The files live in the default storage; the API serves them, and makes one that is missing."""

import datetime
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from apnedata import offentlig
from avtaler.models import Avtaleversjon, Punktversjon

MAPPE = "apnedata"


def _versjoner():
    return (
        Avtaleversjon.objects.signerte()
        .for_lesing()
        .select_related("avtale__helsefellesskap")
        .order_by("avtale", "nummer")
    )


def _avtaler():
    for v in _versjoner():
        rad = offentlig.versjon(v, punkter=[])
        del rad["punkter"]
        yield rad


def _punkter():
    versjoner = {v.pk: v for v in _versjoner()}
    punkter = Punktversjon.objects.filter(versjon__in=list(versjoner)).order_by(
        "versjon__avtale", "versjon__nummer", "rekkefolge"
    )
    for p in punkter:
        v = versjoner[p.versjon_id]
        yield {"avtale": v.avtale_id, "versjon": v.nummer, **offentlig.punkt(p, v)}


def _avtaleforhold():
    i_dag = timezone.localdate()
    for v in _versjoner():
        for rad in offentlig.parter(v, i_dag)["parter"]:
            yield {"avtale": v.avtale_id, "versjon": v.nummer, "dato": i_dag, **rad}


def _kommuner():
    yield from offentlig.kommuner()


def _vedtak():
    yield from offentlig.vedtak()


def _referater():
    yield from offentlig.referater()


# The datasets, by name: the file name, the catalogue's and the API's.
DATASETT = {
    "avtaler": (_avtaler, "Signerte avtaleversjoner", "Hver signert versjon av hver avtale."),
    "punkter": (
        _punkter,
        "Avtalepunkter",
        "Hvert punkt i hver signert versjon, med varig identitet, tekst og HTML.",
    ),
    "avtaleforhold": (
        _avtaleforhold,
        "Partenes avtaleforhold",
        "Hver parts egen avtale på hver signert versjon: vedtak, signatur, i kraft, oppsigelse.",
    ),
    "kommuner": (_kommuner, "Kommuner", "Kommunene og helsefellesskapet de hører til."),
    "vedtak": (_vedtak, "Vedtak", "Vedtatte vedtak i SSU og LSU."),
    "referater": (_referater, "Referater", "Godkjente referater fra møtene i SSU og LSU."),
}


def _sti(navn: str) -> str:
    return f"{MAPPE}/{navn}.jsonl"


def lag(navn: str) -> bytes:
    """Write the dataset's file anew and return its content."""
    linjer = (
        json.dumps(rad, cls=DjangoJSONEncoder, ensure_ascii=False) for rad in DATASETT[navn][0]()
    )
    innhold = "".join(linje + "\n" for linje in linjer).encode()
    sti = _sti(navn)
    if default_storage.exists(sti):
        default_storage.delete(sti)
    default_storage.save(sti, ContentFile(innhold))
    return innhold


def lag_alle() -> None:
    for navn in DATASETT:
        lag(navn)


def hent(navn: str) -> bytes:
    """The dataset's file as last made; made now if there is none yet."""
    sti = _sti(navn)
    if not default_storage.exists(sti):
        return lag(navn)
    with default_storage.open(sti, "rb") as fil:
        return fil.read()


def laget(navn: str) -> datetime.datetime | None:
    sti = _sti(navn)
    return default_storage.get_modified_time(sti) if default_storage.exists(sti) else None


def planlegg_eksport(sender=None, **kwargs) -> None:
    """A version has been signed (a party's agreement concluded): make the exports again once
    the signing is committed, in the background."""
    from apnedata.tasks import lag_eksport

    transaction.on_commit(lambda: lag_eksport.enqueue())
