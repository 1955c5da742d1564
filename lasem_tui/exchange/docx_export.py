"""The Berita Acara (and the daftar hadir alone) as Word documents, with python-docx.

python-docx sets up the document (styles, page size, footer with "Halaman x dari y");
the body is written as WordprocessingML text and parsed in one go, which keeps a
regency-size recap (18,000 rows) to a second or two instead of minutes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from lasem_tui.exchange import agreement, markdown, official
from lasem_tui.exchange.markdown import Block, Run
from lasem_tui.exchange.markdown import Table as MarkdownTable
from lasem_tui.exchange.record import (
    DEMO_NOTICE,
    MeetingRecord,
    ProgressCallback,
    Signatory,
    no_progress,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.attendance import AttendeeRow

FONT = "Times New Roman"
BODY_PT = 12
TABLE_PT = 9

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NS = nsdecls("w")


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _x(text: str) -> str:
    # "Rp 1.500.000" never breaks between "Rp" and its number.
    return xml_escape(_INVALID_XML.sub("", text).replace("Rp ", "Rp\u00a0"))


def _run(text: str, style: str = "", size: float | None = None, underline: bool = False) -> str:
    props = ""
    if "B" in style:
        props += "<w:b/>"
    if "I" in style:
        props += "<w:i/>"
    if underline:
        props += '<w:u w:val="single"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if "\n" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_x(text)}</w:t></w:r>'
    pieces = [f'<w:t xml:space="preserve">{_x(part)}</w:t>' for part in text.split("\n")]
    return f"<w:r>{rpr}{'<w:br/>'.join(pieces)}</w:r>"


def _para(
    runs: str,
    *,
    style: str | None = None,
    align: str | None = None,
    indent: int = 0,
    hanging: int = 0,
    after: int | None = None,
    keep_next: bool = False,
    extra: str = "",
) -> str:
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    props += extra
    if after is not None:
        props += f'<w:spacing w:before="0" w:after="{after}"/>'
    if indent or hanging:
        props += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _runs(runs: Sequence[Run], size: float | None = None) -> str:
    return "".join(_run(text, style, size) for text, style in runs)


def _cell(content: str, width: int, *, span: int = 1, shade: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def _cell_text(
    text: str,
    width: int,
    *,
    style: str = "",
    right: bool = False,
    span: int = 1,
    shade: str | None = None,
    keep_next: bool = False,
) -> str:
    para = _para(
        _run(text, style, TABLE_PT),
        align="right" if right else None,
        after=0,
        keep_next=keep_next,
    )
    return _cell(para, width, span=span, shade=shade)


def _table(grid: Sequence[int], rows: Iterable[str], *, borders: bool = True) -> str:
    border = ""
    if borders:
        edge = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        border = "<w:tblBorders>" + "".join(
            edge.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        border += "</w:tblBorders>"
    props = (
        f'<w:tblPr><w:tblW w:w="{sum(grid)}" w:type="dxa"/>{border}'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return f"<w:tbl>{props}<w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _row(cells: str, *, header: bool = False, height: int | None = None) -> str:
    props = "<w:cantSplit/>"
    if header:
        props += "<w:tblHeader/>"
    if height:
        props += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


class _Builder:
    """Collects body XML and appends it to the document in large parsed chunks."""

    def __init__(self, doc: DocxDocument, paper: str) -> None:
        self.doc = doc
        self.parts: list[str] = []
        self.paper = official.paper_size(paper)
        self.portrait_width = _twips(
            self.paper[0] - official.MARGINS_PORTRAIT[1] - official.MARGINS_PORTRAIT[3]
        )
        self.landscape_width = _twips(
            self.paper[1] - official.MARGINS_LANDSCAPE[1] - official.MARGINS_LANDSCAPE[3]
        )

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def save(self, path: Path) -> None:
        """Write the document with the collected body spliced in as text.

        Moving tens of thousands of parsed elements into python-docx's tree costs
        minutes (lxml fixes namespaces node by node); splicing the serialised body into
        ``word/document.xml`` costs a string copy.
        """
        buffer = io.BytesIO()
        self.doc.save(buffer)
        body = "".join(self.parts).encode("utf-8")
        with (
            zipfile.ZipFile(buffer) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as target,
        ):
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    at = data.rfind(b"<w:sectPr")
                    data = data[:at] + body + data[at:]
                target.writestr(item, data)

    # --- building blocks ------------------------------------------------------------------

    def lines(self, lines: Sequence[official.Line], *, after_last: int = 120) -> None:
        for index, line in enumerate(lines):
            self.add(
                _para(
                    _run(line.text, "B" if line.bold else "", line.size, line.underline),
                    align="center",
                    after=after_last if index == len(lines) - 1 else 0,
                    keep_next=True,
                )
            )

    def rule(self, double: bool = False) -> None:
        kind = "thinThickSmallGap" if double else "single"
        size = 18 if double else 6
        border = (
            f'<w:pBdr><w:bottom w:val="{kind}" w:sz="{size}" w:space="1" w:color="000000"/>'
            "</w:pBdr>"
        )
        self.add(_para("", extra=border, after=120))

    def page_break(self) -> None:
        self.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def markdown(self, blocks: list[Block], progress: ProgressCallback) -> None:
        total = len(blocks) or 1
        for index, block in enumerate(blocks):
            self.block(block)
            if index % 500 == 0:
                progress(index, total)
        progress(total, total)

    def block(self, block: Block) -> None:
        if isinstance(block, markdown.Heading):
            level = min(3, max(1, block.level - 1))
            self.add(_para(_runs(block.runs), style=f"Heading{level}", keep_next=True))
        elif isinstance(block, markdown.Paragraph):
            if markdown.plain(block.runs).strip() == DEMO_NOTICE:
                return  # the document prints its own notice under the title
            step = 425
            if block.bullet:
                runs = _run(block.bullet + "\t") + _runs(block.runs)
                self.add(_para(runs, indent=step * block.indent, hanging=step - 85, align="both"))
            else:
                runs = _runs([(t, s + ("I" if block.quote else "")) for t, s in block.runs])
                self.add(_para(runs, indent=step * block.indent, align="both"))
        elif isinstance(block, markdown.Table):
            self.md_table(block)
        elif isinstance(block, markdown.Rule):
            self.rule()

    def md_table(self, table: MarkdownTable) -> None:
        columns = max([len(table.header)] + [len(r) for r in table.rows]) or 1
        width = self.portrait_width * 2 // 3 if columns <= 3 else self.portrait_width
        grid = [int(width * share) for share in markdown.column_shares(table, columns)]
        aligns = table.aligns + ["left"] * (columns - len(table.aligns))
        rows = []
        for cells, header in [(table.header, True)] + [(r, False) for r in table.rows]:
            xml = ""
            for index in range(columns):
                runs = cells[index] if index < len(cells) else []
                if header:
                    runs = [(t, "B") for t, _ in runs]
                para = _para(
                    _runs(runs, BODY_PT - 1),
                    align="right" if aligns[index] == "right" else None,
                    after=0,
                )
                xml += _cell(para, grid[index], shade="E7E6E6" if header else None)
            rows.append(_row(xml, header=header))
        self.add(_table(grid, rows))
        self.add(_para("", after=0))

    def paragraph(self, runs: Sequence[Run], *, align: str = "both") -> None:
        self.add(_para(_runs(runs), align=align))

    def signatures(self, record: MeetingRecord) -> None:
        """Chair, BAPPEDA and notulis in a row, the village's representative and
        "Mengetahui, Camat" below; a NIP line only for whoever has a NIP."""
        row, village, camat = record.signature_block()
        self.add(_para(_run(official.signed_at(record)), align="right", after=120, keep_next=True))
        if not record.is_final:
            self.add(_para(_run(agreement.DRAFT_SIGNATURE, "B"), align="center", keep_next=True))
        self._signature_row(row)
        below = [s for s in (village, camat) if s is not None]
        if below:
            self._signature_row(below)

    def _signature_row(self, signers: Sequence[Signatory]) -> None:
        count = len(signers)
        grid = [self.portrait_width // count] * count
        lines = [
            ([s.role for s in signers], "B", False, None),
            ([s.jabatan for s in signers], "", False, None),
            (["" for _ in signers], "", False, _twips(20)),
            ([s.name or "(" + "." * 30 + ")" for s in signers], "B", True, None),
            (
                [document_t("doc.sign.nip", nip=s.nip) if s.nip else "" for s in signers],
                "",
                False,
                None,
            ),
        ]
        rows = []
        for texts, style, underline, height in lines:
            cells = "".join(
                _cell(
                    _para(
                        _run(text, style, underline=underline) if text else "",
                        align="center",
                        after=0,
                        keep_next=True,
                    ),
                    grid[index],
                )
                for index, text in enumerate(texts)
            )
            rows.append(_row(cells, height=height))
        self.add(_table(grid, rows, borders=False))

    def attendance(self, rows: Sequence[AttendeeRow]) -> None:
        width = self.portrait_width
        grid = [int(width * share) for share in official.ATTENDANCE_WIDTHS]
        head = "".join(
            _cell_text(text, grid[i], style="B", shade="E7E6E6")
            for i, text in enumerate(official.ATTENDANCE_HEADER[:4])
        )
        head += _cell_text(
            official.ATTENDANCE_HEADER[4], grid[4] + grid[5], style="B", span=2, shade="E7E6E6"
        )
        out = [_row(head, header=True)]
        for number, row in enumerate(rows, start=1):
            cells = official.attendance_cells(number, row)
            xml = "".join(_cell_text(text, grid[i], right=(i == 0)) for i, text in enumerate(cells))
            out.append(_row(xml, height=_twips(9)))
        self.add(_table(grid, out))

    def rows_table(
        self,
        header: Sequence[str],
        widths: Sequence[float],
        right: Sequence[bool],
        recap: Sequence[official.RecapRow],
        progress: ProgressCallback = no_progress,
    ) -> None:
        """A lampiran table: headings kept with their first row, a last item with its
        subtotal, subtotals with the totals after them, the header repeated."""
        width = self.landscape_width
        grid = [int(width * share) for share in widths]
        head = "".join(
            _cell_text(text, grid[i], style="B", shade="E7E6E6", right=right[i])
            for i, text in enumerate(header)
        )
        rows = [_row(head, header=True)]
        first_span = sum(grid[:5])
        total = len(recap) or 1
        keeps = official.keep_flags(recap)
        for index, row in enumerate(recap):
            keep = keeps[index]
            if row.kind == "village":
                xml = _cell_text(
                    row.cells[0],
                    sum(grid),
                    style="B",
                    span=len(grid),
                    shade="F2F2F2",
                    keep_next=keep,
                )
            elif row.kind == "item":
                xml = "".join(
                    _cell_text(text, grid[i], right=right[i], keep_next=keep)
                    for i, text in enumerate(row.cells)
                )
            else:
                label, first, second, note = row.cells
                xml = (
                    _cell_text(label, first_span, style="B", span=5, keep_next=keep)
                    + _cell_text(first, grid[5], style="B", right=True, keep_next=keep)
                    + _cell_text(second, grid[6], style="B", right=True, keep_next=keep)
                    + _cell_text(
                        note, grid[7], style="B" if "melebihi" in note else "", keep_next=keep
                    )
                )
            rows.append(_row(xml))
            if index % 1000 == 0:
                progress(index, total)
        self.add(_table(grid, rows))
        progress(total, total)

    def label_table(self, pairs: Sequence[tuple[str, str]]) -> None:
        """ "Hari/Tanggal : Jumat, 17 Februari 2023" and the like, without borders."""
        grid = [self.portrait_width // 4, self.portrait_width * 3 // 4]
        rows = [
            _row(
                _cell(_para(_run(label), after=0), grid[0])
                + _cell(_para(_run(f": {value}"), after=0), grid[1])
            )
            for label, value in pairs
        ]
        self.add(_table(grid, rows, borders=False))
        self.add(_para("", after=0))

    def simple_table(
        self, header: Sequence[str], shares: Sequence[float], rows: Sequence[Sequence[str]]
    ) -> None:
        grid = [int(self.portrait_width * share) for share in shares]
        head = "".join(
            _cell_text(text, grid[i], style="B", shade="E7E6E6") for i, text in enumerate(header)
        )
        out = [_row(head, header=True)]
        for cells in rows:
            xml = "".join(_cell_text(text, grid[i]) for i, text in enumerate(cells))
            out.append(_row(xml, height=_twips(9)))
        self.add(_table(grid, out))

    def section_break(self) -> None:
        """End the portrait section here; what follows is the document's last section."""
        final = self.doc.element.body.sectPr
        inline = copy.deepcopy(final)
        for tag in ("w:pgSz", "w:pgMar"):
            found = inline.find(qn(tag))
            if found is not None:
                inline.remove(found)
        width, height = self.paper
        top, right, bottom, left = official.MARGINS_PORTRAIT
        size = parse_xml(f'<w:pgSz {_NS} w:w="{_twips(width)}" w:h="{_twips(height)}"/>')
        margins = parse_xml(
            f'<w:pgMar {_NS} w:top="{_twips(top)}" w:right="{_twips(right)}" '
            f'w:bottom="{_twips(bottom)}" w:left="{_twips(left)}" w:header="709" '
            f'w:footer="567" w:gutter="0"/>'
        )
        inline.append(size)
        inline.append(margins)
        _order_sectpr(inline)
        self.add(f"<w:p><w:pPr>{etree.tostring(inline, encoding='unicode')}</w:pPr></w:p>")


