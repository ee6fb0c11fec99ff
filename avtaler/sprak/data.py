"""The word lists of the language check, as shipped: bokmål and nynorsk. Administrators edit
them in the database (Sprakuttrykk); the data migrations load these defaults.

Each entry: (category, expression, explanation, written standard, meaning). Expressions match
whole words, case-insensitively. Notation inside an expression:
  «…»       up to five words («har … ansvar for» finds «har et felles ansvar for»)
  «*»       letters inside a word («*plikt» finds «veiledningsplikt»)
  «<Navn>»  a word with a capital letter («<Navn> kommune» finds «Drammen kommune»)
  «<X>»     one capital letter («kommune <X>» finds «Kommune A»)
The written standard is "" (both), "nb" or "nn"; the meaning names what a party expression
stands for (kommunen, helseforetaket, partene, or the third party: fastlegen, pasienten …).
"""

from pathlib import Path

# Levels of a sentence, strongest first (a clause is as binding as its strongest sentence).
FORBUD = "forbud"
FORPLIKTENDE = "forpliktende"
VILKAR = "vilkar"
RETTIGHET = "rettighet"
INTENSJON = "intensjon"
UKLAR = "uklar"
BESKRIVELSE = "beskrivelse"
NIVAER = (FORBUD, FORPLIKTENDE, VILKAR, RETTIGHET, INTENSJON, UKLAR, BESKRIVELSE)

# Categories of expressions. The engine's rules combine them (see motor.py).
AVDEMPER = "avdemper"  # after a binding verb it makes an intention: «skal søke å»
VAG = "vag"
KAN = "kan"  # the modal of possibility: its use decides right, ability or description
BESLUTNING = "beslutning"  # «Kommunen avgjør …»: a power when a party is the subject
NEKTING = "nekting"  # «ikke» next to a modal makes a prohibition
EPISTEMISK = "epistemisk"  # «kan være», «vil påvirke»: possibility or prediction, not a rule
FORMAL = "formal"  # «for at … kan»: purpose or ability
BISETNING = "bisetning"  # «som skal», «hvordan … skal»: the modal belongs to a subordinate clause
BETINGELSE = "betingelse"  # «Dersom …, skal»: the leading clause is a condition, not the rule
DOKUMENT = "dokument"  # «Avtalen skal regulere …»: the document's scope, not a duty
DEFINISJON = "definisjon"  # «skal være en arena»: what something is
MOTTAKER = "mottaker"  # «Pasientene skal oppleve»: the subject receives, it carries no duty
ROLLE = "rolle"  # «har en sentral rolle»: names a role without a rule
# A fronted adverbial: the subject follows the verb («Ved utskrivning skal helseforetaket»).
ADVERBIAL = "adverbial"
PREPOSISJON = "preposisjon"  # «med kommunen»: a party after it is not the subject
PART = "part"
IKKE_PART = "ikke_part"
# Reported speech: «Ålesund mener driftsavtalen skal …» reports a view, it lays down no rule.
REFERAT = "referat"

# Meanings of party expressions.
KOMMUNEN, HELSEFORETAKET, PARTENE = "kommunen", "helseforetaket", "partene"

KATEGORIER = (
    FORPLIKTENDE,
    FORBUD,
    VILKAR,
    RETTIGHET,
    INTENSJON,
    UKLAR,
    AVDEMPER,
    VAG,
    KAN,
    BESLUTNING,
    NEKTING,
    EPISTEMISK,
    FORMAL,
    BISETNING,
    BETINGELSE,
    DOKUMENT,
    DEFINISJON,
    MOTTAKER,
    ROLLE,
    ADVERBIAL,
    PREPOSISJON,
    PART,
    IKKE_PART,
    REFERAT,
)

# Norway's health trusts by name and short name (the parties on the trusts' side).
HELSEFORETAK = (
    "Vestre Viken, Sørlandet sykehus, Sørlandets sykehus, Sykehuset Innlandet, Sykehuset Telemark,"
    " Sykehuset i Vestfold, Sykehuset Østfold, Oslo universitetssykehus,"
    " Lovisenberg Diakonale sykehus,"
    " Diakonhjemmet sykehus, Helse Bergen, Helse Fonna, Helse Førde, Helse Stavanger, Haraldsplass,"
    " Helse Møre og Romsdal, Helse Nord-Trøndelag, St. Olavs hospital, Nordlandssykehuset,"
    " Helgelandssykehuset, Finnmarkssykehuset, Universitetssykehuset Nord-Norge"
)

