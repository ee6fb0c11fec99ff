"""Demo bodies of Helsefellesskap Vest-Viken: SSU, AU, five LSUs and an FSU, with a year of
meetings, cases and decisions – including a case where the parties in an LSU disagreed
and sent it on to SSU."""

import datetime
import itertools

from django.utils import timezone

from helsefellesskap import services
from helsefellesskap.models import (
    Helsefellesskap,
    Lokalomrade,
    Mote,
    Organisasjon,
    User,
    Utvalg,
    Utvalgsmedlem,
)

FORNAVN = [
    "Anne",
    "Bjørn",
    "Camilla",
    "Dag",
    "Eli",
    "Frode",
    "Guro",
    "Håkon",
    "Ingrid",
    "Jon",
    "Kristin",
    "Lars",
    "Marit",
    "Nils",
    "Oda",
    "Per",
    "Randi",
    "Stian",
    "Tone",
    "Vegard",
]
ETTERNAVN = [
    "Berg",
    "Dahl",
    "Eide",
    "Fjeld",
    "Haugen",
    "Lie",
    "Moen",
    "Nygård",
    "Solberg",
    "Strand",
    "Vik",
    "Aas",
]
_navn = iter(())


def _person() -> User:
    """The next demo person: the same names in the same order on every run."""
    navn = next(_navn)
    epost = navn.lower().replace(" ", ".").replace("ø", "o").replace("å", "a").replace("æ", "ae")
    bruker = User.objects.filter(email=f"{epost}@demo.no").first()
    if bruker is None:
        bruker = User.objects.create_user(f"{epost}@demo.no", navn, None)  # no password: no login
    return bruker


def _medlem(utvalg, side, *, rolle="medlem", org=None, fag="", bruker=None):
    return Utvalgsmedlem.objects.create(
        utvalg=utvalg,
        bruker=bruker or _person(),
        side=side,
        rolle=rolle,
        organisasjon=org,
        fagomrade=fag,
        fra=datetime.date(2025, 1, 1),
    )


def _rolle(i: int, side: str, lederside: str | None) -> str:
    """The first member of each side leads the body when it is that side's turn, and is
    deputy when it is the other side's."""
    if i:
        return "medlem"
    return "leder" if side == lederside else "nestleder"


def _tid(dato: str, time: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(dato), datetime.time(time))
    )


ALLE_ENIGE = {
    "kommunene": "enig",
    "helseforetaket": "enig",
    "bruker": "enig",
    "arbeidstaker": "enig",
    "fastlege": "enig",
}


