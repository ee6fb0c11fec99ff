"""Payment days for patients ready for discharge (forskrift 18. november 2011 nr. 1115 om
kommunal betaling for utskrivningsklare pasienter), computed from the recorded timestamps and
the rules and day rates kept as data, explained day by day on the avvik page.

The rules as the ministry quoted them in 2012: payment «inntrer fra og med det døgnet pasienten
blir erklært utskrivningsklar og vilkårene i § 8 til § 10 er oppfylt, og kommunen har gitt
beskjed om at den ikke kan ta imot pasienten» or has not answered (§ 13 andre ledd), until the
municipality says an offer is ready (§ 11 andre ledd); its example: the message comes three days
after the notice – three day rates.
"""

import datetime
import zoneinfo

import pytest
from django.test import Client

from avvik import services
from avvik.betaling import beregn_betaling
from avvik.models import Avvikskategori, Betalingsforlop, Betalingsregel, Dognpris
from tests.factories import MedlemskapFactory
from tests.pdfhjelp import hent_pdf, pdf_innhold
from tests.personnummerhjelp import lag, tilfeldig

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NBSP = "\xa0"


def t(tekst: str) -> datetime.datetime:
    """«10.03.2024 10:00» in Oslo time."""
    return datetime.datetime.strptime(tekst, "%d.%m.%Y %H:%M").replace(tzinfo=OSLO)


def skjema(**felter) -> dict:
    """Form input as a browser sends it."""
    data = {"kommunens_svar": "ikke_svart"}
    for navn, verdi in felter.items():
        if isinstance(verdi, datetime.datetime):
            data[navn] = verdi.strftime("%Y-%m-%dT%H:%M")
        elif isinstance(verdi, datetime.date):
            data[navn] = verdi.isoformat()
        else:
            data[navn] = verdi
    return data


@pytest.fixture
def kategori(db):
    return Avvikskategori.objects.get(navn="Uenighet om betaling for utskrivningsklar pasient")


@pytest.fixture
def avvik(ansatt, kommune, helseforetak, kategori):
    return services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=t("13.03.2024 11:00"),
        beskrivelse="Uenighet om hvor mange døgn kommunen skal betale for.",
        stige="pasientrelatert",
    )


@pytest.fixture
def hf_koordinator(helseforetak):
    return MedlemskapFactory(organisasjon=helseforetak, rolle="samhandlingskoordinator").bruker


def lagre(avvik, bruker, **felter) -> Betalingsforlop:
    data = {
        "innlagt": None,
        "innleggelsesvarsel": None,
        "meldt_utskrivningsklar": None,
        "kommunens_svar": "ikke_svart",
        "svart": None,
        "kommunen_klar": None,
        "utskrevet": None,
        "merknad": "",
    } | felter
    return services.betalingsforlop_lagre(avvik=avvik, utfort_av=bruker, **data)


FORLOP = {
    "innlagt": t("04.03.2024 08:00"),
    "innleggelsesvarsel": t("04.03.2024 12:00"),
    "meldt_utskrivningsklar": t("10.03.2024 10:00"),
    "kommunens_svar": "kan_ikke",
    "svart": t("10.03.2024 13:00"),
    "kommunen_klar": datetime.date(2024, 3, 13),
    "utskrevet": t("13.03.2024 11:00"),
}