_SKRIV_SKAL = "Skriv «skal» og hvem som skal gjøre det, hvis det er en plikt."


def _liste(kategori: str, uttrykk: str, forklaring: str = "", malform: str = "", betyr: str = ""):
    """Entries of one category from a comma-separated string."""
    return [
        (kategori, u.strip(), forklaring, malform, betyr) for u in uttrykk.split(",") if u.strip()
    ]


STANDARD = [
    # Binding duty.
    *_liste(FORPLIKTENDE, "er … forpliktet til, er … forplikta til, har … ansvar for"),
    *_liste(FORPLIKTENDE, "det er … ansvar, det er … plikt, er enige om å, er samde om å"),
    *_liste(FORPLIKTENDE, "har … ansvaret, har … plikta, har … plikten"),
    *_liste(
        FORPLIKTENDE, "skal, må, plikter, er pliktig til, er forpliktet til, forplikter … seg til"
    ),
    *_liste(
        FORPLIKTENDE, "er pålagt, pålagt å, har … plikt, har … *plikt, har ansvar, har … ansvar"
    ),
    *_liste(
        FORPLIKTENDE,
        "har ansvaret, med ansvar for, sørger for, påser, "
        "er ansvarlig for, er førende for, er bindende for",
    ),
    *_liste(FORPLIKTENDE, "det er stilt krav til, er det stilt krav til", malform="nb"),
    # Infinitives: a duty in a list item under «X skal:», else read through the verb before them.
    *_liste(FORPLIKTENDE, "sørge for, påse", malform="nb"),
    *_liste(FORPLIKTENDE, "ha ansvar for, ha … ansvar for, ha ansvaret for"),
    *_liste(FORPLIKTENDE, "sørgje for, syte for", malform="nn"),
    *_liste(
        FORPLIKTENDE,
        "pliktar, er forplikta til, forpliktar … seg til, syter for, er bindande for",
        malform="nn",
    ),
    *_liste(FORPLIKTENDE, "er ansvarleg for", malform="nn"),
    # «Vestre Viken har befolkningsansvar for …» (sak #21, uavhengig sett).
    *_liste(FORPLIKTENDE, "har *ansvar for, har … *ansvar for"),
    # The blind test of issue #21: the perfect («Partane har … forplikta seg til») and the
    # plural («Medlemane er sjølve ansvarlege for»).
    *_liste(FORPLIKTENDE, "har … forplikta seg til, har … forpliktet seg til"),
    *_liste(FORPLIKTENDE, "er … ansvarlige for", malform="nb"),
    *_liste(FORPLIKTENDE, "er … ansvarlege for", malform="nn"),
    # «Innvendig vedlikehald er bebuars ansvar», «… er et felles ansvar».
    *_liste(FORPLIKTENDE, "er … ansvar"),
    # Prohibition: a negation next to a modal («skal ikke», «ikke kan pålegge»).
    *_liste(NEKTING, "ikke, aldri, ingen", malform="nb"),
    *_liste(NEKTING, "ikkje, aldri, ingen, ingi", malform="nn"),
    # Binding condition.
    *_liste(
        VILKAR,
        "vilkår for, er et vilkår, forutsetter, forutsetning for, er en forutsetning, anses som",
    ),
    *_liste(VILKAR, "anses, gjelder kun, gjelder bare, ikke før, er betinget av", malform="nb"),
    *_liste(
        VILKAR,
        "føreset, forutset, føresetnad for, er ein føresetnad, "
        "er eit vilkår, vert rekna som, gjeld berre, ikkje før",
        malform="nn",
    ),
    # An exception is a condition: «Dette gjelder ikke dersom begge parter er enige …»; a duty
    # that arises when something happens: «Betalingsplikten inntrer også dersom …».
    *_liste(VILKAR, "gjelder ikke dersom, gjelder ikke når, inntrer", malform="nb"),
    *_liste(VILKAR, "gjeld ikkje dersom, gjeld ikkje når", malform="nn"),
    # «… er berre tillate så langt det har heimel i lov»: allowed only within a limit.
    *_liste(VILKAR, "bare tillatt, kun tillatt", malform="nb"),
    *_liste(VILKAR, "berre tillate, berre tillatt", malform="nn"),
    # Right, power, option.
    *_liste(RETTIGHET, "har … anledning til, har … rett til, har krav på, har … høve til"),
    *_liste(RETTIGHET, "har rett til, har beslutningsmyndighet, har myndighet til, står fritt til"),
    *_liste(RETTIGHET, "har anledning til, beslutter selv, bestemmer selv, avgjør selv"),
    # «Det skal være opp til kommunene å …»: the choice is theirs.
    *_liste(RETTIGHET, "være opp til, vere opp til"),
    # Compound rights, like compound duties: «har møte- og talerett», «har stemmerett».
    *_liste(
        RETTIGHET,
        "har … talerett, har … møterett, har … stemmerett, har … forslagsrett, "
        "har … innsynsrett, har … klagerett",
    ),
    *_liste(RETTIGHET, "gir … fullmakt, har fullmakt", malform="nb"),
    *_liste(
        RETTIGHET,
        "har rett til, har høve til, avgjer sjølv, bestemmer sjølv, "
        "står fritt til, har avgjerdsmynde, har mynde til",
        malform="nn",
    ),
    *_liste(KAN, "kan"),
    *_liste(BESLUTNING, "avgjør, beslutter, bestemmer, fastsetter, vedtar", malform="nb"),
    *_liste(BESLUTNING, "avgjer, bestemmer, fastset, vedtek", malform="nn"),
    # Intention: the party may try, wishes or aims.
    *_liste(INTENSJON, "oppfordres til, anbefales, det er ønskelig", _SKRIV_SKAL, "nb"),
    *_liste(INTENSJON, "oppmodast til, tilrådast, det er ønskjeleg", _SKRIV_SKAL, "nn"),
    (INTENSJON, "bør", "«Bør» er en anbefaling. " + _SKRIV_SKAL, "", ""),
    *_liste(INTENSJON, "søker å, tilstreber, tilstrebes, ønsker, tar sikte på", _SKRIV_SKAL, "nb"),
    *_liste(INTENSJON, "det er et mål, har som mål, legger til rette for", _SKRIV_SKAL, "nb"),
    *_liste(
        INTENSJON,
        "søkjer å, tilstrebar, tilstrebast, ønskjer, tek sikte på, legg til rette for",
        _SKRIV_SKAL,
        "nn",
    ),
    *_liste(INTENSJON, "det er eit mål, har som mål", _SKRIV_SKAL, "nn"),
    # A request is not a duty: «Medlemar som er ugilde … vert bedne om å gje melding».
    *_liste(INTENSJON, "blir bedt om, bes om", _SKRIV_SKAL, "nb"),
    *_liste(INTENSJON, "ynskjer, vert bedne om, vert bedt om", _SKRIV_SKAL, "nn"),
    # Ambiguous: «vil» with a party or body says neither rule nor fact.
    (UKLAR, "vil", "«Vil» kan leses som en plan eller en spådom. " + _SKRIV_SKAL, "", ""),
    *_liste(UKLAR, "forventes å, er forventet å, forventast å, er forventa å", _SKRIV_SKAL),
    *_liste(
        UKLAR,
        "det er en forventning om, det er ei forventning om, det er ei forventing om",
        _SKRIV_SKAL,
    ),
    # Softeners after a binding verb.
    *_liste(AVDEMPER, "forsøke, forsøkes, prøve å, prøves", _SKRIV_SKAL, "nb"),
    *_liste(AVDEMPER, "freiste å, forsøkast, prøvast", _SKRIV_SKAL, "nn"),
    *_liste(
        AVDEMPER,
        "søke å, søkes, tilstrebe, tilstrebes, etterstrebes, "
        "bidra til, legge til rette for, legge … til rette",
        _SKRIV_SKAL,
        "nb",
    ),
    *_liste(AVDEMPER, "arbeide for, strebe etter, tilrettelegge for", _SKRIV_SKAL, "nb"),
    # «Samarbeidet skal ha som målsetning å …»: an aim.
    *_liste(AVDEMPER, "ha som mål, ha som målsetning", _SKRIV_SKAL, "nb"),
    *_liste(AVDEMPER, "ha som mål, ha som målsetjing", _SKRIV_SKAL, "nn"),
    *_liste(
        AVDEMPER,
        "søkje å, søkast, tilstrebast, medverke til, "
        "leggje til rette for, leggje … til rette, arbeide for",
        _SKRIV_SKAL,
        "nn",
    ),
    # Vague phrases: they make a duty impossible to check.
    *_liste(
        VAG,
        "som hovedregel, vanligvis, normalt, i utgangspunktet",
        "Skriv når unntaket gjelder.",
        "nb",
    ),
    *_liste(
        VAG,
        "som hovudregel, vanlegvis, normalt, i utgangspunktet",
        "Skriv når unntaket gjelder.",
        "nn",
    ),
    *_liste(
        VAG, "ved behov, etter behov, dersom det er behov", "Hvem avgjør behovet? Skriv kriteriet."
    ),
    *_liste(
        VAG,
        "så … som mulig, om mulig, hvis mulig, dersom mulig, dersom det er mulig",
        "Skriv hva som skal gjøres, og når unntaket gjelder.",
        "nb",
    ),
    *_liste(
        VAG,
        "så langt det er mulig, så langt det lar seg gjøre, i størst mulig grad",
        "Skriv hva som skal oppnås.",
        "nb",
    ),
    *_liste(
        VAG,
        "lavest mulig, nærmest mulig, best mulig, raskest mulig",
        "Skriv hva som skal oppnås.",
        "nb",
    ),
    *_liste(
        VAG,
        "så … som mogleg, om mogleg, dersom det er mogleg, i størst mogleg grad",
        "Skriv hva som skal oppnås.",
        "nn",
    ),
    *_liste(
        VAG,
        "så langt det er mogleg, lågast mogleg, nærast mogleg, best mogleg",
        "Skriv hva som skal oppnås.",
        "nn",
    ),
    *_liste(
        VAG,
        "om nødvendig, ved behov, etter behov, i den grad",
        "Skriv kriteriet, eller hvem som avgjør.",
    ),
    *_liste(VAG, "om naudsynt, dersom naudsynt", "Skriv kriteriet, eller hvem som avgjør.", "nn"),
    *_liste(
        VAG,
        "innen rimelig tid, i rimelig tid, i god tid, snarest, fortløpende, etter hvert",
        "Skriv en frist, for eksempel «innen 24 timer».",
        "nb",
    ),
    *_liste(
        VAG,
        "innan rimeleg tid, i god tid, snarast, fortløpande, etter kvart",
        "Skriv en frist, for eksempel «innen 24 timer».",
        "nn",
    ),
    *_liste(
        VAG,
        "etter avtale, etter nærmere avtale, etter nærare avtale",
        "Skriv hva som gjelder når partene ikke blir enige.",
    ),
    *_liste(
        VAG,
        "hensiktsmessig, føremålstenleg, som regel, fortrinnsvis",
        "Hvem avgjør det? Skriv kriteriet.",
    ),
    # Syntax the rules read.
    *_liste(
        EPISTEMISK,
        "være, vere, bli, verte, gi, gje, føre, ha, få, påvirke, "
        "påverke, variere, tyde, medføre, skje",
    ),
    *_liste(
        FORMAL,
        "for at, slik at, sånn at, så at, formålet er at, "
        "føremålet er at, hensikten er at, målet er at",
    ),
    # «Det er partenes intensjon at samarbeidet skal …»: the clause after it is the aim.
    *_liste(FORMAL, "intensjon at, intensjonen er at"),
    *_liste(INTENSJON, "er … intensjon, intensjonen er", _SKRIV_SKAL),
    *_liste(
        BISETNING,
        "som, hvordan, korleis, hva, kva, hvem, kven, hvilke, hvilken, hvilket, kva for, "
        "kva slags, hvorvidt, selv om, sjølv om",
    ),
    *_liste(BETINGELSE, "dersom, hvis, viss, om, når, i de tilfeller, i dei tilfella, ved"),
    *_liste(REFERAT, "mener, hevder, anfører, påstår, uttaler", malform="nb"),
    *_liste(REFERAT, "meiner, hevdar, påstår, uttalar", malform="nn"),
    *_liste(REFERAT, "viser til at"),
    *_liste(REFERAT, "det vises til at", malform="nb"),
    *_liste(REFERAT, "det visast til at", malform="nn"),
    *_liste(
        DOKUMENT,
        "avtalen, avtala, avtaler, avtalane, samarbeidsavtalen, "
        "samarbeidsavtala, delavtalen, delavtala",
    ),
    *_liste(DOKUMENT, "avtalene, samarbeidsavtalene, delavtalene", malform="nb"),
    *_liste(
        DOKUMENT,
        "tjenesteavtalen, tjenesteavtalene, tenesteavtalen, "
        "tenesteavtala, tenesteavtalane, særavtalen, særavtala",
    ),
    *_liste(
        DOKUMENT,
        "retningslinjen, retningslinjene, retningslina, "
        "retningslinene, rutinen, rutinane, denne avtalen",
    ),
    *_liste(DEFINISJON, "være en, være et, vere ein, vere eit, være ei, vere ei"),
    *_liste(DEFINISJON, "sees i sammenheng med, ses i sammenheng med, sjåast i samanheng med"),
    # «skal … gjelde» says what a rule covers, as «gjelder» does (sak #21, blindtesten).
    *_liste(DEFINISJON, "gjelde, gjelda, omfatte, omfatta"),
    # «Pasienten skal føle seg trygg»: the subject receives.
    *_liste(MOTTAKER, "føle seg, kjenne seg"),
    *_liste(
        MOTTAKER,
        "oppleve, få, motta, motta, ta imot, bli møtt, bli hørt, "
        "bli værende, være representert, vere representert",
    ),
    *_liste(MOTTAKER, "ha likeverdige, ha rett, ha tilgang, mottek, oppleve at"),
    *_liste(ROLLE, "har … rolle, har … funksjon"),
    *_liste(
        ADVERBIAL,
        "ved, gjennom, for, i, etter, på, innen, innan, fra, frå, "
        "under, før, deretter, videre, vidare",
    ),
    *_liste(
        ADVERBIAL,
        "da, då, også, òg, derfor, difor, likevel, samtidig, dessuten, om nødvendig, årlig, årleg",
    ),
    *_liste(ADVERBIAL, "som et minimum, som eit minimum, i samsvar med, i henhold til, i tråd med"),
    *_liste(ADVERBIAL, "av hensyn til, av omsyn til"),
    *_liste(
        PREPOSISJON,
        "mellom, med, til, fra, frå, av, overfor, hos, via, uten, utan, mot, enn, om, etter, blant",
    ),
    # Parties as the text names them.
    *_liste(
        PART, "bydelen, bydelene, bydel <Navn>, hjemmesykepleien, hjemmetjenesten", betyr=KOMMUNEN
    ),
    *_liste(
        PART,
        "heimesjukepleia, heimetenesta, helsestasjonen, sykehjemmet, sjukeheimen",
        betyr=KOMMUNEN,
    ),
    *_liste(
        PART,
        "kommuneoverlegen, kommunelegen, koordinerende enhet, koordinerande eining",
        betyr=KOMMUNEN,
    ),
    *_liste(
        PART,
        "klinikk for, avdeling for, medisinsk klinikk, kirurgisk klinikk, akuttmottaket",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "poliklinikken, sengeposten, DPS, distriktspsykiatrisk senter, AMK",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "ambulansetjenesten, ambulansetenesta, sykehuslegen, sjukehuslegen",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART, "den andre parten, den andre parten, motparten, hver part, kvar part", betyr=PARTENE
    ),
    *_liste(
        PART,
        "kommunen, kommunene, kommunane, kommunens, kommunenes, kommuner, kommunar, kommune <X>",
        betyr=KOMMUNEN,
    ),
    *_liste(
        PART,
        "<Navn> kommune, <Navn> Kommune, XX kommune, NN kommune, xx kommune, kommunen <X>",
        betyr=KOMMUNEN,
    ),
    *_liste(PART, "et sykehus", malform="nb", betyr=HELSEFORETAKET),
    *_liste(PART, "eit sjukehus", malform="nn", betyr=HELSEFORETAKET),
    # Some municipalities are «herad» (Voss herad, Kvam herad): «heradet» is the municipality.
    *_liste(PART, "<Navn> herad, heradet", malform="nn", betyr=KOMMUNEN),
    *_liste(
        PART,
        "kommunehelsetjenesten, kommunehelsetenesta, den kommunale helse- og omsorgstjenesten",
        betyr=KOMMUNEN,
    ),
    *_liste(PART, "tildelingskontoret, kommunehelsesamarbeidet, bestillerkontoret", betyr=KOMMUNEN),
    *_liste(
        PART,
        "helseforetaket, helseføretaket, helseforetakene, "
        "helseføretaka, helseforetakets, foretaket, føretaket, "
        "helseforetak, helseføretak",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "helseforetak <X>, <Navn> HF, <Navn> <Navn> HF, Helse <Navn>, "
        "Sykehuset <Navn>, Sjukehuset <Navn>",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "sykehuset, sjukehuset, sykehusene, sjukehusa, "
        "spesialisthelsetjenesten, spesialisthelsetenesta",
        betyr=HELSEFORETAKET,
    ),
    # Sykestuer drives av helseforetaket («Hallingdal sjukestugu» er en del av Vestre Viken HF).
    *_liste(
        PART,
        "<Navn> sjukestugu, <Navn> sjukestogo, <Navn> sykestue, sjukestugu, sjukestua, "
        "sykestua, sykestuen",
        betyr=HELSEFORETAKET,
    ),
    *_liste(PART, HELSEFORETAK, betyr=HELSEFORETAKET),
    *_liste(
        PART,
        "klinikken, avdelingen, avdelinga, klinikkdirektøren, "
        "Akershus universitetssykehus, Ahus, UNN",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "Universitetssykehuset Nord-Norge, St. Olavs Hospital, "
        "Haukeland, SSHF, SiV, ST HF, STHF, SI, OUS",
        betyr=HELSEFORETAKET,
    ),
    *_liste(
        PART,
        "partene, partane, partnarane, avtalepartene, avtalepartane, begge parter, begge partar",
        betyr=PARTENE,
    ),
    *_liste(
        PART,
        "en eller begge parter, ein eller begge partar, en av partene, "
        "ein av partane, kvar av partane, ingen av partene, "
        "ingen av partane, hver av partene",
        betyr=PARTENE,
    ),
    # Third parties: not parties to the agreement, pointed out when they carry a duty.
    *_liste(
        IKKE_PART,
        "fastlegen, fastlegene, fastleger, fastlege, fastlegar, fastlegane",
        betyr="fastlegen",
    ),
    *_liste(IKKE_PART, "legevakten, legevakta, legevakt", betyr="legevakten"),
    *_liste(
        IKKE_PART,
        "brukeren, brukerne, brukere, brukaren, brukarane, brukarar, "
        "brukerrepresentant, brukerrepresentanten, "
        "brukerrepresentanter, brukerrepresentantene, "
        "brukarrepresentant, brukarrepresentanten, "
        "brukarrepresentantar, brukerutvalget",
        betyr="brukeren",
    ),
    *_liste(IKKE_PART, "brukarutvalet, brukarutvala", malform="nn", betyr="brukeren"),
    # The resident of a municipal home is its user.
    *_liste(IKKE_PART, "beboeren, beboerne, beboere, beboers", malform="nb", betyr="brukeren"),
    *_liste(IKKE_PART, "bebuaren, bebuarane, bebuarar, bebuars", malform="nn", betyr="brukeren"),
    *_liste(
        IKKE_PART, "pasienten, pasientene, pasienter, pasientar, pasientane", betyr="pasienten"
    ),
    *_liste(IKKE_PART, "pårørende, pårørande", betyr="pårørende"),
    *_liste(
        IKKE_PART,
        "fylkesmannen, statsforvalteren, statsforvaltaren, Statsforvalteren",
        betyr="statsforvalteren",
    ),
    *_liste(IKKE_PART, "Helsedirektoratet", betyr="helsedirektoratet"),
    *_liste(
        IKKE_PART,
        "regionale helseforetak, regionale helseforetakene, "
        "regionale helseføretak, <Navn> RHF, <Navn> <Navn> RHF, "
        "RHF-ene",
        betyr="rhf",
    ),
    *_liste(IKKE_PART, "Helse Sør-Øst, Helse Vest, Helse Midt-Norge, Helse Nord", betyr="rhf"),
    *_liste(
        IKKE_PART, "tillitsvalgte, tillitsvalde, arbeidstakerorganisasjonene", betyr="tillitsvalgte"
    ),
    *_liste(IKKE_PART, "KS", betyr="ks"),
]

# One entry per (category, expression): the first wins.
STANDARD = list({(rad[0], rad[1]): rad for rad in reversed(STANDARD)}.values())[::-1]

_KOMMUNEFIL = Path(__file__).parent / "data" / "kommuner.txt"


def kommunenavn() -> list[str]:
    """The names of Norway's municipalities (all valid forms), from the data file."""
    navn = []
    for linje in _KOMMUNEFIL.read_text(encoding="utf-8").splitlines():
        if linje and not linje.startswith("#"):
            navn += [n.strip() for n in linje.split(";", 1)[1].split("/")]
    return navn
