"""Discharge hours as data (issue 19): the parser's suggestion for each wording seen in real
agreements, the rules per kind of day (Friday, the day before a public holiday, 24 and 31
December, Easter and Whit Monday 2027), the designated routine, and the lock on signed hours."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtale, Dagregel, Tilstandsendring, Utskrivningstider
from avtaler.services import NyttPunkt
from avtaler.utskrivning import utskrivningsrutine
from avtaler.utskrivningstider import dagvindu, foreslaa
from avvik.models import Avvikskategori
from avvik.services import utskrivningssjekk
from kjerne.feil import Domenefeil
from tests.factories import (
    KommuneFactory,
    iverksett,
    lag_avtale,
    lag_utskrivningsrutine,
    lag_utvalg,
)

T = datetime.time
D = datetime.date


# --- The parser: a suggestion for each wording ------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "forventet", "ikke"),
    [
        (
            "Utskrivning skal skje mandag–fredag mellom kl. 08.00 og 16.00.",
            {"hverdag_fra": T(8), "hverdag_til": T(16), "fredag": "hverdag"},
            ["helg_fra", "varsel_senest"],
        ),
        (
            "Utskrivning skjer på virkedager mellom kl. 08.00 og 15.30.",
            {"hverdag_fra": T(8), "hverdag_til": T(15, 30)},
            ["helg_fra"],
        ),
        (
            "Utskrivning kan skje mellom kl. 8 og 16 på hverdager.",
            {"hverdag_fra": T(8), "hverdag_til": T(16)},
            ["helg_fra"],
        ),
        (
            "Utskrivningstider: hverdager: 08:00-16:00; helg/helligdag: 10:00-15:00",
            {"hverdag_fra": T(8), "hverdag_til": T(16), "helg_fra": T(10), "helg_til": T(15)},
            [],
        ),
        (
            "Pasienten skal være utskrevet innen kl. 16.00 på hverdager.",
            {"hverdag_fra": T(0), "hverdag_til": T(16)},
            ["helg_fra", "varsel_senest"],
        ),
        (
            # The 12:00 is when the municipality is contacted; the weekend gets no window.
            "Kommunen skal kontaktes før kl. 12:00 og utskrivning skje mellom 10:00 og 16:00.",
            {"varsel_senest": T(12), "hverdag_fra": T(10), "hverdag_til": T(16)},
            ["helg_fra", "helg_til"],
        ),
        (
            # Seed 000 (KS/Deloitte 2014), § 6.2.4: the report's model clause.
            "Normal tid for utskrivning av en pasient er hverdager (mandag til fredag) mellom "
            "kl. 07:00 og \n17:00. Lørdag, søndag og helligdag fra kl. 09:00 til 15:00. "
            "Utskrivning utenfor disse tidspunkter skal avtales særskilt med kommune A.",
            {
                "hverdag_fra": T(7),
                "hverdag_til": T(17),
                "helg_fra": T(9),
                "helg_til": T(15),
                "fredag": "hverdag",
            },
            [],
        ),
        (
            "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, og i helger og på "
            "helligdager mellom 10:00 og 14:00. På fredager og dagen før en helligdag skal "
            "pasienten være utskrevet innen kl. 14.00. Julaften og nyttårsaften regnes som "
            "helligdag. Kommunen varsles senest kl. 12.00.",
            {
                "hverdag_fra": T(8),
                "hverdag_til": T(16),
                "helg_fra": T(10),
                "helg_til": T(14),
                "fredag": "egne",
                "fredag_fra": T(8),
                "fredag_til": T(14),
                "dag_for_helligdag": "egne",
                "dag_for_helligdag_fra": T(8),
                "dag_for_helligdag_til": T(14),
                "julaften": "helligdag",
                "nyttarsaften": "helligdag",
                "varsel_senest": T(12),
            },
            [],
        ),
        (
            # The weekend's days come after its range: the text before it ends the weekday
            # statement.
            "Utskrivning skjer mellom kl. 08.00 og 16.00 på hverdager og mellom kl. 10.00 og "
            "15.00 lørdag, søndag og helligdager.",
            {"hverdag_fra": T(8), "hverdag_til": T(16), "helg_fra": T(10), "helg_til": T(15)},
            [],
        ),
        (
            # Nynorsk (Hallingdal).
            "Utskriving skal skje på kvardagar mellom kl. 08.00 og 16.00, og i helg og på "
            "heilagdagar mellom kl. 10.00 og 15.00.",
            {"hverdag_fra": T(8), "hverdag_til": T(16), "helg_fra": T(10), "helg_til": T(15)},
            [],
        ),
        (
            "Utskriving på yrkedagar kl. 08–16, laurdag, sundag og heilagdagar kl. 10–15. "
            "Julaftan og nyårsaftan blir rekna som heilagdag.",
            {
                "hverdag_fra": T(8),
                "hverdag_til": T(16),
                "helg_fra": T(10),
                "helg_til": T(15),
                "julaften": "helligdag",
                "nyttarsaften": "helligdag",
            },
            [],
        ),
        (
            "Utskriving på vekedagar mellom kl. 08.00 og 15.00. Dagen før heilagdag skal "
            "pasienten vere utskriven innan kl. 13.00, og utskriving skjer ikkje i helg.",
            {
                "hverdag_fra": T(8),
                "hverdag_til": T(15),
                "dag_for_helligdag": "egne",
                "dag_for_helligdag_fra": T(8),
                "dag_for_helligdag_til": T(13),
            },
            ["helg_fra"],
        ),
        (
            "Utskriving skjer måndag–fredag mellom kl. 08.00 og 16.00.",
            {"hverdag_fra": T(8), "hverdag_til": T(16), "fredag": "hverdag"},
            ["helg_fra"],
        ),
        (
            "Pasienten kan skrives ut alle dager mellom kl. 09.00 og 20.00.",
            {"hverdag_fra": T(9), "hverdag_til": T(20), "helg_fra": T(9), "helg_til": T(20)},
            [],
        ),
        (
            "Utskriving kan skje alle dagar mellom kl. 09.00 og 20.00.",
            {"hverdag_fra": T(9), "hverdag_til": T(20), "helg_fra": T(9), "helg_til": T(20)},
            [],
        ),
    ],
)
def test_the_parser_suggests_the_hours_of_each_wording(tekst, forventet, ikke):
    forslag = foreslaa(tekst)
    for felt, verdi in forventet.items():
        assert forslag.verdier.get(felt) == verdi, (felt, forslag.verdier)
    for felt in ikke:
        assert felt not in forslag.verdier, (felt, forslag.verdier)
    assert forslag.forklaring  # it says what it understood


def test_the_parser_proposes_nothing_where_there_are_no_hours():
    assert not foreslaa(
        "Varsel sendes innen 24 timer. Pasienten kan ligge 1-2 dager, jf. pkt. 4.2."
    )
    assert not foreslaa("")


# --- The rules per kind of day ----------------------------------------------------------------


REGLER = {
    "hverdag_fra": T(8),
    "hverdag_til": T(16),
    "helg_fra": T(10),
    "helg_til": T(14),
    "fredag": Dagregel.EGNE,
    "fredag_fra": T(8),
    "fredag_til": T(14),
    "dag_for_helligdag": Dagregel.EGNE,
    "dag_for_helligdag_fra": T(8),
    "dag_for_helligdag_til": T(13),
    "julaften": Dagregel.SOM_HELLIGDAG,
    "nyttarsaften": Dagregel.SOM_HVERDAG,
}


def _regler(**endringer) -> Utskrivningstider:
    return Utskrivningstider(**{**REGLER, **endringer})


@pytest.mark.parametrize(
    ("dato", "dagtype", "vindu"),
    [
        (D(2027, 3, 22), "Hverdag", (T(8), T(16))),  # Monday
        (D(2027, 3, 24), "Dag før helligdag (Skjærtorsdag)", (T(8), T(13))),
        (D(2027, 3, 25), "Skjærtorsdag", (T(10), T(14))),
        (D(2027, 3, 26), "Langfredag", (T(10), T(14))),  # a holiday before a Friday
        (D(2027, 3, 27), "Helg", (T(10), T(14))),
        (D(2027, 3, 29), "Andre påskedag", (T(10), T(14))),
        (D(2027, 4, 30), "Dag før helligdag (Arbeidernes dag)", (T(8), T(13))),  # a Friday
        (D(2027, 5, 5), "Dag før helligdag (Kristi himmelfartsdag)", (T(8), T(13))),
        (D(2027, 5, 6), "Kristi himmelfartsdag", (T(10), T(14))),
        (D(2027, 5, 14), "Fredag", (T(8), T(14))),  # before an ordinary Saturday
        (D(2027, 5, 16), "Første pinsedag", (T(10), T(14))),
        # 17 May 2027 is a Monday and also Whit Monday: one holiday, holiday hours.
        (D(2027, 5, 17), "Andre pinsedag; Grunnlovsdag", (T(10), T(14))),
        (D(2027, 5, 18), "Hverdag", (T(8), T(16))),
        (D(2026, 12, 24), "Julaften (som helligdag)", (T(10), T(14))),  # a Thursday
        # 31 December «som vanlig dag» goes on to the next rule: the day before 1 January.
        (D(2026, 12, 31), "Nyttårsaften", (T(8), T(13))),
        (D(2027, 12, 31), "Nyttårsaften", (T(8), T(13))),  # a Friday
        (D(2027, 12, 25), "Første juledag", (T(10), T(14))),
    ],
)
def test_each_kind_of_day_has_its_window(dato, dagtype, vindu):
    dag = dagvindu(_regler(), dato)
    assert dag.dagtype == dagtype
    assert dag.vindu == vindu


def test_the_day_before_24_and_31_december_as_holidays_is_the_day_before_a_holiday():
    """docs/ordliste.md: with 24.12 (31.12) «som helligdag», 23.12 (30.12) is the day before a
    holiday, as the demo clause reads («dagen før en helligdag» until 15:00)."""
    regler = _regler(julaften=Dagregel.SOM_HELLIGDAG, nyttarsaften=Dagregel.SOM_HELLIGDAG)
    for dato, navn in ((D(2026, 12, 23), "Julaften"), (D(2026, 12, 30), "Nyttårsaften")):
        dag = dagvindu(regler, dato)  # a Wednesday
        assert dag.dagtype == f"Dag før helligdag ({navn})" and dag.vindu == (T(8), T(13))
    # As ordinary days, 23 and 30 December are ordinary weekdays.
    vanlig = _regler(julaften=Dagregel.SOM_HVERDAG, nyttarsaften=Dagregel.SOM_HVERDAG)
    assert dagvindu(vanlig, D(2026, 12, 23)).dagtype == "Hverdag"
    assert dagvindu(vanlig, D(2026, 12, 30)).dagtype == "Hverdag"


def test_a_special_day_as_a_weekday_falls_through_to_the_friday_rule():
    tider = _regler(dag_for_helligdag=Dagregel.SOM_HVERDAG, nyttarsaften=Dagregel.EGNE,
                    nyttarsaften_fra=T(9), nyttarsaften_til=T(12))  # fmt: skip
    # 30 April 2027, a Friday before 1 May: the holiday-eve rule says «som vanlig dag».
    assert dagvindu(tider, D(2027, 4, 30)).vindu == (T(8), T(14))
    assert dagvindu(tider, D(2027, 5, 5)).vindu == (T(8), T(16))
    assert dagvindu(tider, D(2027, 12, 31)).vindu == (T(9), T(12))
    # 24 December «som helligdag» on a Friday (2027) beats the Friday rule.
    assert dagvindu(tider, D(2027, 12, 24)).vindu == (T(10), T(14))


def test_without_a_weekend_window_weekends_are_by_special_agreement_only():
    tider = _regler(helg_fra=None, helg_til=None)
    lordag = dagvindu(tider, D(2027, 3, 27))
    assert lordag.vindu is None and not lordag.tillatt(T(12))
    assert lordag.tekst == "bare etter særskilt avtale"


def test_the_database_refuses_own_hours_without_hours(helsefellesskap, kommune, helseforetak):
    versjon = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak])
    with pytest.raises(Domenefeil):
        services.utskrivningstider_lagre(
            versjon=versjon,
            utfort_av=None,
            hverdag_fra=T(8),
            hverdag_til=T(16),
            fredag=Dagregel.EGNE,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Utskrivningstider.objects.filter(versjon=versjon).update(fredag=Dagregel.EGNE)


# --- The designated routine ---------------------------------------------------------------------


def test_gol_a_saeravtale_mentioning_weekday_hours_does_not_change_the_discharge_window(
    client, helsefellesskap, helseforetak
):
    gol = KommuneFactory(navn="Gol kommune", helsefellesskap=helsefellesskap)
    hol = KommuneFactory(navn="Hol kommune", helsefellesskap=helsefellesskap)
    iverksett(lag_utskrivningsrutine(helsefellesskap, [gol, helseforetak]), D(2024, 1, 1))
    # A later særavtale for Gol (and Hol, which has no routine) about midwives.
    iverksett(
        lag_avtale(
            helsefellesskap,
            [gol, hol, helseforetak],
            type="saeravtale",
            tittel="Særavtale om jordmortjeneste",
            punkter=[
                NyttPunkt(
                    "1",
                    "Kontakt",
                    "Jordmor i kommunen kontaktes på hverdager mellom 08:00 og 15:30.",
                )
            ],
        ),
        D(2025, 1, 1),
    )
    rutine = utskrivningsrutine(gol, D(2026, 11, 25))
    assert rutine.versjon.tittel == "Utskrivningsrutine"
    assert (rutine.tider.hverdag_fra, rutine.tider.hverdag_til) == (T(7), T(17))
    assert dagvindu(rutine.tider, D(2026, 11, 28)).vindu == (T(9), T(15))
    html = client.get(f"/kommuner/{gol.kommunenummer}/utskrivning/").content.decode()
    assert "07:00–17:00" in html and "15:30" not in html
    # Hol has only the særavtale: no routine, said plainly, and no hour check on an avvik.
    assert utskrivningsrutine(hol, D(2026, 11, 25)) is None
    html = client.get(f"/kommuner/{hol.kommunenummer}/utskrivning/").content.decode()
    assert "Hol kommune har ingen utskrivningsrutine som gjelder i dag" in html
    kveld = timezone.make_aware(datetime.datetime(2026, 11, 25, 22))
    assert utskrivningssjekk(hol, helseforetak, kveld) == (None, "")
    assert utskrivningssjekk(gol, helseforetak, kveld)[0] is True


def test_one_discharge_routine_per_helsefellesskap(helsefellesskap, kommune, helseforetak):
    forste = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak]).avtale
    andre = lag_avtale(helsefellesskap, [kommune, helseforetak], type="saeravtale").avtale
    services.utskrivningsrutine_utpek(avtale=andre, utfort_av=None)
    forste.refresh_from_db()
    assert not forste.er_utskrivningsrutine and andre.er_utskrivningsrutine
    with pytest.raises(IntegrityError), transaction.atomic():
        Avtale.objects.filter(pk=forste.pk).update(er_utskrivningsrutine=True)


def test_hours_only_for_the_designated_routine(helsefellesskap, kommune, helseforetak):
    versjon = lag_avtale(helsefellesskap, [kommune, helseforetak], type="saeravtale")
    with pytest.raises(Domenefeil, match="ikke utpekt som utskrivningsrutinen"):
        services.utskrivningstider_lagre(
            versjon=versjon, utfort_av=None, hverdag_fra=T(8), hverdag_til=T(16)
        )


def test_signed_hours_cannot_change_by_any_path_and_a_revision_copies_them(
    helsefellesskap, kommune, helseforetak
):
    signert = iverksett(
        lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1)
    )
    with pytest.raises(Domenefeil):
        services.utskrivningstider_lagre(
            versjon=signert, utfort_av=None, hverdag_fra=T(6), hverdag_til=T(20)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Utskrivningstider.objects.filter(versjon=signert).update(hverdag_til=T(20))
    with pytest.raises(IntegrityError), transaction.atomic():
        Utskrivningstider.objects.filter(versjon=signert).delete()
    assert Utskrivningstider.objects.get(versjon=signert).hverdag_til == T(17)
    utkast = services.versjon_start_revisjon(versjon=signert, utfort_av=None)
    kopi = Utskrivningstider.objects.get(versjon=utkast)
    assert (kopi.hverdag_fra, kopi.hverdag_til, kopi.helg_til) == (T(7), T(17), T(15))
    services.utskrivningstider_lagre(
        versjon=utkast, utfort_av=None, hverdag_fra=T(8), hverdag_til=T(16)
    )
    assert Utskrivningstider.objects.get(versjon=signert).hverdag_til == T(17)


# --- The hour check: only where it belongs ------------------------------------------------------


def test_only_categories_about_the_discharge_time_are_checked(
    client, kommune, helseforetak, helsefellesskap
):
    from tests.factories import MedlemskapFactory

    iverksett(lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    ansatt = MedlemskapFactory(organisasjon=kommune, rolle="ansatt").bruker
    client.force_login(ansatt)
    data = {"meldt_av_organisasjon": kommune.pk, "ansvarlig": helseforetak.pk,
            "hendelse": "2026-11-25T22:10"}  # fmt: skip
    for navn, vises in [
        ("Utskrivning utenfor avtalt tid", True),
        ("Meldt utskrivningsklar, men ikke utskrevet", False),
        ("Manglende epikrise", False),
    ]:
        kategori = Avvikskategori.objects.get(navn=navn)
        html = client.get("/avvik/punkter/", {**data, "kategori": kategori.pk}).content.decode()
        assert ("Utenfor avtalt tid" in html) is vises, navn


def test_the_check_uses_the_friday_and_holiday_eve_windows(helsefellesskap, kommune, helseforetak):
    iverksett(
        lag_utskrivningsrutine(
            helsefellesskap,
            [kommune, helseforetak],
            tider={
                "hverdag_fra": T(8),
                "hverdag_til": T(16),
                "helg_fra": T(10),
                "helg_til": T(14),
                "fredag": Dagregel.EGNE,
                "fredag_fra": T(8),
                "fredag_til": T(14),
                "dag_for_helligdag": Dagregel.SOM_HELLIGDAG,
            },
        ),
        D(2024, 1, 1),
    )

    def sjekk(*tid):
        return utskrivningssjekk(
            kommune, helseforetak, timezone.make_aware(datetime.datetime(*tid))
        )

    assert sjekk(2027, 5, 13, 15)[0] is False  # Thursday 15:00
    utenfor, beskrivelse = sjekk(2027, 5, 14, 15)  # Friday 15:00
    assert utenfor is True and "fredag 08:00–14:00" in beskrivelse
    utenfor, beskrivelse = sjekk(2027, 3, 24, 15)  # the day before Skjærtorsdag
    assert utenfor is True and "10:00–14:00" in beskrivelse
    assert sjekk(2027, 3, 25, 11)[0] is False  # Skjærtorsdag 11:00


@time_machine.travel(datetime.datetime(2027, 3, 24, 12, 30, tzinfo=datetime.UTC), tick=False)
def test_the_lookup_shows_today_and_the_next_days(client, helsefellesskap, kommune, helseforetak):
    iverksett(
        lag_utskrivningsrutine(
            helsefellesskap,
            [kommune, helseforetak],
            tider={**REGLER, "varsel_senest": T(12)},
        ),
        D(2024, 1, 1),
    )
    html = client.get(f"/kommuner/{kommune.kommunenummer}/utskrivning/").content.decode()
    # 13:30 in Oslo on the day before Skjærtorsdag: the window closed at 13:00.
    assert "Utskrivning er ikke tillatt nå" in html
    assert "Dag før helligdag (Skjærtorsdag)" in html and "08:00–13:00" in html
    for dag in ("Skjærtorsdag", "Langfredag", "Første påskedag", "Andre påskedag"):
        assert dag in html
    assert "senest kl. 12:00" in html
    # The first line names the kind of day (a filter inside blocktranslate rendered nothing).
    assert "Klokken 13:30 24.03.2027, dag før helligdag (skjærtorsdag): i dag" in html
    # The «I dag» row has its weekday and date like the others.
    assert "I dag, onsdag 24.3." in html


@time_machine.travel(datetime.datetime(2027, 2, 3, 10, tzinfo=datetime.UTC), tick=False)
def test_the_lookup_states_every_rule_even_with_no_special_day_in_the_next_week(
    client, helsefellesskap, kommune, helseforetak
):
    """A nurse asking «and on the day before a holiday? on Christmas Eve?» in an ordinary week
    finds the answer on the screen, not only on the printout."""
    iverksett(
        lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak], tider=REGLER),
        D(2024, 1, 1),
    )
    html = client.get(f"/kommuner/{kommune.kommunenummer}/utskrivning/").content.decode()
    for dag in ("Skjærtorsdag", "Julaften (som"):
        assert dag not in html  # none of them in the next seven days
    regler = html[html.index('id="faste-tider"') :]
    assert "<dt>Dagen før en helligdag</dt><dd>08:00–13:00</dd>" in regler
    assert "<dt>Julaften (24. desember)</dt><dd>som helg og helligdag</dd>" in regler
    assert "<dt>Nyttårsaften (31. desember)</dt><dd>som vanlig dag</dd>" in regler
    assert "<dt>Fredager</dt><dd>08:00–14:00</dd>" in regler


def test_the_routine_is_the_one_with_the_avviks_health_trust(client, helsefellesskap, kommune):
    """Two trusts in the helsefellesskap, the routine agreed with one: the avvik check uses it
    only for an avvik with that trust, and the lookup names the trust it is with. (Two routines
    in force for one municipality cannot happen: one designated routine per helsefellesskap is a
    database constraint, and the parties belong to the helsefellesskap.)"""
    from tests.factories import HelseforetakFactory

    hf_a = HelseforetakFactory(navn="Alfa HF", helsefellesskap=helsefellesskap)
    hf_b = HelseforetakFactory(navn="Beta HF", helsefellesskap=helsefellesskap)
    iverksett(lag_utskrivningsrutine(helsefellesskap, [kommune, hf_a]), D(2024, 1, 1))
    # Wednesday 06:00 in Oslo: outside Alfa's 07–17.
    kl6 = timezone.make_aware(datetime.datetime(2026, 11, 25, 6, 0))
    assert utskrivningssjekk(kommune, hf_a, kl6)[0] is True
    assert utskrivningssjekk(hf_a, kommune, kl6)[0] is True
    assert utskrivningssjekk(hf_b, kommune, kl6) == (None, "")
    assert utskrivningssjekk(kommune, hf_b, kl6) == (None, "")
    html = client.get(f"/kommuner/{kommune.kommunenummer}/utskrivning/").content.decode()
    assert "Utskrivningsrutinen med Alfa HF." in html and "Beta HF" not in html


# --- The editor: beside the clause, the parser proposes, the coordinator confirms --------------


def test_hours_that_contradict_their_clause_are_warned_and_block_sending_to_approval(
    client, koordinator, kommune, helseforetak, helsefellesskap
):
    """The clause is edited after the hours were saved: the editor and the draft overview
    warn, and the draft goes to approval only when hours and text agree, or with the
    coordinator's reason (next test)."""
    versjon = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak])
    assert services.tider_mot_teksten(versjon) == ""
    services.punkt_lagre(
        punkt=versjon.punkter.get(nummer="1"),
        utfort_av=None,
        nummer="1",
        overskrift="Tidspunkt",
        tekst="Utskrivning skal skje på hverdager mellom 08:00 og 15:00, og i helger og på "
        "helligdager mellom 09:00 og 15:00.",
        forventet_teller=0,
    )
    melding = "Tidene i skjemaet stemmer ikke med teksten i punkt 1 «Tidspunkt»"
    assert melding in services.tider_mot_teksten(versjon)
    # It names what differs, so the coordinator need not compare row by row.
    assert (
        "(Hverdager fra: 07:00 i tidene, 08:00 i teksten; "
        "Hverdager til: 17:00 i tidene, 15:00 i teksten)"
    ) in services.tider_mot_teksten(versjon)
    client.force_login(koordinator)
    rediger = f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/"
    assert melding in client.get(rediger).content.decode()
    assert melding in client.get(rediger + "utskrivningstider/").content.decode()
    with pytest.raises(Domenefeil, match="stemmer ikke med teksten i punkt 1") as feil:
        services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)
    assert feil.value.felt == "tider_begrunnelse"
    # Hours corrected to the text: the warning is gone and the draft can be sent.
    services.utskrivningstider_lagre(
        versjon=versjon,
        utfort_av=None,
        punkt=versjon.punkter.get(nummer="1"),
        hverdag_fra=T(8),
        hverdag_til=T(15),
        helg_fra=T(9),
        helg_til=T(15),
    )
    assert melding not in client.get(rediger).content.decode()
    services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)


