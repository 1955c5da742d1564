"""The end of the meeting on the desk: every village done, the totals, what comes next.

After the last village the desk must not read like its start ("Belum ada desa di meja —
tekan n ..."): it says the discussion is complete, with the totals the room has just
decided, and points to the minutes (``m``) and the exports (``x``); once the minutes
are final (ctrl+f) it says when the meeting was closed.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from lasem_tui.domain.dates import format_clock, local
from lasem_tui.domain.money import format_rupiah
from lasem_tui.domain.states import VillageState
from lasem_tui.i18n import t
from lasem_tui.store.views import DeskState


def all_done(state: DeskState | None) -> bool:
    """Every village of the meeting has been at the desk and finished."""
    return (
        state is not None
        and state.village is None
        and bool(state.villages)
        and all(v.state is VillageState.DONE for v in state.villages)
    )


def closed_line(state: DeskState) -> str | None:
    """ "Rapat ditutup pukul 11.42" once the minutes are final, else None."""
    closed = state.meeting.closed_at
    if closed is None:
        return None
    return t("room_desk.closed_at", time=format_clock(local(closed)))


def header_line(state: DeskState) -> Text | None:
    """The header's line about the desk when no village sits there and none waits:
    closed (with the time), or all done; None otherwise (the desk's usual line)."""
    closed = closed_line(state)
    if closed is not None and state.village is None:
        return Text(closed, style="bold")
    if all_done(state):
        return Text(t("room_desk.all_done", count=len(state.villages)), style="bold")
    return None


def summary(state: DeskState) -> Text:
    """The totals and what to do next, for the panel in the table's place."""
    tally = state.tally
    text = Text()
    text.append(t("room_desk.all_done", count=len(state.villages)), style="bold")
    text.append("\n\n")
    text.append(
        t(
            "room_desk.end_totals",
            decided=tally.decided,
            proposals=tally.total,
            approved=format_rupiah(tally.approved),
            requested=format_rupiah(tally.requested),
        )
    )
    if tally.ceiling is not None:
        text.append(f"\n{t('tally.ceiling')}: {format_rupiah(tally.ceiling)}", style="dim")
    closed = closed_line(state)
    text.append("\n\n")
    if closed is not None:
        text.append(closed, style="bold")
        text.append("\n")
    text.append(t("room_desk.end_next"), style="bold")
    return text


class EndOfDesk(Static):
    """Shown instead of the empty review table once every village is done."""

    # repaint=False: the watchers update the cells and lines that changed, which repaint
    # themselves; a repaint of the whole widget would render every one of them again.
    state: reactive[DeskState | None] = reactive(None, always_update=True, repaint=False)

    def on_mount(self) -> None:
        self.border_title = t("room_desk.end_title")

    def watch_state(self, state: DeskState | None) -> None:
        # Shown by the screen's ``-all-done`` class; the text is kept current.
        if all_done(state) and state is not None:
            self.update(summary(state))
