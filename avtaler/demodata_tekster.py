"""The demo agreement set of Helsefellesskap Vest-Viken, written for the product.

Each agreement has two versions: the first signed and replaced, the second in force.
A clause is (key, number, heading, text); the key keeps a clause's identity from the
first version to the second, so the diff shows what a real revision would change.
"""

OVERORDNET_V1 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Avtalen skal bidra til at pasienter og brukere får et helhetlig tilbud om helse- og "
            "omsorgstjenester, og at tjenestene oppleves sammenhengende.\n\n"
            "Partene bør i størst mulig grad samarbeide om planlegging og utvikling av tjenestene."
        ),
    ),
    (
        "parter",
        "2",
        "Avtalens parter",
        (
            "Avtalen er inngått mellom Vestre Viken HF (heretter helseforetaket) og XX kommune "
            "(heretter kommunen). "
            "Likelydende avtale er inngått med de 22 kommunene i helseforetakets opptaksområde."
        ),
    ),
    ("struktur", "3", "Avtalestruktur", ""),
    (
        "struktur_avtale",
        "3.1",
        "Samarbeidsavtalen",
        (
            "Samarbeidsavtalen oppfyller partenes lovpålagte plikt etter helse- og "
            "omsorgstjenesteloven § 6-2 og spesialisthelsetjenesteloven § 2-1 e."
        ),
    ),
    (
        "struktur_saer",
        "3.2",
        "Særavtaler og retningslinjer",
        (
            "Særavtaler kan inngås mellom helseforetaket og alle eller noen av kommunene. "
            "Retningslinjer og rutiner kan utarbeides ved behov og legges ved avtalen."
        ),
    ),
    (
        "plikter",
        "4",
        "Partenes plikter",
        (
            "Kommunen har ansvar for nødvendige kommunale helse- og omsorgstjenester. "
            "Helseforetaket har ansvar for nødvendige spesialisthelsetjenester."
        ),
    ),
    (
        "digital",
        "4.1",
        "Digital samhandling",
        ("Partene bør ta i bruk elektroniske meldinger etter hvert som de foreligger."),
    ),
    (
        "kunnskap",
        "4.2",
        "Kunnskapsoverføring og hospitering",
        ("Partene har gjensidig veiledningsplikt og skal legge til rette for hospitering."),
    ),
    (
        "uenighet",
        "5",
        "Håndtering av uenighet",
        (
            "Uenighet om forståelsen av avtalen søkes løst på lavest mulig nivå. "
            "Oppnås ikke enighet, kan hver av partene bringe saken inn for strategisk "
            "samarbeidsutvalg."
        ),
    ),
    (
        "varighet",
        "6",
        "Varighet og oppsigelse",
        (
            "Avtalen gjelder fra 1. april 2019. Den gjennomgås årlig og kan sies opp skriftlig med "
            "ett års frist."
        ),
    ),
]

