"""A year of avvik in the demo, made through the services as the parties would: reported by
one party against the other (both ways), received and routed, answered, accepted or rejected,
taken up the ladder to the clinic-director meeting and on to an LSU whose decision is the
outcome, or to SSU. No patient data: the texts describe the system, never a person.

The services stamp each step with the present moment; afterwards the steps are moved back to
the days they happened in the story (a few days apart, after the event), so the statistics,
the yearly report and the threads read as the year they describe.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from avtaler.models import Punktversjon
from avvik import services
from avvik.models import Avvik, Avvikshendelse, Avvikskategori
from avvik.services.frister import frist
from helsefellesskap import services as utvalgstjenester
from helsefellesskap.models import (
    Helsefellesskap,
    Medlemskap,
    Organisasjon,
    Sak,
    Sakshendelse,
    User,
    Utvalgsmedlem,
)

HF = "Vestre Viken HF"
# Coordinators who receive, answer and escalate (no password: they do not log in).
KOORDINATORER = {
    HF: ("hf.samhandling@demo.no", "Helle Haugen"),
    "Drammen": ("koordinator@demo.no", "Kari Koordinator"),
    "Bærum": ("baerum.koordinator@demo.no", "Bjørg Bakke"),
    "Kongsberg": ("kongsberg.koordinator@demo.no", "Knut Kleven"),
    "Ringerike": ("ringerike.koordinator@demo.no", "Rita Rud"),
}
MANDAG, TIRSDAG, ONSDAG, TORSDAG, FREDAG, LORDAG, SONDAG = range(7)


@dataclass
class Forlop:
    """One avvik's story: about how many days ago, reporter, responsible, category, what
    happened, and the steps to take (svar, godta, avvis, eskaler, lsu_enige, lsu_uenige,
    motta). The event happened at `klokka` on the `ukedag` on or before that day (so a text
    that says «en lørdag kl. 17.45» is true), and the responsible party routes it to `enhet`
    (at the HF: a department of the reporting municipality's local hospital)."""

    dager: int
    melder: str
    ansvarlig: str
    kategori: str
    beskrivelse: str
    steg: tuple[str, ...]
    klokka: tuple[int, int]
    ukedag: int
    enhet: str = ""
    stige: str = "pasientrelatert"
    rutinepunkt: str = ""

    def dag(self, idag: datetime.date) -> datetime.date:
        dag = idag - datetime.timedelta(days=self.dager)
        return dag - datetime.timedelta(days=(dag.weekday() - self.ukedag) % 7)


FORLOP = [
    Forlop(
        330,
        "Drammen",
        HF,
        "Utskrivning utenfor avtalt tid",
        "Pasient skrevet ut til kommunal korttidsavdeling en tirsdag kl. 21.30 uten særskilt "
        "avtale med kommunen.",
        ("motta", "svar", "godta"),
        klokka=(21, 30),
        ukedag=TIRSDAG,
        enhet="Medisinsk klinikk, Drammen sykehus",
        rutinepunkt="1",
    ),
    Forlop(
        300,
        HF,
        "Drammen",
        "Kommunen svarte ikke samme dag om den kan ta imot pasienten",
        "Varsel om utskrivningsklar pasient sendt kl. 09.10; svar fra kommunen kom først neste "
        "dag kl. 14.",
        ("motta", "svar", "godta"),
        klokka=(9, 10),
        ukedag=TORSDAG,
        enhet="Tildelingskontoret",
    ),
    Forlop(
        270,
        "Bærum",
        HF,
        "Manglende epikrise",
        "Epikrise og legemiddelliste fulgte ikke pasienten ved utskrivning til hjemmetjenesten.",
        ("motta", "svar", "avvis", "eskaler", "svar", "godta"),
        klokka=(13, 45),
        ukedag=FREDAG,
        enhet="Medisinsk klinikk, Bærum sykehus",
    ),
    Forlop(
        240,
        "Drammen",
        HF,
        "Meldt utskrivningsklar, men ikke utskrevet",
        "Pasient meldt utskrivningsklar, men ble liggende to døgn uten at kommunen fikk ny "
        "beskjed; kommunen ble fakturert for døgnene.",
        ("motta", "svar", "avvis", "eskaler", "svar", "avvis", "eskaler", "lsu_enige"),
        klokka=(10, 20),
        ukedag=MANDAG,
        enhet="Kirurgisk klinikk, Drammen sykehus",
    ),
    Forlop(
        200,
        "Ringerike",
        HF,
        "Sykehuset lovet pasienten en kommunal tjeneste",
        "Pasienten ble lovet plass på korttidsavdeling før kommunen hadde vurdert behovet.",
        ("motta", "svar", "avvis", "eskaler", "svar", "avvis", "eskaler", "lsu_uenige"),
        klokka=(15, 5),
        ukedag=ONSDAG,
        enhet="Medisinsk avdeling, Ringerike sykehus",
    ),
    Forlop(
        150,
        "Kongsberg",
        HF,
        "Manglende legemiddelliste",
        "Oppdatert legemiddelliste manglet ved utskrivning; hjemmesykepleien måtte innhente den "
        "fra fastlegen.",
        ("motta", "svar", "avvis"),
        klokka=(16, 40),
        ukedag=FREDAG,
        enhet="Medisinsk avdeling, Kongsberg sykehus",
    ),
    Forlop(
        120,
        HF,
        "Bærum",
        "Innleggelse uten nødvendige opplysninger fra legevakt eller fastlege",
        "Innleggelse fra legevakt natt til søndag uten opplysninger om funksjonsnivå og faste "
        "legemidler.",
        ("motta", "svar", "godta"),
        klokka=(2, 15),
        ukedag=SONDAG,
        enhet="Legevakten",
    ),
    Forlop(
        90,
        "Drammen",
        HF,
        "Utskrevet uten bekreftet mottak",
        "Pasient skrevet ut til eget hjem uten at hjemmetjenesten hadde bekreftet at den kunne "
        "ta imot samme dag.",
        ("motta", "svar", "godta"),
        klokka=(14, 50),
        ukedag=TORSDAG,
        enhet="Kirurgisk klinikk, Drammen sykehus",
    ),
    Forlop(
        60,
        HF,
        "Kongsberg",
        "Kommunen tok ikke imot pasienten da den var utskrivningsklar",
        "Kommunen meldte at den ikke kunne ta imot pasienten før om fire døgn.",
        ("motta",),
        klokka=(11, 0),
        ukedag=TIRSDAG,
        enhet="Tildelingskontoret",
    ),
    Forlop(
        45,
        "Bærum",
        HF,
        "Utskrivning utenfor avtalt tid",
        "Utskrivning til sykehjem en lørdag kl. 17.45, etter avtalt tid i helg.",
        ("motta", "svar", "avvis", "eskaler"),
        klokka=(17, 45),
        ukedag=LORDAG,
        enhet="Medisinsk klinikk, Bærum sykehus",
        rutinepunkt="1",
    ),
    Forlop(
        20,
        HF,
        "Ringerike",
        "Rutiner for elektroniske meldinger ikke fulgt",
        "Kommunen har ikke tatt i bruk ny meldingstype for innleggelsesrapport innen seks "
        "måneder, som overordnet avtale punkt 4.2 krever.",
        ("motta", "svar", "avvis", "eskaler"),
        klokka=(8, 30),
        ukedag=MANDAG,
        enhet="Fagstab helse og omsorg",
        stige="avtalesporsmal",
    ),
    Forlop(
        10,
        "Drammen",
        HF,
        "Manglende varsel innen 24 timer etter innleggelse",
        "Kommunen fikk ikke melding om innlagt pasient som mottar hjemmetjenester før på "
        "utskrivningsdagen, en søndag.",
        (),
        klokka=(19, 20),
        ukedag=SONDAG,
    ),
    Forlop(
        5,
        HF,
        "Drammen",
        "Manglende legemiddelliste ved innleggelse",
        "Pasient innlagt fra sykehjem en fredag kveld uten oppdatert legemiddelliste.",
        ("motta",),
        klokka=(22, 10),
        ukedag=FREDAG,
        enhet="Sykehjemstjenesten",
    ),
    Forlop(
        4,
        "Kongsberg",
        HF,
        "Manglende beskrivelse av funksjon eller diagnose ved melding om utskrivningsklar pasient",
        "Melding om utskrivningsklar pasient uten opplysninger om funksjonsnivå og behov for "
        "hjelpemidler.",
        ("motta", "svar"),
        klokka=(9, 25),
        ukedag=ONSDAG,
        enhet="Medisinsk avdeling, Kongsberg sykehus",
    ),
]

POSISJONER = {
    "kommunene": "enig",
    "helseforetaket": "enig",
    "bruker": "enig",
    "arbeidstaker": "enig",
    "fastlege": "enig",
}


def _koordinator(org: Organisasjon) -> User:
    navn = org.navn.removesuffix(" kommune")
    epost, fullt = KOORDINATORER[navn]
    bruker = User.objects.filter(email=epost).first() or User.objects.create_user(
        epost, fullt, None
    )
    Medlemskap.objects.get_or_create(
        bruker=bruker, organisasjon=org, rolle=Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR
    )
    return bruker


def _lsu_vedtak(avvik: Avvik, enige: bool, dato: datetime.datetime) -> None:
    """The LSU meets (an extra meeting on the case), records attendance and the parties'
    positions; the decision is the avvik's outcome (adopted closes it)."""
    sak = avvik.sak
    lsu = sak.utvalg
    while dato.weekday() >= 5:  # the LSU meets on a working day
        dato += datetime.timedelta(days=1)
    mote = utvalgstjenester.mote_opprett(
        utfort_av=None, utvalg=lsu, start=dato, sted=f"{lsu.lokalomrade.navn} (ekstraordinært)"
    )
    # Escalation put the case on the next planned meeting; the secretary moves it to this one.
    sak.behandlinger.all().delete()
    utvalgstjenester.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    for medlem in (
        Utvalgsmedlem.objects.aktive(dato.date()).filter(utvalg=lsu).exclude(rolle="sekretaer")
    ):
        utvalgstjenester.oppmote_registrer(
            utfort_av=None, mote=mote, medlem=medlem, status="til_stede"
        )
    if enige:
        tekst = (
            "Helseforetaket melder utskrivningsklare pasienter på nytt når utskrivningen "
            "utsettes; kommunen betaler ikke for døgn uten gyldig varsel."
        )
        posisjoner = POSISJONER
    else:
        tekst = "Kommunen skal ikke belastes før den har vurdert behovet for tjenester."
        posisjoner = {**POSISJONER, "helseforetaket": "uenig"}
    utvalgstjenester.vedtak_registrer(
        utfort_av=None, sak=sak, mote=mote, tekst=tekst, posisjoner=posisjoner
    )
    utvalgstjenester.referat_lagre(
        utfort_av=None,
        mote=mote,
        tekst=f"Ekstraordinært møte om {sak.saksnummer} {sak.tittel}. {tekst}",
    )
    utvalgstjenester.referat_godkjenn(utfort_av=None, mote=mote)


def _steg(
    avvik: Avvik, steg: str, koord: dict[int, User], nar: datetime.datetime, enhet: str
) -> Avvik:
    mot = koord[avvik.ansvarlig_id]
    melder = koord[avvik.meldt_av_organisasjon_id]
    if steg == "motta":
        return services.avvik_motta(
            avvik=avvik, utfort_av=mot, enhet=enhet, referanse=f"Synergi {1000 + avvik.pk}"
        )
    if steg == "svar":
        return services.avvik_svar(
            avvik=avvik,
            utfort_av=mot,
            forklaring="Gjennomgått med avdelingen; rutinen var kjent, men ble ikke fulgt.",
            tiltak="Rutinen er gjennomgått på personalmøte og lagt inn i sjekklisten.",
        )
    if steg == "godta":
        return services.avvik_godta(avvik=avvik, utfort_av=melder, tekst="Tiltakene godtas.")
    if steg == "avvis":
        return services.avvik_avvis(
            avvik=avvik,
            utfort_av=melder,
            begrunnelse="Tiltaket hindrer ikke at det skjer igjen; vi ber om en endret praksis.",
        )
    if steg == "eskaler":
        services.avvik_eskaler(
            avvik=avvik,
            utfort_av=melder,
            begrunnelse="Partene er ikke enige etter dialog; saken tas videre etter avtalen § 6.",
        )
        return Avvik.objects.get(pk=avvik.pk)
    if steg in ("lsu_enige", "lsu_uenige"):
        _lsu_vedtak(avvik, steg == "lsu_enige", nar)
        return Avvik.objects.get(pk=avvik.pk)
    raise ValueError(steg)


BETALINGSEKSEMPEL = "Kommunen tok ikke imot pasienten da den var utskrivningsklar"


def _betalingsforlop(avvik: Avvik, hf_koordinator: User, hendelse: datetime.datetime) -> None:
    """The course behind «could not take the patient for four days»: admitted five days before,
    notified within 24 hours, ready at 09:10 and refused the same morning, the offer ready on
    the fourth day. The page computes the days (the rate of the year, if registered)."""
    dag = hendelse.date()

    def kl(dager: int, time: int, minutt: int = 0) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(
                dag + datetime.timedelta(days=dager), datetime.time(time, minutt)
            )
        )

    services.betalingsforlop_lagre(
        avvik=avvik,
        utfort_av=hf_koordinator,
        innlagt=kl(-5, 14, 20),
        innleggelsesvarsel=kl(-5, 18, 5),
        meldt_utskrivningsklar=kl(0, 9, 10),
        kommunens_svar="kan_ikke",
        svart=kl(0, 11, 30),
        kommunen_klar=dag + datetime.timedelta(days=4),
        utskrevet=kl(4, 12, 15),
        merknad="Kommunen oppga at korttidsplass var ledig først fjerde dag.",
    )


