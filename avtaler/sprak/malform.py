"""Which written standard a sentence is in: bokmål or nynorsk, by the words that differ."""

import re

# Words that occur in one standard and not (or rarely) in the other.
_NYNORSK = {
    *("ikkje", "kva", "korleis", "kven", "eit", "ein", "dei", "frå", "vere", "vore", "berre"),
    *("medan", "saman", "då", "heile", "fleire", "eigne", "eigen", "vert", "vart", "gje"),
    *("gjev", "sørgje", "syte", "høyrer", "òg", "mykje", "nokon", "noko", "sjølv", "kvar"),
    *("kvarandre", "helseføretaket", "helseføretak", "kommunane", "partane", "tenester"),
    *("tenesta", "tenestene", "avtala", "mogleg", "naudsynt", "føremål", "føremålet"),
    *("ansvarleg", "tilbod", "pasientar", "brukarar", "desse", "nærare", "heilskapleg"),
    *("samanhengande", "løysingar", "følgje", "gjennomføre", "utarbeidd", "møta", "fastlegane"),
}
_BOKMAL = {
    *("ikke", "hva", "hvordan", "hvem", "et", "en", "de", "fra", "være", "vært", "bare"),
    *("mens", "sammen", "da", "hele", "flere", "egne", "egen", "blir", "ble", "gi", "gir"),
    *("sørge", "høre", "også", "mye", "noen", "noe", "selv", "hver", "hverandre"),
    *("helseforetaket", "helseforetak", "kommunene", "partene", "tjenester", "tjenesten"),
    *("tjenestene", "mulig", "nødvendig", "formål", "formålet", "ansvarlig", "tilbud"),
    *("pasienter", "brukere", "disse", "nærmere", "helhetlig", "sammenhengende", "løsninger"),
}
_ORD = re.compile(r"[^\W\d_]+")


def gjett_malform(tekst: str, standard: str = "nb") -> str:
    """ "nb" or "nn" for a sentence or clause; `standard` when the words do not tell."""
    ord_ = [o.lower() for o in _ORD.findall(tekst)]
    nn = sum(1 for o in ord_ if o in _NYNORSK)
    nb = sum(1 for o in ord_ if o in _BOKMAL)
    if nn > nb:
        return "nn"
    if nb > nn:
        return "nb"
    return standard
