import datetime

import factory
from factory.django import DjangoModelFactory

from helsefellesskap.models import Helsefellesskap, Lokalomrade, Medlemskap, Organisasjon, User
from helsefellesskap.validators import organisasjonsnummer_kontrollsiffer

PASSORD = "riktig-passord-123"


def _gyldig_orgnr(n: int) -> str:
    grunnlag = 9_100_000 + n * 10
    for siffer in range(10):
        forste_atte = f"{grunnlag + siffer:08d}"
        kontroll = organisasjonsnummer_kontrollsiffer(forste_atte)
        if kontroll is not None:
            return f"{forste_atte}{kontroll}"
    raise AssertionError("unreachable")


class HelsefellesskapFactory(DjangoModelFactory):
    class Meta:
        model = Helsefellesskap

    navn = factory.Sequence(lambda n: f"Helsefellesskap {n}")
    kortnavn = factory.Sequence(lambda n: f"hf-{n}")


class KommuneFactory(DjangoModelFactory):
    class Meta:
        model = Organisasjon

    type = Organisasjon.Type.KOMMUNE
    navn = factory.Sequence(lambda n: f"Kommune {n}")
    kommunenummer = factory.Sequence(lambda n: f"{1100 + n:04d}")
    organisasjonsnummer = factory.Sequence(_gyldig_orgnr)
    helsefellesskap = factory.SubFactory(HelsefellesskapFactory)


class HelseforetakFactory(KommuneFactory):
    type = Organisasjon.Type.HELSEFORETAK
    navn = factory.Sequence(lambda n: f"Helseforetak {n} HF")
    kommunenummer = ""


class LokalomradeFactory(DjangoModelFactory):
    class Meta:
        model = Lokalomrade

    navn = factory.Sequence(lambda n: f"Sykehus {n}")
    helsefellesskap = factory.SubFactory(HelsefellesskapFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruker{n}@example.no")
    navn = factory.Sequence(lambda n: f"Bruker {n}")
    password = factory.django.Password(PASSORD)


class MedlemskapFactory(DjangoModelFactory):
    class Meta:
        model = Medlemskap

    bruker = factory.SubFactory(UserFactory)
    organisasjon = factory.SubFactory(KommuneFactory)
    rolle = Medlemskap.Rolle.ANSATT


# --- agreements: built through the services, as the product builds them -------------------


def nye_punkter(antall: int, prefiks: str = "Tekst", start: int = 1) -> list:
    """Numbered clauses 1, 1.1, 1.2, 2, 2.1 … with distinct text."""
    from avtaler.services import NyttPunkt

    punkter = []
    hoved = start - 1
    while len(punkter) < antall:
        hoved += 1
        punkter.append(NyttPunkt(str(hoved), f"Kapittel {hoved}", f"{prefiks} i kapittel {hoved}."))
        for under in range(1, 5):
            if len(punkter) >= antall:
                break
            punkter.append(
                NyttPunkt(
                    f"{hoved}.{under}",
                    f"Punkt {hoved}.{under}",
                    f"Partene skal samarbeide om punkt {hoved}.{under}. {prefiks} {hoved}.{under}.",
                )
            )
    return punkter


def lag_avtale(helsefellesskap, parter, *, punkter=None, **felter):
    from avtaler.models import Avtale
    from avtaler.services import avtale_opprett

    felter.setdefault("type", Avtale.Type.OVERORDNET)
    felter.setdefault("tittel", "Overordnet samarbeidsavtale")
    return avtale_opprett(
        utfort_av=None,
        helsefellesskap=helsefellesskap,
        parter=parter,
        punkter=nye_punkter(5) if punkter is None else punkter,
        **felter,
    )


def iverksett(versjon, gyldig_fra, *, bruker=None, vedtak="SSU 1/2026"):
    """Take a draft through consideration, approval and every party's signature: in force
    for all its parties from the date."""
    from avtaler import services

    bruker = bruker or UserFactory()
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=bruker)
    versjon = services.versjon_godkjenn(versjon=versjon, utfort_av=bruker, vedtaksreferanse=vedtak)
    return services.versjon_signer(
        versjon=versjon, utfort_av=bruker, signert_dato=gyldig_fra, gyldig_fra=gyldig_fra
    )


def revider(versjon, nummer, overskrift, tekst):
    """A new draft of the version in which clause `nummer` says the text."""
    from avtaler import services

    utkast = services.versjon_start_revisjon(versjon=versjon, utfort_av=None)
    services.punkt_lagre(
        punkt=utkast.punkter.get(nummer=nummer),
        utfort_av=None,
        nummer=nummer,
        overskrift=overskrift,
        tekst=tekst,
        forventet_teller=0,
    )
    return utkast


def signer(versjon, signert_dato, gyldig_fra, vedtak="SSU 2/2026"):
    """Take a draft through consideration and approval to signed, in force from the date."""
    from avtaler import services

    bruker = UserFactory()
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=bruker)
    versjon = services.versjon_godkjenn(versjon=versjon, utfort_av=bruker, vedtaksreferanse=vedtak)
    return services.versjon_signer(
        versjon=versjon, utfort_av=bruker, signert_dato=signert_dato, gyldig_fra=gyldig_fra
    )


