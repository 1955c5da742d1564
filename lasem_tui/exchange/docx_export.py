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
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from lasem_tui.exchange import markdown, official
from lasem_tui.exchange.markdown import Run
from lasem_tui.exchange.minutes import document_blocks
from lasem_tui.exchange.record import DEMO_NOTICE, MeetingRecord, ProgressCallback, no_progress

FONT = "Times New Roman"
BODY_PT = 12
TABLE_PT = 9

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NS = nsdecls("w")


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _x(text: str) -> str:
    return xml_escape(_INVALID_XML.sub("", text))


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
) -> str:
    para = _para(_run(text, style, TABLE_PT), align="right" if right else None, after=0)
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

    def markdown(self, blocks: list[markdown.Block], progress: ProgressCallback) -> None:
        total = len(blocks) or 1
        for index, block in enumerate(blocks):
            self.block(block)
            if index % 500 == 0:
                progress(index, total)
        progress(total, total)

    def block(self, block: markdown.Block) -> None:
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

    def md_table(self, table: markdown.Table) -> None:
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
        """Three columns in rows that line up: role, jabatan, room to sign, name, NIP."""
        columns = official.signature_columns(record)
        grid = [self.portrait_width // 3] * 3
        self.add(_para(_run(official.signed_at(record)), align="right", after=120, keep_next=True))
        lines = [
            ([c.role for c in columns], "B", False, None),
            ([c.jabatan for c in columns], "", False, None),
            (["", "", ""], "", False, _twips(22)),
            ([c.name for c in columns], "B", True, None),
            ([c.nip for c in columns], "", False, None),
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

    def attendance(self, rows) -> None:  # type: ignore[no-untyped-def]
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

    def recap(self, record: MeetingRecord, progress: ProgressCallback) -> None:
        width = self.landscape_width
        grid = [int(width * share) for share in official.RECAP_WIDTHS]
        head = "".join(
            _cell_text(text, grid[i], style="B", shade="E7E6E6", right=official.RECAP_RIGHT[i])
            for i, text in enumerate(official.RECAP_HEADER)
        )
        rows = [_row(head, header=True)]
        first_span = sum(grid[:5])
        recap = official.recap_rows(record)
        total = len(recap) or 1
        for index, row in enumerate(recap):
            if row.kind == "village":
                xml = _cell_text(row.cells[0], sum(grid), style="B", span=8, shade="F2F2F2")
            elif row.kind == "item":
                xml = "".join(
                    _cell_text(text, grid[i], right=official.RECAP_RIGHT[i])
                    for i, text in enumerate(row.cells)
                )
            else:
                label, requested, approved, note = row.cells
                xml = (
                    _cell_text(label, first_span, style="B", span=5)
                    + _cell_text(requested, grid[5], style="B", right=True)
                    + _cell_text(approved, grid[6], style="B", right=True)
                    + _cell_text(note, grid[7], style="B" if "melebihi" in note else "")
                )
            rows.append(_row(xml))
            if index % 1000 == 0:
                progress(index, total)
        self.add(_table(grid, rows))
        progress(total, total)

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


def _order_sectpr(sectpr) -> None:  # type: ignore[no-untyped-def]
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
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
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


def _field(code: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _page_footer(section) -> None:  # type: ignore[no-untyped-def]
    footer = section.footer
    paragraph = footer.paragraphs[0]
    xml = parse_xml(
        f'<w:p {_NS}><w:pPr><w:jc w:val="center"/></w:pPr>'
        + _run("Halaman ", size=9)
        + _field("PAGE")
        + _run(" dari ", size=9)
        + _field("NUMPAGES")
        + "</w:p>"
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
    """The whole official document, ready to ``save``."""
    doc = _new_document(paper, landscape=True)
    builder = _Builder(doc, paper)
    builder.lines(official.letterhead(record), after_last=0)
    builder.rule(double=True)
    builder.lines(official.title(record), after_last=200)
    _demo_notice(builder, record)
    progress(1, 10)
    builder.markdown(document_blocks(record), lambda d, t: progress(1 + 4 * d // max(t, 1), 10))
    builder.add(_para(_run("Kesimpulan", "B"), style="Heading1", keep_next=True))
    paragraphs = official.conclusion(record)
    for runs in paragraphs[:-1]:
        builder.paragraph(runs)
    builder.add(_para(_runs(paragraphs[-1]), align="both", keep_next=True))
    builder.signatures(record)
    builder.page_break()
    builder.lines(official.lampiran_heading("I", "DAFTAR HADIR", record), after_last=160)
    builder.attendance(record.present_attendees())
    progress(6, 10)
    builder.section_break()
    builder.lines(
        official.lampiran_heading("II", "REKAPITULASI USULAN PER DESA", record), after_last=160
    )
    _demo_notice(builder, record)
    builder.recap(record, lambda d, t: progress(6 + 3 * d // max(t, 1), 10))
    return builder


def build_attendance(record: MeetingRecord, *, paper: str = "a4") -> _Builder:
    """The daftar hadir alone, every row of the list, for signing."""
    doc = _new_document(paper, landscape=False)
    builder = _Builder(doc, paper)
    builder.lines(official.letterhead(record), after_last=0)
    builder.rule(double=True)
    builder.lines(official.attendance_title(record), after_last=200)
    _demo_notice(builder, record)
    builder.attendance(record.attendees)
    return builder


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