def test_the_forskrift_example_is_computed_and_explained_on_the_page(client, ansatt, avvik):
    """§ 13 andre ledd and § 11 andre ledd (the ministry's 2012 example): notified and refused
    on 10 March, the offer ready on 13 March – 10, 11 and 12 March are paid at the 2024 rate
    (kr 5 745), 13 March is not."""
    client.force_login(ansatt)
    svar = client.post(f"/avvik/{avvik.pk}/betaling/", skjema(**FORLOP))
    assert svar.status_code == 302 and svar.url == f"/avvik/{avvik.pk}/#betaling"
    side = client.get(f"/avvik/{avvik.pk}/").content.decode()
    assert "Dag 1 (10.03.2024) betales fordi pasienten var meldt utskrivningsklar" in side
    assert "svart at den ikke kunne ta imot pasienten (§ 13 andre ledd)" in side
    assert f"1 × kr 5{NBSP}745 = kr 5{NBSP}745" in side
    assert "Dag 2–3 (11.03.2024–12.03.2024) betales fordi kommunen ennå ikke hadde meldt" in side
    assert f"2 × kr 5{NBSP}745 = kr 11{NBSP}490" in side
    assert "Dag 4 (13.03.2024) betales ikke: kommunen meldte at den kunne ta imot" in side
    assert f"Kommunen betaler for 3 døgn: kr 17{NBSP}235." in side
    # The conditions, the reading used and the rate's legal source are shown beside it.
    assert "Kommunen fikk varsel om innlagt pasient 04.03.2024 kl. 12:00, innen 24 timer" in side
    assert "Fra og med døgnet pasienten meldes utskrivningsklar" in side
    assert "Helsedirektoratet, døgnpris for utskrivningsklare pasienter 2024" in side
    assert "ikke en faktura" in side


def test_no_payment_when_the_municipality_answers_it_can_take_the_patient(ansatt, avvik):
    forlop = lagre(avvik, ansatt, **(FORLOP | {"kommunens_svar": "kan_ta_imot"}))
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 0 and beregning.belop == 0
    assert "kommunen svarte at den kunne ta imot pasienten" in beregning.ingen_betaling


def test_a_yes_the_day_after_the_notice_leaves_the_notice_day_paid_as_unanswered(ansatt, avvik):
    """§ 13 andre ledd: payment also runs «dersom kommunen ikke har svart på varselet». The demo
    case «Kommunen svarte ikke samme dag»: notified 10 March 09:10, yes on 11 March 14:00 – 10
    March is paid, 11 March (the answer day) is not."""
    forlop = lagre(
        avvik,
        ansatt,
        **(
            FORLOP
            | {
                "meldt_utskrivningsklar": t("10.03.2024 09:10"),
                "kommunens_svar": "kan_ta_imot",
                "svart": t("11.03.2024 14:00"),
                "kommunen_klar": None,
                "utskrevet": t("11.03.2024 16:00"),
            }
        ),
    )
    beregning = beregn_betaling(forlop)
    assert not beregning.ingen_betaling
    assert beregning.betalte_dogn == 1 and beregning.belop == 5745
    assert "kommunen ikke hadde svart" in beregning.linjer[0].tekst
    assert "Dag 2 (11.03.2024) betales ikke: kommunen svarte denne dagen" in (
        beregning.linjer[1].tekst
    )
    # Three days unanswered, yes on the fourth: three days paid.
    forlop.svart = t("13.03.2024 09:00")
    forlop.utskrevet = t("13.03.2024 12:00")
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 3
    assert "kommunen ennå ikke hadde svart på meldingen" in beregning.linjer[1].tekst


def test_a_yes_on_the_notice_day_is_no_payment(ansatt, avvik):
    forlop = lagre(
        avvik,
        ansatt,
        **(FORLOP | {"kommunens_svar": "kan_ta_imot", "svart": t("10.03.2024 23:00")}),
    )
    assert beregn_betaling(forlop).betalte_dogn == 0


def test_silence_is_paid_like_a_refusal(ansatt, avvik):
    forlop = lagre(avvik, ansatt, **(FORLOP | {"kommunens_svar": "ikke_svart", "svart": None}))
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 3
    assert "kommunen ikke hadde svart" in beregning.linjer[0].tekst


