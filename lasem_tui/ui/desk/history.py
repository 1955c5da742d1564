"""A proposal's history for the detail panel: every decision, undo and redo, who, when.

Read with the detail (one query per highlight, the newest twenty events of the
proposal, by its index), shown newest first: the room asks "who changed this, and what
was it before?", and the answer must not need the event log exported.
"""

from __future__ import annotations

from rich.text import Text

from lasem_tui.domain.dates import format_clock, local
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store.views import HistoryEntry, ProposalDetail


def entry_line(entry: HistoryEntry) -> Text:
    """ "09.41  Ibu Sri: dibatalkan → belum dibahas (dari ditolak)"."""
    line = Text()
    line.append(f"{format_clock(local(entry.at))}  {entry.reviewer or '-'}: ", style="dim")
    line.append(t(f"event.{entry.kind}"))
    if entry.status_after:
        line.append(f" → {t(f'status.{entry.status_after}')}", style="bold")
        if entry.approved_after:
            line.append(f" ({format_rupiah(entry.approved_after)})")
        if entry.status_before and entry.status_before != entry.status_after:
            status = t(f"status.{entry.status_before}")
            line.append(f" ({t('room_desk.history_from', status=status)})", style="dim")
    if entry.reason:
        line.append(f" — {entry.reason}", style="italic")
    return line


def history_section(detail: ProposalDetail) -> Text:
    """The section's heading and one line per event, newest first."""
    text = Text()
    text.append(f"\n{t('detail.history')}\n", style="bold")
    if not detail.history:
        text.append(t("room_desk.history_none"), style="italic dim")
        return text
    text.append_text(Text("\n").join(entry_line(entry) for entry in detail.history))
    return text
