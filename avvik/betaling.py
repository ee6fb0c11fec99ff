"""Which days the municipality pays for a patient ready for discharge, and how much, explained
line by line (forskrift 18. november 2011 nr. 1115, docs/ordliste.md «Betaling for
utskrivningsklare pasienter»).

The rules as read here (paragraph numbers as Helse- og omsorgsdepartementet quoted them in 2012):
- § 8: the hospital notifies the municipality within 24 hours of admission. § 13 makes it a
  condition of payment (a setting: Betalingsregel.krever_innleggelsesvarsel).
- § 10: the hospital notifies the municipality the same day the patient is ready.
- § 11: the municipality answers whether it can take the patient; if it cannot, it tells the
  hospital when it can.
- § 13: payment runs «fra og med det døgnet pasienten blir erklært utskrivningsklar» once the
  municipality has been notified and has said it cannot take the patient or has not answered,
  until the day the municipality says an offer is ready (that day is not paid: the
  department's example, three days = three day rates). Whether a day counts from the notice
  day or 24 hours later, whether a late notice moves it and whether the day of discharge is
  paid are settings (Betalingsregel), shown beside every computation.
- The day rate is set yearly by the state budget (Dognpris); each day is priced by its own
  year's rate. A year without a registered rate is said, not guessed.

The amount is information for the parties, not an invoice.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from avvik.betalingsmodeller import Betalingsforlop, Betalingsregel, Dognpris
from avvik.konsekvenser import _kr as kroner

VARSELFRIST = datetime.timedelta(hours=24)
FORSKRIFT = "forskrift 18. november 2011 nr. 1115"


@dataclass(frozen=True)
class Vilkar:
    tekst: str
    oppfylt: bool


@dataclass
class Linje:
    """One day, or a run of days alike: paid or not, why, at which rate."""

    fra: int
    til: int
    fra_dato: datetime.date
    til_dato: datetime.date
    betales: bool
    grunn: str
    sats: int | None = None
    ar: int | None = None

    @property
    def antall(self) -> int:
        return self.til - self.fra + 1

    @property
    def belop(self) -> int | None:
        if not self.betales or self.sats is None:
            return None
        return self.sats * self.antall

    @property
    def tekst(self) -> str:
        if self.fra == self.til:
            dager = _("Dag %(n)s (%(d)s)") % {"n": self.fra, "d": f"{self.fra_dato:%d.%m.%Y}"}
        else:
            dager = _("Dag %(a)s–%(b)s (%(d1)s–%(d2)s)") % {
                "a": self.fra,
                "b": self.til,
                "d1": f"{self.fra_dato:%d.%m.%Y}",
                "d2": f"{self.til_dato:%d.%m.%Y}",
            }
        if not self.betales:
            return _("%(dager)s betales ikke: %(grunn)s.") % {"dager": dager, "grunn": self.grunn}
        if self.sats is None:
            return _(
                "%(dager)s betales fordi %(grunn)s – men døgnprisen for %(ar)s er ikke "
                "registrert, så beløpet kan ikke regnes ut."
            ) % {"dager": dager, "grunn": self.grunn, "ar": self.ar}
        return _("%(dager)s betales fordi %(grunn)s: %(antall)s × %(sats)s = %(belop)s.") % {
            "dager": dager,
            "grunn": self.grunn,
            "antall": self.antall,
            "sats": kroner(self.sats),
            "belop": kroner(self.belop),
        }


@dataclass
class Beregning:
    regel: Betalingsregel | None
    vilkar: list[Vilkar] = field(default_factory=list)
    linjer: list[Linje] = field(default_factory=list)
    ingen_betaling: str = ""
    lopende: bool = False
    priser: dict[int, Dognpris] = field(default_factory=dict)

    @property
    def betalte_dogn(self) -> int:
        return sum(linje.antall for linje in self.linjer if linje.betales)

    @property
    def belop(self) -> int:
        return sum(linje.belop or 0 for linje in self.linjer)

    @property
    def mangler_pris(self) -> list[int]:
        return sorted({linje.ar for linje in self.linjer if linje.betales and linje.sats is None})

    @property
    def belop_tekst(self) -> str:
        """The amount, or what is unknown about it: never «kr 0» for days whose rate is missing."""
        mangler = self.mangler_pris
        if not mangler:
            return kroner(self.belop)
        ar = ", ".join(str(a) for a in mangler)
        if not self.belop:
            return _("beløp ukjent – døgnpris for %(ar)s er ikke registrert") % {"ar": ar}
        return _("minst %(belop)s – døgnpris for %(ar)s er ikke registrert") % {
            "belop": kroner(self.belop),
            "ar": ar,
        }

    @property
    def lesninger(self) -> list[str]:
        """The readings of the rules this computation used, in words."""
        if self.regel is None:
            return []
        r = self.regel
        lesninger = [r.get_betaling_fra_display()]
        lesninger.append(
            _("Uten varsel innen 24 timer etter innleggelse betales ingenting (§ 8 og § 13).")
            if r.krever_innleggelsesvarsel
            else _("Manglende eller sent varsel ved innleggelse hindrer ikke betaling.")
        )
        if r.meldingsfrist:
            lesninger.append(
                _("Melding om utskrivningsklar pasient etter kl. %(t)s regnes fra neste døgn.")
                % {"t": r.meldingsfrist.strftime("%H:%M")}
            )
        else:
            lesninger.append(_("Klokkeslettet for meldingen flytter ikke første døgn."))
        lesninger.append(
            _("Utskrivningsdagen betales.")
            if r.utskrivningsdag_betales
            else _("Utskrivningsdagen betales ikke (den regnes ikke som liggedøgn).")
        )
        return lesninger

    @property
    def kilder(self) -> list[dict]:
        """The rates used, each with its legal source."""
        arene = sorted({linje.ar for linje in self.linjer if linje.ar and linje.ar in self.priser})
        return [
            {
                "ar": ar,
                "belop": kroner(self.priser[ar].belop),
                "kilde": self.priser[ar].kilde,
                "kilde_url": self.priser[ar].kilde_url,
            }
            for ar in arene
        ]


def _lokal(tidspunkt: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(tidspunkt)


def _tid(tidspunkt: datetime.datetime, klokkeslett: bool = True) -> str:
    """«10.03.2024 kl. 10:00» for those who may see times of day, «10.03.2024» for others."""
    if not klokkeslett:
        return _lokal(tidspunkt).strftime("%d.%m.%Y")
    return _lokal(tidspunkt).strftime("%d.%m.%Y kl. %H:%M")


def _dag(verdi: datetime.date | datetime.datetime | None) -> datetime.date | None:
    """A day field (the answer, the discharge); a datetime set on an unsaved course is read as
    its local date, as the service stores it."""
    if isinstance(verdi, datetime.datetime):
        return _lokal(verdi).date()
    return verdi


def regel_for(dato: datetime.date) -> Betalingsregel | None:
    return Betalingsregel.objects.filter(gjelder_fra__lte=dato).order_by("-gjelder_fra").first()


def beregn_betaling(
    forlop: Betalingsforlop, idag: datetime.date | None = None, *, klokkeslett: bool = True
) -> Beregning:
    """The days the municipality pays for in this course, each with its reason. Without
    `klokkeslett` the explanation names days only (avvik.access.kan_se_klokkeslett); the days
    counted are the same."""
    idag = idag or timezone.localdate()
    meldt = forlop.meldt_utskrivningsklar
    regel = regel_for(_lokal(meldt or forlop.innlagt).date())
    beregning = Beregning(regel=regel)
    if regel is None:
        beregning.ingen_betaling = _("Ingen betalingsregel er registrert for denne datoen.")
        return beregning

    # § 8: notice of admission within 24 hours.
    varsel = forlop.innleggelsesvarsel
    varslet_i_tide = varsel is not None and varsel <= forlop.innlagt + VARSELFRIST
    if varsel is None:
        tekst = _("Kommunen fikk ikke varsel om innlagt pasient (§ 8).")
    elif varslet_i_tide:
        tekst = _("Kommunen fikk varsel om innlagt pasient %(t)s, innen 24 timer (§ 8).") % {
            "t": _tid(varsel, klokkeslett)
        }
    else:
        tekst = _(
            "Varselet om innlagt pasient kom %(t)s, mer enn 24 timer etter innleggelsen (§ 8)."
        ) % {"t": _tid(varsel, klokkeslett)}
    beregning.vilkar.append(Vilkar(tekst, varslet_i_tide))

    # § 10: notice that the patient is ready.
    if meldt is None:
        beregning.vilkar.append(
            Vilkar(_("Kommunen har ikke fått melding om utskrivningsklar pasient (§ 10)."), False)
        )
    else:
        beregning.vilkar.append(
            Vilkar(
                _("Kommunen fikk melding om utskrivningsklar pasient %(t)s (§ 10).")
                % {"t": _tid(meldt, klokkeslett)},
                True,
            )
        )

    # § 11: the municipality's answer.
    svar = forlop.kommunens_svar
    S = Betalingsforlop.Svar
    svartekst = forlop.get_kommunens_svar_display()
    svart = _dag(forlop.svart)
    if svart:
        svartekst += " " + _("(%(t)s)") % {"t": f"{svart:%d.%m.%Y}"}
    # A «yes» given on a later day than the ready notice leaves the days before it unanswered:
    # § 13 andre ledd makes those days paid («dersom kommunen ikke har svart på varselet»).
    sent_ja = (
        svar == S.KAN_TA_IMOT
        and meldt is not None
        and svart is not None
        and svart > _lokal(meldt).date()
    )
    if sent_ja:
        svartekst += " " + _("– først etter meldingsdøgnet; døgnene før svaret var ubesvarte")
    beregning.vilkar.append(Vilkar(svartekst + " (§ 11).", svar != S.KAN_TA_IMOT or sent_ja))

    if meldt is None:
        beregning.ingen_betaling = _(
            "Ingen døgn betales: betalingsplikten begynner ikke før kommunen er meldt at "
            "pasienten er utskrivningsklar (§ 10 og § 13)."
        )
        return beregning
    if not varslet_i_tide and regel.krever_innleggelsesvarsel:
        beregning.ingen_betaling = _(
            "Ingen døgn betales: varselet innen 24 timer etter innleggelse er et vilkår for "
            "betalingsplikten (§ 8 og § 13)."
        )
        return beregning
    if svar == S.KAN_TA_IMOT and not sent_ja:
        beregning.ingen_betaling = _(
            "Ingen døgn betales: kommunen svarte at den kunne ta imot pasienten (§ 11 og § 13)."
        )
        return beregning

    _dager(beregning, forlop, regel, idag, klokkeslett)
    return beregning


def _dager(
    beregning: Beregning, forlop: Betalingsforlop, regel: Betalingsregel, idag, klokkeslett: bool
) -> None:
    meldt = _lokal(forlop.meldt_utskrivningsklar)
    dag1 = meldt.date()
    start = dag1
    grunner: dict[datetime.date, str] = {}
    if regel.meldingsfrist and meldt.time() > regel.meldingsfrist:
        frist = regel.meldingsfrist.strftime("%H:%M")
        grunner[start] = (
            _("meldingen kom kl. %(kl)s, etter kl. %(frist)s, og regnes fra neste døgn")
            % {"kl": meldt.strftime("%H:%M"), "frist": frist}
            if klokkeslett
            else _("meldingen kom etter kl. %(frist)s og regnes fra neste døgn") % {"frist": frist}
        )
        start += datetime.timedelta(days=1)
    if regel.betaling_fra == Betalingsregel.Start.NESTE_DOGN and start == dag1:
        grunner[start] = _("betalingen begynner døgnet etter meldingen (innstilling)")
        start += datetime.timedelta(days=1)
    if regel.betaling_fra == Betalingsregel.Start.ETTER_24_TIMER:
        etter = (meldt + VARSELFRIST).date()
        while start < etter:
            grunner.setdefault(
                start, _("betalingen begynner først 24 timer etter meldingen (innstilling)")
            )
            start += datetime.timedelta(days=1)

    slutt = None  # the first day not paid, and why
    slutt_grunn = ""
    ja = forlop.kommunens_svar == Betalingsforlop.Svar.KAN_TA_IMOT
    if forlop.kommunen_klar:
        slutt = forlop.kommunen_klar
        slutt_grunn = _("kommunen meldte at den kunne ta imot pasienten denne dagen (§ 11)")
    if ja and forlop.svart:
        svardag = _dag(forlop.svart)
        if slutt is None or svardag < slutt:
            slutt = svardag
            slutt_grunn = _("kommunen svarte denne dagen at den kunne ta imot pasienten (§ 11)")
    ut_betalt = None  # the day of discharge, when the reading pays it
    if forlop.utskrevet:
        ut = _dag(forlop.utskrevet)
        ut_slutt = ut + datetime.timedelta(days=1) if regel.utskrivningsdag_betales else ut
        if slutt is None or ut_slutt < slutt:
            slutt = ut_slutt
            if regel.utskrivningsdag_betales:
                # The day after discharge is no day in hospital: no line for it.
                ut_betalt = ut
                slutt_grunn = ""
            else:
                slutt_grunn = _(
                    "pasienten ble utskrevet denne dagen, og utskrivningsdagen betales ikke"
                )
    if slutt is None:
        beregning.lopende = True
        slutt = idag + datetime.timedelta(days=1)

    sats_cache = {p.ar: p for p in Dognpris.objects.all()}
    beregning.priser = sats_cache
    dager: list[tuple[datetime.date, bool, str, int | None]] = []
    dato = dag1
    while dato < max(slutt, start):
        if dato in grunner:
            dager.append((dato, False, grunner[dato], None))
        elif dato >= slutt:
            break
        elif dato == ut_betalt:
            grunn = _(
                "pasienten ble utskrevet denne dagen, og utskrivningsdagen betales (innstilling)"
            )
            dager.append((dato, True, grunn, dato.year))
        elif dato == start:
            grunn = (
                _(
                    "pasienten var meldt utskrivningsklar, og kommunen hadde svart at den ikke "
                    "kunne ta imot pasienten (§ 13 andre ledd)"
                )
                if forlop.kommunens_svar == Betalingsforlop.Svar.KAN_IKKE
                else _(
                    "pasienten var meldt utskrivningsklar, og kommunen ikke hadde svart "
                    "(§ 13 andre ledd)"
                )
            )
            dager.append((dato, True, grunn, dato.year))
        else:
            dager.append(
                (
                    dato,
                    True,
                    _("kommunen ennå ikke hadde svart på meldingen (§ 13 andre ledd)")
                    if ja
                    else _("kommunen ennå ikke hadde meldt at den kunne ta imot pasienten"),
                    dato.year,
                )
            )
        dato += datetime.timedelta(days=1)
    if not beregning.lopende and slutt >= start and slutt_grunn:
        dager.append((slutt, False, slutt_grunn, None))

    for dato, betales, grunn, ar in dager:
        nummer = (dato - dag1).days + 1
        pris = sats_cache.get(ar) if ar else None
        sats = pris.belop if pris else None
        forrige = beregning.linjer[-1] if beregning.linjer else None
        if (
            forrige
            and forrige.betales == betales
            and forrige.grunn == grunn
            and forrige.ar == ar
            and forrige.til == nummer - 1
        ):
            forrige.til = nummer
            forrige.til_dato = dato
            continue
        beregning.linjer.append(Linje(nummer, nummer, dato, dato, betales, grunn, sats, ar))
