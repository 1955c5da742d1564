"""What the desk screen's mixins (``highlight``, ``writes``, ``fit_flows``,
``confirmations``, ``room``, ``kamus_flows``) use of the screen they are mixed into,
spelled out for the type checker.

Only imported when type checking: at run time the mixins derive from ``object`` and
``DeskScreen`` is what it always was, so nothing below is ever executed nor shadows the
real definition (``tests/test_desk_host.py`` holds that). A mixin that calls
``super()`` on another mixin's method takes, for the checker, that mixin as its base
instead (``fit_flows`` the ``highlight`` one, ``kamus_flows`` the ``fit_flows`` one), as
the screen's MRO has it at run time; so those methods need no stand-in here. Keep this
in step with ``DeskScreen``: mypy checks that the screen's and the mixins' own
definitions match these.
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

    #: Declared as attributes, not stub methods: a declaration with no body to run.
    _reachable: Callable[[], bool]

    def reload(self, village_id: int | None = None) -> None: ...

    def _tick(self) -> None: ...

    def _act_on_highlighted(self, then: Callable[[ProposalRow], None]) -> None: ...

    def _switched(self, outcome: Outcome) -> None: ...

    # --- ``Localized`` (``ui/bindings.py``): the bindings before translation -------------
    _binding_sources: dict[str, list[Binding]]

    # --- the writes mixin's, used by the other mixins --------------------------------------
    write: Callable[[Callable[[WriteToken], Outcome], Callable[[Outcome], None]], bool]
    refuse_while_pending: Callable[[], bool]
