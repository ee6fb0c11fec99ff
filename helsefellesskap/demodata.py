"""Demo data: Helsefellesskap Vest-Viken with Vestre Viken HF, 22 municipalities and five LSU areas.

Loading is idempotent: what exists and is equal is left alone, so running it
again writes nothing (not even history rows).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from helsefellesskap.models import (
    Fellesskapsmedlem,
    Helsefellesskap,
    Lokalomrade,
    Medlemskap,
    Organisasjon,
    User,
)
from helsefellesskap.validators import organisasjonsnummer_kontrollsiffer

DEMO_PASSORD = "Samhandling-2026"

# Kommunenummer in force from 1 January 2024.
KOMMUNER = {
    "Asker": "3203",
    "Bærum": "3201",
    "Drammen": "3301",
    "Lier": "3312",
    "Modum": "3316",
    "Øvre Eiker": "3314",
    "Sigdal": "3332",
    "Krødsherad": "3318",
    "Flå": "3320",
    "Nesbyen": "3322",
    "Gol": "3324",
    "Hemsedal": "3326",
    "Ål": "3328",
    "Hol": "3330",
    "Ringerike": "3305",
    "Hole": "3310",
    "Jevnaker": "3236",
    "Kongsberg": "3303",
    "Flesberg": "3334",
    "Rollag": "3336",
    "Nore og Uvdal": "3338",
    "Holmestrand": "3903",
}

# Seed 004 § 2: «21 kommuner i Helsefelleskapet Vest-Viken og Holmestrand kommune» – Holmestrand
# is a party to the agreements, not a member of the Helsefellesskap.
IKKE_MEDLEMMER = {"Holmestrand"}

# Seed 000 § 5.4: an LSU for each local hospital and «kommunene rundt». Asker spans two areas
# since 2020 (old Asker with Bærum sykehus, Røyken and Hurum with Drammen sykehus); Holmestrand
# (with Sande) sits in Drammen sykehus' area as a party, not a member of the Helsefellesskap.
LSU_OMRADER = {
    "Bærum sykehus": ["Asker", "Bærum"],
    "Drammen sykehus": [
        "Drammen",
        "Lier",
        "Øvre Eiker",
        "Modum",
        "Sigdal",
        "Asker",
        "Holmestrand",
    ],
    "Kongsberg sykehus": ["Kongsberg", "Flesberg", "Rollag", "Nore og Uvdal"],
    "Ringerike sykehus": ["Ringerike", "Hole", "Jevnaker", "Krødsherad"],
    "Hallingdal sjukestugu": ["Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"],
}

HELSEFORETAK = "Vestre Viken HF"
MEDLEM_FRA = datetime.date(2020, 10, 1)  # the Helsefellesskap reform took effect in 2020

# (e-post, navn, organisasjon, rolle, systemforvalter)
BRUKERE = [
    ("admin@demo.no", "Ada Administrator", HELSEFORETAK, Medlemskap.Rolle.ADMINISTRATOR, True),
    (
        "koordinator@demo.no",
        "Kari Koordinator",
        "Drammen",
        Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR,
        False,
    ),
    (
        "sekretaer@demo.no",
        "Sindre Sekretær",
        HELSEFORETAK,
        Medlemskap.Rolle.UTVALGSSEKRETAER,
        False,
    ),
    ("ansatt@demo.no", "Anne Ansatt", "Bærum", Medlemskap.Rolle.ANSATT, False),
]


def demo_organisasjonsnummer(grunnlag: str) -> str:
    """A fictitious but valid organisation number made from seven digits."""
    for siffer in "0123456789":
        forste_atte = grunnlag + siffer
        kontroll = organisasjonsnummer_kontrollsiffer(forste_atte)
        if kontroll is not None:
            return f"{forste_atte}{kontroll}"
    raise ValueError(f"Ingen gyldig organisasjonsnummer fra {grunnlag}")


@dataclass
class Rapport:
    opprettet: list[str] = field(default_factory=list)
    endret: list[str] = field(default_factory=list)


def _sikre(rapport: Rapport, model, oppslag: dict, verdier: dict):
    """Create the row, or bring it up to date; save only when something differs."""
    objekt = model.objects.filter(**oppslag).first()
    if objekt is None:
        objekt = model.objects.create(**oppslag, **verdier)
        rapport.opprettet.append(str(objekt))
        return objekt
    endret = [navn for navn, verdi in verdier.items() if getattr(objekt, navn) != verdi]
    if endret:
        for navn in endret:
            setattr(objekt, navn, verdier[navn])
        objekt.save(update_fields=endret)
        rapport.endret.append(str(objekt))
    return objekt


@transaction.atomic
def last_demodata() -> Rapport:
    rapport = Rapport()
    vest_viken = _sikre(
        rapport,
        Helsefellesskap,
        {"kortnavn": "vest-viken"},
        {"navn": "Helsefellesskap Vest-Viken"},
    )
    organisasjoner = {
        HELSEFORETAK: _sikre(
            rapport,
            Organisasjon,
            {"organisasjonsnummer": demo_organisasjonsnummer("9940000")},
            {
                "navn": HELSEFORETAK,
                "type": Organisasjon.Type.HELSEFORETAK,
                "kommunenummer": "",
                "helsefellesskap": vest_viken,
            },
        )
    }
    for navn, kommunenummer in KOMMUNER.items():
        organisasjoner[navn] = _sikre(
            rapport,
            Organisasjon,
            {"kommunenummer": kommunenummer},
            {
                "navn": f"{navn} kommune",
                "type": Organisasjon.Type.KOMMUNE,
                "organisasjonsnummer": demo_organisasjonsnummer(f"96{kommunenummer}0"),
                "helsefellesskap": vest_viken,
            },
        )
    for navn, organisasjon in organisasjoner.items():
        if navn in IKKE_MEDLEMMER:
            Fellesskapsmedlem.objects.filter(organisasjon=organisasjon).delete()
        elif not Fellesskapsmedlem.objects.filter(
            organisasjon=organisasjon, helsefellesskap=vest_viken
        ).exists():
            Fellesskapsmedlem.objects.create(
                organisasjon=organisasjon, helsefellesskap=vest_viken, fra=MEDLEM_FRA
            )
            rapport.opprettet.append(f"{navn}: medlem av {vest_viken.navn}")
    for omradenavn, kommunenavn in LSU_OMRADER.items():
        omrade = _sikre(
            rapport, Lokalomrade, {"helsefellesskap": vest_viken, "navn": omradenavn}, {}
        )
        onsket = {organisasjoner[navn].pk for navn in kommunenavn}
        if set(omrade.kommuner.values_list("pk", flat=True)) != onsket:
            omrade.kommuner.set(onsket, through_defaults={"fra": MEDLEM_FRA})
            rapport.endret.append(f"{omradenavn}: kommuner")
    for email, navn, orgnavn, rolle, systemforvalter in BRUKERE:
        bruker = User.objects.filter(email=email).first()
        if bruker is None:
            bruker = User.objects.create_user(
                email,
                navn,
                DEMO_PASSORD,
                is_staff=systemforvalter,
                is_superuser=systemforvalter,
            )
            rapport.opprettet.append(str(bruker))
        _, opprettet = Medlemskap.objects.get_or_create(
            bruker=bruker, organisasjon=organisasjoner[orgnavn], rolle=rolle
        )
        if opprettet:
            rapport.opprettet.append(f"{navn}: {rolle}")
    return rapport
