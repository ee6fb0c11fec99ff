"""From lines to sections: contents left out, numbers where exporters put them, lists,
page breaks, and a remark at the line for everything the importer doubted."""

from avtaler.importering import importer_fil


def _les(tekst: str):
    return importer_fil("avtale.txt", tekst.encode("utf-8"))


def _tre(resultat):
    return [(s.nummer, s.overskrift) for s in resultat.seksjoner]


INNHALD = """Overordna samarbeidsavtale

Innhald
1 Partar 3
2 Føremål 3
3 Samarbeidsstruktur 4
4 Avvik 5
5 Usemje 5
6 Varigheit 6
7 Oppseiing 6

1 Partar
Partane er Helse Førde HF og kommunen.

2 Føremål
Avtalen skal sikre gode tenester.

3 Samarbeidsstruktur
Partane har eit strategisk samarbeidsutval.

4 Avvik
Avvik skal meldast.

5 Usemje
Usemje skal løysast på lågast moglege nivå.

6 Varigheit
Avtalen gjeld frå 2025.

7 Oppseiing
Avtalen kan seiast opp med eitt års varsel.
"""


def test_a_table_of_contents_with_page_numbers_is_left_out_and_reported():
    resultat = _les(INNHALD)
    assert _tre(resultat) == [
        ("1", "Partar"),
        ("2", "Føremål"),
        ("3", "Samarbeidsstruktur"),
        ("4", "Avvik"),
        ("5", "Usemje"),
        ("6", "Varigheit"),
        ("7", "Oppseiing"),
    ]
    assert resultat.seksjoner[0].tekst == "Partane er Helse Førde HF og kommunen."
    innhold = [m for m in resultat.merknader if m.art == "innhold"]
    assert innhold and innhold[0].linje == 3
    assert not any(m.art == "rekkefolge" for m in resultat.merknader)


def test_contents_with_dot_leaders_or_numbers_on_their_own_lines_are_left_out_too():
    prikker = INNHALD.replace("1 Partar 3", "1 Partar ........................ 3").replace(
        "2 Føremål 3", "2\tFøremål\t3"
    )
    assert [s.nummer for s in _les(prikker).seksjoner] == ["1", "2", "3", "4", "5", "6", "7"]
    # pdftotext without -layout: each entry's number on its own line, then the title.
    egne_linjer = INNHALD.replace(
        "1 Partar 3\n2 Føremål 3\n3 Samarbeidsstruktur 4",
        "1\n\nPartar......................3\n2\n\nFøremål.....................3\n3\n\nSamarbeidsstruktur..........4",
    )
    assert [s.nummer for s in _les(egne_linjer).seksjoner] == ["1", "2", "3", "4", "5", "6", "7"]


def test_contents_without_page_numbers_that_the_document_repeats_are_left_out():
    uten = (
        INNHALD.replace(" 3\n", "\n")
        .replace(" 4\n", "\n")
        .replace(" 5\n", "\n")
        .replace(" 6\n", "\n")
    )
    resultat = _les(uten)
    assert [s.nummer for s in resultat.seksjoner] == ["1", "2", "3", "4", "5", "6", "7"]
    assert resultat.seksjoner[0].tekst == "Partane er Helse Førde HF og kommunen."


def test_a_page_number_over_the_title_is_not_section_one():
    resultat = _les(
        "1\n\nSamarbeidsavtale om jordmortjenester\n\n1. Formål\n\nAvtalen skal sikre et trygt "
        "tilbud.\n\n2. Varighet\n\nAvtalen gjelder fra 2027.\n"
    )
    assert resultat.tittel == "Samarbeidsavtale om jordmortjenester"
    assert _tre(resultat) == [("1", "Formål"), ("2", "Varighet")]


def test_n_point_zero_headings_are_accepted_with_their_subsections():
    resultat = _les(
        "1.0 Parter\n\nPartene er SSHF og kommunen.\n\n2.0 Bakgrunn\n\nLoven krever avtale.\n\n"
        "2.1 Forholdet til samarbeidsavtalen\n\nDelavtalen er et vedlegg.\n\n3.0 Formål\n\nEn felles "
        "forståelse.\n\n4.0 Avvik\n\nAvvik meldes.\n"
    )
    assert _tre(resultat) == [
        ("1", "Parter"),
        ("2", "Bakgrunn"),
        ("2.1", "Forholdet til samarbeidsavtalen"),
        ("3", "Formål"),
        ("4", "Avvik"),
    ]


def test_a_number_and_its_title_on_separate_lines_are_one_heading():
    resultat = _les(
        "1.\nFormål\nAvtalen skal sikre et godt tilbud.\n\n2.\nVarighet\nAvtalen gjelder i ett år.\n"
        "\n2.1\nOppsigelse\nEtt års varsel.\n"
    )
    assert _tre(resultat) == [("1", "Formål"), ("2", "Varighet"), ("2.1", "Oppsigelse")]


def test_a_bullet_sign_on_its_own_line_belongs_to_the_next_line():
    resultat = _les(
        "1. Plikter\nPartene skal:\n\uf0b7\ndele kunnskap\n\uf0b7\nmelde avvik\n\nNeste avsnitt "
        "begynner her.\n"
    )
    assert resultat.seksjoner[0].blokker == [
        "Partene skal:",
        "- dele kunnskap\n- melde avvik",
        "Neste avsnitt begynner her.",
    ]


