"""The avvik categories seen in practice (DOMAIN.md § 4), both ways, as shipped; administrators
edit them. Each says whose failure it is and whether it concerns the time of discharge (only
then is the time checked against the discharge routine)."""

HF, KOMMUNE, BEGGE = "helseforetak", "kommune", "begge"

# (name, whose failure, concerns the time of discharge)
KATEGORIER = [
    # The health trust's failures.
    ("Utskrivning utenfor avtalt tid", HF, True),
    ("Manglende epikrise", HF, False),
    ("Manglende legemiddelliste", HF, False),
    (
        "Manglende beskrivelse av funksjon eller diagnose ved melding om utskrivningsklar pasient",
        HF,
        False,
    ),
    ("Utskrevet uten bekreftet mottak", HF, False),
    ("Meldt utskrivningsklar, men ikke utskrevet", HF, False),
    ("Sykehuset lovet pasienten en kommunal tjeneste", HF, False),
    ("Manglende varsel innen 24 timer etter innleggelse", HF, False),
    # The municipality's failures.
    ("Kommunen svarte ikke samme dag om den kan ta imot pasienten", KOMMUNE, False),
    ("Kommunen tok ikke imot pasienten da den var utskrivningsklar", KOMMUNE, False),
    ("Innleggelse uten nødvendige opplysninger fra legevakt eller fastlege", KOMMUNE, False),
    ("Manglende legemiddelliste ved innleggelse", KOMMUNE, False),
    # Either party.
    ("Rutiner for elektroniske meldinger ikke fulgt", BEGGE, False),
    ("Annet brudd på avtale eller rutine", BEGGE, False),
]

# Shipped before categories went both ways; what they became.
OMDOPT = {
    "Innleggelse uten nødvendige opplysninger": (
        "Innleggelse uten nødvendige opplysninger fra legevakt eller fastlege"
    ),
}


def sikre_kategorier(kategori_modell) -> None:
    """Create the shipped categories that are missing (data migration and demo data); an
    existing one keeps what an administrator set."""
    for navn, svikt, tid in KATEGORIER:
        kategori_modell.objects.get_or_create(
            navn=navn, defaults={"svikt_hos": svikt, "gjelder_utskrivningstid": tid}
        )


# The categories about payment for patients ready for discharge (avvik/betaling.py): their
# avvik carry the timestamps of the course. (name, whose failure)
BETALINGSKATEGORIER = [
    ("Kommunen tok ikke imot pasienten da den var utskrivningsklar", KOMMUNE),
    ("Kommunen svarte ikke samme dag om den kan ta imot pasienten", KOMMUNE),
    ("Meldt utskrivningsklar, men ikke utskrevet", HF),
    ("Manglende varsel innen 24 timer etter innleggelse", HF),
    ("Uenighet om betaling for utskrivningsklar pasient", BEGGE),
]


def sikre_betalingskategorier(kategori_modell) -> None:
    """Create the payment categories that are missing, marked as such (before
    sikre_kategorier, on an emptied database); an existing one keeps what an administrator
    set. A separate function: the older data migrations call sikre_kategorier with a model
    that has no gjelder_betaling."""
    for navn, svikt in BETALINGSKATEGORIER:
        kategori_modell.objects.get_or_create(
            navn=navn, defaults={"svikt_hos": svikt, "gjelder_betaling": True}
        )
