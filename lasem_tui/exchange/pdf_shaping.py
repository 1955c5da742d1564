"""Text that must be shaped or read from the right: pegon, aksara Jawa, and the like.

The PDF writer (``pdf_export``) draws Latin text glyph by glyph from the font's widths:
fast, and all Latin needs. Arabic letters join and change form with their neighbours,
aksara Jawa stacks its pasangan and places its sandhangan, and a right-to-left word is
read from the right: drawn glyph by glyph, pegon comes out as unjoined letters in the
wrong order. That takes HarfBuzz, which fpdf2 has built in (``FPDF.set_text_shaping``,
through the ``uharfbuzz`` package), but only inside ``cell``/``write``, at a cost that
the 18,000 Latin proposals of a regency must not pay.

So only the runs that need it go through here: fpdf2's own shaper
(``TTFFont.shape_text``, which also puts the joined forms and conjuncts into the
embedded font subset) gives the glyphs and their positions, drawn here as fpdf2's
``Fragment.render_with_text_shaping`` does; a line with right-to-left text is put in
visual order with fpdf2's Unicode bidi algorithm (``fpdf.bidi``), the paragraph being
Indonesian (left to right) with pegon phrases in it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Protocol

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from fpdf.errors import FPDFException
from fpdf.fonts import TTFFont

#: ``(x offset, text, style)`` as ``pdf_export`` lays a line out, in reading order.
Piece = tuple[float, str, str]
#: ``(x offset, text, style, right to left)`` in the order drawn from the left.
Visual = tuple[float, str, str, bool]

_PLAIN, _SHAPED, _RTL = 0, 1, 2


class Layout(Protocol):
    """What of ``pdf_export._Layout`` this module uses."""

    @property
    def pdf(self) -> FPDF: ...

    def _set(self, style: str, size: float) -> None: ...

    def measure(self, text: str, style: str, size: float) -> float: ...

    def emit(self, x: float, y: float, text: str) -> None: ...


@functools.lru_cache(maxsize=8192)
def _kind(char: str) -> int:
    """Right-to-left letters; marks that combine (Javanese sandhangan, Arabic harakat,
    any virama) and the joiners; the joining scripts written left to right."""
    if unicodedata.bidirectional(char) in ("R", "AL"):
        return _RTL
    if unicodedata.category(char) in ("Mn", "Mc", "Me"):
        return _SHAPED
    code = ord(char)
    if code in (0x200C, 0x200D) or 0x1800 <= code <= 0x18AF or 0xA840 <= code <= 0xA87F:
        return _SHAPED  # ZWNJ / ZWJ, Mongolian, Phags-pa
    return _PLAIN


def joins_previous(char: str) -> bool:
    """A combining mark or a joiner: drawn in the font of the letter before it (the
    main font has ZWJ and ZWNJ, which would otherwise cut a pegon word in two)."""
    return char in "\u200c\u200d" or unicodedata.category(char) in ("Mn", "Me")


#: Every character whose ``_kind`` may not be plain lies in these blocks: Latin with its
#: accents, "—" and the no-break space of "Rp 1.500" (in nearly every text of a
#: document) are not, so one regular expression search clears them.
_CANDIDATES = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0590-\u1fff\u200c-\u200f\u20d0-\u20ff"
    "\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099\u309a\ua000-\uabff"
    "\ufb1d-\ufdff\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufeff\U00010000-\U0010ffff]"
)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` comes out wrong drawn glyph by glyph (ASCII never does)."""
    if text.isascii() or _CANDIDATES.search(text) is None:
        return False
    return any(_kind(found[0]) for found in _CANDIDATES.finditer(text))


def has_rtl(text: str) -> bool:
    if text.isascii() or _CANDIDATES.search(text) is None:
        return False
    return any(_kind(found[0]) == _RTL for found in _CANDIDATES.finditer(text))


def is_complex(pieces: Sequence[Piece]) -> bool:
    """Whether a laid-out line must be drawn here rather than glyph by glyph."""
    # A plain loop: called for every line of 18,000 proposals, where a generator for
    # any() would cost more than the check itself.
    for _, text, _ in pieces:  # noqa: SIM110
        if not text.isascii() and needs_shaping(text):
            return True
    return False