def test_the_parser_proposes_and_the_coordinator_may_send_hours_it_reads_otherwise_with_a_reason(
    client, koordinator, kommune, helseforetak, helsefellesskap
):
    """Issue #19: «it proposes, it never decides». The domain review found clauses the parser
    misreads («Tildelingskontoret er åpent mellom kl. 08.00 og 15.30 på hverdager» read as the
    discharge window): a hard block would make the right hours impossible to send. The
    coordinator sends them with a reason, which goes with the case to the deciding body."""
    versjon = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak])
    services.punkt_lagre(
        punkt=versjon.punkter.get(nummer="1"),
        utfort_av=None,
        nummer="1",
        overskrift="Tidspunkt",
        tekst="Tildelingskontoret er åpent mellom kl. 08.00 og 15.30 på hverdager. Utskrivning "
        "avtales med tildelingskontoret.",
        forventet_teller=0,
    )
    assert services.tider_mot_teksten(versjon)
    ssu = lag_utvalg(helsefellesskap, "ssu")
    client.force_login(koordinator)
    rediger = f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/"
    assert 'name="tider_begrunnelse"' in client.get(rediger).content.decode()
    send = f"/avtaler/{versjon.avtale_id}/versjoner/1/send/"
    # Without a reason: refused, the draft stays a draft.
    svar = client.post(send, {"utvalg": ssu.pk}, follow=True)
    assert "skriv hvorfor" in svar.content.decode()
    versjon.refresh_from_db()
    assert versjon.tilstand == "utkast"
    # With a reason: sent, and the case and the history carry the difference and the reason.
    grunn = "Punktet gjelder tildelingskontorets åpningstid, ikke utskrivningstiden."
    client.post(send, {"utvalg": ssu.pk, "tider_begrunnelse": grunn})
    versjon.refresh_from_db()
    assert versjon.tilstand == "til_behandling"
    assert grunn in versjon.behandles_i.beskrivelse
    assert "avviker fra lesningen av teksten" in versjon.behandles_i.beskrivelse
    assert grunn in Tilstandsendring.objects.filter(versjon=versjon).order_by("-pk").first().merknad