def test_a_bullet_does_not_swallow_the_paragraph_after_it():
    resultat = _les(
        "1. Plikter\n\n"
        "• samarbeide om forsyning og forsyningssikkerhet for legemidler, materiell og medisinsk\n"
        "utstyr til pasientene i hele opptaksområdet til sykehuset og kommunene i området.\n"
        "Partene skal også samarbeide om opplæring og øvelser innen akuttmedisin hvert år.\n"
    )
    assert resultat.seksjoner[0].blokker == [
        "- samarbeide om forsyning og forsyningssikkerhet for legemidler, materiell og medisinsk "
        "utstyr til pasientene i hele opptaksområdet til sykehuset og kommunene i området.",
        "Partene skal også samarbeide om opplæring og øvelser innen akuttmedisin hvert år.",
    ]


def test_paragraphs_do_not_merge_across_a_page_break_when_the_sentence_ended():
    linje = "Kommunen skal sørge for at pasienten får et forsvarlig tilbud etter utskrivning fra sykehuset."
    resultat = _les(
        f"1. Utskrivning\n\n{linje}\n\fNeste side begynner et nytt avsnitt om betaling.\n"
    )
    assert resultat.seksjoner[0].blokker == [
        linje,
        "Neste side begynner et nytt avsnitt om betaling.",
    ]


def test_lettered_and_roman_lists_are_lists():
    resultat = _les(
        "1. Formål\n\nAvtalen skal:\na) sikre ansvar\nb) sikre medvirkning\nc) sikre samordning\n"
        "d) sikre informasjon\n\nPartene skal:\ni) informere\nii) drøfte\niii) evaluere\n"
    )
    assert resultat.seksjoner[0].blokker == [
        "Avtalen skal:",
        "- a) sikre ansvar\n- b) sikre medvirkning\n- c) sikre samordning\n- d) sikre informasjon",
        "Partene skal:",
        "- i) informere\n- ii) drøfte\n- iii) evaluere",
    ]


def test_headings_numbered_100_and_above_are_found_or_reported():
    deler = [f"{n}. Punkt {n}\n\nTekst i punkt {n}.\n" for n in range(97, 103)]
    resultat = _les(
        "\n".join(["1. Første\n\nTekst.\n", *[f"{n}. P{n}\n\nT.\n" for n in range(2, 97)], *deler])
    )
    assert [s.nummer for s in resultat.seksjoner][-4:] == ["99", "100", "101", "102"]
    resultat = _les(
        "1. Formål\n\nTekst.\n\n2. Varighet\n\nTekst.\n\n100. Sluttbestemmelser\n\nTekst.\n"
    )
    assert [s.nummer for s in resultat.seksjoner] == ["1", "2"]
    assert any(
        "100. Sluttbestemmelser" in m.tekst and m.art == "rekkefolge" for m in resultat.merknader
    )


def test_text_before_the_first_heading_is_kept_and_reported_at_its_line():
    resultat = _les(
        "Samarbeidsavtale\n\nAvtalen er inngått mellom kommunen og helseforetaket etter "
        "forhandlinger høsten 2025.\n\n1. Formål\n\nTekst.\n"
    )
    assert resultat.seksjoner[0].overskrift == "Innledning"
    merknad = next(m for m in resultat.merknader if m.art == "foer_forste")
    assert merknad.linje == 3


def test_a_section_far_longer_than_the_others_is_reported():
    vanlig = "Dette er et vanlig punkt med noen ord i seg. " * 3
    langt = "Dette punktet er svært langt fordi overskriftene i det ikke ble funnet. " * 120
    tekst = "".join(f"{n}. Punkt {n}\n\n{langt if n == 3 else vanlig}\n\n" for n in range(1, 7))
    resultat = _les(tekst)
    merknad = next(m for m in resultat.merknader if m.art == "lang_seksjon")
    assert "Punkt 3" in merknad.tekst
    assert resultat.sikkerhet == "lav"


def test_a_heading_hidden_in_a_paragraph_is_reported():
    resultat = _les(
        "1. Parter\n\nPartene er kommunen og helseforetaket, og avtalen gjelder for begge parter "
        "fullt ut. 2. Formål Avtalen skal sikre et godt tilbud til alle innbyggerne.\n"
    )
    assert any(m.art == "overskrift_i_tekst" and "2 Formål" in m.tekst for m in resultat.merknader)


def test_a_clean_agreement_has_high_confidence_and_no_remarks():
    resultat = _les("1. Formål\n\nAvtalen skal sikre et godt tilbud.\n\n2. Varighet\n\nEtt år.\n")
    assert resultat.merknader == []
    assert resultat.sikkerhet == "høy"


def test_every_line_gets_a_role_and_dropped_lines_are_named():
    resultat = _les("1. Formål\n\nAvtalen gjelder.\n\n- 2 -\n\n2. Varighet\n\nEtt år.\n")
    roller = {r.linje.nr: r.rolle for r in resultat.roller}
    assert roller[1] == "overskrift" and roller[3] == "avsnitt" and roller[5] == "sidemobel"
    assert any(m.art == "sidemobel" and m.linje == 5 for m in resultat.merknader)
