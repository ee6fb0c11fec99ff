"""PDF directly: reading order, running heads and feet, page numbers, hyphenation, bullets."""

from avtaler.importering import importer_fil, les_fil, tolk
from tests.avtaler.importhjelp import pdf

LANG = (
    "Helseforetaket skal sende innleggelsesrapport til kommunen senest innen 24 timer etter "
    "innleggelse, og rapporten skal beskrive forventet forløp, funksjonsnivå og behov. "
)


def test_a_pdf_with_running_heads_page_numbers_and_bullets_becomes_sections():
    html = (
        "<h1>1. Formål</h1>"
        f"<p>{LANG * 3}</p>"
        "<h1>2. Plikter</h1><p>Partene skal:</p>"
        "<ul><li>dele kunnskap og erfaringer</li><li>melde avvik</li></ul>"
        "<p>Et nytt avsnitt etter listen.</p>"
        '<h2 style="page-break-before: always">2.1 Kommunen</h2>'
        f"<p>{LANG * 2}</p>"
        "<h1>3. Varighet</h1><p>Avtalen gjelder fra § 6-1 trer i kraft.</p>"
    )
    resultat = importer_fil("avtale.pdf", pdf(html))
    assert [(s.nummer, s.overskrift) for s in resultat.seksjoner] == [
        ("1", "Formål"),
        ("2", "Plikter"),
        ("2.1", "Kommunen"),
        ("3", "Varighet"),
    ]
    markdown = resultat.som_markdown()
    assert "Helsefellesskapet – samarbeidsavtale" not in markdown
    assert "Side 1 av 2" not in markdown
    assert resultat.seksjoner[1].blokker == [
        "Partene skal:",
        "- dele kunnskap og erfaringer\n- melde avvik",
        "Et nytt avsnitt etter listen.",
    ]
    assert resultat.seksjoner[0].tekst == (LANG * 3).strip()
    assert "§ 6-1" in resultat.seksjoner[3].tekst
    assert not any(m.art == "ordtap" for m in resultat.merknader)
    assert resultat.format == "PDF"


def test_hyphenated_words_are_joined_and_a_paragraph_continues_across_the_page():
    html = (
        "<h1>1. Innleggelse</h1>"
        + "".join(f"<p>Rutine nummer {n} gjelder innleggelse etter avtale.</p>" for n in range(26))
        + f'<p style="hyphens: auto" lang="nb">{LANG * 6}</p>'
        + "<h1>2. Utskrivning</h1><p>Etter avtale.</p>"
    )
    lesing = les_fil("avtale.pdf", pdf(html))
    avsnitt = [linje for linje in lesing.linjer if "innleggelsesrapport" in linje.tekst]
    assert {linje.side for linje in avsnitt} == {1, 2}  # the paragraph crosses the page break
    assert any(linje.tekst.endswith("\u2010") for linje in lesing.linjer)  # and is hyphenated
    resultat = tolk(lesing)
    assert resultat.seksjoner[0].blokker[-1] == (LANG * 6).strip()
    assert not any(m.art == "ordtap" for m in resultat.merknader)