def test_the_editor_proposes_and_only_the_coordinators_save_makes_it_the_hours(
    client, koordinator, ansatt, kommune, helseforetak, helsefellesskap
):
    tekst = (
        "Utskrivning skal skje på hverdager mellom 08:00 og 16:00, og i helger og på "
        "helligdager mellom 10:00 og 14:00. På fredager skal pasienten være utskrevet innen "
        "kl. 14.00. Kommunen varsles senest kl. 12.00."
    )
    versjon = lag_avtale(
        helsefellesskap,
        [kommune, helseforetak],
        type="saeravtale",
        tittel="Utskrivningsrutine",
        punkter=[NyttPunkt("1", "Innledning", "Rutinen gjelder."), NyttPunkt("2", "Tid", tekst)],
    )
    adresse = f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/utskrivningstider/"
    client.force_login(ansatt)
    assert client.get(adresse).status_code == 403
    assert client.post(f"/avtaler/{versjon.avtale_id}/utskrivningsrutine/").status_code == 403
    client.force_login(koordinator)
    # Not yet the discharge routine: the editor says so and offers to designate it.
    rediger = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/").content.decode()
    assert "Gjør denne avtalen til utskrivningsrutinen" in rediger
    svar = client.post(f"/avtaler/{versjon.avtale_id}/utskrivningsrutine/")
    assert svar.status_code == 302 and svar["Location"] == adresse
    # The suggestion is read from the clause that states the hours, and nothing is saved.
    html = client.get(adresse).content.decode()
    punkt2 = versjon.punkter.get(nummer="2")
    assert "Forslag lest ut av teksten" in html and "Fredager: 08:00–14:00" in html
    assert f'<option value="{punkt2.pk}" selected>' in html
    assert 'value="16:00"' in html and 'value="12:00"' in html
    assert not Utskrivningstider.objects.filter(versjon=versjon).exists()
    # A bad entry keeps what was typed and says what is wrong.
    data = {
        "punkt": punkt2.pk,
        "hverdag_fra": "08:00",
        "hverdag_til": "16:00",
        "helg_fra": "10:00",
        "helg_til": "14:00",
        "fredag": "egne",
        "fredag_fra": "14:00",
        "fredag_til": "08:00",
        "dag_for_helligdag": "helligdag",
        "julaften": "helligdag",
        "nyttarsaften": "hverdag",
        "varsel_senest": "12:00",
    }
    svar = client.post(adresse, data)
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Sluttiden må være etter starttiden." in html and 'value="14:00"' in html
    # The coordinator corrects and confirms.
    svar = client.post(adresse, {**data, "fredag_fra": "08:00", "fredag_til": "14:00"})
    assert svar.status_code == 302
    tider = Utskrivningstider.objects.get(versjon=versjon)
    assert (tider.fredag, tider.fredag_til, tider.dag_for_helligdag) == ("egne", T(14), "helligdag")
    assert tider.punkt_id == punkt2.punkt_id and tider.bekreftet_av == koordinator
    rediger = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/").content.decode()
    assert "Endre utskrivningstidene" in rediger and "08:00–14:00" in rediger
    # Signed, the hours are locked: the editor is closed and the lookup reads them.
    iverksett(versjon, D(2024, 1, 1))
    assert client.get(adresse).status_code == 403
    assert utskrivningsrutine(kommune, D(2027, 5, 14)).dagvindu(D(2027, 5, 14)).vindu == (
        T(8),
        T(14),
    )


