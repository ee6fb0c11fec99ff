"""National-scale data for benchmarks, load tests and soak (#10): deterministic from a seed.

At skala 1: 20 Helsefellesskap and 356 municipalities; each Helsefellesskap has 15 agreements,
the same text with every municipality of its area (likelydende avtaler), with 150 clauses and
5 versions (4 replaced, 1 in force); an SSU and four LSUs with five years of meetings, cases
and unanimous decisions; 50,000 avvik with their threads, some escalated. Users: per
Helsefellesskap an administrator, a coordinator and a secretary at the health trust, and per
municipality a coordinator and an employee, all with the one password given.

Rows go in with bulk_create, without signals or history: this is a benchmark's database, not a
record of anyone's work. Dates are relative to today (the versions must be in force now), so
the data is the same for the same seed on the same day.
"""

import dataclasses
import datetime
import random
import re
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone

AVTALER = 15
PUNKTER = 150
VERSJONER = 5
LSU_PER_HF = 4
MOTER_PER_AR = 6
SAKER_PER_MOTE = 3
AR_MED_MOTER = 5
AVVIK = 50_000
TIDER = (
    "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, "
    "og i helger og på helligdager mellom 10:00 og 14:00."
)
KILDE = Path(__file__).resolve().parents[1] / "tests/avtaler/data/overordnet_vestre_viken_2021.txt"


@dataclasses.dataclass
class Resultat:
    helsefellesskap: int = 0
    kommuner: int = 0
    brukere: int = 0
    punktversjoner: int = 0
    moter: int = 0
    vedtak: int = 0
    avvik: int = 0
    kommunenumre: list[str] = dataclasses.field(default_factory=list)