def test_no_notice_at_admission_no_payment_unless_the_reading_is_changed(ansatt, avvik):
    """§ 8 and § 13: the notice within 24 hours of admission is a condition of payment; late
    (25 hours) is as missing. The other reading is a setting."""
    for varsel in (None, t("05.03.2024 09:00")):
        forlop = lagre(avvik, ansatt, **(FORLOP | {"innleggelsesvarsel": varsel}))
        beregning = beregn_betaling(forlop)
        assert beregning.betalte_dogn == 0
        assert "varselet innen 24 timer etter innleggelse" in beregning.ingen_betaling
    Betalingsregel.objects.update(krever_innleggelsesvarsel=False)
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 3
    assert "hindrer ikke betaling" in " ".join(beregning.lesninger)


def test_no_payment_before_the_municipality_is_told_the_patient_is_ready(ansatt, avvik):
    uten_melding = FORLOP | {
        "meldt_utskrivningsklar": None,
        "kommunens_svar": "ikke_svart",
        "svart": None,
        "kommunen_klar": None,
    }
    forlop = lagre(avvik, ansatt, **uten_melding)
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 0 and "(§ 10 og § 13)" in beregning.ingen_betaling


def test_a_ready_notice_late_in_the_day_counts_from_that_day_unless_a_cutoff_is_set(ansatt, avvik):
    """The forskrift names no hour (as far as checked): a notice at 23:10 starts the day. An
    agreement's cutoff (here 14:00) is a setting and moves the first paid day."""
    sent = FORLOP | {"meldt_utskrivningsklar": t("10.03.2024 23:10"), "svart": None}
    sent["kommunens_svar"] = "ikke_svart"
    forlop = lagre(avvik, ansatt, **sent)
    assert beregn_betaling(forlop).betalte_dogn == 3
    Betalingsregel.objects.update(meldingsfrist=datetime.time(14, 0))
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 2
    assert beregning.linjer[0].tekst == (
        "Dag 1 (10.03.2024) betales ikke: meldingen kom kl. 23:10, etter kl. 14:00, og regnes "
        "fra neste døgn."
    )


def test_the_reading_from_24_hours_after_the_notice_is_a_setting(ansatt, avvik):
    forlop = lagre(avvik, ansatt, **FORLOP)
    Betalingsregel.objects.update(betaling_fra=Betalingsregel.Start.ETTER_24_TIMER)
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 2
    assert "betales ikke: betalingen begynner først 24 timer etter" in beregning.linjer[0].tekst


def test_discharged_on_the_day_the_municipality_could_take_the_patient(ansatt, avvik):
    """The day the offer is ready is not paid, nor the day of discharge; ready the same day as
    the notice: nothing at all."""
    forlop = lagre(avvik, ansatt, **FORLOP)
    assert beregn_betaling(forlop).betalte_dogn == 3
    samme_dag = FORLOP | {
        "kommunen_klar": datetime.date(2024, 3, 10),
        "utskrevet": t("10.03.2024 15:00"),
    }
    beregning = beregn_betaling(lagre(avvik, ansatt, **samme_dag))
    assert beregning.betalte_dogn == 0 and beregning.belop == 0
    assert [linje.tekst for linje in beregning.linjer] == [
        "Dag 1 (10.03.2024) betales ikke: kommunen meldte at den kunne ta imot pasienten denne "
        "dagen (§ 11)."
    ]


def test_discharged_before_the_municipality_was_ready_ends_the_payment(ansatt, avvik):
    forlop = lagre(avvik, ansatt, **(FORLOP | {"utskrevet": t("12.03.2024 09:00")}))
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 2
    assert "pasienten ble utskrevet denne dagen" in beregning.linjer[-1].tekst
    Betalingsregel.objects.update(utskrivningsdag_betales=True)
    assert beregn_betaling(forlop).betalte_dogn == 3