def test_the_diff_shows_changed_hours(client, koordinator, kommune, helseforetak, helsefellesskap):
    v1 = iverksett(lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    v2 = services.versjon_start_revisjon(versjon=v1, utfort_av=None)
    services.utskrivningstider_lagre(
        versjon=v2,
        utfort_av=None,
        hverdag_fra=T(7),
        hverdag_til=T(17),
        helg_fra=T(9),
        helg_til=T(15),
        fredag=Dagregel.EGNE,
        fredag_fra=T(7),
        fredag_til=T(14),
    )
    client.force_login(koordinator)
    html = client.get(f"/avtaler/{v1.avtale_id}/endringer/?fra=1&til=2").content.decode()
    assert "Utskrivningstider" in html
    assert "<del>som vanlig dag</del>" in html and "<ins>07:00–14:00</ins>" in html
    assert "Hverdager</th>" not in html  # unchanged lines are not listed


def test_the_demo_routines_hours_are_what_the_parser_proposes_for_its_text():
    from avtaler.demodata import UTSKRIVNINGSTIDER
    from avtaler.demodata_tekster import UTSKRIVNING_V1, UTSKRIVNING_V2

    for tekster, tider in zip((UTSKRIVNING_V1, UTSKRIVNING_V2), UTSKRIVNINGSTIDER, strict=True):
        forslag = foreslaa(tekster[0][3])
        assert {k: v for k, v in forslag.verdier.items() if v != "hverdag"} == tider


def test_deleting_the_clause_keeps_the_hours_without_the_pointer(
    helsefellesskap, kommune, helseforetak
):
    versjon = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak])
    punkt = versjon.punkter.get(nummer="1")
    services.punkt_slett(punkt=punkt, utfort_av=None)
    tider = Utskrivningstider.objects.get(versjon=versjon)
    assert tider.punkt_id is None and tider.hverdag_til == T(17)
    iverksett(versjon, D(2024, 1, 1))
    rutine = utskrivningsrutine(kommune, D(2026, 11, 25))
    assert rutine.tidspunkt is None and rutine.tillatt_na(
        timezone.make_aware(datetime.datetime(2026, 11, 25, 12))
    )


