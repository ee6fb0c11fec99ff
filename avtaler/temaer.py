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
# 7 June 2021 (stortinget.no, sak 83933) and sanctioned. The proposition and the Storting's page
# leave the date to the King; 1 July 2021 is the in-force date recorded here, to be checked
# against Lovdata's history of § 6-2 (an administrator corrects it in the admin if it differs).
NR_12_FRA = datetime.date(2021, 7, 1)
KILDE_NR_12 = (
    "Helse- og omsorgstjenesteloven § 6-2 første ledd nr. 12, tilføyd etter Prop. 102 L "
    "(2020–2021) og Innst. 576 L (2020–2021), vedtatt av Stortinget 7. juni 2021"
)
LENKE_NR_12 = "https://www.regjeringen.no/no/dokumenter/prop.-102-l-20202021/id2838066/"

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
    (nr, tittel, LOV_2012, KILDE_2012.format(nr=nr), LENKE_LOV) for nr, tittel in LOVTEMAER
]
LOVTEMAER.append(
    (
        12,
        "Konkret beskrivelse av hvordan partene sammen skal planlegge og utvikle tjenester",
        NR_12_FRA,
        KILDE_NR_12,
        LENKE_NR_12,
    )
)


def sikre_temaer(tema_modell) -> None:
    """Create the topics that are missing; fill in dates and source only where they are empty.

    What an administrator has written (a corrected date, a better source) is never overwritten.
    """
    for nummer, tittel, fra, kilde, lenke in LOVTEMAER:
        tema = tema_modell.objects.filter(nummer=nummer).first()
        if tema is None:
            tema_modell.objects.create(
                nummer=nummer, tittel=tittel, gyldig_fra=fra, kilde=kilde, lenke=lenke
            )
            continue
        endret = []
        if not tema.kilde:
            tema.kilde, tema.lenke = kilde, lenke
            endret += ["kilde", "lenke"]
        if endret:
            tema.save(update_fields=endret)


def temaer_i_kraft(dato: datetime.date):
    """The topics the law required on the date (thin API over the table)."""
    from avtaler.models import Tema

    return Tema.objects.i_kraft(dato)