class ComplexText:
    """Shaping and bidi for one document: set up on the first run that needs it, so a
    Latin document never makes a HarfBuzz font (fpdf2 makes one per font, lazily)."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._params: dict[str, dict[str, Any]] | None = None

    def _shaping(self, direction: str) -> dict[str, Any] | None:
        """fpdf2's shaping parameters for ``ltr``, ``rtl`` or ``auto`` (HarfBuzz guesses
        from the script); None without uharfbuzz, where text is drawn unshaped."""
        if self._params is None:
            pdf = self._layout.pdf
            self._params = {}
            try:
                for name in ("ltr", "rtl"):
                    pdf.set_text_shaping(True, direction=name)
                    assert pdf.text_shaping is not None, "set_text_shaping(True) sets it"
                    params = dict(pdf.text_shaping)
                    params["fragment_direction"] = TextDirection.coerce(name)
                    self._params[name] = params
                self._params["auto"] = dict(params, direction=None, fragment_direction=None)
            except FPDFException:  # uharfbuzz is not installed
                self._params = {}
            finally:
                # On only for the runs drawn here: cell() (header, footer) stays as it was.
                pdf.set_text_shaping(False)
        return self._params.get(direction)

    def width(self, font: TTFFont, text: str) -> float:
        """Shaped width in ems, as ``pdf_export.measure`` sums the font's ``cw`` table
        for Latin (it multiplies by the size, and caches)."""
        params = self._shaping("auto")
        if params is None:
            return sum(font.cw[ord(char)] for char in text) / 1000
        return font.get_text_width(text, 1.0, params)[1]

    def visual(self, pieces: Sequence[Piece], size: float) -> list[Visual]:
        """The line's pieces in the order drawn from the left, each run of one direction
        on its own (UAX #9, rules L1-L2, on a left-to-right paragraph); a space between
        two pegon words moves with them."""
        if not any(has_rtl(text) for _, text, _ in pieces):
            return [(offset, text, style, False) for offset, text, style in pieces]
        measure = self._layout.measure
        chars: list[str] = []
        owner: list[int] = []
        gaps: dict[int, float] = {}
        start = pieces[0][0]
        end = start
        for index, (offset, text, style) in enumerate(pieces):
            if index and offset - end > 0.01:
                # The space between two pieces, as a character the algorithm can place.
                gaps[-1 - index] = offset - end
                chars.append(" ")
                owner.append(-1 - index)
            chars.extend(text)
            owner.extend([index] * len(text))
            end = offset + measure(text, style, size)
        paragraph = BidiParagraph(
            "".join(chars), base_direction=TextDirection.LTR, preserve_bn_chars=True
        )
        runs: list[tuple[int, int, list[int]]] = []
        for char in paragraph.get_reordered_characters():
            who, level = owner[char.character_index], char.embedding_level
            if runs and runs[-1][0] == who and runs[-1][1] == level:
                runs[-1][2].append(char.character_index)
            else:
                runs.append((who, level, [char.character_index]))
        out: list[Visual] = []
        x = start
        for who, level, indices in runs:
            if who < 0:
                x += gaps[who]
                continue
            text = "".join(chars[i] for i in sorted(indices))
            style = pieces[who][2]
            out.append((x, text, style, level % 2 == 1))
            x += measure(text, style, size)
        return out

    def draw_line(self, pieces: Sequence[Piece], x: float, y: float, size: float) -> None:
        """A line with runs that need shaping or are read from the right."""
        layout = self._layout
        for offset, text, style, rtl in self.visual(pieces, size):
            layout._set(style, size)
            if rtl or needs_shaping(text):
                self._shaped(x + offset, y, text, size, rtl)
            else:
                layout.emit(x + offset, y, text)

    def _shaped(self, x: float, y: float, text: str, size: float, rtl: bool) -> None:
        """One run in the current font, each glyph where HarfBuzz puts it."""
        pdf = self._layout.pdf
        font = pdf.current_font
        params = self._shaping("rtl" if rtl else "ltr")
        if params is None or not isinstance(font, TTFFont):
            # Without the shaper: unjoined, but at least read in the right order.
            self._layout.emit(x, y, text[::-1] if rtl else text)
            return
        if not pdf.current_font_is_set_on_page:
            pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
        k, page_h = pdf.k, pdf.h
        unit = font.scale * size / 1000 / k  # font units -> mm
        ops = [f"BT {x * k:.2f} {(page_h - y) * k:.2f} Td"]
        run = ""

        def move(to_x: float, to_y: float) -> None:
            nonlocal run
            if run:
                ops.append(f"({run}) Tj")
                run = ""
            ops.append(f"1 0 0 1 {to_x * k:.2f} {(page_h - to_y) * k:.2f} Tm")

        pen_x, pen_y = x, y
        for glyph in font.shape_text(text, size, params):
            if glyph["mapped_char"] is None:  # a glyph the font lacks
                continue
            if glyph["x_offset"] or glyph["y_offset"]:
                move(pen_x + glyph["x_offset"] * unit, pen_y - glyph["y_offset"] * unit)
            run += font.escape_text(chr(glyph["mapped_char"]))
            pen_x += glyph["x_advance"] * unit
            pen_y += glyph["y_advance"] * unit
            if glyph["force_positioning"]:
                move(pen_x, pen_y)
        if run:
            ops.append(f"({run}) Tj")
        ops.append("ET")
        op = " ".join(ops)
        if pdf.fill_color != pdf.text_color and pdf.text_color is not None:
            op = f"q {pdf.text_color.serialize().lower()} {op} Q"
        pdf._out(op)