def test_a_start_the_clause_does_not_state_may_be_entered_and_sent_to_approval(
    koordinator, kommune, helseforetak, helsefellesskap
):
    """«Pasienten skal være utskrevet innen kl. 16.00 på hverdager»: the parser proposes 00:00 as
    the start and asks the coordinator to check it. A coordinator who enters the real start
    (08:00) must be able to send the draft to approval: the placeholder is not the clause's
    reading, and the hours must not be held to it (review rev19dom)."""

    def pek(versjon, **tider):
        services.utskrivningstider_lagre(
            versjon=versjon, utfort_av=None, punkt=versjon.punkter.get(nummer="1"), **tider
        )

    tekst = "Pasienten skal være utskrevet innen kl. 16.00 på hverdager."
    versjon = lag_utskrivningsrutine(
        helsefellesskap,
        [kommune, helseforetak],
        punkter=[NyttPunkt("1", "Tidspunkt", tekst)],
        tider={"hverdag_fra": T(8), "hverdag_til": T(16)},
    )
    pek(versjon, hverdag_fra=T(8), hverdag_til=T(16))
    assert foreslaa(tekst).verdier["hverdag_fra"] == T(0)
    assert services.tider_mot_teksten(versjon) == ""
    services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)
    # A latest time that differs from the clause still blocks.
    versjon = lag_utskrivningsrutine(
        helsefellesskap,
        [kommune, helseforetak],
        punkter=[NyttPunkt("1", "Tidspunkt", tekst)],
        tider={"hverdag_fra": T(8), "hverdag_til": T(17)},
        tittel="Utskrivningsrutine 2",
    )
    pek(versjon, hverdag_fra=T(8), hverdag_til=T(17))
    assert "stemmer ikke med teksten" in services.tider_mot_teksten(versjon)


