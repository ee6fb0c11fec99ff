"""Pages of bodies, meetings and cases: who sees what, the secretary's recording, budgets."""

import datetime

import pytest
from django.utils import timezone

from helsefellesskap import services
from helsefellesskap.models import Mote, Oppmote, Sak, Vedtak
from tests.factories import fullt_ssu, lag_medlem, lag_utvalg, registrer_oppmote, vedta
from tests.pdfhjelp import hent_pdf, pdf_innhold, pdfa_del

ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(
        helsefellesskap, rotasjon_fra=datetime.date(2021, 1, 1), forste_lederside="kommunene"
    )


@pytest.fixture
def sekretaer(ssu):
    return ssu.medlemmer.get(rolle="sekretaer").bruker


@pytest.fixture
def medlem(ssu):
    return ssu.medlemmer.filter(rolle="medlem").first().bruker


@pytest.fixture
def mote(ssu):
    start = timezone.make_aware(datetime.datetime(2026, 3, 10, 10))
    return services.mote_opprett(utfort_av=None, utvalg=ssu, start=start, sted="Drammen")


@pytest.fixture
def saker(ssu, mote):
    """One adopted decision, one without agreement, one open case."""
    vedtatt = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Handlingsplan", ar=2026)
    vedta(vedtatt, mote, ALLE_ENIGE, tekst="Planen vedtas.")
    uenig = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Kveldsutskrivning", ar=2026)
    vedta(uenig, mote, {**ALLE_ENIGE, "kommunene": "uenig"}, tekst="Utskrivning til kl. 20.")
    apen = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Hemmelig forarbeid", ar=2026)
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=apen)
    return vedtatt, uenig, apen


def test_the_public_sees_adopted_decisions_and_approved_minutes_only(client, mote, saker):
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Utkast til referat")
    html = client.get(f"/moter/{mote.pk}/").content.decode()
    assert "Planen vedtas." in html
    assert "Utskrivning til kl. 20." not in html
    assert "Utkast til referat" not in html
    assert "Referatet er ikke godkjent ennå." in html
    services.referat_godkjenn(utfort_av=None, mote=mote)
    assert "Utkast til referat" in client.get(f"/moter/{mote.pk}/").content.decode()


def test_members_see_everything_of_their_body(client, medlem, mote, saker):
    client.force_login(medlem)
    html = client.get(f"/moter/{mote.pk}/").content.decode()
    assert "Utskrivning til kl. 20." in html and "Ikke enighet" in html
    assert "Kommunene: uenig" in html
    assert "Registrer vedtak" not in html  # members read, the secretary records


def test_cases_without_public_decision_are_hidden_from_the_public(client, saker):
    vedtatt, uenig, apen = saker
    assert client.get(f"/saker/{vedtatt.pk}/").status_code == 200
    assert client.get(f"/saker/{uenig.pk}/").status_code == 404
    assert client.get(f"/saker/{apen.pk}/").status_code == 404


def test_decisions_of_an_fsu_are_not_public(client, ssu, helsefellesskap):
    vedtak = vedta(
        services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="x"),
        services.mote_opprett(utfort_av=None, utvalg=ssu, start=timezone.now(), sted="x"),
        ALLE_ENIGE,
        tekst="Opprett FSU",
    )
    fsu = lag_utvalg(
        helsefellesskap,
        "fsu",
        kortnavn="FSU",
        mandat="M",
        sluttdato=datetime.date(2099, 1, 1),
        oppnevnt_ved=vedtak,
    )
    mote = services.mote_opprett(utfort_av=None, utvalg=fsu, start=timezone.now(), sted="x")
    sak = services.sak_opprett(utfort_av=None, utvalg=fsu, tittel="Anbefaling")
    services.anbefaling_registrer(utfort_av=None, sak=sak, mote=mote, tekst="Vi anbefaler X.")
    assert "Vi anbefaler X." not in client.get(f"/moter/{mote.pk}/").content.decode()


