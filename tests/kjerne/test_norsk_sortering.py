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
