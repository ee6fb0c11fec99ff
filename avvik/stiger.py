"""The two escalation ladders of DOMAIN.md §3, created per Helsefellesskap as data."""

from avvik.models import Eskaleringstrinn, Stigetype

M = Eskaleringstrinn.Mal

STANDARD = {
    Stigetype.PASIENTRELATERT: [
        ("Løses så nært pasienten som mulig, i dialog mellom tjenestene", M.DIALOG),
        (
            "Møte mellom klinikkdirektør i helseforetaket og kommunens administrative ledelse",
            M.DIALOG,
        ),
        ("Prinsipiell drøfting i lokalt samarbeidsutvalg (LSU)", M.LSU),
        ("Nasjonal tvisteløsningsnemnd", M.NASJONAL),
    ],
    Stigetype.AVTALESPORSMAL: [
        ("Løses på lavest mulig tjenestenivå", M.DIALOG),
        ("Prinsipiell drøfting i strategisk samarbeidsutvalg (SSU)", M.SSU),
        ("Nasjonal tvisteløsningsnemnd", M.NASJONAL),
    ],
}


def trinn_for(helsefellesskap, stige: str) -> list[Eskaleringstrinn]:
    """The ladder of the Helsefellesskap, created from the standard the first time."""
    trinn = list(
        Eskaleringstrinn.objects.filter(helsefellesskap=helsefellesskap, stige=stige).order_by(
            "nummer"
        )
    )
    if trinn:
        return trinn
    # bulk_create returns the rows with their keys, in order of nummer.
    return Eskaleringstrinn.objects.bulk_create(
        [
            Eskaleringstrinn(
                helsefellesskap=helsefellesskap, stige=stige, nummer=i, beskrivelse=tekst, mal=mal
            )
            for i, (tekst, mal) in enumerate(STANDARD[stige], start=1)
        ]
    )