_SECTPR_ORDER = [
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
]


def _order_sectpr(sectpr: Any) -> None:  # an lxml element (lxml is untyped here)
    rank = {qn(tag): index for index, tag in enumerate(_SECTPR_ORDER)}
    children = sorted(sectpr, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        sectpr.remove(child)
        sectpr.append(child)


def _new_document(paper: str, *, landscape: bool) -> DocxDocument:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    _set_language(doc)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 12), (2, 12), (3, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(8)
        style.paragraph_format.space_after = Pt(4)
        heading_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            heading_fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if heading_fonts.get(qn(theme)) is not None:
                del heading_fonts.attrib[qn(theme)]
    section = doc.sections[0]
    width, height = official.paper_size(paper)
    margins = official.MARGINS_LANDSCAPE if landscape else official.MARGINS_PORTRAIT
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(height), Mm(width)
    else:
        section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.right_margin = Mm(margins[0]), Mm(margins[1])
    section.bottom_margin, section.left_margin = Mm(margins[2]), Mm(margins[3])
    _page_footer(section)
    return doc


def _set_language(doc: DocxDocument) -> None:
    """Indonesian for the spelling checker, in the document defaults every style inherits."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {_NS}/>")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "id-ID")


def _field(code: str) -> str:
    """A PAGE / NUMPAGES field in the footer's 9 pt, so "Halaman 10 dari 23" is one size."""
    rpr = '<w:rPr><w:sz w:val="18"/></w:rPr>'
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _page_of_pages() -> str:
    """ "Halaman {page} dari {pages}" with the PAGE and NUMPAGES fields where the
    catalog's text puts them."""
    text = document_t("doc.footer.page", page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    return "".join(
        _field(part) if part in ("PAGE", "NUMPAGES") else _run(part, size=9)
        for part in text.split("\x00")
        if part
    )


def _page_footer(section: Section) -> None:
    footer = section.footer
    paragraph = footer.paragraphs[0]
    xml = parse_xml(
        f'<w:p {_NS}><w:pPr><w:jc w:val="center"/></w:pPr>' + _page_of_pages() + "</w:p>"
    )
    paragraph._p.addprevious(xml)
    paragraph._p.getparent().remove(paragraph._p)


def _demo_notice(builder: _Builder, record: MeetingRecord) -> None:
    if record.meeting.is_demo:
        builder.add(
            _para(
                '<w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr>'
                f'<w:t xml:space="preserve">{_x(DEMO_NOTICE)}</w:t></w:r>',
                align="center",
                after=160,
            )
        )


def build_berita_acara(
    record: MeetingRecord, *, paper: str = "a4", progress: ProgressCallback = no_progress
) -> _Builder:
    """The Berita Acara: body and clauses, signatures, and each lampiran headed and
    signed; the same content and order as the PDF."""
    doc = _new_document(paper, landscape=True)
    _properties(
        doc, record, document_t("doc.lampiran.of_record", name=record.name, year=record.year)
    )
    _draft_header(doc, record)
    add_logo(doc, record)
    builder = _Builder(doc, paper)
    builder.lines(official.letterhead(record), after_last=0)
    builder.rule(double=True)
    builder.lines(official.title(record), after_last=200)
    _demo_notice(builder, record)
    progress(1, 10)
    blocks = agreement.body_blocks(record)
    for block in blocks[:-1]:
        builder.block(block)
    last = blocks[-1]
    assert isinstance(last, markdown.Paragraph)
    builder.add(_para(_runs(last.runs), align="both", keep_next=True))
    builder.signatures(record)
    builder.page_break()
    builder.lines(agreement.lampiran_heading("I", record), after_last=160)
    _demo_notice(builder, record)
    builder.attendance(record.present_attendees())
    builder.signatures(record)
    progress(5, 10)
    builder.section_break()
    builder.lines(agreement.lampiran_heading("II", record), after_last=160)
    _demo_notice(builder, record)
    builder.rows_table(
        agreement.AGREED_HEADER,
        agreement.AGREED_WIDTHS,
        agreement.AGREED_RIGHT,
        agreement.agreed_rows(record),
        lambda d, t: progress(5 + 2 * d // max(t, 1), 10),
    )
    builder.signatures(record)
    builder.page_break()
    builder.lines(agreement.lampiran_heading("III", record), after_last=160)
    _demo_notice(builder, record)
    builder.rows_table(
        agreement.REFUSED_HEADER,
        agreement.REFUSED_WIDTHS,
        agreement.REFUSED_RIGHT,
        agreement.refused_rows(record),
    )
    builder.signatures(record)
    progress(8, 10)
    if agreement.has_delegates(record):
        builder.page_break()
        builder.lines(agreement.lampiran_heading("IV", record), after_last=160)
        _demo_notice(builder, record)
        builder.simple_table(
            agreement.DELEGATE_HEADER,
            (0.06, 0.3, 0.24, 0.24, 0.16),
            agreement.delegate_cells(record),
        )
        builder.signatures(record)
    return builder


def _properties(doc: DocxDocument, record: MeetingRecord, title: str) -> None:
    """Title, author and language in the file, not python-docx's defaults."""
    props = doc.core_properties
    props.title = title
    props.author = (
        document_t("doc.properties.author", kecamatan=record.kecamatan)
        if record.kecamatan
        else "Lasem desk"
    )
    props.subject = record.name
    props.language = "id-ID"
    props.keywords = document_t("doc.properties.keywords")
    props.comments = document_t("doc.properties.comments")
    props.last_modified_by = props.author


def add_logo(doc: DocxDocument, record: MeetingRecord) -> None:
    """The logo chosen in setup, centred above the letterhead; a file that is gone or
    not an image leaves the letterhead without it rather than failing the export."""
    path = record.meeting.logo_path
    if not path:
        return
    from docx.image.image import Image

    try:
        Image.from_file(path)
    except Exception:  # an unreadable image: the document goes out without the logo
        return
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(path, height=Mm(20))


def _draft_header(doc: DocxDocument, record: MeetingRecord) -> None:
    """ "DRAF" at the top of every page until the minutes are finalised."""
    if record.is_final:
        return
    for section in doc.sections:
        paragraph = section.header.paragraphs[0]
        xml = parse_xml(
            f'<w:p {_NS}><w:pPr><w:jc w:val="right"/></w:pPr>'
            '<w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:sz w:val="28"/></w:rPr>'
            f"<w:t>{agreement.DRAFT}</w:t></w:r></w:p>"
        )
        paragraph._p.addprevious(xml)
        paragraph._p.getparent().remove(paragraph._p)


def build_attendance(record: MeetingRecord, *, paper: str = "a4") -> _Builder:
    """The daftar hadir alone, every row of the list, for signing."""
    doc = _new_document(paper, landscape=False)
    _attendance_setup(doc, record)
    builder = _Builder(doc, paper)
    builder.lines(official.letterhead(record), after_last=0)
    builder.rule(double=True)
    builder.lines(official.attendance_title(record), after_last=200)
    _demo_notice(builder, record)
    builder.attendance(record.attendees)
    return builder


def _attendance_setup(doc: DocxDocument, record: MeetingRecord) -> None:
    _properties(
        doc, record, document_t("doc.attendance.file_title", name=record.name, year=record.year)
    )
    _draft_header(doc, record)


def write_docx(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    build_berita_acara(record, paper=paper, progress=progress).save(path)
    progress(10, 10)


def write_attendance_docx(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    build_attendance(record, paper=paper).save(path)
    progress(1, 1)