def last_demodata() -> list[str]:
    global _navn
    _navn = (f"{f} {e}" for e, f in itertools.product(ETTERNAVN, FORNAVN))
    hf = Helsefellesskap.objects.filter(kortnavn="vest-viken").first()
    if hf is None or Utvalg.objects.filter(helsefellesskap=hf).exists():
        return []
    vv = Organisasjon.objects.get(helsefellesskap=hf, type="helseforetak")
    kommuner = {
        k.navn.removesuffix(" kommune"): k
        for k in Organisasjon.objects.kommuner().filter(helsefellesskap=hf)
    }
    sekretaer = User.objects.get(email="sekretaer@demo.no")
    koordinator = User.objects.get(email="koordinator@demo.no")

    ssu = services.utvalg_opprett(
        helsefellesskap=hf,
        type="ssu",
        navn="Strategisk samarbeidsutvalg",
        kortnavn="SSU",
        rotasjon_fra=datetime.date(2021, 1, 1),
        forste_lederside="kommunene",
    )
    # The chair follows the rotation on the day the demo is loaded (from 2021, every two
    # years): 2025–2026 the municipalities, 2027–2028 the health trust, and so on.
    idag = timezone.localdate()
    ssu_side = ssu.lederside(idag)
    ssu_leder = None
    for i, kommune in enumerate(["Drammen", "Bærum", "Ringerike"]):
        medlem = _medlem(
            ssu, "kommunene", org=kommuner[kommune], rolle=_rolle(i, "kommunene", ssu_side)
        )
        ssu_leder = ssu_leder or medlem
    for i in range(3):
        medlem = _medlem(ssu, "helseforetaket", org=vv, rolle=_rolle(i, "helseforetaket", ssu_side))
        if ssu_side == "helseforetaket" and i == 0:
            ssu_leder = medlem
    _medlem(ssu, "bruker")
    _medlem(ssu, "arbeidstaker")
    _medlem(ssu, "fastlege")
    _medlem(ssu, "helseforetaket", rolle="sekretaer", org=vv, bruker=sekretaer)

    au = services.utvalg_opprett(
        helsefellesskap=hf,
        type="au",
        navn="Arbeidsutvalg (sekretariat)",
        kortnavn="AU",
        overordnet=ssu,
        # «Ansvar for arbeidsutvalget følger leder» (seed § 5.3): the same rotation as SSU.
        rotasjon_fra=datetime.date(2021, 1, 1),
        forste_lederside="kommunene",
    )
    # «Leder for SSU deltar i arbeidsutvalget»: the SSU chair leads the AU.
    _medlem(au, ssu_leder.side, org=ssu_leder.organisasjon, rolle="leder", bruker=ssu_leder.bruker)
    if ssu_leder.side == "kommunene":
        _medlem(au, "helseforetaket", org=vv, rolle="nestleder")
    else:
        _medlem(au, "kommunene", org=kommuner["Drammen"], rolle="nestleder")
    _medlem(au, "helseforetaket", rolle="sekretaer", org=vv, bruker=sekretaer)

    lsuer = {}
    for omrade in Lokalomrade.objects.filter(helsefellesskap=hf).prefetch_related("kommuner"):
        kort = "LSU " + omrade.navn.split()[0]
        lsu = services.utvalg_opprett(
            helsefellesskap=hf,
            type="lsu",
            navn=f"Lokalt samarbeidsutvalg {omrade.navn}",
            kortnavn=kort,
            lokalomrade=omrade,
            overordnet=ssu,
            rotasjon_fra=datetime.date(2024, 1, 1),
            forste_lederside="helseforetaket",
        )
        # Rotation from 2024 with the HF first: 2026–2027 is the municipalities' period.
        lsu_side = lsu.lederside(idag)
        for i, kommune in enumerate(omrade.kommuner.all()[:3]):
            _medlem(lsu, "kommunene", org=kommune, rolle=_rolle(i, "kommunene", lsu_side))
        _medlem(
            lsu,
            "helseforetaket",
            org=vv,
            rolle=_rolle(0, "helseforetaket", lsu_side),
            fag="somatikk",
        )
        if omrade.navn != "Kongsberg sykehus":  # one LSU lacks mental health: the check shows it
            _medlem(lsu, "helseforetaket", org=vv, fag="psykisk_helse")
        _medlem(lsu, "bruker")
        _medlem(lsu, "fastlege")
        _medlem(lsu, "helseforetaket", rolle="sekretaer", org=vv, bruker=sekretaer)
        lsuer[omrade.navn] = lsu
    drammen = lsuer["Drammen sykehus"]
    _medlem(drammen, "kommunene", org=kommuner["Drammen"], bruker=koordinator)

    # SSU: six meetings in 2026, five held with minutes, one ahead.
    ssu_moter = [
        services.mote_opprett(
            utfort_av=None, utvalg=ssu, start=_tid(d), sted="Vestre Viken HF, Drammen"
        )
        for d in [
            "2026-01-22",
            "2026-03-12",
            "2026-05-07",
            "2026-06-18",
            "2026-09-24",
            "2026-12-10",
        ]
    ]
    saker = [
        (
            "Revisjon av rutine for utskrivning",
            "Rutinen er endret etter avviksmeldinger om utskrivning kveld og helg.",
            True,
        ),
        ("Handlingsplan for Helsefellesskap Vest-Viken 2026", "", True),
        ("Oppnevning av faglig samarbeidsutvalg for rehabilitering", "", True),
    ]
    for medlem in ssu.medlemmer.exclude(rolle="sekretaer"):
        for mote in ssu_moter[:3]:
            services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
    vedtatt = []
    for mote, (tittel, beskrivelse, _enig) in zip(ssu_moter, saker, strict=False):
        sak = services.sak_opprett(
            utfort_av=None, utvalg=ssu, tittel=tittel, beskrivelse=beskrivelse, ar=2026
        )
        vedtatt.append(
            services.vedtak_registrer(
                utfort_av=None, sak=sak, mote=mote, tekst=f"{tittel} vedtas.", posisjoner=ALLE_ENIGE
            )
        )
        services.referat_lagre(
            utfort_av=None,
            mote=mote,
            tekst=f"Møtet behandlet {sak.saksnummer}. Vedtaket var enstemmig.",
        )
        services.referat_godkjenn(utfort_av=None, mote=mote)
    # June and September: each with its agenda, who came (one apology in September) and the
    # minutes; a meeting not yet held (the demo loaded earlier in the year) gets its agenda only.
    for mote, sakliste, forfall in [
        (
            ssu_moter[3],
            [
                ("Avviksstatistikk første tertial 2026", "SSU tar statistikken til orientering."),
                (
                    "Høring: regional plan for akuttmedisinsk kjede",
                    "SSU slutter seg til høringssvaret fra arbeidsutvalget.",
                ),
            ],
            None,
        ),
        (
            ssu_moter[4],
            [
                (
                    "Årlig gjennomgang av avtale om helhetlig pasientforløp",
                    "Avtalen videreføres; arbeidsutvalget foreslår endringer i "
                    "utskrivningsrutinen til desembermøtet.",
                ),
                (
                    "Orientering fra arbeidsutvalget om handlingsplanen 2026",
                    "SSU tar orienteringen til etterretning.",
                ),
            ],
            "fastlege",
        ),
    ]:
        holdt = timezone.localtime(mote.start).date() < idag
        saker_her = []
        for tittel, vedtakstekst in sakliste:
            sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel=tittel, ar=2026)
            services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
            saker_her.append((sak, vedtakstekst))
        if not holdt:
            continue
        for medlem in ssu.medlemmer.exclude(rolle="sekretaer"):
            status = "forfall" if medlem.side == forfall else "til_stede"
            services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status=status)
        for sak, vedtakstekst in saker_her:
            posisjoner = {**ALLE_ENIGE, **({forfall: "ikke_til_stede"} if forfall else {})}
            services.vedtak_registrer(
                utfort_av=None, sak=sak, mote=mote, tekst=vedtakstekst, posisjoner=posisjoner
            )

    # The working committee (AU) prepares each SSU meeting a week ahead (seed § 5.3).
    for ssu_mote in ssu_moter:
        dag = timezone.localtime(ssu_mote.start).date() - datetime.timedelta(days=7)
        au_mote = services.mote_opprett(
            utfort_av=None, utvalg=au, start=_tid(dag.isoformat(), 9), sted="Teams"
        )
        if dag >= idag:
            continue
        for medlem in au.medlemmer.exclude(rolle="sekretaer"):
            services.oppmote_registrer(
                utfort_av=None, mote=au_mote, medlem=medlem, status="til_stede"
            )
        services.referat_lagre(
            utfort_av=None,
            mote=au_mote,
            tekst=(
                f"Arbeidsutvalget forberedte saklisten til SSU-møtet "
                f"{timezone.localtime(ssu_mote.start):%d.%m.%Y} og fulgte opp tidligere vedtak."
            ),
        )
        services.referat_godkjenn(utfort_av=None, mote=au_mote)

    fsu = services.utvalg_opprett(
        helsefellesskap=hf,
        type="fsu",
        navn="Faglig samarbeidsutvalg for rehabilitering",
        kortnavn="FSU rehabilitering",
        mandat=(
            "Kartlegge rehabiliteringstilbudet i kommunene og helseforetaket og gi anbefalinger "
            f"om ansvarsdeling innen 31.12.{max(idag.year, 2026)}."
        ),
        # A temporary body (seed § 5.5) whose mandate runs to the end of the year shown.
        sluttdato=datetime.date(max(idag.year, 2026), 12, 31),
        oppnevnt_ved=vedtatt[2],
        overordnet=ssu,
    )
    _medlem(fsu, "kommunene", org=kommuner["Asker"])
    _medlem(fsu, "helseforetaket", org=vv, rolle="leder")
    _medlem(fsu, "helseforetaket", rolle="sekretaer", org=vv, bruker=sekretaer)
    fsu_mote = services.mote_opprett(
        utfort_av=None, utvalg=fsu, start=_tid("2026-10-15", 13), sted="Teams"
    )
    fsu_sak = services.sak_opprett(
        utfort_av=None, utvalg=fsu, tittel="Ansvarsdeling for hverdagsrehabilitering", ar=2026
    )
    services.anbefaling_registrer(
        utfort_av=None,
        sak=fsu_sak,
        mote=fsu_mote,
        tekst="Utvalget anbefaler at kommunene har ansvaret for hverdagsrehabilitering etter utskrivning.",
    )

    # LSU Drammen disagreed on evening discharges and sent the case to SSU.
    for lsu in lsuer.values():
        for dato in ["2026-02-05", "2026-10-01"]:
            services.mote_opprett(
                utfort_av=None, utvalg=lsu, start=_tid(dato, 13), sted=f"{lsu.lokalomrade.navn}"
            )
    mote = drammen.moter.order_by("start").last()
    uenig = services.sak_opprett(
        utfort_av=None,
        utvalg=drammen,
        tittel="Utskrivning etter kl. 17 på hverdager",
        beskrivelse="Helseforetaket ønsker å kunne skrive ut pasienter til kl. 20; kommunene mener rutinen skal følges.",
        ar=2026,
    )
    for medlem in drammen.medlemmer.exclude(rolle="sekretaer"):
        services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
    services.vedtak_registrer(
        utfort_av=None,
        sak=uenig,
        mote=mote,
        tekst="Utskrivning kan skje til kl. 20 på hverdager.",
        posisjoner={**ALLE_ENIGE, "kommunene": "uenig"},
    )
    # The municipalities take the case on (the agreement § 6); it lands on SSU's next meeting.
    services.sak_send_videre(
        utfort_av=None,
        sak=uenig,
        side="kommunene",
        begrunnelse="Kommunene ber om at utskrivningstidene drøftes prinsipielt i SSU.",
    )
    partnerskapsmote(hf, vv, kommuner)
    avslutt_holdte_moter(hf)
    planlegg_neste_moter(hf)
    return ["Utvalg: partnerskapsmøtet, SSU, AU, 5 LSU og et FSU med møter, saker og vedtak i 2026"]


