"""What the desk screen's mixins (``highlight``, ``writes``, ``fit_flows``,
``confirmations``, ``room``, ``kamus_flows``) use of the screen they are mixed into,
spelled out for the type checker.

Only imported when type checking: at run time the mixins derive from ``object`` and
``DeskScreen`` is what it always was, so none of the stubs below is ever executed nor
shadows the real definition (``tests/test_desk_host.py`` holds that); those that return
a value raise only so that mypy sees a body that cannot end without one. Keep this in step
with ``DeskScreen``: mypy checks that the screen's and the mixins' own definitions match
these.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from lasem_tui.store.cancel import WriteToken
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import DeskState, ProposalDetail, ProposalRow
from lasem_tui.ui.context import DeskContext
from lasem_tui.ui.desk.controller import Outcome
from lasem_tui.ui.desk.fit_controller import FitDeskController
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
from lasem_tui.ui.widgets.proposal_table import ProposalTable


class DeskHost(Screen[None]):
    # --- the screen's own (``screen.py``) ----------------------------------------------
    context: DeskContext
    desk: FitDeskController
    state: reactive[DeskState | None] = reactive(None, always_update=True, repaint=False)
    detail: reactive[ProposalDetail | None] = reactive(None, repaint=False)
    _table: ProposalTable
    _cursor_timer: Timer | None
    agencies: reactive[tuple[AgencyFigures, ...]] = reactive(())
    kamus: reactive[dict[int, KamusView]] = reactive(dict)

    def report(self, exc: Exception) -> None: ...

    def _lost_database(self, exc: Exception) -> None: ...

    def _reachable(self) -> bool:
        raise NotImplementedError

    def reload(self, village_id: int | None = None) -> None: ...

    def _tick(self) -> None: ...

    def _act_on_highlighted(self, then: Callable[[ProposalRow], None]) -> None: ...

    def _switched(self, outcome: Outcome) -> None: ...

    # --- ``Localized`` (``ui/bindings.py``): the bindings before translation -------------
    _binding_sources: dict[str, list[Binding]]

    # --- one mixin's, used by another ---------------------------------------------------
    @property
    def highlighted(self) -> ProposalRow | None:  # highlight, fit_flows
        raise NotImplementedError

    def highlight_proposal(self, proposal_id: int | None) -> None: ...  # highlight, fit_flows

    def write(  # writes
        self, run: Callable[[WriteToken], Outcome], done: Callable[[Outcome], None]
    ) -> bool:
        raise NotImplementedError

    def refuse_while_pending(self) -> bool:  # writes
        raise NotImplementedError

    def adjust_dialog(self, proposal: ProposalRow) -> AdjustDialog:  # fit_flows, kamus
        raise NotImplementedError
