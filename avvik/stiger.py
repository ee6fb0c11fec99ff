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


def lag_stiger(helsefellesskap, trinn_modell=Eskaleringstrinn) -> None:
    """Both ladders of a Helsefellesskap from the standard, where it has none of that kind:
    when the Helsefellesskap is created (avvik.apps), and by migration 0012 for those that
    existed before (``trinn_modell`` is then the historical model). Steps an administrator
    has changed are never touched."""
    finnes = set(
        trinn_modell.objects.filter(helsefellesskap_id=helsefellesskap.pk)
        .values_list("stige", flat=True)
        .distinct()
    )
    trinn_modell.objects.bulk_create(
        [
            trinn_modell(
                helsefellesskap_id=helsefellesskap.pk,
                stige=stige,
                nummer=i,
                beskrivelse=steg.beskrivelse,
                mal=steg.mal,
                svarfrist=steg.svarfrist,
                innsigelsesfrist=steg.innsigelsesfrist,
                fristenhet=steg.fristenhet,
                fristkilde=steg.fristkilde,
            )
            for stige, stegene in STANDARD.items()
            if stige not in finnes
            for i, steg in enumerate(stegene, start=1)
        ]
    )


def helsefellesskap_opprettet(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of Helsefellesskap: a new one gets its ladders (not rows loaded as they are
    from a fixture or a backup, which bring their own)."""
    if created and not raw:
        lag_stiger(instance)


def trinn_for(helsefellesskap, stige: str) -> list[Eskaleringstrinn]:
    """The steps of one ladder of the Helsefellesskap, in order. Only reads: the ladders are
    made when the Helsefellesskap is (lag_stiger)."""
    return list(
        Eskaleringstrinn.objects.filter(helsefellesskap=helsefellesskap, stige=stige).order_by(
            "nummer"
        )
    )
