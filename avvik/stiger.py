"""The two escalation ladders of the agreement § 6 (DOMAIN.md § 3), created per
Helsefellesskap as data, with the deadlines of the dialogue steps.

The agreement's ladder has no deadlines of its own; the product's default for a dialogue step
is the one the demo's «Avtale om helhetlig pasientforløp» states in its avvik clause: the other
party «skal svare innen 10 virkedager». Deadlines are in working days (Norwegian public holidays
do not count, issue 18: «Deadlines in working days (Norwegian holidays), taken from the
agreement's ladder as data»), unless an agreement says calendar days; then the step says
«dager», and a deadline ending on a weekend or public holiday runs to the next working day.
Administrators set each Helsefellesskap's own.
"""

from dataclasses import dataclass

from avvik.models import Eskaleringstrinn, Stigetype

M = Eskaleringstrinn.Mal
VIRKEDAGER = Eskaleringstrinn.Fristenhet.VIRKEDAGER
KILDE = "Standard i løsningen (svare innen 10 virkedager); sett fristen avtalen fastsetter"


@dataclass(frozen=True)
class Steg:
    beskrivelse: str
    mal: str
    svarfrist: int | None = None
    innsigelsesfrist: int | None = None
    fristenhet: str = VIRKEDAGER
    fristkilde: str = ""


def _dialog(beskrivelse: str) -> Steg:
    return Steg(beskrivelse, M.DIALOG, 10, 10, VIRKEDAGER, KILDE)


STANDARD = {
    Stigetype.PASIENTRELATERT: [
        _dialog("Løses så nært pasienten som mulig, i dialog mellom tjenestene"),
        _dialog("Møte mellom klinikkdirektør i helseforetaket og kommunens administrative ledelse"),
        Steg("Prinsipiell drøfting i lokalt samarbeidsutvalg (LSU)", M.LSU),
        Steg("Nasjonal tvisteløsningsnemnd", M.NASJONAL),
    ],
    Stigetype.AVTALESPORSMAL: [
        _dialog("Løses på lavest mulig tjenestenivå"),
        Steg("Prinsipiell drøfting i strategisk samarbeidsutvalg (SSU)", M.SSU),
        Steg("Nasjonal tvisteløsningsnemnd", M.NASJONAL),
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
                helsefellesskap=helsefellesskap,
                stige=stige,
                nummer=i,
                beskrivelse=steg.beskrivelse,
                mal=steg.mal,
                svarfrist=steg.svarfrist,
                innsigelsesfrist=steg.innsigelsesfrist,
                fristenhet=steg.fristenhet,
                fristkilde=steg.fristkilde,
            )
            for i, steg in enumerate(STANDARD[stige], start=1)
        ]
    )