OVERORDNET_V2 = [
    (
        "formal",
        "1",
        "Formål og verdigrunnlag",
        (
            "Avtalen skal sikre at pasienter og brukere får et helhetlig og likeverdig tilbud om "
            "helse- og omsorgstjenester, uavhengig av bosted.\n\n"
            "Partene skal samarbeide om planlegging og utvikling av tjenestene gjennom "
            "Helsefellesskap Vest-Viken."
        ),
    ),
    (
        "parter",
        "2",
        "Avtalens parter",
        (
            "Avtalen er inngått mellom Vestre Viken HF (heretter helseforetaket) og XX kommune "
            "(heretter kommunen). "
            "Likelydende avtale er inngått med de 22 kommunene i helseforetakets opptaksområde."
        ),
    ),
    ("struktur", "3", "Avtalestruktur", ""),
    (
        "struktur_avtale",
        "3.1",
        "Samarbeidsavtalen",
        (
            "Samarbeidsavtalen oppfyller partenes lovpålagte plikt etter helse- og "
            "omsorgstjenesteloven § 6-2 og spesialisthelsetjenesteloven § 2-1 e. Avtale om "
            "helhetlig pasientforløp er en del av avtalen."
        ),
    ),
    (
        "struktur_saer",
        "3.2",
        "Særavtaler, retningslinjer og rutiner",
        (
            "Særavtaler kan inngås mellom helseforetaket og alle eller noen av kommunene, og skal "
            "si om de er bindende. Rutiner legges ved avtalen. Brudd på en vedlagt rutine er brudd "
            "på avtalen."
        ),
    ),
    (
        "plikter",
        "4",
        "Sentrale plikter, oppgaver og ansvar",
        (
            "Kommunen har ansvar for nødvendige kommunale helse- og omsorgstjenester. "
            "Helseforetaket har ansvar for nødvendige spesialisthelsetjenester. Partene skal "
            "involvere hverandre, ikke bare informere."
        ),
    ),
    (
        "forebygging",
        "4.1",
        "Helsefremmende og forebyggende arbeid – læring og mestring",
        (
            "Partene skal samarbeide om å bruke data om befolkningens helsetilstand og bruk av "
            "helsetjenester i forebygging og forbedringsarbeid.\n\n"
            "Både helseforetaket og kommunen skal ha lærings- og mestringstilbud. De lokale "
            "samarbeidsutvalgene har ansvar for å utvikle samarbeidet om læring og mestring."
        ),
    ),
    (
        "digital",
        "4.2",
        "Digital meldingsutveksling",
        (
            "Partene skal bruke elektroniske meldinger i all pasientrettet kommunikasjon. Nye "
            "meldingstyper skal tas i bruk innen seks måneder etter at de er godkjent nasjonalt. "
            "Partene skal ha rutiner for varsling når meldingsutvekslingen er ute av drift."
        ),
    ),
    (
        "forskning",
        "4.3",
        "Forbedret pasientbehandling gjennom forskning, innovasjon og teknologi",
        (
            "Partene skal samarbeide om forskning, evaluering av tjenesteutvikling og bruk av nye "
            "arbeidsformer, og om tjenesteinnovasjon og personlig helseteknologi."
        ),
    ),
    (
        "kunnskap",
        "4.4",
        "Gjensidig kunnskapsoverføring, faglige nettverk og hospitering",
        (
            "Partene har gjensidig veiledningsplikt. Partene skal samarbeide om utdanning av "
            "helsepersonell og om praksisplasser og læreplasser. De lokale samarbeidsutvalgene "
            "skal hvert år legge fram en plan for faglige nettverk og hospitering."
        ),
    ),
    (
        "svangerskap",
        "4.5",
        "Svangerskaps-, fødsels- og barselomsorg",
        (
            "Partene skal samordne og utvikle svangerskaps-, fødsels- og barselomsorgen og "
            "etablere arenaer for informasjonsflyt og tverrfaglig samarbeid. Helseforetaket og "
            "kommuner med lang reiseavstand skal ha særavtaler om beredskap og følgetjeneste for "
            "gravide."
        ),
    ),
    (
        "beredskap",
        "4.6",
        "Helseberedskap og den akuttmedisinske kjede",
        (
            "Partene skal ha omforente beredskapsplaner etter helse- og omsorgstjenesteloven § 6-2 "
            "nr. 11 og øve på dem minst hvert annet år. Partene skal sammen følge opp og evaluere "
            "den akuttmedisinske kjeden, og drøfte endringer i legevakt eller ambulanseberedskap "
            "før de besluttes."
        ),
    ),
    (
        "struktur_hf",
        "5",
        "Helsefellesskapets samarbeidsstruktur",
        (
            "Helsefellesskap Vest-Viken har tre nivåer: partnerskapsmøtet, strategisk "
            "samarbeidsutvalg (SSU) med lokale samarbeidsutvalg (LSU), og faglige samarbeidsutvalg. "
            "Partnerskapsmøtet beslutter hvert år retningen for en felles strategisk "
            "handlingsplan; SSU beslutter prioriterte felles innsatsområder og følger opp planen, "
            "og LSU planlegger og utvikler tjenestene lokalt. Vedtak i SSU og LSU krever enighet "
            "mellom partene."
        ),
    ),
    (
        "uenighet",
        "6",
        "Håndtering av uenighet",
        (
            "Pasientrelaterte enkeltsaker skal løses så nært pasienten som mulig, deretter i møte "
            "mellom klinikkdirektør og kommunens ledelse, og så i LSU.\n\n"
            "Spørsmål om avtaler og rutiner skal løses på lavest mulig nivå, deretter i SSU. Hver "
            "av partene kan bringe saken inn for nasjonal tvisteløsningsnemnd."
        ),
    ),
    (
        "varighet",
        "7",
        "Varighet og oppsigelse",
        (
            "Avtalen gjelder fra 18. januar 2021 og erstatter avtalen fra 1. april 2019. Den "
            "gjennomgås årlig og kan sies opp skriftlig med ett års frist."
        ),
    ),
]