def test_days_on_both_sides_of_new_year_are_priced_by_each_years_rate(ansatt, avvik):
    forlop = lagre(
        avvik,
        ansatt,
        innlagt=t("27.12.2023 14:00"),
        innleggelsesvarsel=t("27.12.2023 18:00"),
        meldt_utskrivningsklar=t("30.12.2023 09:30"),
        kommunens_svar="kan_ikke",
        svart=t("30.12.2023 11:00"),
        kommunen_klar=datetime.date(2024, 1, 2),
    )
    beregning = beregn_betaling(forlop)
    assert beregning.belop == 2 * 5508 + 5745
    assert [linje.tekst for linje in beregning.linjer][1:3] == [
        f"Dag 2 (31.12.2023) betales fordi kommunen ennå ikke hadde meldt at den kunne ta imot "
        f"pasienten: 1 × kr 5{NBSP}508 = kr 5{NBSP}508.",
        f"Dag 3 (01.01.2024) betales fordi kommunen ennå ikke hadde meldt at den kunne ta imot "
        f"pasienten: 1 × kr 5{NBSP}745 = kr 5{NBSP}745.",
    ]


def test_a_year_without_a_registered_rate_is_said_not_guessed(client, ansatt, avvik):
    Dognpris.objects.filter(ar=2025).delete()
    lagre(
        avvik,
        ansatt,
        innlagt=t("24.02.2025 08:00"),
        innleggelsesvarsel=t("24.02.2025 09:00"),
        meldt_utskrivningsklar=t("01.03.2025 10:00"),
        kommunens_svar="kan_ikke",
        svart=t("01.03.2025 12:00"),
        kommunen_klar=datetime.date(2025, 3, 3),
    )
    client.force_login(ansatt)
    side = client.get(f"/avvik/{avvik.pk}/").content.decode()
    assert "døgnprisen for 2025 er ikke registrert, så beløpet kan ikke regnes ut" in side
    # The total is unknown, not «kr 0».
    assert "beløp ukjent – døgnpris for 2025 er ikke registrert" in side
    assert "døgn: kr 0." not in side
    assert "Døgnprisen for 2025 er ikke registrert" in side
    # No «amount above» to qualify when there is none.
    assert "Beløpet over gjelder bare" not in side


def test_a_partly_priced_course_says_the_amount_covers_the_priced_days(client, ansatt, avvik):
    Dognpris.objects.filter(ar=2025).delete()
    lagre(
        avvik,
        ansatt,
        innlagt=t("20.12.2024 10:00"),
        innleggelsesvarsel=t("20.12.2024 12:00"),
        meldt_utskrivningsklar=t("30.12.2024 09:00"),
        kommunens_svar="kan_ikke",
        svart=t("30.12.2024 12:00"),
        kommunen_klar=datetime.date(2025, 1, 2),
    )
    client.force_login(ansatt)
    side = client.get(f"/avvik/{avvik.pk}/").content.decode()
    assert "minst kr" in side
    assert "Beløpet over gjelder bare døgnene med registrert pris." in side


def test_a_paid_day_of_discharge_is_explained_on_that_day(ansatt, avvik):
    Betalingsregel.objects.update(utskrivningsdag_betales=True)
    forlop = lagre(avvik, ansatt, **(FORLOP | {"kommunen_klar": None}))
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 4
    siste = beregning.linjer[-1]
    assert siste.betales and siste.til_dato == datetime.date(2024, 3, 13)
    assert "utskrivningsdagen betales (innstilling)" in siste.tekst
    assert not any("betales ikke" in linje.tekst for linje in beregning.linjer)


def test_the_24_hour_reading_is_labelled_an_alternative_not_the_dispute_boards():
    etikett = str(Betalingsregel.Start.ETTER_24_TIMER.label)
    assert "alternativ lesning" in etikett and "Tvisteløsningsnemnda" not in etikett


def test_a_course_still_running_is_counted_to_today(ansatt, avvik):
    forlop = lagre(avvik, ansatt, **(FORLOP | {"kommunen_klar": None, "utskrevet": None}))
    beregning = beregn_betaling(forlop, idag=datetime.date(2024, 3, 15))
    assert beregning.lopende and beregning.betalte_dogn == 6


