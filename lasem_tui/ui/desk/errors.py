"""Why a desk command was refused, in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lasem_tui.domain.dates import format_clock, local
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ConflictError, StoreError

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


def refusal(exc: Exception) -> tuple[str, SeverityLevel, float] | None:
    """The message, its severity and how long it shows; None for an error that is not
    a refusal (a defect, re-raised by the caller)."""
    if isinstance(exc, ConflictError):
        when = format_clock(local(exc.when)) if exc.when else "?"
        return t("conflict", who=exc.who or "?", when=when), "warning", 8
    if isinstance(exc, DatabaseError):
        # The detail is a path or SQLite's words: plain text, never markup.
        severity: SeverityLevel = "warning" if exc.code == "db_write_cancelled" else "error"
        return t(exc.code, detail=exc.detail), severity, 10
    if isinstance(exc, StoreError):
        params = dict(exc.params)
        over = params.get("over")
        if isinstance(over, int):  # the ceiling errors' amount, always an int
            params["over"] = format_rupiah(over)
        return t(exc.code, **params), "error", 6
    return None
