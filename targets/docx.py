"""The monthly briefing as a Word document (.docx), built from the same ``Briefing`` the page shows.

Laid out like a town's official document (GB/T 9704): A4, 37/35/28/26 mm margins, the title in 小标宋, headings in
黑体, the text in 仿宋 三号 with a two-character first-line indent. Fonts fall back on machines without them.
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from targets.briefing import Briefing

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
SAMPLE_COLOUR = RGBColor(0xB2, 0x6A, 0x00)
ISSUER_COLOUR = RGBColor(0xC0, 0x00, 0x00)  # the 发文机关标志 is printed red
TABLE_SIZE = Pt(10.5)  # 五号
# The 序时进度表's status cells, shaded by light (pale fills: the black text stays readable in print and on screen).
LIGHT_FILLS = {"green": "E6F4EA", "yellow": "FFF4CC", "red": "FDECEA"}


def _font(run, name: str, size, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    # Word picks the East Asian font from its own attribute; without it Chinese text falls back to 宋体.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, font: str, size, *, bold=False, indent=False, align=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = size * 2
    paragraph.paragraph_format.line_spacing = Pt(28)
    _font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def briefing_document(briefing: Briefing) -> bytes:
    """The .docx bytes of ``briefing``; its paragraphs, in order, are ``briefing.texts()``."""
    document = Document()
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin = Mm(37), Mm(35)
    page.left_margin, page.right_margin = Mm(28), Mm(26)
    document.core_properties.title = briefing.title
    if briefing.is_sample:
        notice = _paragraph(document, briefing.sample_notice, HEADING_FONT, BODY_SIZE, bold=True)
        notice.runs[0].font.color.rgb = SAMPLE_COLOUR
    header = briefing.header_lines()
    if header:
        issuer = _paragraph(document, header[0], TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
        issuer.runs[0].font.color.rgb = ISSUER_COLOUR
        for line in header[1:]:
            _paragraph(document, line, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, briefing.title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    for item in briefing.items:
        _paragraph(document, item.heading, HEADING_FONT, BODY_SIZE)
        for text in item.paragraphs:
            _paragraph(document, text, BODY_FONT, BODY_SIZE, indent=True)
    _paragraph(document, briefing.closing, BODY_FONT, BODY_SIZE, indent=True)
    for line in briefing.signature_lines():
        _paragraph(document, line, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if briefing.table:
        _paragraph(document, briefing.table_heading, HEADING_FONT, BODY_SIZE)
        _schedule_table(document, briefing)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _schedule_table(document, briefing: Briefing) -> None:
    """The 序时进度表: every target with its figures, the status cell shaded by its light (the word stays)."""
    cells = briefing.table_cells()
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    table.style = "Table Grid"
    for r, values in enumerate(cells):
        light = briefing.table[r - 1].light if r else None
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = ""
            _font(
                cell.paragraphs[0].add_run(value),
                HEADING_FONT if r == 0 else BODY_FONT,
                TABLE_SIZE,
                bold=r == 0,
            )
            if light and c == len(values) - 1:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), LIGHT_FILLS[light])
                cell._tc.get_or_add_tcPr().append(shading)
