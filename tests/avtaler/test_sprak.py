"""The language check on sentences in the style of real agreements (Vestre Viken 2021, the
KS/Deloitte report's model clauses): binding level, vague phrases, responsible party."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtaler.sprak import analyser, marker_vage

F, INT, U = "forpliktende", "intensjon", "uklar"

# (sentence, level, vague phrases, parties carrying a binding duty)
SETNINGER = [
    # Binding duties with a named party
    ("Kommunen skal sende innleggelsesrapport innen 24 timer.", F, [], ["kommunen"]),
    (
        "Helseforetaket skal varsle kommunen innen 24 timer etter innleggelse.",
        F,
        [],
        ["helseforetaket"],
    ),
    (
        "Ved utskrivning skal helseforetaket sende epikrise og legemiddelliste.",
        F,
        [],
        ["helseforetaket"],
    ),
    ("Innen kl. 12 skal kommunen svare om den kan ta imot pasienten.", F, [], ["kommunen"]),
    (
        "Kommunene har ansvar for å gi nødvendig helsehjelp etter helse- og omsorgstjenesteloven.",
        F,
        [],
        ["kommunen"],
    ),
    (
        "Helseforetaket har ansvaret for spesialisthelsetjenesten i opptaksområdet.",
        F,
        [],
        ["helseforetaket"],
    ),
    ("Partene skal involvere hverandre, ikke bare informere.", F, [], ["partene"]),
    (
        "Partene forplikter seg til å gjøre avtalen kjent for ansatte, pasienter "
        "og samarbeidspartnere.",
        F,
        [],
        ["partene"],
    ),
    ("Vestre Viken skal gi kommunene veiledning ved behov.", F, ["ved behov"], ["helseforetaket"]),
    (
        "Kommunen må ha rutiner for å ta imot elektroniske meldinger hele døgnet.",
        F,
        [],
        ["kommunen"],
    ),
    (
        "Sykehuset skal ikke skrive ut pasienter etter kl. 17 uten avtale med kommunen.",
        F,
        [],
        ["helseforetaket"],
    ),
    ("Tildelingskontoret skal svare på meldingen samme dag.", F, [], ["kommunen"]),
    (
        "Helseforetaket plikter å gi kommunen opplysninger om pasientens funksjonsnivå.",
        F,
        [],
        ["helseforetaket"],
    ),
    (
        "Kommunen er ansvarlig for å betale for utskrivningsklare pasienter fra første døgn.",
        F,
        [],
        ["kommunen"],
    ),
    (
        "Partene har et felles ansvar for at befolkningen får riktig bistand på rett sted.",
        F,
        [],
        ["partene"],
    ),
    ("Partene har et særlig ansvar for sårbare pasienter og pasientgrupper.", F, [], ["partene"]),
    ("Helseforetaket sørger for at epikrisen følger pasienten.", F, [], ["helseforetaket"]),
    ("Fastlegen skal ha epikrisen senest dagen etter utskrivning.", F, [], ["kommunen"]),
    ("Legevakten skal kontaktes dersom pasienten blir dårligere.", F, [], ["kommunen"]),
    ("Klinikken skal melde avvik til kommunen innen sju dager.", F, [], ["helseforetaket"]),
    (
        "Etter innleggelse skal sykehuset vurdere behovet for kommunale tjenester.",
        F,
        [],
        ["helseforetaket"],
    ),
    ("Avtalepartene skal årlig gjennomgå avtalen.", F, [], ["partene"]),
    ("Begge parter skal utpeke en kontaktperson for avtalen.", F, [], ["partene"]),
    ("Kommunen skal sørge for at pasienten får et forsvarlig tilbud.", F, [], ["kommunen"]),
    (
        "Helseforetaket skal så tidlig som mulig varsle om utskrivningsklare pasienter.",
        F,
        ["så tidlig som mulig"],
        ["helseforetaket"],
    ),
    ("Kommunen skal etter hvert ta i bruk nye meldingstyper.", F, ["etter hvert"], ["kommunen"]),
    (
        "Helseforetaket skal om mulig gi beskjed dagen før utskrivning.",
        F,
        ["om mulig"],
        ["helseforetaket"],
    ),
    (
        "Partene skal i størst mulig grad samordne beredskapsplanene.",
        F,
        ["i størst mulig grad"],
        ["partene"],
    ),
    (
        "Kommunen skal sørge for hensiktsmessig oppfølging etter utskrivning.",
        F,
        ["hensiktsmessig"],
        ["kommunen"],
    ),
    (
        "Helseforetaket skal gi opplæring så langt det lar seg gjøre.",
        F,
        ["så langt det lar seg gjøre"],
        ["helseforetaket"],
    ),
    ("Partene skal møtes ved behov for å drøfte avvik.", F, ["ved behov"], ["partene"]),
    (
        "Sykehuset skal i rimelig tid informere kommunen om endringer i tilbudet.",
        F,
        ["i rimelig tid"],
        ["helseforetaket"],
    ),
    # Binding duties without a named party
    ("Det skal være brukerrepresentant og fastlege representert i utvalget.", F, [], []),
    ("Epikrise og legemiddelliste skal følge pasienten.", F, [], []),
    ("Avvik skal meldes skriftlig.", F, [], []),
    ("Meldingen må inneholde diagnose og funksjonsnivå.", F, [], []),
    ("Utskrivning skal skje på hverdager mellom 07:00 og 17:00.", F, [], []),
    ("Beredskapsplanene skal øves minst hvert annet år.", F, [], []),
    ("Møtet skal ha referat som sendes medlemmene.", F, [], []),
    ("Nye meldingstyper skal tas i bruk etter hvert som de foreligger.", F, ["etter hvert"], []),
    ("Opplysningene skal gis ved behov.", F, ["ved behov"], []),
    # Softened: a binding verb followed by «søke å», «bidra til» …
    ("Partene skal søke å finne gode løsninger for pasienten.", INT, ["søke å"], []),
    ("Kommunen skal bidra til god samhandling.", INT, ["bidra til"], []),
    ("Helseforetaket skal tilstrebe at pasienten skrives ut på dagtid.", INT, ["tilstrebe"], []),
    ("Partene skal legge til rette for hospitering.", INT, ["legge til rette for"], []),
    (
        "Partene har ansvar for å legge til rette for faglige nettverk.",
        INT,
        ["legge til rette for"],
        [],
    ),
    (
        "Partene forplikter seg til å legge til rette for oppfølging av avtalen.",
        INT,
        ["legge til rette for"],
        [],
    ),
    ("Sykehuset skal arbeide for færre reinnleggelser.", INT, ["arbeide for"], []),
    ("Helseføretaket skal søkje å gi svar same dag.", INT, ["søkje å"], []),
    # Intentions
    ("Partene bør samarbeide om kompetanseutvikling.", INT, ["bør"], []),
    ("Kommunen bør ha tilgang til kjernejournal.", INT, ["bør"], []),
    ("Helseforetaket kan tilby veiledning til kommunens ansatte.", INT, ["kan"], []),
    ("Partene kan inngå særavtaler på avgrensede områder.", INT, ["kan"], []),
    ("Epikrise bør følge pasienten ved utskrivning.", INT, ["bør"], []),
    ("Partene søker å etablere felles rutiner for legemiddelhåndtering.", INT, ["søker å"], []),
    ("Kommunen tilstreber å ta imot pasienten samme dag.", INT, ["tilstreber"], []),
    (
        "Helseforetaket legger til rette for at kommunene kan hospitere.",
        INT,
        ["legger til rette for", "kan"],
        [],
    ),
    ("Partene ønsker et tettere samarbeid om rehabilitering.", INT, ["ønsker"], []),
    ("Partene tar sikte på å redusere antall reinnleggelser.", INT, ["tar sikte på"], []),
    ("Kommunen kan ved behov be om et møte med helseforetaket.", INT, ["kan", "ved behov"], []),
    ("Helseforetaket bør så snart som mulig gi beskjed.", INT, ["bør", "så snart som mulig"], []),
    (
        "Partene bør i størst mulig grad bruke elektroniske meldinger.",
        INT,
        ["bør", "i størst mulig grad"],
        [],
    ),
    ("Partene bør møtes etter behov.", INT, ["bør", "etter behov"], []),
    ("Kommunane ønskjer ei felles løysing for journal.", INT, ["ønskjer"], []),
    ("Partane bør samarbeide om forebygging.", INT, ["bør"], []),
    ("Helseføretaket kan gi råd til kommunane.", INT, ["kan"], []),
    ("Kommunen legg til rette for læring og meistring.", INT, ["legg til rette for"], []),
    ("Sjukehuset tilstrebar å skrive ut pasientar på dagtid.", INT, ["tilstrebar"], []),
    ("Partane søkjer å løyse usemje på lågast mogleg nivå.", INT, ["søkjer å"], []),
    # Neither: descriptions, purposes, definitions
    ("Avtalen gjelder fra 18.01.2021.", U, [], []),
    ("Formålet med avtalen er et systematisk samarbeid.", U, [], []),
    ("Den akuttmedisinske kjede omfatter legevakt, ambulanse og akuttmottak.", U, [], []),
    ("Helsefellesskapets navn er Helsefellesskap Vest-Viken.", U, [], []),
    ("Strukturen består av tre nivåer.", U, [], []),
    ("Likelydende avtale er inngått med de 22 kommunene.", U, [], []),
    ("Partnerskapsmøtet er en årlig helsekonferanse.", U, [], []),
    ("Samarbeidet gjelder pasienter med behov for begge tjenestenivåer.", U, [], []),
    ("Fastlegene har en sentral rolle i samhandlingen.", U, [], []),
    ("Sårbare pasienter opplever tjenestene som lite sammenhengende.", U, [], []),
    ("Denne avtalen erstatter overordnet samarbeidsavtale fra 2019.", U, [], []),
    ("Samarbeidet er hensiktsmessig organisert.", U, ["hensiktsmessig"], []),
    ("Møtene holdes som regel på sykehuset.", U, ["som regel"], []),
    ("Avtalen er utarbeidet i fellesskap.", U, [], []),
    ("Kommunen og helseforetaket er likeverdige parter.", U, [], []),
]


def test_there_are_at_least_80_sentences():
    assert len(SETNINGER) >= 80


@pytest.mark.parametrize(
    ("setning", "niva", "vage", "ansvarlige"), SETNINGER, ids=[s[0][:40] for s in SETNINGER]
)
def test_each_sentence_is_read_right(setning, niva, vage, ansvarlige):
    analyse = analyser(setning)
    assert analyse.niva == niva
    assert [f.uttrykk.lower() for f in analyse.vage] == vage
    assert analyse.ansvarlige == ansvarlige


def test_positions_point_at_the_phrase():
    tekst = "Partene bør i størst mulig grad samarbeide."
    for funn in analyser(tekst).vage:
        assert tekst[funn.start : funn.slutt] == funn.uttrykk
        assert funn.forklaring


def test_a_clause_is_as_binding_as_its_most_binding_sentence():
    tekst = "Formålet er godt samarbeid. Partene bør møtes. Kommunen skal kalle inn."
    analyse = analyser(tekst)
    assert [s.niva for s in analyse.setninger] == [U, INT, F]
    assert analyse.niva == F
    assert analyse.ansvarlige == ["kommunen"]


def test_list_items_are_sentences_of_their_own():
    tekst = "Helseforetaket skal sende:\n\n- epikrise\n- legemiddelliste"
    assert len(analyser(tekst).setninger) == 3


def test_lix_of_a_plain_and_a_heavy_text():
    lett = analyser("Kommunen skal svare. Sykehuset skal ringe. Pasienten får svar.")
    tung = analyser(
        "Samarbeidsavtalen skal oppfylle partenes lovpålagte forpliktelser i henhold til "
        "spesialisthelsetjenesteloven og helse- og omsorgstjenesteloven med tilhørende forskrifter."
    )
    assert lett.lix < 40 < tung.lix
    assert tung.lengste_setning == 17  # «helse- og» is two words


def test_vague_phrases_are_marked_in_html_without_touching_tags():
    analyse = analyser("Partene bør ved behov møtes.")
    html = marker_vage('<p class="bør">Partene bør ved behov møtes.</p>', analyse)
    assert (
        html == '<p class="bør">Partene <mark class="vag">bør</mark> '
        '<mark class="vag">ved behov</mark> møtes.</p>'
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_any_unicode(tekst):
    analyse = analyser(tekst)
    assert analyse.niva in (F, INT, U)
    assert analyse.lix >= 0
    for funn in analyse.funn:
        assert 0 <= funn.start < funn.slutt <= len(tekst)
