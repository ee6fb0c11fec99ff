"""Norwegian full-text search over the clauses of agreements.

One interface, two engines:
- PostgreSQL: ``to_tsvector('norwegian', …)`` with heading weighted above text, ``ts_rank``,
  and a GIN index on the same expression (migration 0011). Snowball stems both sides and each
  query stem matches as a prefix, so *utskrivning* finds *utskrivningsklare*.
- SQLite: FTS5 with the trigram tokenizer. The query words are stemmed in Python with the same
  Snowball algorithm and each stem must occur in the clause, so the stem finds its compounds
  too; ``bm25`` ranks, the heading weighing ten times the text.

The one difference: a stem inside a compound (*rutine* in *utskrivningsrutinene*) is found on
SQLite only; PostgreSQL finds compounds that start with the word.

The excerpts and their highlighting are made here, in Python, so they look the same on both.
"""

import dataclasses
import re

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from avtaler import access as avtale_access
from avtaler.models import Avtaleversjon, Punktversjon

MAKS_ORD = 8
MAKS_TREFF = 50
UTDRAG_FOR = 12
UTDRAG_ETTER = 28
_ORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("norwegian")


def vektor() -> SearchVector:
    """The document of a clause; the GIN index is built on exactly this expression."""
    return SearchVector("overskrift", weight="A", config="norwegian") + SearchVector(
        "tekst", weight="B", config="norwegian"
    )


@dataclasses.dataclass(frozen=True)
class Sporring:
    """What the visitor asked: the words and their stems."""

    ord: tuple[str, ...]
    stammer: tuple[str, ...]

    @classmethod
    def fra_tekst(cls, tekst: str) -> "Sporring":
        ordene = tuple(dict.fromkeys(_ORD.findall(tekst.casefold()[:500])))[:MAKS_ORD]
        return cls(ord=ordene, stammer=tuple(_STEMMER.stemWords(list(ordene))))

    def __bool__(self) -> bool:
        return bool(self.ord)

    @property
    def termer(self) -> tuple[str, ...]:
        """The stems SQLite can look for: trigrams need three letters (the rest are mostly
        stop words anyway)."""
        return tuple(stamme for stamme in self.stammer if len(stamme) >= 3)


@dataclasses.dataclass
class Treff:
    punkt: Punktversjon
    utdrag: SafeString

    @property
    def versjon(self) -> Avtaleversjon:
        return self.punkt.versjon

    @property
    def lenke(self) -> str:
        return f"{self.versjon.get_absolute_url()}#{self.punkt.anker}"


def synlige_punkter(user) -> QuerySet[Punktversjon]:
    """Clauses of versions in force today for everyone; members also see their parties' drafts."""
    return Punktversjon.objects.filter(
        Q(versjon__in=Avtaleversjon.objects.gjeldende())
        | Q(versjon__in=avtale_access.lesbare_utkast(user))
    )


def _rangert(punkter: QuerySet[Punktversjon], sporring: Sporring) -> QuerySet[Punktversjon]:
    if connection.vendor == "postgresql":
        # Each word stemmed by PostgreSQL, then as a prefix: "utskrivning" finds the lexeme of
        # "utskrivningsklare". (Words are \w+ only, so they cannot break out of the quotes.)
        prefikser = " & ".join(f"'{ord_}':*" for ord_ in sporring.ord)
        sok = SearchQuery(prefikser, config="norwegian", search_type="raw")
        # alias(), not annotate(): the document is matched and ranked in the database, never
        # sent to Python.
        return (
            punkter.alias(dokument=vektor())
            .filter(dokument=sok)
            .annotate(rang=SearchRank(F("dokument"), sok))
            .order_by("-rang", "versjon__avtale__tittel", "rekkefolge")
        )
    if not sporring.termer:
        return punkter.none()
    uttrykk = " AND ".join(f'"{stamme}"' for stamme in sporring.termer)
    # A join, not a correlated subquery: one MATCH for the whole query, the virtual table
    # answering by rowid. extra() is the ORM's way to put a virtual table in FROM.
    return punkter.extra(
        tables=["avtaler_punkt_sok"],
        select={"rang": "-bm25(avtaler_punkt_sok, 10.0, 1.0)"},
        where=["avtaler_punkt_sok.rowid = avtaler_punktversjon.id", "avtaler_punkt_sok MATCH %s"],
        params=[uttrykk],
    ).order_by("-rang", "versjon__avtale__tittel", "rekkefolge")


def sok(
    tekst: str,
    user,
    *,
    kommunenummer: str = "",
    avtaletype: str = "",
    grense: int = MAKS_TREFF,
) -> list[Treff]:
    """The clauses matching the text that the user may read, best first, with excerpts."""
    sporring = Sporring.fra_tekst(tekst)
    if not sporring:
        return []
    punkter = synlige_punkter(user)
    if kommunenummer:
        punkter = punkter.filter(versjon__parter__kommunenummer=kommunenummer)
    if avtaletype:
        punkter = punkter.filter(versjon__avtale__type=avtaletype)
    punkter = _rangert(punkter, sporring).select_related("versjon", "versjon__avtale")
    return [Treff(punkt=punkt, utdrag=utdrag(punkt, sporring)) for punkt in punkter[:grense]]


def _er_treff(ord_: str, sporring: Sporring) -> bool:
    ord_ = ord_.casefold()
    return any(stamme in ord_ for stamme in sporring.termer) or ord_ in sporring.ord


def utdrag(punkt: Punktversjon, sporring: Sporring) -> SafeString:
    """A window of the clause text around the first hit, hits marked with <mark>."""
    ordene = punkt.tekst.split()
    forste = next((i for i, o in enumerate(ordene) if _treff_i(o, sporring)), 0)
    start = max(0, forste - UTDRAG_FOR)
    slutt = min(len(ordene), forste + UTDRAG_ETTER)
    deler = [_marker(o, sporring) for o in ordene[start:slutt]]
    tekst = " ".join(deler)
    if start > 0:
        tekst = "… " + tekst
    if slutt < len(ordene):
        tekst += " …"
    return mark_safe(tekst)  # noqa: S308 -- every part went through escape() in _marker


def _treff_i(ord_: str, sporring: Sporring) -> bool:
    return any(_er_treff(del_, sporring) for del_ in _ORD.findall(ord_))


def _marker(ord_: str, sporring: Sporring) -> str:
    """The word escaped, with each matching word part wrapped in <mark>."""
    deler = []
    posisjon = 0
    for treff in _ORD.finditer(ord_):
        deler.append(escape(ord_[posisjon : treff.start()]))
        del_ = escape(treff.group())
        deler.append(f"<mark>{del_}</mark>" if _er_treff(treff.group(), sporring) else del_)
        posisjon = treff.end()
    deler.append(escape(ord_[posisjon:]))
    return "".join(deler)