def test_the_secretary_records_attendance_with_htmx(client, sekretaer, mote, ssu):
    client.force_login(sekretaer)
    medlem = ssu.medlemmer.filter(rolle="medlem").first()
    svar = client.post(
        f"/moter/{mote.pk}/oppmote/{medlem.pk}/",
        {"status": "til_stede"},
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 200
    assert 'id="oppmote"' in svar.content.decode()
    assert "<html" not in svar.content.decode()  # a fragment, not a page
    assert Oppmote.objects.get(mote=mote, medlem=medlem).status == "til_stede"


def test_the_secretary_records_a_decision_without_javascript(client, sekretaer, mote, ssu):
    client.force_login(sekretaer)
    svar = client.post(f"/moter/{mote.pk}/saker/", {"tittel": "Ny rutine", "beskrivelse": ""})
    assert svar.status_code == 302
    sak = Sak.objects.get(tittel="Ny rutine")
    assert "Registrer vedtak" in client.get(f"/moter/{mote.pk}/").content.decode()
    assert sak.saksnummer == "SSU 1/" + str(timezone.localdate().year)
    data = {f"sak{sak.pk}-tekst": "Rutinen vedtas."} | {
        f"sak{sak.pk}-{s}": "enig" for s in ALLE_ENIGE
    }
    data[f"sak{sak.pk}-bruker"] = "ikke_til_stede"
    registrer_oppmote(mote, {"bruker": "ikke_til_stede"})
    assert client.post(f"/moter/{mote.pk}/saker/{sak.pk}/vedtak/", data).status_code == 302
    vedtak = Vedtak.objects.get(sak=sak)
    assert vedtak.resultat == "vedtatt" and vedtak.pos_bruker == "ikke_til_stede"


@pytest.mark.parametrize("bruker", ["anonym", "medlem", "uten_rolle"])
def test_only_the_secretary_may_record(client, request, bruker, mote, ssu, saker):
    if bruker != "anonym":
        client.force_login(request.getfixturevalue(bruker))
    apen = saker[2]
    forventet = 302 if bruker == "anonym" else 403
    medlem = ssu.medlemmer.filter(rolle="medlem").first()
    assert (
        client.post(
            f"/utvalg/{ssu.pk}/moter/ny/", {"start": "2026-05-01T10:00", "sted": "x"}
        ).status_code
        == forventet
    )
    assert (
        client.post(f"/moter/{mote.pk}/oppmote/{medlem.pk}/", {"status": "forfall"}).status_code
        == forventet
    )
    assert client.post(f"/moter/{mote.pk}/saker/", {"tittel": "x"}).status_code == forventet
    assert client.post(f"/moter/{mote.pk}/saker/{apen.pk}/vedtak/", {}).status_code == forventet
    assert client.post(f"/moter/{mote.pk}/referat/", {"referat": "x"}).status_code == forventet
    assert client.post(f"/saker/{saker[1].pk}/gjenapne/", {"begrunnelse": "x"}).status_code in (
        302 if bruker == "anonym" else 403,
        400,
    )
    assert not Oppmote.objects.filter(status="forfall").exists()
    assert Mote.objects.count() == 1
    assert Sak.objects.get(pk=saker[1].pk).status == "ikke_enighet"


def test_a_member_confirms_the_minutes(client, medlem, mote):
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat")
    client.force_login(medlem)
    assert "Jeg bekrefter referatet" in client.get(f"/moter/{mote.pk}/").content.decode()
    client.post(f"/moter/{mote.pk}/bekreft/")
    assert mote.bekreftelser.get().medlem.bruker == medlem


def test_body_page_shows_composition_and_chair(client, ssu):
    ssu.medlemmer.filter(side="fastlege").update(til=datetime.date(2020, 6, 30))
    html = client.get(f"/utvalg/{ssu.pk}/").content.decode()
    assert "Fastlege: har 0, skal ha minst 1." in html
    i_ar = timezone.localdate().year
    forventet_side = "kommunene" if ((i_ar - 2021) // 2) % 2 == 0 else "helseforetaket"
    assert f"Ledelsen ligger nå hos {forventet_side}." in html


def test_the_yearly_plan_warns_about_too_few_meetings(client, ssu, mote):
    html = client.get("/utvalg/", {"ar": 2026}).content.decode()
    assert "1 av 6–8" in html
    assert "For få møter" in html


def test_ical_feed_lists_the_meetings(client, ssu, mote):
    svar = client.get(f"/utvalg/{ssu.pk}/moter.ics")
    assert svar["Content-Type"].startswith("text/calendar")
    tekst = svar.content.decode()
    assert "BEGIN:VCALENDAR" in tekst and "BEGIN:VEVENT" in tekst
    assert f"UID:mote-{mote.pk}@samhandlingsavtaler" in tekst
    assert "LOCATION:Drammen" in tekst
    # 10:00 in Oslo (CET) is 09:00 UTC; no TZID without its VTIMEZONE (RFC 5545).
    assert "DTSTART:20260310T090000Z" in tekst and "DTEND:20260310T120000Z" in tekst
    assert "TZID" not in tekst


def test_minutes_as_archival_pdf(client, mote, saker, medlem):
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Møtet gikk bra.")
    oppmote_for = services.oppmote_for(mote)
    assert oppmote_for and set(oppmote_for.values()) == {"til_stede"}
    assert (
        client.get(f"/moter/{mote.pk}/referat.pdf").status_code == 404
    )  # not approved: not public
    client.force_login(medlem)
    svar = hent_pdf(client, f"/moter/{mote.pk}/referat.pdf")
    assert svar.status_code == 200
    data = pdf_innhold(svar)
    assert data.startswith(b"%PDF")
    assert svar["Content-Disposition"] == 'attachment; filename="referat-ssu-2026-03-10.pdf"'
    assert pdfa_del(data) == "3"


def test_a_party_sends_a_case_on_from_the_page_with_its_reason(client, ssu, helsefellesskap):
    lsu = lag_utvalg(helsefellesskap, "lsu", kortnavn="LSU Drammen", overordnet=ssu)
    kommunens = lag_medlem(lsu, "kommunene").bruker
    lag_medlem(lsu, "helseforetaket")
    sekretaer = lag_medlem(lsu, "helseforetaket", rolle="sekretaer").bruker
    mote = services.mote_opprett(utfort_av=None, utvalg=lsu, start=timezone.now(), sted="x")
    sak = services.sak_opprett(utfort_av=None, utvalg=lsu, tittel="Uenighet")
    vedta(sak, mote, {"kommunene": "uenig", "helseforetaket": "enig"})
    client.force_login(sekretaer)  # the secretary records, but the next step is the parties'
    assert "Send saken videre" not in client.get(f"/saker/{sak.pk}/").content.decode()
    assert client.post(f"/saker/{sak.pk}/send-videre/", {"begrunnelse": "x"}).status_code == 400
    client.force_login(kommunens)
    side = client.get(f"/saker/{sak.pk}/").content.decode()
    assert "Send saken videre" in side and "Som part (Kommunene)" in side
    tom = client.post(f"/saker/{sak.pk}/send-videre/", {"begrunnelse": ""})
    assert tom.status_code == 400 and "Skriv en begrunnelse." in tom.content.decode()
    svar = client.post(
        f"/saker/{sak.pk}/send-videre/", {"begrunnelse": "Prinsipiell sak for SSU."}, follow=True
    )
    assert "er sendt til Strategisk samarbeidsutvalg som SSU 1/" in svar.content.decode()
    assert Sak.objects.get(sendt_fra=sak).utvalg == ssu
    hendelse = sak.hendelser.get()
    assert (hendelse.utfort_av, hendelse.side, hendelse.tekst) == (
        kommunens,
        "kommunene",
        "Prinsipiell sak for SSU.",
    )
    historikk = client.get(f"/saker/{sak.pk}/").content.decode()
    assert (
        "Sendt videre</strong> av kommunene" in historikk
        and "Prinsipiell sak for SSU." in historikk
    )


@pytest.mark.parametrize(
    "side", ["/utvalg/", "/utvalg/{u}/", "/moter/{m}/", "/saker/{s}/", "/utvalg/{u}/moter.ics"]
)
def test_query_budgets_do_not_grow(
    client, sekretaer, ssu, mote, saker, side, django_assert_max_num_queries
):
    client.force_login(sekretaer)
    url = side.format(u=ssu.pk, m=mote.pk, s=saker[0].pk)
    with django_assert_max_num_queries(25) as liten:
        assert client.get(url).status_code == 200
    for i in range(6):
        sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel=f"Ekstra {i}", ar=2026)
        lag_medlem(ssu, "kommunene")
        vedta(sak, mote, ALLE_ENIGE)
        services.mote_opprett(utfort_av=None, utvalg=ssu, start=timezone.now(), sted="x")
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert client.get(url).status_code == 200


def test_case_documents_are_for_members_only(client, sekretaer, medlem, uten_rolle, saker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sak = saker[0]
    client.force_login(sekretaer)
    client.post(
        f"/saker/{sak.pk}/dokumenter/",
        {"tittel": "Saksframlegg", "fil": SimpleUploadedFile("framlegg.pdf", b"%PDF-1.4 test")},
    )
    svar = client.post(
        f"/saker/{sak.pk}/dokumenter/",
        {"tittel": "Virus", "fil": SimpleUploadedFile("virus.exe", b"MZ")},
        follow=True,
    )
    assert "Filtypen kan ikke lastes opp" in svar.content.decode()
    # The name is not enough: a program called .pdf, or binary called .txt, is refused.
    for navn, innhold in [("framlegg2.pdf", b"MZ\x90\x00"), ("notat.txt", b"\x00\x01\xff")]:
        svar = client.post(
            f"/saker/{sak.pk}/dokumenter/",
            {"tittel": "Forkledd", "fil": SimpleUploadedFile(navn, innhold)},
            follow=True,
        )
        assert "Innholdet i filen passer ikke med filtypen" in svar.content.decode()
    for navn, innhold in [("a.docx", b"PK\x03\x04rest"), ("b.txt", "Møte å".encode())]:
        client.post(
            f"/saker/{sak.pk}/dokumenter/",
            {"tittel": navn, "fil": SimpleUploadedFile(navn, innhold)},
        )
    assert sak.dokumenter.count() == 3
    dokument = sak.dokumenter.get(tittel="Saksframlegg")
    client.force_login(medlem)
    assert "Saksframlegg" in client.get(f"/saker/{sak.pk}/").content.decode()
    nedlasting = client.get(f"/saker/{sak.pk}/dokumenter/{dokument.pk}/")
    assert nedlasting.status_code == 200
    assert b"".join(nedlasting.streaming_content) == b"%PDF-1.4 test"
    client.force_login(uten_rolle)
    assert client.get(f"/saker/{sak.pk}/dokumenter/{dokument.pk}/").status_code == 403
    assert "Saksframlegg" not in client.get(f"/saker/{sak.pk}/").content.decode()


def test_the_decision_form_chooses_no_position_and_keeps_input_at_an_error(
    client, sekretaer, mote, ssu
):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Ny rutine")
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    registrer_oppmote(mote)
    client.force_login(sekretaer)
    side = client.get(f"/moter/{mote.pk}/").content.decode()
    skjema = side[side.index('class="vedtaksskjema"') :]
    assert 'type="radio"' in skjema and "checked" not in skjema
    url = f"/moter/{mote.pk}/saker/{sak.pk}/vedtak/"
    data = {f"sak{sak.pk}-tekst": "Rutinen vedtas.", f"sak{sak.pk}-kommunene": "enig"}
    svar = client.post(url, data)
    html = svar.content.decode()
    assert svar.status_code == 400
    assert f'id="id_sak{sak.pk}-helseforetaket_feil">Oppgi standpunktet til helseforetaket.' in html
    assert "Rutinen vedtas.</textarea>" in html
    assert f'value="enig" id="id_sak{sak.pk}-kommunene_0" required checked' in html
    # The service's own refusal lands at the field too: the HF is there, so it is not absent.
    data |= {f"sak{sak.pk}-{s}": "enig" for s in ALLE_ENIGE}
    data[f"sak{sak.pk}-helseforetaket"] = "ikke_til_stede"
    fragment = client.post(url, data, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert (
        f'id="id_sak{sak.pk}-helseforetaket_feil">Helseforetaket er ført som til stede'
        in fragment.content.decode()
    )
    assert not Vedtak.objects.exists()


def test_meeting_and_case_forms_say_what_is_missing_in_norwegian():
    """Clear Norwegian messages (house rule), not Django's generic «Feltet er påkrevet»."""
    from helsefellesskap.forms_utvalg import MoteForm, SakForm

    mote = MoteForm({"start": "i morgen", "sted": ""})
    assert mote.errors["start"] == ["Oppgi dato og klokkeslett for møtet, som dd.mm.åååå tt:mm."]
    assert mote.errors["sted"] == ["Oppgi hvor møtet holdes."]
    assert MoteForm({}).errors["start"] == ["Oppgi dato og klokkeslett for møtet."]
    assert SakForm({}).errors["tittel"] == ["Skriv en tittel på saken."]
