"""Word as Word means it: automatic numbering, list styles, hyphens, tabs, tables, footnotes."""

from avtaler.importering import importer_fil
from tests.avtaler.importhjelp import avsnitt, docx, nummerering


def _les(kropp, **kwargs):
    return importer_fil("avtale.docx", docx(kropp, **kwargs))


def _tre(resultat):
    return [(s.nummer, s.overskrift) for s in resultat.seksjoner]


def test_heading_numbers_come_from_the_styles_numbering_not_the_text():
    resultat = _les(
        [
            avsnitt("Samarbeidsavtale om legevakt", "Title"),
            avsnitt("Parter", "Heading1"),
            avsnitt("Kommunen og helseforetaket."),
            avsnitt("Ansvar", "Heading1"),
            avsnitt("Kommunen", "Heading2"),
            avsnitt("Kommunen har legevakt."),
            avsnitt("Helseforetaket", "Heading2"),
            avsnitt("Helseforetaket har AMK."),
            avsnitt("Varighet", "Heading1"),
            avsnitt("Ett år."),
        ]
    )
    assert resultat.tittel == "Samarbeidsavtale om legevakt"
    assert _tre(resultat) == [
        ("1", "Parter"),
        ("2", "Ansvar"),
        ("2.1", "Kommunen"),
        ("2.2", "Helseforetaket"),
        ("3", "Varighet"),
    ]
    assert resultat.sikkerhet == "høy"


def test_a_deeper_level_restarts_under_each_new_heading():
    resultat = _les(
        [
            avsnitt("A", "Heading1"),
            avsnitt("A1", "Heading2"),
            avsnitt("Tekst."),
            avsnitt("A2", "Heading2"),
            avsnitt("Tekst."),
            avsnitt("B", "Heading1"),
            avsnitt("B1", "Heading2"),
            avsnitt("Tekst."),
        ]
    )
    assert [s.nummer for s in resultat.seksjoner] == ["1", "1.1", "1.2", "2", "2.1"]


def test_n_point_zero_numbering_is_chapter_n():
    resultat = _les(
        [
            avsnitt("Parter", "Heading1"),
            avsnitt("Sørlandet sykehus HF og kommunen."),
            avsnitt("Bakgrunn", "Heading1"),
            avsnitt("Loven krever det."),
            avsnitt("Lovgrunnlag", "Heading2"),
            avsnitt("Helse- og omsorgstjenesteloven."),
        ],
        nummerering_xml=nummerering(("%1.0", "%1.%2")),
    )
    assert _tre(resultat) == [("1", "Parter"), ("2", "Bakgrunn"), ("2.1", "Lovgrunnlag")]
    assert any(m.art == "null_stil" for m in resultat.merknader)


def test_list_bullet_style_and_lettered_roman_and_numbered_lists_stay_lists():
    resultat = _les(
        [
            avsnitt("Plikter", "Heading1"),
            avsnitt("Partene skal:"),
            avsnitt("dele kunnskap", "ListBullet"),
            avsnitt("særlig om legemidler", "ListBullet2"),
            avsnitt("melde avvik", "ListBullet"),
            avsnitt("Kommunen skal:"),
            avsnitt("vurdere behovet", num=(3, 0)),
            avsnitt("gi beskjed", num=(3, 0)),
            avsnitt("Helseforetaket skal:"),
            avsnitt("varsle", num=(4, 0)),
            avsnitt("sende epikrise", num=(4, 0)),
            avsnitt("I denne rekkefølgen:"),
            avsnitt("ringe", num=(5, 0)),
            avsnitt("skrive", num=(5, 0)),
        ]
    )
    tekst = resultat.seksjoner[0].tekst
    assert "- dele kunnskap\n  - særlig om legemidler\n- melde avvik" in tekst
    assert "- a) vurdere behovet\n- b) gi beskjed" in tekst
    assert "- i) varsle\n- ii) sende epikrise" in tekst
    assert "1. ringe\n2. skrive" in tekst


def test_a_list_started_anew_counts_from_a_again():
    resultat = _les(
        [
            avsnitt("Plikter", "Heading1"),
            avsnitt("første", num=(3, 0)),
            avsnitt("andre", num=(3, 0)),
            avsnitt("Så en ny liste:"),
            avsnitt("tredje", num=(6, 0)),
        ]
    )
    assert "- a) tredje" in resultat.seksjoner[0].tekst


