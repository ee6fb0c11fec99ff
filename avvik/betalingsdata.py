"""The payment data shipped: the day rates verified with their source and the reading of the
rules (forskrift 18. november 2011 nr. 1115), for the data migration and for demo data on an
emptied database. Rates: Helsedirektoratet's table 2014–2024; 2012 derived from the ministry's
2012 example (three days = kr 12 000). 2013, 2025 and 2026 could not be verified when this was
written and are left out: the page says so until an administrator enters them with their source.
"""

import datetime

HELSEDIREKTORATET = (
    "https://www.helsedirektoratet.no/tema/finansiering/andre-finansieringsordninger/"
    "utskrivningsklare-pasienter"
)
HOD_2012 = (
    "https://www.regjeringen.no/no/dokumenter/problemstilling-nar-betalingsplikt-for-u/id682783/"
)
PRISER = {
    2014: 4255,
    2015: 4387,
    2016: 4505,
    2017: 4622,
    2018: 4747,
    2019: 4885,
    2020: 5036,
    2021: 5167,
    2022: 5306,
    2023: 5508,
    2024: 5745,
}
KILDE_REGEL = (
    "Forskrift 18. november 2011 nr. 1115 om kommunal betaling for utskrivningsklare pasienter "
    "(lovdata.no/forskrift/2011-11-18-1115), § 8 (varsel innen 24 timer etter innleggelse), "
    "§ 10 (melding om utskrivningsklar pasient), § 11 (kommunens svar) og § 13 (betalingsplikten "
    "«inntrer fra og med det døgnet pasienten blir erklært utskrivningsklar og vilkårene i § 8 "
    "til § 10 er oppfylt, og kommunen har gitt beskjed om at den ikke kan ta imot pasienten», "
    "eller ikke har svart), slik Helse- og omsorgsdepartementet siterte og tolket dem i 2012 "
    "(regjeringen.no, «Problemstilling når betalingsplikt for utskrivningsklar pasient inntrer»): "
    "betaling fra meldingsdøgnet til dagen kommunen melder at tilbudet er klart, den dagen ikke "
    "medregnet. Paragrafnumrene i gjeldende konsoliderte tekst er ikke kontrollert mot Lovdata. "
    "En alternativ lesning – betaling først når kommunen ikke har tatt imot pasienten 24 timer "
    "etter meldingen – kan velges her. Den er bare kjent fra en nyhetsomtale av en tvist "
    "(nrk.no/mr/vant-tvist-mot-helse-mr-1.12801960), uten saksnummer, og er ikke kontrollert "
    "mot Tvisteløsningsnemndas vedtak."
)


def sikre_betalingsdata(dognpris_modell, betalingsregel_modell) -> None:
    """Create the shipped rates and the first reading where missing; what an administrator
    changed stays."""
    for ar, belop in PRISER.items():
        dognpris_modell.objects.get_or_create(
            ar=ar,
            defaults={
                "belop": belop,
                "kilde": f"Helsedirektoratet, døgnpris for utskrivningsklare pasienter {ar} "
                "(fastsatt i statsbudsjettet)",
                "kilde_url": HELSEDIREKTORATET,
            },
        )
    dognpris_modell.objects.get_or_create(
        ar=2012,
        defaults={
            "belop": 4000,
            "kilde": "Helse- og omsorgsdepartementet 2012: eksempel med tre døgn = kr 12 000",
            "kilde_url": HOD_2012,
        },
    )
    betalingsregel_modell.objects.get_or_create(
        gjelder_fra=datetime.date(2012, 1, 1), defaults={"kilde": KILDE_REGEL}
    )