def _rutine_med_kontortid(helsefellesskap, parter):
    """The designated routine with the hours confirmed beside clause 1 and own Friday and
    holiday-eve rules entered by hand, and a clause on the allocation office's opening hours."""
    versjon = lag_utskrivningsrutine(
        helsefellesskap,
        parter,
        tider={
            **_STANDARD,
            "fredag": Dagregel.EGNE,
            "fredag_fra": T(7),
            "fredag_til": T(14),
            "dag_for_helligdag": Dagregel.SOM_HELLIGDAG,
            "julaften": Dagregel.SOM_HELLIGDAG,
            "nyttarsaften": Dagregel.SOM_HELLIGDAG,
        },
    )
    services.punkt_lagre(
        punkt=versjon.punkter.get(nummer="2"),
        utfort_av=None,
        nummer="2",
        overskrift="Tildelingskontoret",
        # The demo routine's clause 5: it speaks of discharge, but its hours are the office's.
        tekst="Spørsmål om utskrivning rettes til kommunens tildelingskontor på hverdager "
        "mellom 08:00 og 15:30. Utenom denne tiden kontaktes legevakten.",
        forventet_teller=0,
    )
    return versjon


_STANDARD = {"hverdag_fra": T(7), "hverdag_til": T(17), "helg_fra": T(9), "helg_til": T(15)}


