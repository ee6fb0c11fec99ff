"""The avvik categories seen in practice (DOMAIN.md §4), as shipped; administrators edit them."""

KATEGORIER = [
    ("Utskrivning utenfor avtalt tid", True),
    ("Manglende epikrise", True),
    ("Manglende legemiddelliste", True),
    (
        "Manglende beskrivelse av funksjon eller diagnose ved melding om utskrivningsklar pasient",
        True,
    ),
    ("Utskrevet uten bekreftet mottak", True),
    ("Meldt utskrivningsklar, men ikke utskrevet", True),
    ("Sykehuset lovet pasienten en kommunal tjeneste", True),
    ("Innleggelse uten nødvendige opplysninger", False),
    ("Rutiner for elektroniske meldinger ikke fulgt", False),
    ("Annet brudd på avtale eller rutine", False),
]


def sikre_kategorier(kategori_modell) -> None:
    """Create the shipped categories that are missing (data migration and demo data)."""
    for navn, utskrivning in KATEGORIER:
        kategori_modell.objects.get_or_create(
            navn=navn, defaults={"gjelder_utskrivning": utskrivning}
        )