def test_non_breaking_and_soft_hyphens_and_tabs_keep_the_words():
    kjoringer = (
        '<w:r><w:t xml:space="preserve">jf. helse- og omsorgstjenesteloven § 6</w:t></w:r>'
        "<w:r><w:noBreakHyphen/></w:r>"
        '<w:r><w:t xml:space="preserve">1 og spesialist</w:t></w:r>'
        "<w:r><w:softHyphen/></w:r>"
        "<w:r><w:t>helsetjenesteloven</w:t><w:tab/><w:t>§ 2</w:t></w:r>"
        "<w:r><w:noBreakHyphen/></w:r><w:r><w:t>1 e.</w:t></w:r>"
    )
    resultat = _les([avsnitt("Lovgrunnlag", "Heading1"), avsnitt(kjoringer=kjoringer)])
    tekst = resultat.seksjoner[0].tekst
    # A tab separates words as a space does; it never glues them.
    assert "§ 6\u20111 og spesialisthelsetjenesteloven § 2\u20111 e." in tekst
    assert "§ 61" not in tekst


def test_tables_are_kept_as_tables():
    tabell = (
        "<w:tbl>"
        "<w:tr><w:tc><w:p><w:r><w:t>Retningslinje</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tema</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Oppgaver | ansvar</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    resultat = _les([avsnitt("Oppbygning", "Heading1"), tabell, avsnitt("Etter tabellen.")])
    assert resultat.seksjoner[0].blokker == [
        "| Retningslinje | Tema |\n|---|---|\n| 1 | Oppgaver \\| ansvar |",
        "Etter tabellen.",
    ]


def test_footnotes_follow_the_paragraph_that_refers_to_them():
    kjoringer = (
        '<w:r><w:t xml:space="preserve">Avtalen bygger på loven.</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="7"/></w:r>'
    )
    resultat = _les(
        [avsnitt("Bakgrunn", "Heading1"), avsnitt(kjoringer=kjoringer), avsnitt("Neste avsnitt.")],
        fotnoter={7: "Lov 24. juni 2011 nr. 30."},
    )
    assert resultat.seksjoner[0].blokker == [
        "Avtalen bygger på loven.¹",
        "¹ Lov 24. juni 2011 nr. 30.",
        "Neste avsnitt.",
    ]


def test_a_table_of_contents_field_is_left_out_and_reported():
    felt = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">1\tParter\t2</w:t></w:r>'
    )
    slutt = '<w:r><w:t xml:space="preserve">2\tVarighet\t3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    resultat = _les(
        [
            avsnitt("Innhold"),
            avsnitt(kjoringer=felt, stil="TOC1"),
            avsnitt(kjoringer=slutt, stil="TOC1"),
            avsnitt("Parter", "Heading1"),
            avsnitt("Kommunen og helseforetaket."),
            avsnitt("Varighet", "Heading1"),
            avsnitt("Ett år."),
        ]
    )
    assert _tre(resultat) == [("1", "Parter"), ("2", "Varighet")]
    assert any(m.art == "innhold" for m in resultat.merknader)
    assert "Innhold" not in resultat.som_markdown()


def test_typed_numbers_in_unnumbered_paragraphs_still_make_headings():
    resultat = _les(
        [
            avsnitt("1. Formål"),
            avsnitt("Avtalen skal sikre et godt tilbud."),
            avsnitt("2. Varighet"),
            avsnitt("Avtalen gjelder i ett år."),
        ]
    )
    assert _tre(resultat) == [("1", "Formål"), ("2", "Varighet")]


def test_a_heading_style_without_a_number_becomes_an_unnumbered_section_and_is_reported():
    resultat = _les(
        [
            avsnitt("Formål", "Heading1"),
            avsnitt("Tekst."),
            avsnitt("Underskrifter", "Overskrift1uten"),
            avsnitt("For kommunen: ____"),
        ]
    )
    assert _tre(resultat) == [("1", "Formål"), ("", "Underskrifter")]
    assert any(m.art == "uten_nummer" for m in resultat.merknader)


def test_deleted_and_hidden_text_is_not_read():
    kjoringer = (
        '<w:r><w:t xml:space="preserve">Synlig </w:t></w:r>'
        "<w:del><w:r><w:delText>slettet </w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>skjult </w:t></w:r>"
        "<w:ins><w:r><w:t>innsatt.</w:t></w:r></w:ins>"
    )
    resultat = _les([avsnitt("Formål", "Heading1"), avsnitt(kjoringer=kjoringer)])
    assert resultat.seksjoner[0].tekst == "Synlig innsatt."


def test_a_skipped_number_in_a_heading_style_is_kept_and_reported():
    resultat = _les(
        [
            avsnitt("1. Formål", "Overskrift1uten"),
            avsnitt("Tekst om formålet."),
            avsnitt("2. Parter", "Overskrift1uten"),
            avsnitt("Tekst om partene."),
            avsnitt("4. Varighet", "Overskrift1uten"),
            avsnitt("Tekst om varigheten."),
        ]
    )
    assert [s.nummer for s in resultat.seksjoner] == ["1", "2", "4"]
    merknad = next(m for m in resultat.merknader if m.art == "rekkefolge")
    assert "nummer 3 mangler" in merknad.tekst
    assert merknad.linje == 5
