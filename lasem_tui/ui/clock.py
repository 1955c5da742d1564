"""The one desk clock, for the desk and the projector alike.

Both show the same figures (time per village, the projected end of the desk) from the
same state; ``Ticker`` repaints them once a second, a ``clock_of`` call each time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from lasem_tui.domain.clock import DeskClock, desk_clock
from lasem_tui.domain.dates import now
from lasem_tui.store.views import DeskState

if TYPE_CHECKING:
    from textual.dom import DOMNode

#: The clocks move once a second.
TICK_SECONDS = 1.0


def clock_of(state: DeskState, at: datetime | None = None) -> DeskClock:
    """The desk clock for ``state`` at ``at`` (now by default)."""
    village = state.village
    return desk_clock(
        now=at or now(),
        planned_end=state.meeting.desk_ends_at,
        waiting=state.waiting,
        current_started_at=village.desk_started_at if village else None,
        current_spent_seconds=village.desk_seconds if village else 0.0,
        done_durations=state.done_durations,
    )


def start_ticking(owner: DOMNode, tick: Callable[[], None]) -> None:
    """Call ``tick`` every second for as long as ``owner`` is mounted."""
    owner.set_interval(TICK_SECONDS, tick)
