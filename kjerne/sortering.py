"""Norwegian alphabetical order: … x y z æ ø å, whatever the database's collation is.

One rule in three places: `norsk_nokkel` in Python, and `Norsk("navn")` in a query, which
computes the same key in the database (a function registered on each SQLite connection; the
same translation in SQL on PostgreSQL, compared byte by byte). Every list of names sorts with
one of them, never by the database's own collation (SQLite puts «Å» before «Ø», and a
PostgreSQL in C or English collation puts it among the a's)."""

from django.db.models import Func, TextField

_FRA = "æøåäöéü"
_TIL = "{|}{|ey"
_NORSK = str.maketrans(dict(zip(_FRA, _TIL, strict=True)))


def norsk_nokkel(tekst: str) -> str:
    return tekst.lower().translate(_NORSK)


def norsk_sortert(objekter, attributt: str = "navn") -> list:
    return sorted(objekter, key=lambda objekt: norsk_nokkel(getattr(objekt, attributt)))


class Norsk(Func):
    """The sort key of `norsk_nokkel` for a text column: `order_by(Norsk("navn"))`."""

    function = "norsk_nokkel"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # lower() in a C-type database leaves Æ Ø Å as they are: translate both cases.
        fra, til = _FRA.upper() + _FRA, _TIL + _TIL
        return self.as_sql(
            compiler,
            connection,
            template=f"(translate(lower(%(expressions)s), '{fra}', '{til}') COLLATE \"C\")",
            **extra_context,
        )


def registrer_sqlite(sender, connection, **kwargs) -> None:
    """Each new SQLite connection learns norsk_nokkel (connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "norsk_nokkel",
            1,
            lambda tekst: None if tekst is None else norsk_nokkel(tekst),
            deterministic=True,
        )