def _arbeidstid(tidligst: datetime.datetime, minutter: int) -> datetime.datetime:
    """The first working-day moment at or after `tidligst` that is `minutter` (mod 7 hours)
    past 09:00: coordinators register and answer in office hours, not at 02:15 on a Sunday."""
    lokal = timezone.localtime(tidligst)
    dag = lokal.date()
    while True:
        if dag.weekday() < LORDAG:
            kandidat = timezone.make_aware(
                datetime.datetime.combine(dag, datetime.time(9))
                + datetime.timedelta(minutes=minutter % 420)
            )
            if kandidat >= tidligst:
                return kandidat
        dag += datetime.timedelta(days=1)


def _tilbakedater(avvik: Avvik, hendelse: datetime.datetime) -> None:
    """Move the steps from today back to the days of the story, in their order: reported the
    same day in office hours (or the next working day), each step a few days later, all in
    office hours; none in the future."""
    naa = timezone.now()
    forrige = hendelse + datetime.timedelta(minutes=40)
    for i, rad in enumerate(avvik.hendelser.order_by("pk")):
        tidligst = forrige if i == 0 else forrige + datetime.timedelta(days=2 + i % 3)
        nar = min(_arbeidstid(tidligst, 17 * avvik.pk + 53 * i), naa)
        Avvikshendelse.objects.filter(pk=rad.pk).update(tidspunkt=nar)
        if i == 0:
            Avvik.objects.filter(pk=avvik.pk).update(opprettet=nar)
            start = nar
        forrige = nar
    avvik.refresh_from_db()
    if avvik.sak_id:
        Sak.objects.filter(pk=avvik.sak_id).update(opprettet=start + datetime.timedelta(days=12))
        Sakshendelse.objects.filter(sak=avvik.sak_id).update(
            tidspunkt=min(start + datetime.timedelta(days=15), naa)
        )
    # An open step's deadline runs from the day of that step, as it did.
    if avvik.frist and avvik.trinn and avvik.status in ("meldt", "mottatt", "besvart"):
        siste = avvik.hendelser.order_by("-pk").first()
        antall = (
            avvik.trinn.innsigelsesfrist if avvik.status == "besvart" else avvik.trinn.svarfrist
        )
        Avvik.objects.filter(pk=avvik.pk).update(
            frist=frist(antall, avvik.trinn.fristenhet, fra=siste.tidspunkt)
        )