def _na() -> datetime.datetime:
    """'Now' for the data: midnight today, so a seed gives the same rows all day."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))


def _setninger() -> list[str]:
    tekst = " ".join(KILDE.read_text(encoding="utf-8").split())
    return [s for s in re.split(r"(?<=[.!?])\s+", tekst) if 40 <= len(s) <= 400]


def generer(
    skala: float = 1.0,
    *,
    fro: int = 356,
    passord: str = "Samhandling-2026",
    melding: Callable[[str], None] = lambda _: None,
) -> Resultat:
    from helsefellesskap.models import Helsefellesskap, Lokalomrade, Organisasjon

    rng = random.Random(fro)  # noqa: S311 -- test data, not secrets
    resultat = Resultat()
    antall_hf = max(1, round(20 * skala))
    antall_kommuner = max(antall_hf, round(356 * skala))
    hf_liste = Helsefellesskap.objects.bulk_create(
        Helsefellesskap(navn=f"Helsefellesskap {i}", kortnavn=f"hf-{i}") for i in range(antall_hf)
    )
    from avvik.stiger import lag_stiger

    for hf in hf_liste:  # bulk_create sends no post_save: the ladders as a new one gets them
        lag_stiger(hf)
    foretak = Organisasjon.objects.bulk_create(
        Organisasjon(
            type=Organisasjon.Type.HELSEFORETAK,
            navn=f"Helseforetak {i} HF",
            organisasjonsnummer=f"9{i:08d}",
            helsefellesskap=hf,
        )
        for i, hf in enumerate(hf_liste)
    )
    kommuner = Organisasjon.objects.bulk_create(
        Organisasjon(
            type=Organisasjon.Type.KOMMUNE,
            navn=f"Kommune {i} kommune",
            kommunenummer=f"{1000 + i:04d}",
            organisasjonsnummer=f"8{i:08d}",
            helsefellesskap=hf_liste[i % antall_hf],
        )
        for i in range(antall_kommuner)
    )
    resultat.helsefellesskap, resultat.kommuner = antall_hf, antall_kommuner
    resultat.kommunenumre = [k.kommunenummer for k in kommuner]
    brukere = _brukere(hf_liste, foretak, kommuner, make_password(passord))
    resultat.brukere = sum(len(b) for b in brukere.values())
    setninger = _setninger()
    for h, hf in enumerate(hf_liste):
        egne = kommuner[h::antall_hf]
        omrader = Lokalomrade.objects.bulk_create(
            Lokalomrade(helsefellesskap=hf, navn=f"Lokalområde {h}-{n}") for n in range(LSU_PER_HF)
        )
        for n, omrade in enumerate(omrader):
            omrade.kommuner.set(egne[n::LSU_PER_HF])
        gjeldende = _avtaler(rng, hf, [foretak[h], *egne], setninger)
        resultat.punktversjoner += len(gjeldende) * PUNKTER * VERSJONER
        moter, vedtak, lsu = _utvalg(rng, hf, omrader, brukere[hf.pk])
        resultat.moter += moter
        resultat.vedtak += vedtak
        resultat.avvik += _avvik(
            rng,
            hf,
            foretak[h],
            egne,
            gjeldende,
            brukere[hf.pk],
            lsu,
            round(AVVIK * skala / antall_hf),
        )
        melding(f"  {h + 1}/{antall_hf} helsefellesskap")
    return resultat


def _brukere(hf_liste, foretak, kommuner, passord_hash) -> dict[int, list]:
    """Users with roles, per Helsefellesskap id: [(user, organisation, role)]."""
    from helsefellesskap.models import Medlemskap, User

    Rolle = Medlemskap.Rolle
    plan = []
    for h, hf in enumerate(hf_liste):
        for rolle in (Rolle.ADMINISTRATOR, Rolle.SAMHANDLINGSKOORDINATOR, Rolle.UTVALGSSEKRETAER):
            plan.append((hf, foretak[h], rolle, f"{rolle}.hf{h}@bench.example.no"))
    for k in kommuner:
        hf = next(hf for hf in hf_liste if hf.pk == k.helsefellesskap_id)
        for rolle in (Rolle.SAMHANDLINGSKOORDINATOR, Rolle.ANSATT):
            plan.append((hf, k, rolle, f"{rolle}.{k.kommunenummer}@bench.example.no"))
    users = User.objects.bulk_create(
        User(email=epost, navn=epost.split("@")[0], password=passord_hash)
        for _, _, _, epost in plan
    )
    Medlemskap.objects.bulk_create(
        Medlemskap(bruker=u, organisasjon=org, rolle=rolle)
        for u, (_, org, rolle, _) in zip(users, plan, strict=True)
    )
    per_hf: dict[int, list] = {}
    for u, (hf, org, rolle, _) in zip(users, plan, strict=True):
        per_hf.setdefault(hf.pk, []).append((u, org, rolle))
    return per_hf


def _avtaler(rng, hf, parter, setninger) -> list:
    """The agreements of one Helsefellesskap; returns the versions in force."""
    from avtaler.models import (
        Avtale,
        Avtaleforhold,
        Avtaleversjon,
        Punkt,
        Punktversjon,
        Utskrivningstider,
        Versjonspart,
    )

    overskrifter = [s.split(",")[0][:60] for s in setninger]
    i_dag = timezone.localdate()
    avtaler = Avtale.objects.bulk_create(
        Avtale(
            helsefellesskap=hf,
            type="overordnet" if a == 0 else "saeravtale",
            tittel="Utskrivningsrutine" if a == 1 else f"Avtale {a} i {hf.navn}",
            er_utskrivningsrutine=a == 1,
        )
        for a in range(AVTALER)
    )
    punkter = Punkt.objects.bulk_create(
        Punkt(avtale=avtale) for avtale in avtaler for _ in range(PUNKTER)
    )
    # One version per agreement at a time: only one may be a draft, and its clauses are
    # written while it is one (signed versions are locked by triggers).
    for n in range(1, VERSJONER + 1):
        versjoner = Avtaleversjon.objects.bulk_create(
            Avtaleversjon(avtale=avtale, nummer=n, tittel=avtale.tittel) for avtale in avtaler
        )
        Versjonspart.objects.bulk_create(
            Versjonspart(versjon=v, organisasjon=o) for v in versjoner for o in parter
        )
        Punktversjon.objects.bulk_create(
            [
                Punktversjon(
                    versjon=v,
                    punkt=punkt,
                    nummer=str(p + 1),
                    overskrift=rng.choice(overskrifter),
                    tekst=TIDER if a == 1 and p == 0 else " ".join(rng.sample(setninger, 3)),
                    rekkefolge=p,
                )
                for a, v in enumerate(versjoner)
                for p, punkt in enumerate(punkter[a * PUNKTER : (a + 1) * PUNKTER])
            ],
            batch_size=5000,
        )
        # The discharge routine's hours, as data in the draft (locked when signed below).
        Utskrivningstider.objects.bulk_create(
            [
                Utskrivningstider(
                    versjon=versjoner[1],
                    punkt=punkter[PUNKTER],
                    hverdag_fra=datetime.time(8),
                    hverdag_til=datetime.time(16),
                    helg_fra=datetime.time(10),
                    helg_til=datetime.time(14),
                )
            ]
        )
        fra = i_dag.replace(year=i_dag.year - (VERSJONER - n + 1))
        til = None
        if n < VERSJONER:
            til = i_dag.replace(year=i_dag.year - (VERSJONER - n)) - datetime.timedelta(days=1)
        Avtaleversjon.objects.filter(pk__in=[v.pk for v in versjoner]).update(
            tilstand="signert",
            godkjent_vedtak=f"SSU {n}/{fra.year}",
            signert_dato=fra,
            gyldig_fra=fra,
        )
        # Each party's own agreement: the municipalities' carry "in force" (avtaler.livslop).
        Avtaleforhold.objects.bulk_create(
            Avtaleforhold(
                versjon=v,
                part=o,
                signert_dato=fra,
                i_kraft_fra=fra if o.er_kommune else None,
                sluttdato=til if o.er_kommune else None,
            )
            for v in versjoner
            for o in parter
        )
    return versjoner


def _utvalg(rng, hf, omrader, brukere) -> tuple[int, int, list]:
    """An SSU and an LSU per area, members from both parties, five years of meetings with
    cases and unanimous decisions. Returns (meetings, decisions, the LSUs)."""
    from helsefellesskap.models import (
        Medlemskap,
        Mote,
        Oppmote,
        Sak,
        Sakbehandling,
        Utvalg,
        Vedtak,
    )
    from helsefellesskap.models.utvalg import Side, Utvalgsmedlem

    Rolle = Medlemskap.Rolle
    ssu = Utvalg.objects.create(
        helsefellesskap=hf,
        type="ssu",
        navn="Strategisk samarbeidsutvalg",
        kortnavn="SSU",
        kan_vedta=True,
        moter_min=4,
    )
    lsu = Utvalg.objects.bulk_create(
        Utvalg(
            helsefellesskap=hf,
            type="lsu",
            navn=f"LSU {omrade.navn}",
            kortnavn=f"LSU{n}",
            lokalomrade=omrade,
            overordnet=ssu,
            moter_min=4,
        )
        for n, omrade in enumerate(omrader)
    )
    koordinatorer = [
        (u, org) for u, org, rolle in brukere if rolle == Rolle.SAMHANDLINGSKOORDINATOR
    ]
    sekretaer = next(u for u, _, rolle in brukere if rolle == Rolle.UTVALGSSEKRETAER)
    fra = timezone.localdate().replace(
        year=timezone.localdate().year - AR_MED_MOTER, month=1, day=1
    )
    medlemmer = []
    for utvalg in [ssu, *lsu]:
        foretakets = koordinatorer[0]
        kommunenes = rng.sample(koordinatorer[1:], min(2, len(koordinatorer) - 1))
        medlemmer.append(
            Utvalgsmedlem(
                utvalg=utvalg,
                bruker=foretakets[0],
                organisasjon=foretakets[1],
                side=Side.HELSEFORETAKET,
                rolle="leder",
                fra=fra,
            )
        )
        medlemmer += [
            Utvalgsmedlem(utvalg=utvalg, bruker=u, organisasjon=org, side=Side.KOMMUNENE, fra=fra)
            for u, org in kommunenes
        ]
        medlemmer.append(
            Utvalgsmedlem(
                utvalg=utvalg,
                bruker=sekretaer,
                organisasjon=foretakets[1],
                side=Side.HELSEFORETAKET,
                rolle="sekretaer",
                fra=fra,
            )
        )
    Utvalgsmedlem.objects.bulk_create(medlemmer)
    na = _na()
    moter, saker, behandlinger, vedtak = [], [], [], []
    for utvalg in [ssu, *lsu]:
        for ar_nr in range(AR_MED_MOTER + 2):  # through next year: the next meetings are planned
            ar = fra.year + ar_nr
            for m in range(MOTER_PER_AR):
                start = timezone.make_aware(datetime.datetime(ar, 1 + 2 * m, 15, 10, 0))
                if start > na + datetime.timedelta(days=120):
                    continue
                mote = Mote(
                    utvalg=utvalg,
                    start=start,
                    sted="Sykehuset, møterom 1",
                    status="gjennomfort" if start < na else "planlagt",
                    referat="Referat generert for måling." if start < na else "",
                )
                moter.append(mote)
                for s in range(SAKER_PER_MOTE):
                    saker.append(
                        (
                            mote,
                            Sak(
                                utvalg=utvalg,
                                ar=ar,
                                lopenummer=m * SAKER_PER_MOTE + s + 1,
                                tittel=f"Sak {s + 1} om samhandling",
                                opprettet=start,
                                status="avsluttet" if start < na else "apen",
                            ),
                        )
                    )
    Mote.objects.bulk_create(moter, batch_size=2000)
    Sak.objects.bulk_create([sak for _, sak in saker], batch_size=2000)
    for n, (mote, sak) in enumerate(saker):
        behandlinger.append(Sakbehandling(mote=mote, sak=sak, rekkefolge=n % SAKER_PER_MOTE))
        if mote.status == "gjennomfort":
            vedtak.append(
                Vedtak(
                    sak=sak,
                    mote=mote,
                    tekst="Utvalget tar saken til orientering.",
                    resultat="vedtatt",
                    pos_kommunene="enig",
                    pos_helseforetaket="enig",
                    registrert_av=sekretaer,
                    tidspunkt=mote.start,
                )
            )
    Sakbehandling.objects.bulk_create(behandlinger, batch_size=2000)
    Vedtak.objects.bulk_create(vedtak, batch_size=2000)
    # Decisions need the attendance of every member (#18): all came to the meetings held.
    per_utvalg: dict[int, list] = {}
    for medlem in medlemmer:
        if medlem.rolle != "sekretaer":
            per_utvalg.setdefault(medlem.utvalg_id, []).append(medlem)
    Oppmote.objects.bulk_create(
        (
            Oppmote(mote=mote, medlem=medlem, status=Oppmote.Status.TIL_STEDE)
            for mote in moter
            if mote.status == "gjennomfort"
            for medlem in per_utvalg[mote.utvalg_id]
        ),
        batch_size=5000,
    )
    return len(moter), len(vedtak), lsu


# Where the responsible party routes an avvik, and its own quality system (#18).
ENHETER = {
    "helseforetak": (
        "Medisinsk klinikk",
        "Kirurgisk klinikk",
        "Klinikk for psykisk helse og rus",
        "Akuttklinikken",
    ),
    "kommune": ("Tildelingskontoret", "Hjemmesykepleien", "Korttidsavdelingen", "Legevakten"),
}
KVALITETSSYSTEM = {"helseforetak": "Synergi", "kommune": "EQS"}
# Status of the generated avvik, weighted: most are closed, one in twenty is with the LSU.
STATUSER = {"meldt": 1, "mottatt": 1, "besvart": 1, "avvist": 0.5, "i_utvalg": 0.5, "lukket": 6}
APNE_DIALOGER = ("meldt", "mottatt", "besvart")


def _avvik(rng, hf, foretak, kommuner, gjeldende, brukere, lsu, antall) -> int:
    """Avvik over the last two years, each with its thread as the dialogue goes (#18, DOMAIN.md
    § 4): received and routed to a clinic or unit, answered with explanation and measures,
    accepted or rejected by the reporter, closed by the reporter's acceptance or when the
    deadline for objection passed. One in twenty went up the ladder after rejected answers
    (dialogue, the meeting of leaders, then the municipality's LSU, as a case there). Categories
    fit the responsible party; the dialogues still open are recent, so no deadline for objection
    has passed without the daily job closing the avvik."""
    from django.db.models import Max

    from avtaler.models import Punktversjon
    from avvik.kategorier import sikre_kategorier
    from avvik.models import Avvik, Avvikshendelse, Avvikskategori
    from avvik.services.frister import frist
    from avvik.stiger import trinn_for
    from helsefellesskap.models import Medlemskap, Mote, Sak, Sakbehandling

    Rolle = Medlemskap.Rolle
    sikre_kategorier(Avvikskategori)  # seeded by a migration; gone after a flush
    kategorier = list(Avvikskategori.objects.filter(aktiv=True).order_by("pk"))
    passer = {
        t: [k for k in kategorier if k.svikt_hos in ("begge", t)]
        for t in ("helseforetak", "kommune")
    }
    trinn = trinn_for(hf, "pasientrelatert")
    lsu_trinn = next(t for t in trinn if t.mal == "lsu")
    dialogtrinn = [t for t in trinn if t.mal == "dialog"]
    lsu_for = {k.pk: lsu[i % len(lsu)] for i, k in enumerate(kommuner)}  # as the areas were made
    punkter = list(Punktversjon.objects.filter(versjon__in=gjeldende[:3]).only("pk", "versjon_id"))
    melder = {
        org.pk: u
        for u, org, rolle in brukere
        if rolle in (Rolle.ANSATT, Rolle.SAMHANDLINGSKOORDINATOR)
    }
    behandler = {org.pk: u for u, org, rolle in brukere if rolle == Rolle.SAMHANDLINGSKOORDINATOR}
    na = _na()
    # A case with the LSU came after its last meeting held and waits for its next one (#18):
    # one taken there before would have been treated.
    siste_mote = dict(
        Mote.objects.filter(utvalg__in=lsu, start__lt=na)
        .values("utvalg")
        .annotate(siste=Max("start"))
        .values_list("utvalg", "siste")
    )
    neste_mote = {}
    for mote in Mote.objects.filter(utvalg__in=lsu, start__gt=na).order_by("-start"):
        neste_mote[mote.utvalg_id] = mote
    til_lsu = datetime.timedelta(days=12, hours=2)  # from the event to the case (the thread)
    avvik, planer = [], []
    for _ in range(antall):
        kommune = rng.choice(kommuner)
        fra_kommune = rng.random() < 0.8
        meldt_av_org, ansvarlig = (kommune, foretak) if fra_kommune else (foretak, kommune)
        status = rng.choices(list(STATUSER), list(STATUSER.values()))[0]
        if status in APNE_DIALOGER:  # 3 to 10 days ago: the deadlines still run
            minutter = rng.randrange(3 * 24 * 60, 10 * 24 * 60)
        elif status == "i_utvalg":
            siste = siste_mote.get(lsu_for[kommune.pk].pk, na - datetime.timedelta(days=60))
            lengst = (na - siste + til_lsu) // datetime.timedelta(minutes=1)
            minutter = rng.randrange(til_lsu // datetime.timedelta(minutes=1) + 1, lengst)
        else:
            minutter = rng.randrange(30 * 24 * 60, 2 * 365 * 24 * 60)
        hendelse = na - datetime.timedelta(minutes=minutter)
        opprettet = hendelse + datetime.timedelta(hours=2)
        punkt = rng.choice(punkter) if rng.random() < 0.7 else None
        mottatt = status != "meldt"
        enhet = rng.choice(ENHETER[ansvarlig.type]) if mottatt else ""
        a = Avvik(
            helsefellesskap=hf,
            kategori=rng.choice(passer[ansvarlig.type]),
            stige="pasientrelatert",
            meldt_av=melder.get(meldt_av_org.pk),
            meldt_av_organisasjon=meldt_av_org,
            ansvarlig=ansvarlig,
            hendelse=hendelse,
            beskrivelse="Generert for måling.",
            melders_referanse=(
                f"{KVALITETSSYSTEM[meldt_av_org.type]} {rng.randrange(1000, 99999)}"
                if rng.random() < 0.5
                else ""
            ),
            ansvarlig_enhet=enhet,
            ansvarligs_referanse=(
                f"{KVALITETSSYSTEM[ansvarlig.type]} {rng.randrange(1000, 99999)}" if enhet else ""
            ),
            avtaleversjon_id=punkt.versjon_id if punkt else None,
            punkt=punkt,
            status=status,
            trinn=lsu_trinn if status == "i_utvalg" else trinn[0],
            tiltak="Tiltak generert for måling." if status not in ("meldt", "mottatt") else "",
            opprettet=opprettet,
        )
        if status in ("meldt", "mottatt"):
            a.frist = frist(trinn[0].svarfrist, trinn[0].fristenhet, opprettet)
        elif status == "besvart":
            svart = opprettet + datetime.timedelta(days=2)
            a.frist = frist(trinn[0].innsigelsesfrist, trinn[0].fristenhet, svart)
        avvik.append(a)
        planer.append((meldt_av_org, ansvarlig, enhet, rng.random() < 0.85))
    saker = []
    lopenummer = 10_000
    for a, (meldt_av_org, ansvarlig, _enhet, _godtatt) in zip(avvik, planer, strict=True):
        if a.status == "i_utvalg":
            lopenummer += 1
            kommune = meldt_av_org if meldt_av_org.type == "kommune" else ansvarlig
            a.sak = Sak(
                utvalg=lsu_for[kommune.pk],
                ar=a.opprettet.year,
                lopenummer=lopenummer,
                tittel=f"Avvik: {a.kategori.navn}"[:300],
                beskrivelse="Avvik tatt videre etter avviste svar, generert for måling.",
                # A patient-related case goes from LSU to the national body (agreement § 6).
                neste=Sak.Neste.NASJONAL,
                opprettet=a.opprettet + datetime.timedelta(days=12),
            )
            saker.append(a.sak)
    Sak.objects.bulk_create(saker, batch_size=2000)
    # On the agenda of the LSU's next meeting, as sak_sett_pa_neste_mote puts it.
    Sakbehandling.objects.bulk_create(
        (
            Sakbehandling(mote=neste_mote[sak.utvalg_id], sak=sak, rekkefolge=SAKER_PER_MOTE + n)
            for n, sak in enumerate(saker)
            if sak.utvalg_id in neste_mote
        ),
        batch_size=2000,
    )
    Avvik.objects.bulk_create(avvik, batch_size=2000)
    hendelser = []
    for a, (meldt_av_org, ansvarlig, enhet, godtatt) in zip(avvik, planer, strict=True):
        hendelser += _forlop(
            a, meldt_av_org, ansvarlig, enhet, godtatt, behandler, dialogtrinn, lsu_trinn
        )
    Avvikshendelse.objects.bulk_create(hendelser, batch_size=5000)
    return len(avvik)


def _forlop(a, meldt_av_org, ansvarlig, enhet, godtatt, behandler, dialogtrinn, lsu_trinn):
    """The thread of one generated avvik, step by step as the services would leave it."""
    from avvik.models import Avvikshendelse

    t = a.opprettet
    steg = []

    def ny(type_, dag, org, tekst="", bruker="org", **felter):
        hvem = behandler.get(org.pk) if bruker == "org" and org else bruker
        steg.append(
            Avvikshendelse(
                avvik=a,
                type=type_,
                utfort_av=hvem,
                organisasjon=org,
                tidspunkt=t + datetime.timedelta(days=dag),
                tekst=tekst,
                **felter,
            )
        )

    ny(
        "meldt",
        0,
        meldt_av_org,
        a.melders_referanse and f"Nummer i eget kvalitetssystem: {a.melders_referanse}",
        bruker=a.meldt_av,
        trinn=dialogtrinn[0],
    )
    if a.status == "meldt":
        return steg
    ny(
        "mottatt",
        1,
        ansvarlig,
        f"Til oppfølging hos {enhet}.\nNummer i eget kvalitetssystem: {a.ansvarligs_referanse}",
    )
    if a.status == "mottatt":
        return steg
    svar = "Forklaring: Generert for måling.\nTiltak: Tiltak generert for måling."
    ny("svar", 2, ansvarlig, svar, trinn=dialogtrinn[0])
    if a.status == "besvart":
        return steg
    if a.status == "lukket":
        if godtatt:
            ny("godtatt", 3, meldt_av_org, bruker=a.meldt_av)
            ny("lukket", 3, meldt_av_org, "Lukket: melderen godtok svaret.", bruker=a.meldt_av)
        else:
            ny(
                "lukket",
                17,
                None,
                "Lukket: fristen for å avvise svaret gikk ut, og svaret regnes som godtatt.",
                bruker=None,
            )
        return steg
    ny(
        "avvist",
        3,
        meldt_av_org,
        "Svaret er ikke godt nok, generert for måling.",
        bruker=a.meldt_av,
    )
    if a.status == "avvist":
        return steg
    # Taken on by either party: to the leaders' meeting, a new answer rejected, then the LSU.
    ny("eskalert", 4, ansvarlig, "Tatt videre for måling.", trinn=dialogtrinn[-1])
    ny("svar", 8, ansvarlig, svar, trinn=dialogtrinn[-1])
    ny("avvist", 10, meldt_av_org, "Fortsatt uenige, generert for måling.", bruker=a.meldt_av)
    ny(
        "eskalert",
        12,
        meldt_av_org,
        "Tatt videre til LSU for måling.",
        bruker=a.meldt_av,
        trinn=lsu_trinn,
        sak=a.sak,
        utvalg=a.sak.utvalg,
    )
    return steg
