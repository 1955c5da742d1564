"""The desk's time budget: how long each village may take and when the desk will end.

In 2023 the desk had to finish by 11.00 WIB; the facilitator watches these figures to
keep every village's turn fair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_PACE_SECONDS = 15 * 60


@dataclass(frozen=True)
class DeskClock:
    """Figures for the clock panel, all derived from the queue and the planned end."""

    now: datetime
    at_desk_seconds: float
    planned_seconds: float | None
    projected_end: datetime | None
    planned_end: datetime | None
    #: The desk clock is paused (a break): the village's time does not run.
    paused: bool = False
    #: The planned window was not today (a rehearsal): it is counted from now.
    rebased: bool = False

    @property
    def left_seconds(self) -> float | None:
        """Time left in this village's share; negative once over."""
        if self.planned_seconds is None:
            return None
        return self.planned_seconds - self.at_desk_seconds

    @property
    def level(self) -> str:
        """``ok``, ``warn`` (last fifth of the share) or ``over``; for colouring."""
        left = self.left_seconds
        if left is None or self.planned_seconds is None or self.paused:
            return "ok"
        if left < 0:
            return "over"
        if left <= max(60.0, self.planned_seconds * 0.2):
            return "warn"
        return "ok"

    @property
    def late_seconds(self) -> float:
        """How far the projected end lies past the planned end (0 if on time)."""
        if self.projected_end is None or self.planned_end is None:
            return 0.0
        return max(0.0, (self.projected_end - self.planned_end).total_seconds())


def desk_clock(
    *,
    now: datetime,
    planned_end: datetime | None,
    waiting: int,
    current_started_at: datetime | None,
    current_spent_seconds: float = 0.0,
    done_durations: Sequence[float] = (),
) -> DeskClock:
    """Work out the share per village and the projected end of the desk.

    The share is the time from when the current village sat down to the planned end,
    split over it and the villages still waiting, so it does not shrink while a village
    talks. The projection uses the pace of villages already done, or the share before
    any is done.
    """
    at_desk = current_spent_seconds
    if current_started_at is not None:
        at_desk += max(0.0, (now - current_started_at).total_seconds())
    turns = waiting + (1 if current_started_at is not None else 0)
    planned: float | None = None
    if planned_end is not None and turns:
        start = current_started_at or now
        planned = max(0.0, (planned_end - start).total_seconds() + current_spent_seconds) / turns
    if done_durations:
        pace = sum(done_durations) / len(done_durations)
    elif planned:
        pace = planned
    else:
        pace = DEFAULT_PACE_SECONDS
    projected: datetime | None = None
    if turns:
        rest_current = max(0.0, pace - at_desk) if current_started_at is not None else 0.0
        projected = now + timedelta(seconds=rest_current + waiting * pace)
    elif planned_end is not None:
        projected = now
    return DeskClock(now, at_desk, planned, projected, planned_end)


def planned_end_today(
    *,
    now: datetime,
    planned_start: datetime | None,
    planned_end: datetime | None,
    spent_seconds: float,
) -> tuple[datetime | None, bool]:
    """The planned end to count with, and whether it was moved.

    On the meeting's day that is the planned end. On another day (a rehearsal, the demo
    opened late in the evening) a window on another date would give every village a
    share of 0:00 and show it over time at once: the window's length is counted instead
    from when this desk would have begun had it run without gaps (``spent_seconds``
    ago). Without a planned start the length is unknown, and there is no plan.
    """
    if planned_end is None:
        return None, False
    today = now.astimezone().date()
    days = {planned_end.astimezone().date()}
    if planned_start is not None:
        days.add(planned_start.astimezone().date())
    if today in days:
        return planned_end, False
    if planned_start is None or planned_end <= planned_start:
        return None, False
    return now - timedelta(seconds=spent_seconds) + (planned_end - planned_start), True
