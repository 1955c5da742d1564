"""The frame of every dialog: scrolls on a small terminal, but never takes the focus
itself, so the first field has it and Tab moves between fields only."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.geometry import Offset, Region


class DialogBody(VerticalScroll, can_focus=False):
    DEFAULT_CLASSES = "dialog"

    def scroll_to_region(self, region: Region, **kwargs: Any) -> Offset:
        """Bring ``region`` into view with the line above it: every field of a dialog
        has its label there, and on an 80x24 terminal Textual would otherwise scroll
        the focused field to the top and its label ("Jumlah disetujui (Rp)") out of
        sight, leaving a box that says nothing of what it is for."""
        if region.y > 0:
            region = Region(region.x, region.y - 1, region.width, region.height + 1)
        return super().scroll_to_region(region, **kwargs)
