"""A list the setup screen edits (villages, strategic issues, reviewers).

Keys on the list: ``a`` add, Enter or ``e`` edit, Delete remove, ctrl+up / ctrl+down
move (where the order matters). The table only says what was asked, with the row's
key, in a ``RecordAction`` message; the screen runs the store command.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from lasem_tui.ui.bindings import Localized, key


class RecordTable(Localized, DataTable[RenderableType]):
    BINDINGS = [
        key("a", "record('add')", "setup_add"),
        key("enter,e", "record('edit')", "setup_edit"),
        key("delete", "record('remove')", "setup_remove"),
        key("ctrl+up", "move(-1)", "setup_move_up"),
        key("ctrl+down", "move(1)", "setup_move_down"),
    ]

    class RecordAction(Message):
        def __init__(self, table: RecordTable, verb: str, record_id: int | None) -> None:
            super().__init__()
            self.table = table
            self.verb = verb
            self.record_id = record_id

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(
        self, columns: Sequence[tuple[str, int | None]], *, movable: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.movable = movable
        self._column_specs = tuple(columns)

    def on_mount(self) -> None:
        for label, width in self._column_specs:
            self.add_column(label, width=width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.movable or action != "move"

    @property
    def current_id(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def show_rows(
        self, rows: Iterable[tuple[int, Sequence[str | Text]]], keep: int | None = None
    ) -> None:
        """Replace the rows; the cursor stays on ``keep`` (or the same record) if still there."""
        target = keep if keep is not None else self.current_id
        row = self.cursor_row
        self.clear()
        for record_id, cells in rows:
            # A name typed with brackets is a name, not markup: str cells become Text.
            self.add_row(*(Text(c) if isinstance(c, str) else c for c in cells), key=str(record_id))
        if not self.row_count:
            return
        if target is not None:
            try:
                row = self.get_row_index(str(target))
            except RowDoesNotExist:  # the record went: stay at the same place in the list
                row = min(row, self.row_count - 1)
        self.move_cursor(row=max(0, min(row, self.row_count - 1)), animate=False)

    def action_record(self, verb: str) -> None:
        record_id = self.current_id
        if verb != "add" and record_id is None:
            return
        self.post_message(self.RecordAction(self, verb, record_id))

    def action_move(self, step: int) -> None:
        record_id = self.current_id
        if record_id is not None:
            self.post_message(self.RecordAction(self, "up" if step < 0 else "down", record_id))
