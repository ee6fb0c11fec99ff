"""Norwegian alphabetical order: … x y z æ ø å, whatever the database's collation is."""

_NORSK = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "é": "e", "ü": "y"})


def norsk_nokkel(tekst: str) -> str:
    return tekst.casefold().translate(_NORSK)


def norsk_sortert(objekter, attributt: str = "navn") -> list:
    return sorted(objekter, key=lambda objekt: norsk_nokkel(getattr(objekt, attributt)))