def test_either_party_records_and_corrects_with_history(client, hf_koordinator, ansatt, avvik):
    # Those who handle the avvik: the other party's coordinator, then the reporter
    # (who else may not: tests/avvik/test_betaling_personvern.py).
    client.force_login(hf_koordinator)
    assert client.post(f"/avvik/{avvik.pk}/betaling/", skjema(**FORLOP)).status_code == 302
    client.force_login(ansatt)
    side = client.get(f"/avvik/{avvik.pk}/betaling/").content.decode()
    assert 'value="2024-03-10T10:00"' in side  # the recorded times fill the form
    endret = skjema(**(FORLOP | {"kommunen_klar": datetime.date(2024, 3, 12)}))
    assert client.post(f"/avvik/{avvik.pk}/betaling/", endret).status_code == 302
    forlop = Betalingsforlop.objects.get(avvik=avvik)
    assert forlop.history.count() == 2 and forlop.endret_av == ansatt
    assert beregn_betaling(forlop).betalte_dogn == 2
    assert avvik.hendelser.filter(type="betaling").count() == 2


def test_only_the_parties_see_and_edit(client, avvik, utenforstaende, systemforvalter, ansatt):
    url = f"/avvik/{avvik.pk}/betaling/"
    client.force_login(utenforstaende)
    assert client.get(url).status_code == 404
    assert client.post(url, skjema(**FORLOP)).status_code == 404
    client.force_login(systemforvalter)  # sees the avvik, is no party to it
    assert client.get(url).status_code == 403
    assert client.post(url, skjema(**FORLOP)).status_code == 403
    assert "Registrer tidspunktene" not in client.get(f"/avvik/{avvik.pk}/").content.decode()
    assert not Betalingsforlop.objects.exists()
    client.force_login(ansatt)
    assert client.put(url).status_code == 405
    assert client.get(url).status_code == 200


def test_anonymous_is_sent_to_log_in(client, avvik):
    svar = client.get(f"/avvik/{avvik.pk}/betaling/")
    assert svar.status_code == 302 and ("login" in svar.url or "logg-inn" in svar.url)


def test_the_form_needs_the_csrf_token(ansatt, avvik):
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(ansatt)
    assert klient.post(f"/avvik/{avvik.pk}/betaling/", skjema(**FORLOP)).status_code == 403
    assert not Betalingsforlop.objects.exists()


