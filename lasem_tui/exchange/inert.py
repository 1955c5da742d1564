"""Keep user text inert in spreadsheets: a cell that starts like a formula gets a quote."""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """``=SUM(A1)`` becomes ``'=SUM(A1)``; spreadsheets then show it as text."""
    if text and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def uninert_cell(text: str) -> str:
    """Undo ``inert_cell`` when reading our own exports back."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
