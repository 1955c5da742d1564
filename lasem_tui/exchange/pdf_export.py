"""The Berita Acara (and the daftar hadir alone) as PDF, with fpdf2.

The text is set in Liberation Serif (metric-compatible with Times New Roman, SIL Open
Font License), which ships inside the package in ``lasem_tui/fonts`` and is embedded
(subset) in every PDF, so ’, é and the rest print the same on any machine. What it
lacks (aksara Jawa, pegon, Hanzi ...) comes from the fonts ``pdf_fonts`` finds, and a
run that must be shaped or read from the right is drawn by ``pdf_shaping``. A character
no font has prints as □ rather than vanishing, and the export names it.

fpdf2's own ``write``/``multi_cell`` cost about 0.2 ms a call, far too slow for a regency's
18,000 proposals, so this module wraps lines itself from the font's glyph widths and
places them with ``FPDF.text``: a 1,000-page recap stays within a couple of seconds.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import CoreFont, TTFFont

from lasem_tui.exchange import agreement, markdown, official, pdf_fonts, pdf_shaping
from lasem_tui.exchange.markdown import Run
from lasem_tui.exchange.record import (
    DEMO_NOTICE,
    MeetingRecord,
    ProgressCallback,
    Signatory,
    no_progress,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.attendance import AttendeeRow

#: ``(x offset, text, style)``: a piece of one printed line.
Piece = tuple[float, str, str]
#: ``(left, right, lines, align)``: one table cell laid out.
LaidCell = tuple[float, float, list[list[Piece]], str]
LaidRow = tuple[list[LaidCell], float]

FAMILY = "LiberationSerif"
_FONT_FILES = {
    "": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}
MISSING = "\u25a1"  # □
_TOKENS = re.compile(r"\n| +|[^ \n]+")
BODY_PT = 11.5
TABLE_PT = 8.5
PT_MM = 25.4 / 72


def font_path(style: str = "") -> Path:
    return Path(str(files("lasem_tui") / "fonts" / _FONT_FILES[style]))


class _Pdf(FPDF):
    #: "DRAF" at the top of every page until the minutes are finalised.
    draft = False

    def header(self) -> None:
        if not self.draft:
            return
        self.set_font(FAMILY, "B", 14)
        self.set_text_color(192, 0, 0)
        self.set_xy(self.w - 40, 7)
        self.cell(30, 6, agreement.DRAFT, align="R")
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 9)
        self.cell(
            0, 5, document_t("doc.footer.page", page=self.page_no(), pages="{paginas}"), align="C"
        )


class _Layout:
    """Pages, fonts and a cursor; text is wrapped here and drawn with ``FPDF.text``."""

    def __init__(self, paper: str, *, draft: bool = False) -> None:
        width, height = official.paper_size(paper)
        self.pdf = _Pdf(unit="mm", format=(width, height))
        self.pdf.draft = draft
        # Room for a four-digit page count in "Halaman x dari y".
        self.pdf.alias_nb_pages("{paginas}")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creator("Lasem desk")
        for style, _ in _FONT_FILES.items():
            self.pdf.add_font(FAMILY, style, str(font_path(style)))
        self._widths: dict[str, dict[str, float]] = {}
        self._words: dict[str, dict[str, float]] = {style: {} for style in _FONT_FILES}
        self._encoded: dict[tuple[str, str], str] = {}
        self._cw: dict[str, dict[int, float]] = {}
        self._cmap: set[int] = set()
        for style in _FONT_FILES:
            self.pdf.set_font(FAMILY, style, BODY_PT)
            font = self.pdf.current_font
            assert isinstance(font, TTFFont), "add_font() above loaded TrueType files"
            self._cw[style] = font.cw
            self._widths[style] = {}
            if not style:
                self._cmap = set(font.cmap)
                # The same as characters, so that a whole string is checked at C speed.
                chars = {chr(code) for code in font.cmap}
                self._printable = frozenset(chars | {"\n", "\t"})
                self._main = frozenset(chars | {" ", "\n"})
        self._font: tuple[str, float] | None = None
        self._fallbacks: list[tuple[str, set[int]]] = []
        self._fallback_paths: set[pdf_fonts.FontFace] = set()
        self._fallback_of: dict[int, str | None] = {}
        #: Per font: each character's code in the font's subset (see ``_encode``).
        self._subset_codes: dict[str, tuple[set[str], dict[int, str | None]]] = {}
        #: A table cell's wrapped lines by (text, style, width, size): cells repeat.
        self._cell_lines: dict[tuple[str, str, float, float], list[list[Piece]]] = {}
        #: The text colour last written, and its operator (see ``emit``).
        self._colour: object = None
        self._colour_op = ""
        #: Operators held back while a table row is drawn, written as one (``_put``).
        self._held: list[str] | None = None
        self._fallbacks_loaded = False
        self._complex = pdf_shaping.ComplexText(self)
        self.y = 0.0
        self.landscape = False

    # --- fonts for other scripts ------------------------------------------------------------

    def _add_fallback(self, path: str, index: int = 0) -> None:
        if (path, index) in self._fallback_paths or not Path(path).is_file():
            return
        self._fallback_paths.add((path, index))
        key = f"F{len(self._fallbacks)}"
        try:
            self.pdf.add_font(f"Fallback{key}", "", path, collection_font_number=index)
            self.pdf.set_font(f"Fallback{key}", "", BODY_PT)
        except Exception:  # a font fontconfig offers that fpdf cannot read: skip it
            return
        font = self.pdf.current_font
        assert isinstance(font, TTFFont), "add_font() above loaded a TrueType file"
        self._font = None
        self._cw[key] = font.cw
        self._widths[key] = {}
        self._words[key] = {}
        self._fallbacks.append((key, set(font.cmap)))

    def fallback(self, char: str) -> str | None:
        """The style key (``F0``, ``F1`` ...) of a font that prints ``char``, or None."""
        code = ord(char)
        if code in self._fallback_of:
            return self._fallback_of[code]
        if not self._fallbacks_loaded:
            self._fallbacks_loaded = True
            for name in pdf_fonts.FALLBACK_FILES:
                self._add_fallback(pdf_fonts.bundled(name))
        found = next((key for key, cmap in self._fallbacks if code in cmap), None)
        if found is None and unicodedata.category(char)[0] in "LMNPS":
            for face in pdf_fonts.faces_for(char):
                self._add_fallback(*face)
                found = next((key for key, cmap in self._fallbacks if code in cmap), None)
                if found is not None:
                    break
        self._fallback_of[code] = found
        return found

    def _scripts(self, text: str, style: str) -> list[tuple[str, str]]:
        """``text`` cut where it changes between the main font and a fallback."""
        if text.isascii() or self._main.issuperset(text):
            return [(text, style)]
        cmap = self._cmap
        out: list[tuple[str, str]] = []
        for char in text:
            main = ord(char) in cmap or char in " \n"
            if out and out[-1][1] != style and pdf_shaping.joins_previous(char):
                key = out[-1][1]  # a mark or a joiner stays with the letter it belongs to
            else:
                key = style if main else self.fallback(char) or style
            if out and out[-1][1] == key:
                out[-1] = (out[-1][0] + char, key)
            else:
                out.append((char, key))
        return out

    # --- pages ------------------------------------------------------------------------------

    def new_page(self, *, landscape: bool | None = None) -> None:
        if landscape is not None:
            self.landscape = landscape
        self.pdf.add_page(orientation="L" if self.landscape else "P")
        self._font = None
        margins = official.MARGINS_LANDSCAPE if self.landscape else official.MARGINS_PORTRAIT
        self.top, right, self.bottom_margin, self.left = margins
        self.right = self.pdf.w - right
        self.bottom = self.pdf.h - self.bottom_margin
        self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    def room(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def need(self, height: float) -> None:
        if not self.room(height):
            self.new_page()

    # --- text ---------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """NFC, and □ for what the font cannot print (ASCII always can); "Rp" keeps its
        number on its line (a no-break space, which the wrapping does not split at)."""
        if "Rp " in text:
            text = text.replace("Rp ", "Rp\u00a0")
        if text.isascii():
            return text
        text = unicodedata.normalize("NFC", text)
        if self._printable.issuperset(text):
            return text
        cmap = self._cmap
        cleaned = "".join(
            c if ord(c) in cmap or c == "\n" or self.fallback(c) else MISSING for c in text
        )
        if MISSING in cleaned:
            pdf_fonts.note_missing(
                c for c, out in zip(text, cleaned, strict=True) if out == MISSING and c != MISSING
            )
        return cleaned

    def font_of(self, style: str) -> TTFFont:
        """The loaded font of a style key ("", "B", ... or a fallback's "F0" ...)."""
        key = f"fallback{style.lower()}" if style.startswith("F") else FAMILY.lower() + style
        font = self.pdf.fonts[key]
        assert isinstance(font, TTFFont), "only TrueType files are added"
        return font

    def _set(self, style: str, size: float) -> None:
        if self._font != (style, size):
            if style.startswith("F"):
                self.pdf.set_font(f"Fallback{style}", "", size)
            else:
                self.pdf.set_font(FAMILY, style, size)
            self._font = (style, size)

    def measure(self, text: str, style: str, size: float) -> float:
        """Width in mm; whole words are cached, since titles and places repeat a lot."""
        words = self._words[style]
        width = words.get(text)
        if width is None and pdf_shaping.needs_shaping(text):
            # Joined pegon, aksara Jawa's pasangan: as wide as HarfBuzz shapes them.
            width = words[text] = self._complex.width(self.font_of(style), text)
        if width is None:
            cache = self._widths[style]
            cw = self._cw[style]
            width = 0.0
            for char in text:
                char_width = cache.get(char)
                if char_width is None:
                    char_width = cw[ord(char)] / 1000
                    cache[char] = char_width
                width += char_width
            if len(words) < 200_000:
                words[text] = width
        return width * size * PT_MM

    def box(self, x: float, y: float, w: float, h: float, fill: bool) -> None:
        """``FPDF.rect`` without its argument checks: one ``re`` operator."""
        pdf = self.pdf
        k = pdf.k
        op = "B" if fill else "S"
        self._put(f"{x * k:.2f} {(pdf.h - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re {op}")

    def _put(self, op: str) -> None:
        """``FPDF._out``, or held while a table row is drawn: one write of the row's
        operators, joined by the newline ``_out`` puts after each, is the same stream."""
        if self._held is None:
            self.pdf._out(op)
        else:
            self._held.append(op)

    def _release(self) -> None:
        held, self._held = self._held, None
        if held:
            self.pdf._out("\n".join(held))

    def emit(self, x: float, y: float, text: str) -> None:
        """What ``FPDF.text`` does for plain filled text, with the encoding cached."""
        pdf = self.pdf
        font = pdf.current_font
        assert font is not None, "set_font() runs before any text"
        if not pdf.current_font_is_set_on_page:
            self._put(pdf._set_font_for_page(font, pdf.font_size_pt))
        key = (font.fontkey, text)
        encoded = self._encoded.get(key)
        if encoded is None:
            encoded = self._encode(font, text)
            if len(self._encoded) < 200_000:
                self._encoded[key] = encoded
        k = pdf.k
        op = f"BT {x * k:.2f} {(pdf.h - y) * k:.2f} Td {encoded} ET"
        if pdf.fill_color != pdf.text_color:
            colour = pdf.text_color
            if colour is not self._colour:
                # Typed optional, though FPDF sets a text colour from its first page on.
                self._colour, self._colour_op = colour, colour.serialize().lower()  # type: ignore[union-attr]
            op = f"q {self._colour_op} {op} Q"
        self._put(op)

    def _encode(self, font: CoreFont | TTFFont, text: str) -> str:
        """``font.encode_text(text)``, with each character's code in the font's subset
        looked up once (fpdf2 looks up every character of every string again)."""
        if not isinstance(font, TTFFont) or font.is_symbol:
            return font.encode_text(text)
        known, codes = self._subset_codes.setdefault(font.fontkey, (set(), {}))
        if not known.issuperset(text):
            for char in dict.fromkeys(text):  # new characters in order, as fpdf2 picks them
                if char not in known:
                    picked = font.subset.pick(ord(char))
                    codes[ord(char)] = None if picked is None else chr(picked)
                    known.add(char)
        return f"({font.escape_text(text.translate(codes))}) Tj"

    def wrap(
        self, runs: Sequence[Run], width: float, size: float
    ) -> list[list[tuple[float, str, str]]]:
        """Lines of ``(x offset, text, style)`` pieces that fit ``width``."""
        lines: list[list[tuple[float, str, str]]] = []
        line: list[tuple[float, str, str]] = []
        piece: list[str] = []
        piece_x = 0.0
        piece_style = ""
        x = 0.0
        space_pending = False
        measure = self.measure
        pieces_of = [part for raw, style in runs for part in self._scripts(self.clean(raw), style)]
        for raw, style in pieces_of:
            for token in _TOKENS.findall(raw):
                if token == "\n":
                    if piece:
                        line.append((piece_x, " ".join(piece), piece_style))
                        piece = []
                    lines.append(line)
                    line, x, space_pending = [], 0.0, False
                    continue
                if token[0] == " ":
                    space_pending = True
                    continue
                gap = measure(" ", style, size) if space_pending and (x > 0 or piece) else 0.0
                space_pending = False
                w = measure(token, style, size)
                # A token glued to the previous one (no space: "rupiah)" + ".") stays on
                # its line even when that overflows by a hair.
                if (x > 0 or piece) and gap and x + gap + w > width:
                    if piece:
                        line.append((piece_x, " ".join(piece), piece_style))
                        piece = []
                    lines.append(line)
                    line, x, gap = [], 0.0, 0.0
                while w > width and len(token) > 1:
                    cut = len(token) - 1
                    while cut > 1 and measure(token[:cut], style, size) > width - x:
                        cut -= 1
                    if piece:
                        line.append((piece_x, " ".join(piece), piece_style))
                        piece = []
                    line.append((x + gap, token[:cut], style))
                    lines.append(line)
                    line, x, gap = [], 0.0, 0.0
                    token = token[cut:]
                    w = measure(token, style, size)
                if piece and piece_style == style:
                    if gap:
                        piece.append(token)
                    else:
                        piece[-1] += token
                else:
                    if piece:
                        line.append((piece_x, " ".join(piece), piece_style))
                    piece, piece_x, piece_style = [token], x + gap, style
                x += gap + w
        if piece:
            line.append((piece_x, " ".join(piece), piece_style))
        lines.append(line)
        return lines

    def _lines_of_cell(self, text: str, style: str, width: float, size: float) -> list[list[Piece]]:
        """``wrap`` of one table cell, cached: villages, OPDs, places and amounts repeat
        over thousands of rows. The lines are only read, never changed."""
        key = (text, style, width, size)
        lines = self._cell_lines.get(key)
        if lines is None:
            lines = self.wrap([(text, style)], width, size)
            if len(self._cell_lines) < 100_000:
                self._cell_lines[key] = lines
        return lines

    def draw_line(
        self, pieces: Sequence[tuple[float, str, str]], x: float, y: float, size: float
    ) -> None:
        if pdf_shaping.is_complex(pieces):
            self._release()  # shaped text goes straight to the page: keep the order
            self._complex.draw_line(pieces, x, y, size)
            return
        for offset, text, style in pieces:
            self._set(style, size)
            self.emit(x + offset, y, text)

    def paragraph(
        self,
        runs: Sequence[Run],
        *,
        size: float = BODY_PT,
        indent: float = 0.0,
        bullet: str = "",
        align: str = "left",
        after: float = 1.6,
        keep: int = 0,
    ) -> None:
        lead = size * PT_MM * 1.25
        x = self.left + indent
        width = self.right - x
        lines = self.wrap(runs, width, size)
        if keep and not self.room(lead * (len(lines) + keep)):
            self.new_page()
        for index, pieces in enumerate(lines):
            self.need(lead)
            baseline = self.y + lead * 0.8
            if index == 0 and bullet:
                self._set("", size)
                self.pdf.text(x - self.measure(bullet, "", size) - 1.5, baseline, bullet)
            shift = 0.0
            if align != "left" and pieces:
                last = pieces[-1]
                used = last[0] + self.measure(last[1], last[2], size)
                shift = (width - used) / (2 if align == "center" else 1)
            self.draw_line(pieces, x + shift, baseline, size)
            self.y += lead
        self.y += after

    def centered(self, lines: Sequence[official.Line], after: float = 3.0) -> None:
        for line in lines:
            style = "B" if line.bold else ""
            self.paragraph([(line.text, style)], size=line.size, align="center", after=0.4)
            if line.underline:
                text_width = self.measure(self.clean(line.text), style, line.size)
                left = self.left + (self.width - text_width) / 2
                self.pdf.set_line_width(0.3)
                self.pdf.line(left, self.y - 1.3, left + text_width, self.y - 1.3)
        self.y += after

    def rule(self, double: bool = False) -> None:
        self.pdf.set_line_width(0.8 if double else 0.2)
        self.pdf.line(self.left, self.y, self.right, self.y)
        if double:
            self.pdf.set_line_width(0.2)
            self.pdf.line(self.left, self.y + 1.0, self.right, self.y + 1.0)
        self.y += 4

    # --- tables -----------------------------------------------------------------------------

    def table(
        self,
        widths: Sequence[float],
        header: Sequence[Sequence[tuple[str, str, str, int]]],
        rows: Sequence[Sequence[tuple[str, str, str, int]]],
        *,
        size: float = TABLE_PT,
        min_height: float = 0.0,
        fills: Sequence[bool] | None = None,
        keeps: Sequence[bool] | None = None,
        progress: ProgressCallback = no_progress,
    ) -> None:
        """Cells are ``(text, style, align, span)``; header rows repeat on every page.
        ``keeps[i]``: row i goes on the page of row i + 1 (a heading with its first row,
        a last item with its subtotal), unless the chain is longer than a page."""
        lead = size * PT_MM * 1.22
        pad = 1.0
        pdf = self.pdf
        pdf.set_line_width(0.15)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_fill_color(230, 230, 230)
        edges = [self.left]
        for w in widths:
            edges.append(edges[-1] + w)

        def layout(row: Sequence[tuple[str, str, str, int]]) -> LaidRow:
            cells: list[LaidCell] = []
            column = 0
            height = min_height
            for text, style, align, span in row:
                x0, x1 = edges[column], edges[column + span]
                lines = self._lines_of_cell(text, style, x1 - x0 - 2 * pad, size) if text else []
                height = max(height, len(lines) * lead + 2 * pad)
                cells.append((x0, x1, lines, align))
                column += span
            return cells, max(height, lead + 2 * pad)

        def draw(cells: list[LaidCell], height: float, fill: bool) -> None:
            top = self.y
            self._held = []
            for x0, x1, lines, align in cells:
                self.box(x0, top, x1 - x0, height, fill)
                baseline = top + pad + lead * 0.8
                for pieces in lines:
                    shift = 0.0
                    if align == "right" and pieces:
                        last = pieces[-1]
                        used = last[0] + self.measure(last[1], last[2], size)
                        shift = (x1 - x0 - 2 * pad) - used
                    self.draw_line(pieces, x0 + pad + shift, baseline, size)
                    baseline += lead
            self._release()
            self.y += height

        heads = [layout(row) for row in header]
        head_height = sum(h for _, h in heads)

        def draw_header() -> None:
            for cells, height in heads:
                draw(cells, height, True)

        self.need(head_height + lead * 2)
        draw_header()
        total = len(rows) or 1
        laid: dict[int, LaidRow] = {}

        def laid_out(index: int) -> LaidRow:
            found = laid.pop(index, None)
            return found if found is not None else layout(rows[index])

        page_room = self.bottom - self.top - head_height
        for index in range(len(rows)):
            cells, height = laid_out(index)
            chain = height
            end = index
            while keeps and end < len(rows) - 1 and keeps[end] and chain <= page_room:
                end += 1
                if end not in laid:
                    laid[end] = layout(rows[end])
                chain += laid[end][1]
            if (not self.room(chain) and chain <= page_room) or not self.room(height):
                self.new_page()
                draw_header()
            draw(cells, height, bool(fills and fills[index]))
            if index % 1000 == 0:
                progress(index, total)
        progress(total, total)
        self.y += 3


def _demo_notice(layout: _Layout, record: MeetingRecord) -> None:
    if record.meeting.is_demo:
        layout.pdf.set_text_color(192, 0, 0)
        layout.paragraph([(DEMO_NOTICE, "B")], align="center", after=3)
        layout.pdf.set_text_color(0, 0, 0)


def _markdown(layout: _Layout, blocks: list[markdown.Block], progress: ProgressCallback) -> None:
    total = len(blocks) or 1
    for index, block in enumerate(blocks):
        if isinstance(block, markdown.Heading):
            size = {1: 12.5, 2: 12.5, 3: 11.5}.get(block.level, BODY_PT)
            layout.y += 1.5
            layout.paragraph(
                [(t, "B" + ("I" if "I" in s else "")) for t, s in block.runs],
                size=size,
                after=1.0,
                keep=2,
            )
        elif isinstance(block, markdown.Paragraph):
            if markdown.plain(block.runs).strip() == DEMO_NOTICE:
                continue
            runs = block.runs
            if block.quote:
                runs = [(t, s if "I" in s else s + "I") for t, s in runs]
            layout.paragraph(runs, indent=7.5 * block.indent, bullet=block.bullet)
        elif isinstance(block, markdown.Table):
            _md_table(layout, block)
        elif isinstance(block, markdown.Rule):
            layout.rule()
        if index % 500 == 0:
            progress(index, total)
    progress(total, total)


def _md_table(layout: _Layout, table: markdown.Table) -> None:
    columns = max([len(table.header)] + [len(r) for r in table.rows]) or 1
    width = layout.width * (2 / 3 if columns <= 3 else 1)
    widths = [width * share for share in markdown.column_shares(table, columns)]
    aligns = table.aligns + ["left"] * (columns - len(table.aligns))

    def cells(row: Sequence[Sequence[Run]], header: bool) -> list[tuple[str, str, str, int]]:
        out = []
        for index in range(columns):
            runs = row[index] if index < len(row) else []
            text = markdown.plain(runs)
            bold = header or any("B" in s for _, s in runs)
            out.append((text, "B" if bold else "", aligns[index], 1))
        return out

    layout.table(
        widths,
        [cells(table.header, True)],
        [cells(r, False) for r in table.rows],
        size=BODY_PT - 1.5,
    )


def _signatures(layout: _Layout, record: MeetingRecord) -> None:
    """Chair, BAPPEDA and notulis in a row; the village's representative and
    "Mengetahui, Camat" below; a NIP line only for whoever has one. The block and the
    date above it stay on one page."""
    row, village, camat = record.signature_block()
    below = [s for s in (village, camat) if s is not None]
    lead = BODY_PT * PT_MM * 1.25
    layout.need(lead * (10 + (9 if below else 0)))
    layout.paragraph([(official.signed_at(record), "")], align="right", after=2)
    if not record.is_final:
        layout.pdf.set_text_color(192, 0, 0)
        layout.paragraph([(agreement.DRAFT_SIGNATURE, "B")], align="center", after=2)
        layout.pdf.set_text_color(0, 0, 0)
    _signature_row(layout, row)
    if below:
        _signature_row(layout, below)


def _signature_row(layout: _Layout, signers: Sequence[Signatory]) -> None:
    size = BODY_PT
    lead = size * PT_MM * 1.25
    share = layout.width / len(signers)
    inner = share - 4
    rows: list[tuple[list[str], str, bool]] = [
        ([s.role for s in signers], "B", False),
        ([s.jabatan for s in signers], "", False),
        (["" for _ in signers], "", False),
        ([s.name or "(" + "." * 30 + ")" for s in signers], "B", True),
        ([document_t("doc.sign.nip", nip=s.nip) if s.nip else "" for s in signers], "", False),
    ]
    for texts, style, underline in rows:
        wrapped = [layout.wrap([(text, style)], inner, size) if text else [] for text in texts]
        if not any(texts):
            height = lead * 3 if style == "" and not underline and texts is rows[2][0] else 0.0
        else:
            height = max(len(lines) for lines in wrapped) * lead
        for index, lines in enumerate(wrapped):
            y = layout.y
            for pieces in lines:
                used = (
                    pieces[-1][0] + layout.measure(pieces[-1][1], pieces[-1][2], size)
                    if pieces
                    else 0
                )
                x = layout.left + share * index + (share - used) / 2
                layout.draw_line(pieces, x, y + lead * 0.8, size)
                if underline and used:
                    layout.pdf.set_line_width(0.2)
                    layout.pdf.line(x, y + lead * 0.95, x + used, y + lead * 0.95)
                y += lead
        layout.y += height
    layout.y += 4


def _attendance(layout: _Layout, rows: Sequence[AttendeeRow]) -> None:
    widths = [layout.width * share for share in official.ATTENDANCE_WIDTHS]
    head = [(text, "B", "left", 1) for text in official.ATTENDANCE_HEADER[:4]]
    head.append((official.ATTENDANCE_HEADER[4], "B", "left", 2))
    body = []
    for number, row in enumerate(rows, start=1):
        cells = official.attendance_cells(number, row)
        body.append([(text, "", "right" if i == 0 else "left", 1) for i, text in enumerate(cells)])
    layout.table(widths, [head], body, size=9.5, min_height=9.0)


def _rows_table(
    layout: _Layout,
    header: Sequence[str],
    shares: Sequence[float],
    right: Sequence[bool],
    recap: Sequence[official.RecapRow],
    progress: ProgressCallback = no_progress,
) -> None:
    widths = [layout.width * share for share in shares]
    head = [(text, "B", "right" if right[i] else "left", 1) for i, text in enumerate(header)]
    body = []
    fills = []
    for row in recap:
        if row.kind == "village":
            body.append([(row.cells[0], "B", "left", len(widths))])
            fills.append(True)
        elif row.kind == "item":
            body.append(
                [(text, "", "right" if right[i] else "left", 1) for i, text in enumerate(row.cells)]
            )
            fills.append(False)
        else:
            label, first, second, note = row.cells
            body.append(
                [
                    (label, "B", "left", 5),
                    (first, "B", "right", 1),
                    (second, "B", "right", 1),
                    (note, "B" if "melebihi" in note else "", "left", 1),
                ]
            )
            fills.append(False)
    layout.table(
        widths,
        [head],
        body,
        fills=fills,
        keeps=official.keep_flags(list(recap)),
        progress=progress,
    )


def _label_table(layout: _Layout, pairs: Iterable[tuple[str, str]]) -> None:
    """ "Hari/Tanggal : ..." lines with the colons aligned."""
    for label, value in pairs:
        lead = BODY_PT * PT_MM * 1.25
        lines = layout.wrap([(f": {value}", "")], layout.width * 0.75, BODY_PT)
        layout.need(lead * len(lines))
        layout.draw_line(
            layout.wrap([(label, "")], layout.width * 0.25, BODY_PT)[0],
            layout.left,
            layout.y + lead * 0.8,
            BODY_PT,
        )
        for pieces in lines:
            layout.draw_line(
                pieces, layout.left + layout.width * 0.25, layout.y + lead * 0.8, BODY_PT
            )
            layout.y += lead
    layout.y += 3


def _simple_table(
    layout: _Layout,
    header: Sequence[str],
    shares: Sequence[float],
    rows: Sequence[Sequence[str]],
) -> None:
    widths = [layout.width * share for share in shares]
    head = [(text, "B", "left", 1) for text in header]
    body = [[(text, "", "left", 1) for text in cells] for cells in rows]
    layout.table(widths, [head], body, size=9.5, min_height=9.0)


def _head(layout: _Layout, record: MeetingRecord, title: Sequence[official.Line]) -> None:
    path = record.meeting.logo_path
    if path:
        # An unreadable image: the letterhead goes out without it.
        with contextlib.suppress(Exception):
            layout.pdf.image(path, x=layout.left, y=layout.y, h=20)
    layout.centered(official.letterhead(record), after=0.5)
    layout.rule(double=True)
    layout.centered(title, after=3)
    _demo_notice(layout, record)


def build_berita_acara(
    record: MeetingRecord, *, paper: str = "a4", progress: ProgressCallback = no_progress
) -> FPDF:
    """The Berita Acara: body and clauses, signatures, and each lampiran headed and
    signed; the same content and order as the DOCX."""
    layout = _Layout(paper, draft=not record.is_final)
    _properties(
        layout, record, document_t("doc.lampiran.of_record", name=record.name, year=record.year)
    )
    layout.new_page(landscape=False)
    _head(layout, record, official.title(record))
    progress(1, 10)
    blocks = agreement.body_blocks(record)
    _markdown(layout, blocks[:-1], no_progress)
    # The closing sentence stays on the page of the signatures.
    layout.need(BODY_PT * PT_MM * 1.25 * 14)
    _markdown(layout, blocks[-1:], no_progress)
    _signatures(layout, record)
    layout.new_page()
    layout.centered(agreement.lampiran_heading("I", record), after=3)
    _demo_notice(layout, record)
    _attendance(layout, record.present_attendees())
    _signatures(layout, record)
    progress(5, 10)
    layout.new_page(landscape=True)
    layout.centered(agreement.lampiran_heading("II", record), after=3)
    _demo_notice(layout, record)
    _rows_table(
        layout,
        agreement.AGREED_HEADER,
        agreement.AGREED_WIDTHS,
        agreement.AGREED_RIGHT,
        agreement.agreed_rows(record),
        lambda d, t: progress(5 + 2 * d // max(t, 1), 10),
    )
    _signatures(layout, record)
    layout.new_page()
    layout.centered(agreement.lampiran_heading("III", record), after=3)
    _demo_notice(layout, record)
    _rows_table(
        layout,
        agreement.REFUSED_HEADER,
        agreement.REFUSED_WIDTHS,
        agreement.REFUSED_RIGHT,
        agreement.refused_rows(record),
    )
    _signatures(layout, record)
    progress(8, 10)
    if agreement.has_delegates(record):
        layout.new_page(landscape=False)
        layout.centered(agreement.lampiran_heading("IV", record), after=3)
        _demo_notice(layout, record)
        _simple_table(
            layout,
            agreement.DELEGATE_HEADER,
            (0.06, 0.3, 0.24, 0.24, 0.16),
            agreement.delegate_cells(record),
        )
        _signatures(layout, record)
    return layout.pdf


def _properties(layout: _Layout, record: MeetingRecord, title: str) -> None:
    layout.pdf.set_title(title)
    layout.pdf.set_author(
        document_t("doc.properties.author", kecamatan=record.kecamatan)
        if record.kecamatan
        else "Lasem desk"
    )
    layout.pdf.set_lang("id-ID")
    layout.pdf.set_subject(record.name)


def build_attendance(record: MeetingRecord, *, paper: str = "a4") -> FPDF:
    layout = _Layout(paper, draft=not record.is_final)
    _properties(
        layout, record, document_t("doc.attendance.file_title", name=record.name, year=record.year)
    )
    layout.new_page(landscape=False)
    _head(layout, record, official.attendance_title(record))
    _attendance(layout, record.attendees)
    return layout.pdf


def write_pdf(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    build_berita_acara(record, paper=paper, progress=progress).output(str(path))
    progress(10, 10)


def write_attendance_pdf(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    build_attendance(record, paper=paper).output(str(path))
    progress(1, 1)