def test_the_suggestion_from_another_clause_fills_only_what_it_reads_and_keeps_the_rest(
    client, koordinator, kommune, helseforetak, helsefellesskap
):
    """«Utskrivningstider fra 2» (the office's opening hours) once emptied the weekend hours
    and reset Friday, holiday eve, 24 and 31 December: saved, that was the Gol mistake."""
    versjon = _rutine_med_kontortid(helsefellesskap, [kommune, helseforetak])
    punkt2 = versjon.punkter.get(nummer="2")
    client.force_login(koordinator)
    adresse = f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/utskrivningstider/"
    svar = client.get(adresse, {"punkt": punkt2.pk, "foreslaa": "1"})
    skjema = svar.context["skjema"]
    # What the clause states is suggested, and marked as the suggestion's.
    assert (skjema["hverdag_fra"].value(), skjema["hverdag_til"].value()) == (T(8), T(15, 30))
    assert skjema.endret_av_forslaget() == ["Hverdager fra", "Hverdager til"]
    html = svar.content.decode()
    assert html.count("fra forslaget</span>") == 2
    # Everything else keeps its saved value.
    assert (skjema["helg_fra"].value(), skjema["helg_til"].value()) == (T(9), T(15))
    assert skjema["fredag"].value() == "egne" and skjema["fredag_til"].value() == T(14)
    for dag in ("dag_for_helligdag", "julaften", "nyttarsaften"):
        assert skjema[dag].value() == "helligdag"
    assert '<option value="egne" selected>' in html