def test_not_for_avvik_about_something_else(client, ansatt, kommune, helseforetak):
    annet = services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=t("13.03.2024 11:00"),
        beskrivelse="Epikrisen fulgte ikke pasienten.",
        stige="pasientrelatert",
    )
    client.force_login(ansatt)
    assert client.get(f"/avvik/{annet.pk}/betaling/").status_code == 404
    assert "Betaling for utskrivningsklar pasient" not in (
        client.get(f"/avvik/{annet.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("endring", "felt", "melding"),
    [
        ({"innlagt": "1999-12-31T10:00"}, "innlagt", "Datoen må være mellom"),
        ({"innlagt": "i går"}, "innlagt", "Oppgi dato og klokkeslett som dd.mm.åååå tt:mm."),
        ({"innlagt": ""}, "innlagt", "Oppgi dato og klokkeslett."),
        ({"utskrevet": "2099-01-01T10:00"}, "utskrevet", "kan ikke ligge fram i tid"),
        ({"innleggelsesvarsel": "2024-03-01T10:00"}, "innleggelsesvarsel", "før innleggelsen"),
        ({"svart": "2024-03-09T10:00"}, "svart", "før meldingen om utskrivningsklar"),
        ({"kommunen_klar": "2024-03-09"}, "kommunen_klar", "før meldingen om utskrivningsklar"),
        ({"kommunens_svar": "ikke_svart"}, "kommunens_svar", "eller fjern svartiden"),
        ({"kommunens_svar": "noe annet"}, "kommunens_svar", "Velg et gyldig valg"),
        ({"utskrevet": "2025-04-01"}, "utskrevet", "mer enn ett år fra avviket (13.03.2024)"),
    ],
)
def test_bad_input_is_refused_at_its_field_in_norwegian_and_kept(
    client, ansatt, avvik, endring, felt, melding
):
    client.force_login(ansatt)
    data = skjema(**FORLOP) | {"merknad": "Uenige om svaret kom i tide."} | endring
    svar = client.post(f"/avvik/{avvik.pk}/betaling/", data)
    assert svar.status_code == 400
    assert melding in " ".join(svar.context["form"].errors[felt])
    assert "Uenige om svaret kom i tide." in svar.content.decode()
    assert not Betalingsforlop.objects.exists()


def test_a_course_years_from_the_avviks_date_is_refused_at_its_fields(
    client, ansatt, kommune, helseforetak, kategori
):
    """A 2024 course on an avvik dated 27.11.2026 is a typo in the year: the amount would be
    computed with another year's day rate."""
    senere = services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=t("27.11.2026 11:00"),
        beskrivelse="Uenighet om hvor mange døgn kommunen skal betale for.",
        stige="pasientrelatert",
    )
    client.force_login(ansatt)
    svar = client.post(f"/avvik/{senere.pk}/betaling/", skjema(**FORLOP))
    assert svar.status_code == 400
    feil = svar.context["form"].errors
    melding = "Datoen ligger mer enn ett år fra avviket (27.11.2026). Kontroller året."
    for felt in FORLOP.keys() - {"kommunens_svar"}:
        assert feil[felt] == [melding], felt
    assert melding in svar.content.decode()
    assert not Betalingsforlop.objects.exists()
    # The same course in the avvik's year is accepted.
    i_aar = {
        felt: verdi.replace(year=2026) if hasattr(verdi, "year") else verdi
        for felt, verdi in FORLOP.items()
    }
    assert client.post(f"/avvik/{senere.pk}/betaling/", skjema(**i_aar)).status_code == 302


def test_an_identity_number_in_the_note_is_refused_and_the_rest_kept(client, ansatt, avvik):
    nummer = lag(tilfeldig(19), "fnr")
    client.force_login(ansatt)
    data = skjema(**FORLOP) | {"merknad": f"Gjelder {nummer}, svar kom sent."}
    svar = client.post(f"/avvik/{avvik.pk}/betaling/", data)
    assert svar.status_code == 400
    assert "fødselsnummer" in " ".join(svar.context["form"].errors["merknad"])
    assert 'value="2024-03-10T10:00"' in svar.content.decode()
    assert not Betalingsforlop.objects.exists()


def test_the_rates_are_data_with_their_source(db):
    for ar, belop in ((2014, 4255), (2023, 5508), (2024, 5745)):
        pris = Dognpris.objects.get(ar=ar)
        assert pris.belop == belop and "helsedirektoratet.no" in pris.kilde_url
    regel = Betalingsregel.objects.get()
    assert "2011-11-18-1115" in regel.kilde and "ikke kontrollert" in regel.kilde


def test_the_demo_has_a_payment_course_explained_day_by_day(client, db):
    """The demo's «could not take the patient for four days» (Kongsberg): four days paid,
    and the day the offer was ready not; the year's rate, or that it is not registered."""
    from django.core.management import call_command

    from helsefellesskap.models import User

    call_command("demodata", stdout=None)
    i_fjor, i_aar = Betalingsforlop.objects.select_related("avvik").order_by("avvik__hendelse")
    client.force_login(User.objects.get(email="kongsberg.koordinator@demo.no"))
    for forlop in (i_fjor, i_aar):
        beregning = beregn_betaling(forlop)
        assert beregning.betalte_dogn == 4
        side = client.get(f"/avvik/{forlop.avvik_id}/").content.decode()
        assert "Kommunen betaler for 4 døgn" in side
        assert "Dag 5 (" in side and "betales ikke: kommunen meldte at den kunne ta imot" in side
        assert "Endre tidspunktene" in side
    # One course is in 2024, a year with a registered day rate: the amount is shown.
    assert i_fjor.avvik.hendelse.year == 2024
    side = client.get(f"/avvik/{i_fjor.avvik_id}/").content.decode()
    assert f"Kommunen betaler for 4 døgn: kr 22{NBSP}980." in side


