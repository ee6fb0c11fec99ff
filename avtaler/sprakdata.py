"""The word lists of the language check, as shipped. Administrators edit them in the
database (Sprakuttrykk); these are the defaults the data migration loads.

Each entry: (category, expression, explanation). Expressions are matched as whole words,
case-insensitive; both bokmål and nynorsk forms are listed.
"""

FORPLIKTENDE = "forpliktende"
INTENSJON = "intensjon"
VAG = "vag"
AVDEMPER = "avdemper"  # turns a binding verb into an intention: «skal søke å»

STANDARD = [
    # Binding: the party must do it.
    (FORPLIKTENDE, "skal", ""),
    (FORPLIKTENDE, "må", ""),
    (FORPLIKTENDE, "plikter", ""),
    (FORPLIKTENDE, "pliktar", ""),
    (FORPLIKTENDE, "er forpliktet til", ""),
    (FORPLIKTENDE, "er forplikta til", ""),
    (FORPLIKTENDE, "forplikter seg til", ""),
    (FORPLIKTENDE, "forpliktar seg til", ""),
    (FORPLIKTENDE, "er ansvarlig for", ""),
    (FORPLIKTENDE, "er ansvarleg for", ""),
    (FORPLIKTENDE, "har ansvar for", ""),
    (FORPLIKTENDE, "har ansvaret for", ""),
    (FORPLIKTENDE, "har ansvar for å", ""),
    (FORPLIKTENDE, "har et felles ansvar for", ""),
    (FORPLIKTENDE, "har et særlig ansvar for", ""),
    (FORPLIKTENDE, "har et særskilt ansvar for", ""),
    (FORPLIKTENDE, "har eit særleg ansvar for", ""),
    (FORPLIKTENDE, "sørger for", ""),
    (FORPLIKTENDE, "syter for", ""),
    # Intention: the party may, or tries to.
    (INTENSJON, "bør", "«Bør» er en anbefaling. Skriv «skal» hvis det er en plikt."),
    (
        INTENSJON,
        "kan",
        "«Kan» gir en mulighet, ikke en plikt. Skriv «skal» og hvem som skal gjøre det.",
    ),
    (INTENSJON, "søker å", "«Søker å» forplikter ikke til et resultat. Skriv hva som skal gjøres."),
    (
        INTENSJON,
        "søkjer å",
        "«Søkjer å» forplikter ikke til et resultat. Skriv hva som skal gjøres.",
    ),
    (
        INTENSJON,
        "tilstreber",
        "«Tilstreber» er en intensjon. Skriv hva som skal skje, og innen når.",
    ),
    (
        INTENSJON,
        "tilstrebar",
        "«Tilstrebar» er en intensjon. Skriv hva som skal skje, og innen når.",
    ),
    (INTENSJON, "legger til rette for", "«Legger til rette for» sier ikke hvem som gjør hva."),
    (INTENSJON, "legg til rette for", "«Legg til rette for» sier ikke hvem som gjer kva."),
    (INTENSJON, "ønsker", "«Ønsker» er ikke en forpliktelse."),
    (INTENSJON, "ønskjer", "«Ønskjer» er ikke en forpliktelse."),
    (INTENSJON, "tar sikte på", "«Tar sikte på» er en intensjon. Skriv hva som skal skje."),
    # Softeners: after a binding verb they make it an intention again.
    (AVDEMPER, "søke å", "«Skal søke å» forplikter bare til å prøve."),
    (AVDEMPER, "søkje å", "«Skal søkje å» forplikter bare til å prøve."),
    (AVDEMPER, "tilstrebe", "«Skal tilstrebe» forplikter bare til å prøve."),
    (AVDEMPER, "bidra til", "«Bidra til» sier ikke hvem som har ansvaret."),
    (AVDEMPER, "legge til rette for", "«Legge til rette for» sier ikke hvem som gjør hva."),
    (AVDEMPER, "arbeide for", "«Arbeide for» forplikter ikke til et resultat."),
    (AVDEMPER, "strebe etter", "«Strebe etter» forplikter ikke til et resultat."),
    # Vague phrases: they make a duty impossible to check.
    (VAG, "ved behov", "Hvem avgjør behovet? Skriv kriteriet, eller hvem som avgjør."),
    (VAG, "etter behov", "Hvem avgjør behovet? Skriv kriteriet, eller hvem som avgjør."),
    (VAG, "etter hvert", "Skriv en frist."),
    (VAG, "etter kvart", "Skriv en frist."),
    (VAG, "i størst mulig grad", "Skriv hva som skal oppnås."),
    (VAG, "i størst mogleg grad", "Skriv hva som skal oppnås."),
    (VAG, "så langt det er mulig", "Skriv hva som skal gjøres, og hva unntaket er."),
    (VAG, "så langt det lar seg gjøre", "Skriv hva som skal gjøres, og hva unntaket er."),
    (VAG, "så tidlig som mulig", "Skriv en frist, for eksempel «innen 24 timer»."),
    (VAG, "så snart som mulig", "Skriv en frist, for eksempel «innen 24 timer»."),
    (VAG, "om mulig", "Skriv når unntaket gjelder."),
    (VAG, "hvis mulig", "Skriv når unntaket gjelder."),
    (VAG, "dersom mulig", "Skriv når unntaket gjelder."),
    (VAG, "hensiktsmessig", "Hvem vurderer hva som er hensiktsmessig? Skriv kriteriet."),
    (VAG, "føremålstenleg", "Hvem vurderer hva som er føremålstenleg? Skriv kriteriet."),
    (VAG, "i rimelig tid", "Skriv en frist."),
    (VAG, "i god tid", "Skriv en frist."),
    (VAG, "bidra til", "«Bidra til» sier ikke hvem som har ansvaret."),
    (VAG, "søke å", "«Søke å» forplikter bare til å prøve."),
    (VAG, "tilstrebe", "«Tilstrebe» forplikter bare til å prøve."),
    (VAG, "som regel", "Skriv når unntaket gjelder."),
    (VAG, "fortrinnsvis", "Skriv hva som gjelder, og når unntaket gjelder."),
]

# Who is named: (party, expressions). «partene» is both parties.
PARTER = [
    (
        "kommunen",
        [
            "kommunen",
            "kommunene",
            "kommunane",
            "kommunens",
            "kommunenes",
            "tildelingskontoret",
            "legevakten",
            "legevakta",
            "fastlegen",
            "fastlegene",
        ],
    ),
    (
        "helseforetaket",
        [
            "helseforetaket",
            "helseføretaket",
            "helseforetakets",
            "sykehuset",
            "sjukehuset",
            "vestre viken",
            "spesialisthelsetjenesten",
            "klinikken",
            "avdelingen",
            "avdelinga",
            "hf",
        ],
    ),
    ("partene", ["partene", "partane", "begge parter", "begge partar", "avtalepartene"]),
]