def test_hours_that_contradict_any_clause_on_discharge_block_sending_to_approval(
    koordinator, kommune, helseforetak, helsefellesskap
):
    """Hours confirmed from one clause are checked against every clause that states
    discharge hours, not only the one they were read from; a clause on other opening hours
    is not a discharge clause, even where it speaks of discharge."""
    versjon = _rutine_med_kontortid(helsefellesskap, [kommune, helseforetak])
    assert services.tider_mot_teksten(versjon) == ""
    # Saved from clause 2's suggestion: weekdays 08:00–15:30, pointing at clause 2.
    services.utskrivningstider_lagre(
        versjon=versjon,
        utfort_av=None,
        punkt=versjon.punkter.get(nummer="2"),
        **{**_STANDARD, "hverdag_fra": T(8), "hverdag_til": T(15, 30)},
    )
    advarsel = services.tider_mot_teksten(versjon)
    assert "stemmer ikke med teksten i punkt 1 «Tidspunkt»" in advarsel
    assert "Hverdager til: 15:30 i tidene, 17:00 i teksten" in advarsel
    with pytest.raises(Domenefeil, match="stemmer ikke med teksten i punkt 1"):
        services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)


def test_hours_are_offered_only_from_clauses_the_parser_reads_hours_in(
    client, koordinator, kommune, helseforetak, helsefellesskap
):
    versjon = lag_utskrivningsrutine(helsefellesskap, [kommune, helseforetak])
    client.force_login(koordinator)
    html = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/").content.decode()
    assert "Utskrivningstider fra 1" in html and "Utskrivningstider fra 2" not in html
    svar = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/1/rediger/utskrivningstider/")
    assert [p.nummer for p in svar.context["punkter_med_tider"]] == ["1"]


def test_the_signed_versions_page_shows_its_discharge_hours(
    client, kommune, helseforetak, helsefellesskap
):
    """The hours are part of the version: the reader sees them with the text it was signed
    with, on the page of the version in force and on the version's own page."""
    versjon = _rutine_med_kontortid(helsefellesskap, [kommune, helseforetak])
    iverksett(versjon, D(2024, 1, 1))
    for adresse in (f"/avtaler/{versjon.avtale_id}/", f"/avtaler/{versjon.avtale_id}/versjoner/1/"):
        html = client.get(adresse).content.decode()
        assert "Utskrivningstider i versjonen" in html
        for rad in (
            '<th scope="row">Hverdager</th><td>07:00–17:00</td>',
            '<th scope="row">Helg og helligdager</th><td>09:00–15:00</td>',
            "<td>07:00–14:00</td>",
            "<td>som helg og helligdag</td>",
            '<th scope="row">Kommunen varsles senest kl.</th><td>ikke oppgitt</td>',
        ):
            assert rad in html, rad
    # An agreement that is not the discharge routine has no such table.
    annen = iverksett(lag_avtale(helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    assert (
        "Utskrivningstider i versjonen"
        not in client.get(f"/avtaler/{annen.avtale_id}/").content.decode()
    )
