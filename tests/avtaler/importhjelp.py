"""Files to import, made in the test: Word with real numbering parts, PDF by WeasyPrint."""

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
STILER = f"""<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift1uten"><w:name w:val="Overskrift 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet2"><w:name w:val="List Bullet 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
</w:styles>"""


def _niva(ilvl, fmt, tekst, start=1):
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{tekst}"/></w:lvl>'
    )


_PUNKT = "\uf0b7"  # Word's bullet in the Symbol font


def nummerering(overskrift=("%1.", "%1.%2")) -> str:
    """numId 1: headings; 2: bullets; 3: a) lists; 4: i) lists; 5: 1) lists; 6: restarted a)."""
    return (
        f'<w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="10">{_niva(0, "decimal", overskrift[0])}{_niva(1, "decimal", overskrift[1])}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="11">{_niva(0, "bullet", _PUNKT)}{_niva(1, "bullet", "o")}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="12">{_niva(0, "lowerLetter", "%1)")}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="13">{_niva(0, "lowerRoman", "%1)")}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="14">{_niva(0, "decimal", "%1)")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="13"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="14"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="12"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )


def avsnitt(
    tekst: str = "", stil: str = "", num: tuple[int, int] | None = None, kjoringer: str = ""
) -> str:
    ppr = ""
    if stil or num:
        ppr = "<w:pPr>"
        if stil:
            ppr += f'<w:pStyle w:val="{stil}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    innhold = kjoringer or (f'<w:r><w:t xml:space="preserve">{tekst}</w:t></w:r>' if tekst else "")
    return f"<w:p>{ppr}{innhold}</w:p>"


def docx(
    kropp: list[str], nummerering_xml: str | None = None, fotnoter: dict[int, str] | None = None
) -> bytes:
    fotnote_xml = "".join(
        f'<w:footnote w:id="{nr}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {tekst}</w:t></w:r></w:p></w:footnote>'
        for nr, tekst in (fotnoter or {}).items()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arkiv:
        arkiv.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        arkiv.writestr("_rels/.rels", _RELS)
        arkiv.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        arkiv.writestr("word/styles.xml", STILER)
        arkiv.writestr("word/numbering.xml", nummerering_xml or nummerering())
        arkiv.writestr(
            "word/footnotes.xml",
            f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>{fotnote_xml}</w:footnotes>',
        )
        arkiv.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{"".join(kropp)}</w:body></w:document>',
        )
    return buffer.getvalue()


def pdf(html: str, css: str = "") -> bytes:
    """A PDF as an office program makes one: A4, running head and foot, page numbers."""
    from weasyprint import CSS, HTML

    stil = CSS(
        string="""
        @page { size: A4; margin: 2.5cm 2cm;
          @top-center { content: "Helsefellesskapet – samarbeidsavtale"; font-size: 9pt }
          @bottom-center { content: "Side " counter(page) " av " counter(pages); font-size: 9pt } }
        body { font-family: serif; font-size: 11pt; line-height: 1.3 }
        h1, h2 { font-size: 13pt; margin: 14pt 0 4pt } p { margin: 0 0 8pt }
        ul { margin: 0 0 8pt; padding-left: 18pt } li { margin: 0 }
        """
        + css
    )
    return HTML(string=f'<html lang="nb"><body>{html}</body></html>').write_pdf(stylesheets=[stil])
