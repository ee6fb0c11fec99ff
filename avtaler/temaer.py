"""The eleven statutory topics of helse- og omsorgstjenesteloven § 6-2."""

TEMAER = [
    (
        1,
        "Enighet om hvilke helse- og omsorgsoppgaver forvaltningsnivåene er pålagt ansvaret for, "
        "og hvilke tiltak partene til enhver tid skal utføre",
    ),
    (
        2,
        "Samarbeid om innleggelse, utskrivning, habilitering, rehabilitering og lærings- og "
        "mestringstilbud",
    ),
    (3, "Retningslinjer for innleggelse i sykehus"),
    (4, "Kommunens tilbud om døgnopphold for øyeblikkelig hjelp (§ 3-5 tredje ledd)"),
    (
        5,
        "Retningslinjer for samarbeid om utskrivningsklare pasienter som antas å ha behov for "
        "kommunale tjenester",
    ),
    (6, "Gjensidig kunnskapsoverføring, informasjonsutveksling, faglige nettverk og hospitering"),
    (7, "Samarbeid om forskning, utdanning, praksis og læretid"),
    (8, "Samarbeid om jordmortjenester"),
    (9, "Samarbeid om IKT-løsninger lokalt"),
    (10, "Samarbeid om forebygging"),
    (11, "Omforente beredskapsplaner og planer for den akuttmedisinske kjeden"),
]


def sikre_temaer(tema_modell) -> None:
    """Create or update the topics (used by the data migration and by the demo data)."""
    for nummer, tittel in TEMAER:
        tema_modell.objects.update_or_create(nummer=nummer, defaults={"tittel": tittel})