def partnerskapsmote(hf, vv, kommuner) -> Utvalg:
    """Level 1 (seed § 5.2): the yearly Partnerskapsmøte that sets the direction for the joint
    strategic action plan, held in November; the next one is planned."""
    utvalg = services.utvalg_opprett(
        helsefellesskap=hf,
        type="partnerskapsmote",
        navn="Partnerskapsmøte i Helsefellesskap Vest-Viken",
        kortnavn="Partnerskapsmøtet",
    )
    _medlem(utvalg, "kommunene", org=kommuner["Drammen"], rolle="leder")
    _medlem(utvalg, "kommunene", org=kommuner["Kongsberg"])
    _medlem(utvalg, "kommunene", org=kommuner["Hol"])
    _medlem(utvalg, "helseforetaket", org=vv, rolle="nestleder")
    _medlem(utvalg, "helseforetaket", org=vv)
    _medlem(utvalg, "bruker")
    _medlem(utvalg, "arbeidstaker")
    _medlem(utvalg, "fastlege")
    sekretaer = User.objects.get(email="sekretaer@demo.no")
    _medlem(utvalg, "helseforetaket", rolle="sekretaer", org=vv, bruker=sekretaer)
    for dato, ar in [("2025-11-20", 2026), ("2026-11-19", 2027)]:
        mote = services.mote_opprett(
            utfort_av=None, utvalg=utvalg, start=_tid(dato, 9), sted="Drammen"
        )
        for medlem in utvalg.medlemmer.exclude(rolle="sekretaer"):
            services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
        sak = services.sak_opprett(
            utfort_av=None,
            utvalg=utvalg,
            tittel=f"Retning for felles strategisk handlingsplan {ar}",
            ar=int(dato[:4]),
        )
        services.vedtak_registrer(
            utfort_av=None,
            sak=sak,
            mote=mote,
            tekst=(
                f"Handlingsplanen for {ar} prioriterer de fire pasientgruppene i "
                "helsefellesskapene. SSU følger opp planen."
            ),
            posisjoner=ALLE_ENIGE,
        )
    return utvalg