# --- bodies ---------------------------------------------------------------------------------


def lag_utvalg(helsefellesskap, type_="ssu", **felter):
    from helsefellesskap.services import utvalg_opprett

    felter.setdefault("navn", f"Utvalg {type_}")
    felter.setdefault("kortnavn", type_.upper())
    if type_ == "lsu" and "lokalomrade" not in felter:
        felter["lokalomrade"] = LokalomradeFactory(helsefellesskap=helsefellesskap)
    return utvalg_opprett(helsefellesskap=helsefellesskap, type=type_, **felter)


def lag_medlem(utvalg, side, *, rolle="medlem", fra=None, til=None, fagomrade="", bruker=None):
    import datetime

    from helsefellesskap.models import Utvalgsmedlem

    return Utvalgsmedlem.objects.create(
        utvalg=utvalg,
        bruker=bruker or UserFactory(),
        side=side,
        rolle=rolle,
        fagomrade=fagomrade,
        fra=fra or datetime.date(2020, 1, 1),
        til=til,
    )


def fullt_ssu(helsefellesskap, **felter):
    """An SSU with the composition the agreement requires, and a secretary."""
    utvalg = lag_utvalg(helsefellesskap, "ssu", navn="Strategisk samarbeidsutvalg", **felter)
    for side, antall in [
        ("kommunene", 3),
        ("helseforetaket", 3),
        ("bruker", 1),
        ("arbeidstaker", 1),
        ("fastlege", 1),
    ]:
        for _ in range(antall):
            lag_medlem(utvalg, side)
    lag_medlem(utvalg, "helseforetaket", rolle="sekretaer")
    return utvalg


def registrer_oppmote(mote, posisjoner=None):
    """Attendance as the positions say: a side «ikke til stede» sent apologies, the rest came."""
    from django.utils import timezone

    from helsefellesskap.services import oppmote_registrer

    dato = timezone.localtime(mote.start).date()
    posisjoner = posisjoner or {}
    for medlem in mote.utvalg.medlemmer.aktive(dato).exclude(rolle="sekretaer"):
        borte = posisjoner.get(medlem.side) == "ikke_til_stede"
        oppmote_registrer(
            utfort_av=None, mote=mote, medlem=medlem, status="forfall" if borte else "til_stede"
        )


def vedta(sak, mote, posisjoner, tekst="Vedtaket.", **felter):
    """Record a decision in a meeting whose attendance agrees with the positions."""
    from helsefellesskap.services import vedtak_registrer

    registrer_oppmote(mote, posisjoner)
    return vedtak_registrer(
        utfort_av=None, sak=sak, mote=mote, tekst=tekst, posisjoner=posisjoner, **felter
    )


STANDARDTIDER = {
    "hverdag_fra": datetime.time(7),
    "hverdag_til": datetime.time(17),
    "helg_fra": datetime.time(9),
    "helg_til": datetime.time(15),
}


def _stemmer(punkt, verdier) -> bool:
    from avtaler.utskrivningstider import foreslaa

    forslag = foreslaa(punkt.tekst).verdier
    return all(verdier.get(felt) == verdi for felt, verdi in forslag.items())


def _stemmer_tekst(verdier) -> bool:
    from avtaler.utskrivningstider import foreslaa

    standard = foreslaa(
        "Utskrivning skal skje på hverdager mellom 07:00 og 17:00, "
        "og i helger og på helligdager mellom 09:00 og 15:00."
    ).verdier
    return all(verdier.get(felt) == verdi for felt, verdi in standard.items())


def lag_utskrivningsrutine(helsefellesskap, parter, *, punkter=None, tider=None, **felter):
    """A draft of the helsefellesskap's designated discharge routine with its hours entered
    (weekdays 07–17, weekends and holidays 09–15 unless `tider` says otherwise), the hours
    confirmed beside clause 1."""
    from avtaler import services
    from avtaler.services import NyttPunkt

    felter.setdefault("type", "saeravtale")
    felter.setdefault("tittel", "Utskrivningsrutine")
    # Own hours with the default clauses: clause 1 states no hours to contradict them (hours
    # that contradict any clause on discharge keep a draft from being sent to approval).
    punkter = punkter or [
        NyttPunkt(
            "1",
            "Tidspunkt",
            "Utskrivning skal skje på hverdager mellom 07:00 og 17:00, "
            "og i helger og på helligdager mellom 09:00 og 15:00."
            if tider is None or _stemmer_tekst(tider)
            else "Utskrivning skjer innenfor tidene i tabellen.",
        ),
        NyttPunkt("2", "Dokumenter", "Epikrise og legemiddelliste skal følge pasienten."),
    ]
    versjon = lag_avtale(helsefellesskap, parter, punkter=punkter, **felter)
    services.utskrivningsrutine_utpek(avtale=versjon.avtale, utfort_av=None)
    verdier = STANDARDTIDER if tider is None else tider
    # The hours point at clause 1 only where its text states them: hours that contradict
    # their clause keep a draft from being sent to approval.
    punkt = versjon.punkter.order_by("rekkefolge").first()
    services.utskrivningstider_lagre(
        versjon=versjon,
        utfort_av=None,
        punkt=punkt if _stemmer(punkt, verdier) else None,
        **verdier,
    )
    return versjon