@transaction.atomic
def ett_ar_med_avvik(hf: Helsefellesskap) -> list[str]:
    if Avvik.objects.filter(helsefellesskap=hf).exists():
        return []
    organisasjoner = {
        o.navn.removesuffix(" kommune"): o for o in Organisasjon.objects.filter(helsefellesskap=hf)
    }
    koord = {organisasjoner[navn].pk: _koordinator(organisasjoner[navn]) for navn in KOORDINATORER}
    idag = timezone.localdate()
    for forlop in FORLOP:
        dag = forlop.dag(idag)
        hendelse = timezone.make_aware(
            datetime.datetime.combine(dag, datetime.time(*forlop.klokka))
        )
        melder_org = organisasjoner[forlop.melder]
        ansvarlig = organisasjoner[forlop.ansvarlig]
        punkt = None
        if forlop.rutinepunkt:
            punkt = (
                Punktversjon.objects.filter(
                    versjon__avtale__helsefellesskap=hf,
                    versjon__avtale__type="rutine",
                    versjon__gyldig_fra__lte=dag,
                    nummer=forlop.rutinepunkt,
                )
                .order_by("-versjon__gyldig_fra")
                .first()
            )
        avvik = services.avvik_registrer(
            melder=koord[melder_org.pk],
            meldt_av_organisasjon=melder_org,
            ansvarlig=ansvarlig,
            kategori=Avvikskategori.objects.get(navn=forlop.kategori),
            hendelse=hendelse,
            beskrivelse=forlop.beskrivelse,
            stige=forlop.stige,
            punkt=punkt,
            melders_referanse=f"EQS {2000 + forlop.dager}",
        )
        if forlop.kategori == BETALINGSEKSEMPEL:
            _betalingsforlop(avvik, koord[melder_org.pk], hendelse)
        start = hendelse + datetime.timedelta(hours=2)  # the steps are redated below
        for i, steg in enumerate(forlop.steg):
            avvik = _steg(
                avvik, steg, koord, start + datetime.timedelta(days=3 * i + 30), forlop.enhet
            )
        _tilbakedater(avvik, hendelse)
    _betalingseksempel_2024(organisasjoner, koord)
    return [
        f"Avvik: {len(FORLOP)} avvik siste år, begge veier og i alle tilstander, "
        "og ett betalingsforløp fra 2024 med utregnet beløp"
    ]


