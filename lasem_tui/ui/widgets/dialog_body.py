"""The frame of every dialog: scrolls on a small terminal, but never takes the focus
itself, so the first field has it and Tab moves between fields only."""

from __future__ import annotations

from textual.containers import VerticalScroll


class DialogBody(VerticalScroll, can_focus=False):
    DEFAULT_CLASSES = "dialog"