def avslutt_holdte_moter(hf) -> None:
    """Every meeting whose day has passed was held: its minutes record the decisions and are
    approved by the secretary (the services refuse minutes before the day)."""
    idag = timezone.localdate()
    for mote in (
        Mote.objects.filter(utvalg__helsefellesskap=hf, status=Mote.Status.PLANLAGT)
        .select_related("utvalg")
        .order_by("start")
    ):
        if timezone.localtime(mote.start).date() >= idag:
            continue
        vedtak = list(mote.vedtak.select_related("sak").order_by("pk"))
        linjer = [f"Møte i {mote.utvalg.kortnavn} {timezone.localtime(mote.start):%d.%m.%Y}."]
        linjer += [
            f"{v.sak.saksnummer} {v.sak.tittel}: {v.get_resultat_display().lower()}. {v.tekst}"
            for v in vedtak
        ] or ["Orienteringssaker fra partene. Ingen vedtak."]
        services.referat_lagre(utfort_av=None, mote=mote, tekst="\n".join(linjer))
        services.referat_godkjenn(utfort_av=None, mote=mote)


# When each body meets in a year (month, day, hour); the next meetings after the day the demo
# is loaded are planned, so the demo always has meetings ahead (SSU the next two, the others one).
MOTEPLAN = {
    "ssu": ([(1, 22), (3, 12), (5, 7), (6, 18), (9, 24), (12, 10)], 10, 2),
    # The AU meets a week before each SSU meeting to prepare it.
    "au": ([(1, 15), (3, 5), (4, 30), (6, 11), (9, 17), (12, 3)], 9, 1),
    "lsu": ([(2, 5), (10, 1)], 13, 1),
    "partnerskapsmote": ([(11, 19)], 9, 1),
    "fsu": ([(12, 3)], 13, 1),
}


def neste_motedager(type: str, idag: datetime.date) -> list[datetime.date]:
    dager, _time, antall = MOTEPLAN[type]
    kommende = [
        datetime.date(ar, maaned, dag)
        for ar in (idag.year, idag.year + 1)
        for maaned, dag in dager
        if datetime.date(ar, maaned, dag) > idag
    ]
    return kommende[:antall]


def planlegg_neste_moter(hf) -> None:
    idag = timezone.localdate()
    for utvalg in Utvalg.objects.filter(helsefellesskap=hf).select_related("lokalomrade"):
        if utvalg.type not in MOTEPLAN:
            continue
        for dato in neste_motedager(utvalg.type, idag):
            start = _tid(dato.isoformat(), MOTEPLAN[utvalg.type][1])
            if utvalg.er_aktivt(dato) and not utvalg.moter.filter(start__date=dato).exists():
                sted = utvalg.lokalomrade.navn if utvalg.lokalomrade else "Vestre Viken HF, Drammen"
                services.mote_opprett(utfort_av=None, utvalg=utvalg, start=start, sted=sted)