# The 2019 text follows forskrift 18. november 2011 nr. 1115 as it then stood (notice within
# 24 hours of admission; notice the same day the patient is ready; the municipality answers at
# once; payment from the day the patient is declared ready when the municipality has said it
# cannot take the patient or has not answered). Vaguer than 2024's, as the texts of the time
# were: no discharge hours, no attached routine, the contents of the notices loosely said.
PASIENTFORLOP_V1 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Avtalen beskriver partenes ansvar fra innleggelse til utskrivning, slik at "
            "pasientforløpet blir trygt og sammenhengende."
        ),
    ),
    (
        "innleggelse",
        "2",
        "Innleggelse",
        (
            "Henvisende lege skal gi helseforetaket de opplysningene som trengs for å vurdere "
            "pasienten, blant annet oppdatert legemiddelliste."
        ),
    ),
    (
        "innleggelsesrapport",
        "2.1",
        "Innleggelsesrapport",
        ("Kommunen skal sende innleggelsesrapport når pasienten mottar kommunale tjenester."),
    ),
    (
        "innleggelsesvarsel",
        "2.2",
        "Melding om innlagt pasient",
        (
            "Helseforetaket skal innen 24 timer etter innleggelse melde fra til kommunen om "
            "pasienter som antas å ha behov for kommunale tjenester etter utskrivning, med "
            "pasientens status, forventet forløp og antatt behov for tjenester."
        ),
    ),
    (
        "utskrivning",
        "3",
        "Utskrivning",
        (
            "Helseforetaket vurderer når pasienten er utskrivningsklar. Kommunen avgjør hvilket "
            "tilbud pasienten skal få."
        ),
    ),
    (
        "varsel",
        "3.1",
        "Varsel om utskrivningsklar pasient",
        (
            "Helseforetaket skal varsle kommunen samme dag som pasienten er utskrivningsklar. "
            "Kommunen skal straks svare om den kan ta imot pasienten, og ellers si når et "
            "tilbud antas å være klart."
        ),
    ),
    (
        "dokumenter",
        "3.2",
        "Dokumenter",
        ("Epikrise og legemiddelliste skal følge pasienten ved utskrivning."),
    ),
    (
        "betaling",
        "4",
        "Betaling for utskrivningsklare pasienter",
        (
            "Kommunen betaler for utskrivningsklare pasienter fra og med det døgnet pasienten er "
            "erklært utskrivningsklar og kommunen er varslet etter punkt 2.2 og 3.1, når kommunen "
            "har gitt beskjed om at den ikke kan ta imot pasienten eller ikke har svart på "
            "varselet. Betalingen gjelder til kommunen har gitt beskjed om at tilbudet er klart."
        ),
    ),
]

