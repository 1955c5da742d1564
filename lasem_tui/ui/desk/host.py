"""What the desk screen's mixins (``highlight``, ``writes``) use of the screen they are
mixed into, spelled out for the type checker.

Only imported when type checking: at run time the mixins derive from ``object`` and
``DeskScreen`` is what it always was. Keep this in step with ``DeskScreen``: mypy
checks that the screen's own definitions match these.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from lasem_tui.store.views import DeskState, ProposalDetail
from lasem_tui.ui.desk.fit_controller import FitDeskController
from lasem_tui.ui.widgets.proposal_table import ProposalTable


class DeskHost(Screen[None]):
    desk: FitDeskController
    state: reactive[DeskState | None] = reactive(None, always_update=True, repaint=False)
    detail: reactive[ProposalDetail | None] = reactive(None, repaint=False)
    _table: ProposalTable
    _cursor_timer: Timer | None

    def report(self, exc: Exception) -> None: ...

    def _lost_database(self, exc: Exception) -> None: ...
