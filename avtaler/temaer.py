"""The statutory topics of helse- og omsorgstjenesteloven § 6-2 first paragraph.

The topics are data (avtaler.Tema: number, title, the dates the law required it, its source),
kept by administrators in the admin when the law changes. This module holds only the law as it
stood when the product was built, to seed an empty database (the data migrations, and the demo
data after a flush); coverage is always computed from the table, never from this list.
"""

import datetime

LOV_2012 = datetime.date(2012, 1, 1)
KILDE_2012 = (
    "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. {nr} "
    "(lov 24. juni 2011 nr. 30, i kraft 1. januar 2012, forskrift 16. desember 2011 nr. 1252)"
)
LENKE_LOV = "https://lovdata.no/lov/2011-06-24-30/§6-2"

# Nr. 12: Prop. 102 L (2020–2021), Innst. 576 L (2020–2021), adopted by Stortinget on
# 7 June 2021 (stortinget.no, sak 83933) and sanctioned; the law left the date to the King.
# In force 1 August 2022 according to Helsedirektoratet («Veileder for samarbeidsavtaler mellom
# kommuner og helseforetak», høringsutkast 2023, 3 «Metode og prosess»: «Det har tilkommet to
# nye punkt i helse- og omsorgstjenesteloven § 6-2 1. ledd: punkt 12 og 13, med virkning fra
# 1. august 2022»); its hearing letter adds that the agreements shall cover them from 1 July
# 2023. The royal decree itself was not found (Lovdata could not be read from here), so the
# topic carries a note that the coverage page shows until an administrator has checked it.
# The date recorded before (1 July 2021) was an assumption with no source; migration 0022
# replaces it where nobody has corrected it.
NR_12_FRA = datetime.date(2022, 8, 1)
NR_12_ANTATT_FOR = datetime.date(2021, 7, 1)
KILDE_NR_12 = (
    "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. 12, tilføyd etter Prop. 102 L "
    "(2020–2021) og Innst. 576 L (2020–2021), vedtatt av Stortinget 7. juni 2021; "
    "i kraft 1. august 2022 etter Helsedirektoratets veileder for samarbeidsavtaler"
)
LENKE_NR_12 = "https://www.regjeringen.no/no/dokumenter/prop.-102-l-20202021/id2838066/"
MERKNAD_NR_12 = (
    "Datoen 1. august 2022 er hentet fra Helsedirektoratets veileder for samarbeidsavtaler, "
    "ikke kontrollert mot ikraftsettingen i Lovdata. Helsedirektoratet skriver at avtalene "
    "skal omfatte punktet fra og med 1. juli 2023."
)
# Nr. 13: Prop. 100 L (2020–2021) «Endringer i velferdstjenestelovgivningen (samarbeid,
# samordning og barnekoordinator)», Innst. 581 L (2020–2021). In force 1 August 2022, the same
# day as nr. 12, according to the same guide of Helsedirektoratet («Punkt 13: Barn og unge som
# mottar tjenester fra begge forvaltningsnivåene»); likewise not checked against Lovdata.
NR_13_FRA = datetime.date(2022, 8, 1)
KILDE_NR_13 = (
    "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. 13, tilføyd etter Prop. 100 L "
    "(2020–2021) og Innst. 581 L (2020–2021); i kraft 1. august 2022 etter "
    "Helsedirektoratets veileder for samarbeidsavtaler"
)
LENKE_NR_13 = (
    "https://www.helsedirektoratet.no/veiledere/samarbeidsavtaler-mellom-kommuner-og-helseforetak"
    "/innhold-i-samarbeidsavtalen/punkt-13-barn-og-unge-som-mottar-tjenester-fra-begge-"
    "forvaltningsniv%C3%A5ene"
)
MERKNAD_NR_13 = (
    "Datoen 1. august 2022 er hentet fra Helsedirektoratets veileder for samarbeidsavtaler, "
    "ikke kontrollert mot ikraftsettingen i Lovdata. Helsedirektoratet skriver at avtalene "
    "skal omfatte punktet fra og med 1. juli 2023."
)

# (nummer, tittel, gjelder fra, kilde, lenke)
LOVTEMAER = [
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
LOVTEMAER = [
    (nr, tittel, LOV_2012, KILDE_2012.format(nr=nr), LENKE_LOV, "") for nr, tittel in LOVTEMAER
]
LOVTEMAER.append(
    (
        12,
        "Konkret beskrivelse av hvordan partene sammen skal planlegge og utvikle tjenester",
        NR_12_FRA,
        KILDE_NR_12,
        LENKE_NR_12,
        MERKNAD_NR_12,
    )
)
LOVTEMAER.append(
    (
        13,
        "Samarbeid om ytelse av helse- og omsorgstjenester til barn og unge med sammensatte "
        "vansker og lidelser, og som derfor mottar tjenester fra begge forvaltningsnivåene",
        NR_13_FRA,
        KILDE_NR_13,
        LENKE_NR_13,
        MERKNAD_NR_13,
    )
)


def sikre_temaer(tema_modell, *, using: str = "default") -> None:
    """Create the topics that are missing; fill in the source only where it is empty.

    What an administrator has written (a corrected date, a better source, a note cleared once
    the source is checked) is never overwritten. Also run by migrations with the historical
    model, which before 0022 has no note.
    """
    har_merknad = any(f.name == "merknad" for f in tema_modell._meta.get_fields())
    temaer = tema_modell._default_manager.db_manager(using)
    for nummer, tittel, fra, kilde, lenke, merknad in LOVTEMAER:
        tema = temaer.filter(nummer=nummer).order_by("gyldig_fra").first()
        if tema is None:
            felt = {"merknad": merknad} if har_merknad else {}
            temaer.create(
                nummer=nummer, tittel=tittel, gyldig_fra=fra, kilde=kilde, lenke=lenke, **felt
            )
        elif not tema.kilde:
            tema.kilde, tema.lenke = kilde, lenke
            tema.save(update_fields=["kilde", "lenke"])


def rett_nr_12(tema_modell) -> None:
    """Nr. 12's date from its source (1 August 2022) where the unsourced 1 July 2021 still
    stands, with the note that it is not checked against Lovdata; a date an administrator
    has set is left alone."""
    for tema in tema_modell.objects.filter(nummer=12):
        if tema.gyldig_fra == NR_12_ANTATT_FOR:
            tema.gyldig_fra, tema.kilde, tema.merknad = NR_12_FRA, KILDE_NR_12, MERKNAD_NR_12
            tema.save(update_fields=["gyldig_fra", "kilde", "merknad"])
        elif tema.gyldig_fra == NR_12_FRA and not tema.merknad:
            tema.kilde, tema.merknad = KILDE_NR_12, MERKNAD_NR_12
            tema.save(update_fields=["kilde", "merknad"])


def merk_nr_13(tema_modell) -> None:
    """Nr. 13 created by migration 0016 (whose historical model has no note) gets the note that
    its date is not checked against Lovdata; a topic an administrator added with another date
    or source is left alone."""
    tema_modell.objects.filter(
        nummer=13, gyldig_fra=NR_13_FRA, kilde=KILDE_NR_13, merknad=""
    ).update(merknad=MERKNAD_NR_13)


def temaer_i_kraft(dato: datetime.date):
    """The topics the law required on the date (thin API over the table)."""
    from avtaler.models import Tema

    return Tema.objects.i_kraft(dato)