PASIENTFORLOP_V2 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Avtalen beskriver partenes ansvar fra innleggelse til utskrivning, slik at "
            "pasientforløpet blir trygt og sammenhengende. Rutine for utskrivning er vedlagt "
            "avtalen."
        ),
    ),
    (
        "innleggelse",
        "2",
        "Innleggelse",
        (
            "Henvisende lege skal gi helseforetaket de opplysningene som trengs for å vurdere "
            "pasienten, blant annet oppdatert legemiddelliste og funksjonsnivå."
        ),
    ),
    (
        "innleggelsesrapport",
        "2.1",
        "Innleggelsesrapport",
        (
            "Kommunen skal sende innleggelsesrapport elektronisk innen 24 timer når pasienten "
            "mottar kommunale tjenester."
        ),
    ),
    (
        "innleggelsesvarsel",
        "2.2",
        "Melding om innlagt pasient",
        (
            "Helseforetaket skal innen 24 timer etter innleggelse melde fra til kommunen om "
            "pasienter som antas å ha behov for kommunale tjenester etter utskrivning. Meldingen "
            "skal si noe om pasientens tilstand, forventet forløp og antatt behov for tjenester."
        ),
    ),
    (
        "under_opphold",
        "2.3",
        "Under oppholdet",
        (
            "Helseforetaket skal gi kommunen beskjed om vesentlige endringer i pasientens "
            "funksjonsnivå som har betydning for tjenestene etter utskrivning."
        ),
    ),
    (
        "utskrivning",
        "3",
        "Utskrivning",
        (
            "Helseforetaket vurderer når pasienten er utskrivningsklar. Kommunen alene avgjør "
            "hvilket tilbud pasienten skal få; helseforetaket skal ikke love pasienten en bestemt "
            "kommunal tjeneste."
        ),
    ),
    (
        "varsel",
        "3.1",
        "Varsel om utskrivningsklar pasient",
        (
            "Helseforetaket skal varsle kommunen samme dag som pasienten er utskrivningsklar. "
            "Varselet skal inneholde diagnose, funksjonsnivå og behov for hjelpemidler. Kommunen "
            "skal samme dag svare om den kan ta imot pasienten. Kan den ikke det, skal kommunen "
            "si når et tilbud antas å være klart, og straks gi beskjed når det er klart."
        ),
    ),
    (
        "dokumenter",
        "3.2",
        "Dokumenter som følger pasienten",
        (
            "Epikrise og oppdatert legemiddelliste skal følge pasienten ved utskrivning. Pasienten "
            "er ikke utskrivningsklar før dette er sendt kommunen."
        ),
    ),
    (
        "betaling",
        "4",
        "Betaling for utskrivningsklare pasienter",
        (
            "Kan kommunen ikke ta imot en pasient som er meldt utskrivningsklar, eller har den ikke "
            "svart på varselet, skal kommunen betale helseforetaket den døgnprisen staten "
            "fastsetter for hvert år. Betalingen gjelder fra og med det døgnet pasienten er meldt "
            "utskrivningsklar og til kommunen har gitt beskjed om at et tilbud er klart "
            "(forskrift 18. november 2011 "
            "nr. 1115 om kommunal betaling for utskrivningsklare pasienter)."
        ),
    ),
    (
        "avvik",
        "5",
        "Avvik",
        (
            "Brudd på avtalen eller rutinen for utskrivning skal meldes som avvik til den andre "
            "parten, som skal svare innen 10 virkedager."
        ),
    ),
]

UTSKRIVNING_V1 = [
    (
        "tidspunkt",
        "1",
        "Tidspunkt for utskrivning",
        (
            "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, og i helger og på "
            "helligdager mellom 10:00 og 15:00."
        ),
    ),
    (
        "varsel",
        "2",
        "Melding om utskrivningsklar pasient",
        (
            "Melding om utskrivningsklar pasient sendes elektronisk. Kommunen svarer samme dag "
            "om den kan ta imot pasienten."
        ),
    ),
    (
        "dokumenter",
        "3",
        "Dokumenter",
        ("Epikrise skal følge pasienten. Legemiddelliste sendes så snart den foreligger."),
    ),
    (
        "kontakt",
        "4",
        "Kontakt",
        ("Spørsmål om utskrivning rettes til kommunens tildelingskontor i åpningstiden."),
    ),
]

UTSKRIVNING_V2 = [
    (
        "tidspunkt",
        "1",
        "Tidspunkt for utskrivning",
        (
            "Utskrivning skal skje på hverdager mellom 07:00 og 17:00, og i helger og på "
            "helligdager mellom 09:00 og 15:00. På fredager og dagen før en helligdag skal "
            "pasienten være utskrevet innen kl. 15.00. Julaften og nyttårsaften regnes som "
            "helligdag. Kommunen varsles om utskrivningsklar pasient senest kl. 12.00. "
            "Utskrivning utenfor disse tidene skjer bare etter særskilt avtale med kommunen."
        ),
    ),
    (
        "varsel",
        "2",
        "Melding om utskrivningsklar pasient",
        (
            "Melding om utskrivningsklar pasient sendes elektronisk og skal inneholde diagnose, "
            "funksjonsnivå og behov for hjelpemidler. Kommunen svarer samme dag om den kan ta imot "
            "pasienten."
        ),
    ),
    (
        "dokumenter",
        "3",
        "Dokumenter som følger pasienten",
        (
            "Følgende skal følge pasienten ved utskrivning:\n\n"
            "- epikrise\n"
            "- oppdatert legemiddelliste\n"
            "- resepter for legemidler pasienten skal bruke de nærmeste dagene"
        ),
    ),
    (
        "tjeneste",
        "4",
        "Kommunens tjenestetilbud",
        ("Kommunen avgjør alene hvilket tilbud pasienten får etter utskrivning."),
    ),
    (
        "kontakt",
        "5",
        "Kontakt",
        (
            "Spørsmål om utskrivning rettes til kommunens tildelingskontor på hverdager mellom "
            "08:00 og 15:30. Utenom denne tiden kontaktes legevakten."
        ),
    ),
]

