"""Norwegian full-text search over the clauses of agreements.

One interface, two engines, each with an index of the clauses of versions not replaced (only
those can be in force or drafts), kept by database triggers (migrations 0011 and 0012):
- PostgreSQL: the stored ``tsvector`` of ``avtaler_sokedokument``, heading weighted above text,
  ``ts_rank`` and a GIN index. Snowball stems both sides and each query stem matches as a
  prefix, so *utskrivning* finds *utskrivningsklare*.
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
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from avtaler import access as avtale_access
from avtaler.models import Avtaleversjon, Punktversjon, Sokedokument
from helsefellesskap.models import Organisasjon

MAKS_ORD = 8
MAKS_TREFF = 50
UTDRAG_FOR = 12
UTDRAG_ETTER = 28
_ORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("norwegian")


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


def synlige_versjoner(user, kommune=None) -> QuerySet[Avtaleversjon]:
    """Versions in force today for everyone (for the municipality: its own agreement's
    versions); members also see their parties' drafts."""
    gjeldende = Avtaleversjon.objects.gjeldende(None, kommune)
    if not user.is_authenticated:
        return gjeldende  # one subquery less to plan, 1 ms a search
    utkast = avtale_access.lesbare_utkast(user)
    if kommune is not None:
        utkast = utkast.filter(parter=kommune)
    return Avtaleversjon.objects.filter(Q(pk__in=gjeldende) | Q(pk__in=utkast))


# Best first; among equals, grouped by agreement in document order.
_REKKEFOLGE = ("-rang", "versjon__avtale__tittel", "rekkefolge")


def _rangert(
    versjoner: QuerySet[Avtaleversjon], sporring: Sporring, grense: int
) -> QuerySet[Punktversjon]:
    if connection.vendor == "postgresql":
        # Each word stemmed by PostgreSQL, then as a prefix: "utskrivning" finds the lexeme of
        # "utskrivningsklare". (Words are \w+ only, so they cannot break out of the quotes.)
        prefikser = " & ".join(f"'{ord_}':*" for ord_ in sporring.ord)
        sok = SearchQuery(prefikser, config="norwegian", search_type="raw")
        # The best clauses are chosen in avtaler_sokedokument alone: its stored document is
        # matched and ranked, and its version filtered, without joining the clauses. Joined
        # first, a common word dragged tens of thousands of wide rows through the sort.
        beste = (
            Sokedokument.objects.filter(dokument=sok, versjon__in=versjoner)
            .annotate(rang=SearchRank(F("dokument"), sok))
            .order_by("-rang", "versjon_id", "punkt_id")
            .values("punkt_id")[:grense]
        )
        return (
            Punktversjon.objects.filter(pk__in=beste)
            .annotate(rang=SearchRank(F("sokedokument__dokument"), sok))
            .order_by(*_REKKEFOLGE)
        )
    if not sporring.termer:
        return Punktversjon.objects.none()
    uttrykk = " AND ".join(f'"{stamme}"' for stamme in sporring.termer)
    # A join, not a correlated subquery: one MATCH for the whole query, the virtual table
    # answering by rowid. extra() is the ORM's way to put a virtual table in FROM.
    return (
        Punktversjon.objects.filter(versjon__in=versjoner)
        .extra(
            tables=["avtaler_punkt_sok"],
            select={"rang": "-bm25(avtaler_punkt_sok, 10.0, 1.0)"},
            where=[
                "avtaler_punkt_sok.rowid = avtaler_punktversjon.id",
                "avtaler_punkt_sok MATCH %s",
            ],
            params=[uttrykk],
        )
        .order_by(*_REKKEFOLGE)
    )


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
    kommune = None
    if kommunenummer:
        kommune = Organisasjon.objects.kommuner().filter(kommunenummer=kommunenummer).first()
        if kommune is None:
            return []
    versjoner = synlige_versjoner(user, kommune)
    if avtaletype:
        versjoner = versjoner.filter(avtale__type=avtaletype)
    punkter = _rangert(versjoner, sporring, grense).select_related("versjon", "versjon__avtale")
    punkter = punkter[:grense]
    return [Treff(punkt=punkt, utdrag=utdrag(punkt, sporring)) for punkt in punkter]


def utdrag(punkt: Punktversjon, sporring: Sporring) -> SafeString:
    """A window of the clause text around the first hit, hits marked with <mark>."""
    er_treff = _treffsjekk(sporring)
    ordene = punkt.tekst.split()
    forste = next((i for i, o in enumerate(ordene) if any(er_treff(d) for d in _ORD.findall(o))), 0)
    start = max(0, forste - UTDRAG_FOR)
    slutt = min(len(ordene), forste + UTDRAG_ETTER)
    # Escaped once as a whole, then each matching word wrapped; entities are left alone.
    tekst = _DEL.sub(
        lambda m: f"<mark>{m[0]}</mark>" if m[0][0] != "&" and er_treff(m[0]) else m[0],
        escape(" ".join(ordene[start:slutt])),
    )
    if start > 0:
        tekst = "… " + tekst
    if slutt < len(ordene):
        tekst += " …"
    return mark_safe(tekst)  # noqa: S308 -- escaped above; only <mark> added


_DEL = re.compile(r"&#?\w+;|\w+")


def _treffsjekk(sporring: Sporring):
    """Whether a word is a hit: its stem found in it, or the word itself asked for; each
    distinct word decided once."""
    termer, ordene, svar = sporring.termer, set(sporring.ord), {}

    def er_treff(ord_: str) -> bool:
        if ord_ not in svar:
            liten = ord_.casefold()
            svar[ord_] = liten in ordene or any(stamme in liten for stamme in termer)
        return svar[ord_]

    return er_treff
