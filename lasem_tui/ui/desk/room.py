"""The desk in front of the room: the clock's pause for a break, and the end state.

Mixed into ``DeskScreen``. ``z`` pauses the desk clock ("Istirahat 10 menit"): the
village's time stands still and the clock says JEDA instead of running over; ``z``
again resumes it. Both are logged. When every village is done the empty review table
gives its place to the end-of-desk summary (``end_state``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from lasem_tui.domain.dates import format_duration, now
from lasem_tui.i18n import t
from lasem_tui.store.views import DeskState
from lasem_tui.ui.desk import end_state
from lasem_tui.ui.desk.controller import Outcome

if TYPE_CHECKING:
    from lasem_tui.ui.desk.screen import DeskScreen


class DeskRoom:
    """The pause key and the end-of-meeting switch of the desk screen."""

    def action_toggle_pause(self: DeskScreen) -> None:
        state = self.desk.state
        if state is None or self.refuse_while_pending():
            return
        since: datetime | None = state.paused_at

        def done(_outcome: Outcome) -> None:
            self._tick()
            after = self.desk.state
            if after is not None and after.paused_at is not None:
                self.notify(t("room_desk.pause_on"), timeout=6, markup=False)
            else:
                lasted = (now() - since).total_seconds() if since is not None else 0.0
                self.notify(
                    t("room_desk.pause_off", duration=format_duration(max(0.0, lasted))),
                    timeout=4,
                    markup=False,
                )

        self.write(self.desk.toggle_pause, done)

    def show_end_state(self: DeskScreen, state: DeskState) -> None:
        """Every village done: the summary takes the empty table's place."""
        done = end_state.all_done(state)
        self.set_class(done, "-all-done")
        self.query_one("#end-of-desk", end_state.EndOfDesk).state = state