OYEBLIKKELIG_HJELP_V1 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Avtalen gjelder kommunens tilbud om døgnopphold for øyeblikkelig hjelp etter helse- og "
            "omsorgstjenesteloven § 3-5 tredje ledd."
        ),
    ),
    (
        "malgruppe",
        "2",
        "Hvem tilbudet gjelder",
        (
            "Tilbudet gjelder pasienter som kommunen kan utrede, behandle eller gi omsorg til, og "
            "som ellers ville blitt lagt inn i sykehus."
        ),
    ),
    (
        "innleggelse",
        "3",
        "Innleggelse",
        ("Lege som legger inn pasienten bør vurdere om kommunalt døgnopphold er forsvarlig."),
    ),
]

OYEBLIKKELIG_HJELP_V2 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Avtalen gjelder kommunens tilbud om døgnopphold for øyeblikkelig hjelp etter helse- og "
            "omsorgstjenesteloven § 3-5 tredje ledd."
        ),
    ),
    (
        "malgruppe",
        "2",
        "Hvem tilbudet gjelder",
        (
            "Tilbudet gjelder pasienter som kommunen kan utrede, behandle eller gi omsorg til, og "
            "som ellers ville blitt lagt inn i sykehus. Pasienter med psykiske lidelser og "
            "rusproblemer er omfattet."
        ),
    ),
    (
        "innleggelse",
        "3",
        "Innleggelse",
        (
            "Lege som legger inn pasienten skal vurdere om kommunalt døgnopphold er forsvarlig og "
            "dokumentere vurderingen."
        ),
    ),
    (
        "tilbakeforing",
        "4",
        "Overføring til sykehus",
        (
            "Forverres pasientens tilstand, skal kommunen sørge for at pasienten overføres til "
            "sykehus."
        ),
    ),
]

BEREDSKAP_V1 = [
    (
        "formal",
        "1",
        "Formål",
        ("Avtalen skal sikre omforente beredskapsplaner og en helhetlig akuttmedisinsk kjede."),
    ),
    (
        "planer",
        "2",
        "Beredskapsplaner",
        ("Partene skal utveksle beredskapsplaner og varsle hverandre om endringer."),
    ),
    ("ovelser", "3", "Øvelser", "Partene bør øve sammen ved behov."),
]

BEREDSKAP_V2 = [
    (
        "formal",
        "1",
        "Formål",
        ("Avtalen skal sikre omforente beredskapsplaner og en helhetlig akuttmedisinsk kjede."),
    ),
    (
        "planer",
        "2",
        "Beredskapsplaner",
        (
            "Partene skal utveksle beredskapsplaner innen 1. mars hvert år og varsle hverandre om "
            "endringer innen en uke."
        ),
    ),
    (
        "forsyning",
        "3",
        "Forsyningssikkerhet",
        ("Partene skal samarbeide om lagre av legemidler og smittevernutstyr."),
    ),
    ("ovelser", "4", "Øvelser", "Partene skal gjennomføre en felles øvelse minst hvert annet år."),
]

JORDMOR_V1 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Særavtalen skal sikre forsvarlig følgetjeneste for gravide i kommuner med lang "
            "reisevei til fødeavdeling. Avtalen er bindende for partene."
        ),
    ),
    (
        "folgetjeneste",
        "2",
        "Følgetjeneste",
        ("Kommunene skal ha jordmor i beredskap for følgetjeneste hele døgnet."),
    ),
]

JORDMOR_V2 = [
    (
        "formal",
        "1",
        "Formål",
        (
            "Særavtalen skal sikre forsvarlig følgetjeneste for gravide i kommuner med lang "
            "reisevei til fødeavdeling. Avtalen er bindende for partene."
        ),
    ),
    (
        "folgetjeneste",
        "2",
        "Følgetjeneste",
        (
            "Kommunene skal ha jordmor i beredskap for følgetjeneste hele døgnet. Helseforetaket "
            "skal gi jordmødrene opplæring i akutt fødselshjelp hvert år."
        ),
    ),
    (
        "kostnader",
        "3",
        "Kostnader",
        ("Helseforetaket dekker halvparten av kommunenes kostnader til beredskapen."),
    ),
]

