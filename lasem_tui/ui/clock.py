"""The one desk clock, for the desk and the projector alike.

Both show the same figures (time per village, the projected end of the desk) from the
same state; ``Ticker`` repaints them once a second, a ``clock_of`` call each time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from lasem_tui.domain.clock import DeskClock, desk_clock, planned_end_today
from lasem_tui.domain.dates import now
from lasem_tui.store.views import DeskState

if TYPE_CHECKING:
    from textual.dom import DOMNode

#: The clocks move once a second.
TICK_SECONDS = 1.0


def clock_of(state: DeskState, at: datetime | None = None) -> DeskClock:
    """The desk clock for ``state`` at ``at`` (now by default).

    While the desk clock is paused (``state.paused_at``) the village's start is moved
    on by the pause so far, exactly as resuming moves it in the database: its time
    stands still and the share does not jump when the pause ends.
    """
    moment = at or now()
    village = state.village
    started = village.desk_started_at if village else None
    paused_at = state.paused_at
    if paused_at is not None and started is not None:
        started = started + max(moment - max(paused_at, started), timedelta(0))
    spent = village.desk_seconds if village else 0.0
    running = max(0.0, (moment - started).total_seconds()) if started is not None else 0.0
    planned_end, rebased = state.meeting.desk_ends_at, False
    if village is not None or state.waiting:
        # Nothing left to plan once every village is done: the window stays as set.
        planned_end, rebased = planned_end_today(
            now=moment,
            planned_start=state.meeting.desk_starts_at,
            planned_end=state.meeting.desk_ends_at,
            spent_seconds=sum(state.done_durations) + spent + running,
        )
    clock = desk_clock(
        now=moment,
        planned_end=planned_end,
        waiting=state.waiting,
        current_started_at=started,
        current_spent_seconds=spent,
        done_durations=state.done_durations,
    )
    return replace(clock, paused=paused_at is not None, rebased=rebased)


def start_ticking(owner: DOMNode, tick: Callable[[], None]) -> None:
    """Call ``tick`` every second for as long as ``owner`` is mounted."""
    owner.set_interval(TICK_SECONDS, tick)
