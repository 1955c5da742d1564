"""The desk in front of the room: the clock's pause for a break, and the end state.

Mixed into ``DeskScreen``. ``z`` pauses the desk clock ("Istirahat 10 menit"): the
village's time stands still and the clock says JEDA instead of running over; ``z``
again resumes it. Both are logged. When every village is done the empty review table
gives its place to the end-of-desk summary (``end_state``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

from lasem_tui import i18n
from lasem_tui.domain.dates import format_duration, now
from lasem_tui.i18n import t
from lasem_tui.store.views import DeskState
from lasem_tui.ui.bindings import translated
from lasem_tui.ui.desk import end_state
from lasem_tui.ui.desk.controller import Outcome

if TYPE_CHECKING:
    from lasem_tui.ui.desk.host import DeskHost as _Host
else:
    _Host = object


#: Off the footer at 80 columns (in the help and the command palette still): the
#: reviewer is named in the header, the projector and absent keys are rarer.
NARROW_HIDDEN = ("lasem.reviewer", "lasem.projector", "lasem.absent")
NARROW_WIDTH = 100


def narrow_binding(binding: Binding) -> Binding:
    """The footer's form of a binding at 80 columns: a shorter word, or hidden."""
    shown = translated(binding)
    if binding.id in NARROW_HIDDEN:
        return replace(shown, show=False)
    short = f"{binding.description}.short"
    if binding.description.startswith("keys.") and i18n.has(short):
        return replace(shown, description=i18n.t(short))
    return shown


class DeskRoom(_Host):
    """The pause key, the end-of-meeting switch and the small-screen footer."""

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_WIDTH
        if narrow == getattr(self, "_narrow_footer", False):
            return
        self._narrow_footer = narrow
        self._bindings.key_to_bindings = {
            k: [narrow_binding(b) if narrow else translated(b) for b in items]
            for k, items in self._binding_sources.items()
        }
        self.refresh_bindings()

    def action_toggle_pause(self) -> None:
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

    def show_end_state(self, state: DeskState) -> None:
        """Every village done: the summary takes the empty table's place."""
        done = end_state.all_done(state)
        self.set_class(done, "-all-done")
        self.query_one("#end-of-desk", end_state.EndOfDesk).state = state
