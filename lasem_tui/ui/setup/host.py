"""What the setup screen's mixins (``people``, ``fit_lists``) use of the screen they are
mixed into, spelled out for the type checker.

Only imported when type checking: at run time the mixins derive from ``object`` and
``SetupScreen`` is what it always was, so nothing below is ever executed nor shadows the
real definition (``tests/test_setup_host.py`` holds that). Keep this in step with
``SetupScreen``: mypy checks that the screen's own definitions match these.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Mapping

from textual.screen import Screen

from lasem_tui.domain.scoring import Criterion
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.setup.overview import SetupState
from lasem_tui.store.signing import DelegateRow
from lasem_tui.ui.context import DeskContext
from lasem_tui.ui.screens.record_dialog import FieldSpec


class SetupHost(Screen[bool]):
    # --- the screen's own (``screen.py``) ----------------------------------------------
    context: DeskContext
    state: SetupState | None
    delegates: tuple[DelegateRow, ...]
    criteria: tuple[Criterion, ...]
    agencies: tuple[AgencyFigures, ...]

    #: Abstract where they return a value, so that a stub with no body to run passes the
    #: checker: the screen must define them, or mypy refuses to build it.
    @property
    @abstractmethod
    def meeting_id(self) -> int: ...

    @property
    @abstractmethod
    def reviewer_id(self) -> int | None: ...

    @abstractmethod
    def _command(self, run: Callable[[], object], **keep: int | None) -> bool: ...

    def _open_dialog(
        self,
        title: str,
        fields: list[FieldSpec],
        save: Callable[[Mapping[str, str]], object],
        table: str,
    ) -> None: ...