# § 6-2 topics a whole agreement covers besides its own (none in the demo: coverage is shown
# clause by clause, from PUNKTTEMAER).
DEKKER: dict[str, list[int]] = {}

# The clauses of the version in force and the § 6-2 topics they really cover (seed agreement
# §§ 4.1–4.6: 4.3 research is nr. 7, 4.5 pregnancy and birth nr. 8, 4.6 cites nr. 11 itself).
# Nr. 12 asks for «en konkret beskrivelse av hvordan partene sammen skal planlegge og utvikle
# tjenester» (Prop. 102 L (2020–2021)). § 5 mostly describes the Helsefellesskap's bodies; what
# maps it to nr. 12 is its sentences on the yearly joint strategic plan, SSU's priorities and
# LSU planning and developing the services locally. That is the nearest the text comes (§ 1 only
# states the intent), and thin for «konkret»: a reviewer may well end the mapping. Nothing in
# the text covers nr. 13 (barn og unge med sammensatte vansker, Prop. 100 L (2020–2021)), so
# the coverage page shows it missing for every municipality: a real gap, kept.
# (agreement, clause number) -> topics.
PUNKTTEMAER = {
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4"): [1],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.1"): [2, 10],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.2"): [9],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.3"): [7],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.4"): [6, 7],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.5"): [8],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "4.6"): [11],
    ("Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene", "5"): [12],
    ("Avtale om helhetlig pasientforløp", "2"): [3],
    ("Avtale om helhetlig pasientforløp", "3"): [5],
    ("Avtale om helhetlig pasientforløp", "3.1"): [5],
    ("Rutine for utskrivning av utskrivningsklare pasienter", "1"): [5],
    ("Delavtale om kommunalt døgnopphold for øyeblikkelig hjelp", "1"): [4],
    ("Delavtale om omforente beredskapsplaner og akuttmedisinsk kjede", "2"): [11],
    ("Særavtale om jordmortjenester og følgetjeneste for gravide i Hallingdal", "2"): [8],
}

# (tittel, type, tema, hører til, kommuner (None: alle), brudd er mislighold, versjoner)
# versjoner: (gyldig fra, vedtak, punkter)
AVTALER = [
    (
        "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene",
        "overordnet",
        None,
        None,
        None,
        False,
        [("2019-04-01", "SSU 4/2019", OVERORDNET_V1), ("2021-01-18", "SSU 1/2021", OVERORDNET_V2)],
    ),
    (
        "Avtale om helhetlig pasientforløp",
        "delavtale",
        2,
        "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene",
        None,
        False,
        [
            ("2019-04-01", "SSU 5/2019", PASIENTFORLOP_V1),
            ("2024-01-01", "SSU 14/2023", PASIENTFORLOP_V2),
        ],
    ),
    (
        "Rutine for utskrivning av utskrivningsklare pasienter",
        "rutine",
        None,
        "Avtale om helhetlig pasientforløp",
        None,
        True,
        [
            ("2022-01-01", "SSU 18/2021", UTSKRIVNING_V1),
            ("2025-03-01", "SSU 3/2025", UTSKRIVNING_V2),
        ],
    ),
    (
        "Delavtale om kommunalt døgnopphold for øyeblikkelig hjelp",
        "delavtale",
        4,
        "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene",
        None,
        False,
        [
            ("2016-01-01", "SSU 9/2015", OYEBLIKKELIG_HJELP_V1),
            ("2023-01-01", "SSU 21/2022", OYEBLIKKELIG_HJELP_V2),
        ],
    ),
    (
        "Delavtale om omforente beredskapsplaner og akuttmedisinsk kjede",
        "delavtale",
        11,
        "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene",
        None,
        False,
        [("2018-06-01", "SSU 7/2018", BEREDSKAP_V1), ("2024-06-01", "SSU 8/2024", BEREDSKAP_V2)],
    ),
    (
        "Særavtale om jordmortjenester og følgetjeneste for gravide i Hallingdal",
        "saeravtale",
        None,
        "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene",
        ["Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"],
        False,
        [
            ("2020-01-01", "LSU Hallingdal 2/2019", JORDMOR_V1),
            ("2025-01-01", "LSU Hallingdal 6/2024", JORDMOR_V2),
        ],
    ),
]
