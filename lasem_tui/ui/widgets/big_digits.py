"""Textual's Digits, with a larger block font when the projector has room for it.

On a big terminal (a projector at 240x67, say) the 3-row digits are a small part of the
picture; the same figures in a 5-row block font, doubled when there is room, read from
the back of the pendopo. The font is chosen per frame from the width the widget has,
falling back to Textual's own 3x3 digits, so a figure is never cut.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import Digits

#: 3x5 pixel glyphs (narrow ones 1 pixel wide); "1" is a lit pixel.
GLYPHS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    "-": ("000", "000", "111", "000", "000"),
    ".": ("0", "0", "0", "0", "1"),
    ",": ("0", "0", "0", "1", "1"),
    ":": ("0", "1", "0", "1", "0"),
    " ": ("0", "0", "0", "0", "0"),
}
ROWS = 5


def block_width(text: str, scale: int) -> int:
    """Cells the text takes in the block font: a pixel is 2*scale cells wide."""
    pixels = sum(len(GLYPHS[c][0]) for c in text) if text else 0
    return pixels * 2 * scale + max(0, len(text) - 1) * scale


def block_lines(text: str, scale: int) -> list[str]:
    lines = []
    for row in range(ROWS):
        pieces = []
        for char in text:
            pieces.append(
                "".join(("█" if bit == "1" else " ") * 2 * scale for bit in GLYPHS[char][row])
            )
        line = (" " * scale).join(pieces)
        lines.extend([line] * scale)
    return lines


class BigDigits(Digits):
    """Digits that grow up to ``max_scale`` (0: Textual's 3x3 digits only)."""

    max_scale: reactive[int] = reactive(0, layout=True)

    def scale_for(self, width: int) -> int:
        value = self.value
        if not value or any(c not in GLYPHS for c in value):
            return 0
        for scale in range(self.max_scale, 0, -1):
            if block_width(value, scale) <= width:
                return scale
        return 0

    def update(self, value: str) -> None:
        super().update(value)
        if self.max_scale:
            self.refresh(layout=True)

    def render(self) -> RenderResult:
        scale = self.scale_for(self.content_size.width)
        if not scale:
            return super().render()
        rich_style = self.rich_style
        text = Text("\n".join(block_lines(self.value, scale)), style=rich_style, no_wrap=True)
        text_align = self.styles.text_align
        align = "left" if text_align not in {"left", "center", "right"} else text_align
        return Align(text, align, rich_style)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        scale = self.scale_for(container.width)
        if not scale:
            return super().get_content_width(container, viewport)
        return block_width(self.value, scale)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        scale = self.scale_for(width)
        return ROWS * scale if scale else 3
