"""Which organisation the person acts for, read from the token's ``authorization_details``
(Rich Authorization Requests, RFC 9396) in the forms Ansattporten uses:

- ``ansattporten:altinn:resource``: ``authorized_parties[].orgno.ID``
- ``ansattporten:altinn:service``: ``reportees[].ID``
- ``ansattporten:orgno``: ``orgno.ID``

An ID is an ISO 6523 identifier, ``0192:`` (the Norwegian register) and nine digits. The user
chooses one organisation in Ansattporten's organisation picker; a person acting for themselves
has none.
"""

import re

NORSK_REGISTER = "0192"
_NI_SIFRE = re.compile(r"\d{9}")


def _orgnr(verdi) -> str | None:
    if isinstance(verdi, dict):
        verdi = verdi.get("ID")
    if not isinstance(verdi, str):
        return None
    register, skille, nummer = verdi.rpartition(":")
    if skille and register != NORSK_REGISTER:
        return None
    return nummer if _NI_SIFRE.fullmatch(nummer) else None


def organisasjonsnumre(krav: dict) -> list[str]:
    """The organisation numbers the token says the person acts for, in the token's order."""
    detaljer = krav.get("authorization_details")
    if isinstance(detaljer, dict):
        detaljer = [detaljer]
    if not isinstance(detaljer, list):
        return []
    funnet: list[str] = []
    for detalj in detaljer:
        if not isinstance(detalj, dict):
            continue
        type_ = detalj.get("type")
        if type_ == "ansattporten:altinn:resource":
            kandidater = [p.get("orgno") for p in _liste(detalj.get("authorized_parties"))]
        elif type_ == "ansattporten:altinn:service":
            kandidater = [r.get("ID") for r in _liste(detalj.get("reportees"))]
        elif type_ == "ansattporten:orgno":
            kandidater = [detalj.get("orgno")]
        else:
            continue
        for kandidat in kandidater:
            if (nummer := _orgnr(kandidat)) and nummer not in funnet:
                funnet.append(nummer)
    return funnet


def _liste(verdi) -> list[dict]:
    return [v for v in verdi if isinstance(v, dict)] if isinstance(verdi, list) else []
