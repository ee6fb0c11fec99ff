"""Norwegian alphabetical order, whatever the database's collation is."""

from hypothesis import given
from hypothesis import strategies as st

from kjerne.sortering import norsk_nokkel


def test_norwegian_letters_come_last_in_their_own_order():
    navn = ["Ål", "Øvre Eiker", "Asker", "Ærøy", "Bærum", "Zeta"]
    assert sorted(navn, key=norsk_nokkel) == ["Asker", "Bærum", "Zeta", "Ærøy", "Øvre Eiker", "Ål"]


@given(
    st.text(alphabet="abcxyzæøåABCÆØÅ ", max_size=8),
    st.text(alphabet="abcxyzæøåABCÆØÅ ", max_size=8),
)
def test_order_ignores_case(a, b):
    assert (norsk_nokkel(a) < norsk_nokkel(b)) == (
        norsk_nokkel(a.upper()) < norsk_nokkel(b.upper())
    )


NAVN = ["Ål kommune", "Øvre Eiker kommune", "Asker kommune", "Ærøy kommune", "Zeta kommune"]
NORSK = ["Asker kommune", "Zeta kommune", "Ærøy kommune", "Øvre Eiker kommune", "Ål kommune"]


def test_the_database_sorts_names_in_the_same_norwegian_order(helsefellesskap):
    """SQLite by code point puts «Å» before «Ø»; PostgreSQL in C or English collation among
    the a's. Norsk() gives the order of norsk_nokkel on both, and is the models' default."""
    from helsefellesskap.models import Organisasjon
    from kjerne.sortering import Norsk
    from tests.factories import KommuneFactory

    for navn in NAVN:
        KommuneFactory(navn=navn.replace("Asker", "ASKER"), helsefellesskap=helsefellesskap)
    ventet = [n.replace("Asker", "ASKER") for n in NORSK]
    assert list(Organisasjon.objects.values_list("navn", flat=True)) == ventet
    assert list(
        Organisasjon.objects.order_by(Norsk("navn").desc()).values_list("navn", flat=True)
    ) == list(reversed(ventet))
    assert sorted(ventet, key=norsk_nokkel) == ventet
