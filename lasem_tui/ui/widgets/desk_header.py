"""The top lines the whole room reads: meeting, date, clock, reviewer, village at the desk."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.dates import format_clock, format_date_long, format_duration, now
from lasem_tui.i18n import get_language, t
from lasem_tui.store.views import DeskState
from lasem_tui.ui.desk import end_state


def _shown_of(state: DeskState | None) -> tuple[object, ...]:
    """What the header shows of a desk state. A decision hands the header a new state
    that, as it shows it, is the same: repainting it then would put the header into the
    frame that answers the key (issue 13), for nothing. The clock repaints it anyway."""
    if state is None:
        return ()
    meeting, village = state.meeting, state.village
    reviewer = state.reviewer.name if state.reviewer else None
    done = sum(1 for v in state.villages if v.state.value == "done")
    at_desk = village.name if village else end_state.header_line(state)
    return (
        meeting.title,
        meeting.is_demo,
        meeting.held_on,
        reviewer,
        at_desk,
        done,
        len(state.villages),
        end_state.closed_line(state),
    )


class DeskHeader(Static):
    state: reactive[DeskState | None] = reactive(None, repaint=False)
    clock: reactive[DeskClock | None] = reactive(None)
    offline: reactive[bool] = reactive(False)
    #: What the header last showed of the state (``_shown_of``).
    _shown: tuple[object, ...] | None = None

    def watch_state(self, state: DeskState | None) -> None:
        shown = _shown_of(state)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        state = self.state
        if state is None:
            return Text("")
        meeting = state.meeting
        moment: datetime = self.clock.now if self.clock else now()
        reviewer = state.reviewer
        top = Text()
        if meeting.is_demo:
            # First, so that even an 80-column screen says the figures are made up.
            top.append(f" {t('demo_data')} ", style="bold black on yellow")
            top.append(" ")
        top.append_text(
            Text.assemble(
                (meeting.title, "bold"),
                "  ·  ",
                (format_clock(moment), "bold"),
                "  ·  ",
                format_date_long(meeting.held_on, get_language()),
            )
        )
        if self.offline:
            top.append("  ")
            top.append(f" {t('desk.offline')} ", style="bold white on red")
        closed = end_state.closed_line(state)
        if closed is not None:
            top.append("  ")
            top.append(f" {closed} ", style="bold white on red")
        at_desk = Text()
        timing = Text()
        village = state.village
        if village is None:
            # The end of the meeting does not read like its start ("tekan n ...").
            at_desk.append_text(
                end_state.header_line(state) or Text(t("desk.nobody_at_desk"), style="italic")
            )
        else:
            done = sum(1 for v in state.villages if v.state.value == "done")
            at_desk.append(f"{t('desk.at_desk')}: ", style="dim")
            at_desk.append(f"Desa {village.name}", style="bold")
            at_desk.append(
                f"  ({done}/{len(state.villages)} {t('desk.villages_done')})", style="dim"
            )
            clock = self.clock
            if clock is not None:
                timing.append(format_duration(clock.at_desk_seconds), style="bold")
                if clock.planned_seconds is not None:
                    timing.append(f" / {format_duration(clock.planned_seconds)}", style="dim")
                if clock.paused:
                    timing.append(f" {t('room_desk.paused')} ", style="bold black on yellow")
        keyboard = Text()
        keyboard.append(f"{t('desk.reviewer')}: ", style="dim")
        if reviewer is None:
            keyboard.append(t("desk.no_reviewer"), style="bold red")
        else:
            keyboard.append(reviewer.name, style="bold")
        # On a narrow screen the reviewer comes first: the village's name is on the
        # review table's border too, but who holds the keyboard is said only here.
        # The village's time comes first there too: the desk clock panel is hidden.
        narrow = 0 < self.size.width < 100
        if narrow:
            parts = tuple(p for p in (timing, keyboard, at_desk) if p.plain)
        else:
            parts = (Text("  ·  ").join(p for p in (at_desk, timing) if p.plain), keyboard)
        bottom = Text("  ·  ").join(parts)
        top.truncate(self.size.width or 200, overflow="ellipsis")
        bottom.truncate(self.size.width or 200, overflow="ellipsis")
        return Text("\n").join([top, bottom])