def test_the_service_keeps_the_order_and_the_parties_for_every_caller(
    ansatt, systemforvalter, avvik
):
    from kjerne.feil import Domenefeil

    with pytest.raises(Domenefeil, match="før meldingen"):
        lagre(avvik, ansatt, **(FORLOP | {"kommunen_klar": datetime.date(2024, 3, 1)}))
    with pytest.raises(Domenefeil, match="før innleggelsen"):
        lagre(avvik, ansatt, **(FORLOP | {"utskrevet": t("01.03.2024 10:00")}))
    with pytest.raises(Domenefeil, match="Bare partene"):
        lagre(avvik, systemforvalter, **FORLOP)
    assert not Betalingsforlop.objects.exists()


def test_anonymisation_deletes_the_course_and_its_history(ansatt, avvik):
    """Admission, notices and discharge together describe one person's stay: when the retention
    period ends (slett_gamle_avvik) they go with their note and history; no statistic needs
    them."""
    from django.utils import timezone

    from avvik.management.commands.slett_gamle_avvik import avvik_anonymiser

    lagre(avvik, ansatt, **(FORLOP | {"merknad": "Sen melding."}))
    lagre(avvik, ansatt, **FORLOP)
    _, tall = avvik_anonymiser(ider=[avvik.pk], tidspunkt=timezone.now())
    assert tall["betalingsforlop"] == 1
    assert not Betalingsforlop.objects.exists()
    assert not Betalingsforlop.history.exists()


def test_the_case_summary_for_the_dispute_board_carries_the_computation(client, ansatt, avvik):
    import io

    from pypdf import PdfReader

    lagre(avvik, ansatt, **FORLOP)
    client.force_login(ansatt)
    svar = hent_pdf(client, f"/avvik/{avvik.pk}/sammendrag.pdf")
    tekst = " ".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf_innhold(svar))).pages)
    tekst = " ".join(tekst.split())
    assert "Kommunen betaler for 3 døgn" in tekst
    assert "Dag 1 (10.03.2024) betales fordi" in tekst
    assert "2011-11-18-1115" in tekst


def test_the_reading_from_the_day_after_the_notice_is_a_setting(ansatt, avvik):
    """DOMAIN.md words the duty «from the first day after readiness»; the ministry read § 13
    «fra og med det døgnet». The default is the ministry's; the other is a setting."""
    forlop = lagre(avvik, ansatt, **FORLOP)
    Betalingsregel.objects.update(betaling_fra=Betalingsregel.Start.NESTE_DOGN)
    beregning = beregn_betaling(forlop)
    assert beregning.betalte_dogn == 2
    assert beregning.linjer[0].tekst == (
        "Dag 1 (10.03.2024) betales ikke: betalingen begynner døgnet etter meldingen (innstilling)."
    )


def test_an_answer_dated_before_the_ready_notice_is_refused(ansatt, avvik):
    """A «yes» dated the day before the ready notice made the whole course unpaid («kommunen
    svarte at den kunne ta imot pasienten») though the municipality cannot answer a notice it
    has not had (§ 10 and § 11)."""
    from kjerne.feil import Domenefeil

    for svar in ("kan_ta_imot", "kan_ikke"):
        with pytest.raises(Domenefeil, match="før den fikk melding om utskrivningsklar"):
            lagre(
                avvik,
                ansatt,
                **(FORLOP | {"kommunens_svar": svar, "svart": datetime.date(2024, 3, 9)}),
            )
    # The same day as the notice is fine, whatever the hour.
    forlop = lagre(avvik, ansatt, **(FORLOP | {"svart": datetime.date(2024, 3, 10)}))
    assert beregn_betaling(forlop).betalte_dogn == 3