# A course in a year with a registered day rate (avvik/betalingsdata.py), so the demo shows
# the computed amount; the year's course above falls in a year whose rate is not registered.
BETALINGSDATO_2024 = datetime.datetime(2024, 3, 13, 11, 0)


def _betalingseksempel_2024(organisasjoner, koord) -> None:
    melder, ansvarlig = organisasjoner[HF], organisasjoner["Kongsberg"]
    hendelse = timezone.make_aware(BETALINGSDATO_2024)
    avvik = services.avvik_registrer(
        melder=koord[melder.pk],
        meldt_av_organisasjon=melder,
        ansvarlig=ansvarlig,
        kategori=Avvikskategori.objects.get(navn=BETALINGSEKSEMPEL),
        hendelse=hendelse,
        beskrivelse="Uenighet om hvor mange døgn kommunen skulle betale for i mars 2024.",
        stige="pasientrelatert",
        melders_referanse="EQS 1024",
    )
    _betalingsforlop(avvik, koord[melder.pk], hendelse)
    start = hendelse + datetime.timedelta(hours=2)
    for i, steg in enumerate(("motta", "svar", "godta")):
        avvik = _steg(
            avvik, steg, koord, start + datetime.timedelta(days=3 * i + 30), "Tildelingskontoret"
        )
    _tilbakedater(avvik, hendelse)
