"""The attendance list (daftar hadir), kept at the door: tick, type a name, move on.

Prefilled from the template with a row per expected role, so most of the work is one
key per person. Every change is its own store command with its event.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from lasem_tui.i18n import t
from lasem_tui.store import attendance
from lasem_tui.store.attendance import AttendeeRow
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext

FIELDS = ("name", "jabatan", "institution")


class AttendeeDialog(ModalScreen[dict[str, str] | None]):
    """Type or correct a row: name, position, institution or village, and the group
    (unsur) the row is counted under in the minutes."""

    BINDINGS = [Binding("escape", "cancel", "Esc", show=True)]

    def __init__(self, row: AttendeeRow | None) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(
                t("attendance.edit_title" if self.row else "attendance.add_title"),
                classes="dialog-title",
            )
            for field in FIELDS:
                yield Label(t(f"attendance.{field}"))
                yield TextInput(
                    value=getattr(self.row, field, "") if self.row else "", id=field, max_length=300
                )
            yield Label(t("attendance.group"))
            current = self.row.group if self.row else ""
            group = Select(
                [(t(f"unsur.{g}"), g) for g in attendance.GROUPS if g],
                prompt=t("unsur."),
                id="group",
            )
            if current in attendance.GROUPS and current:
                group.value = current
            yield group
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save"), variant="primary", id="save")
                yield Button(t("cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values = {field: self.query_one(f"#{field}", Input).value for field in FIELDS}
        group = self.query_one("#group", Select).value
        values["group"] = group if isinstance(group, str) else ""
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AttendanceScreen(Localized, Screen[None]):
    CSS_PATH = Path(__file__).with_name("attendance.tcss")
    AUTO_FOCUS = "#attendees"

    BINDINGS = [
        key("escape", "back", "attendance_back"),
        key("space", "toggle_present", "attendance_present"),
        key("enter", "edit", "attendance_edit"),
        key("plus,insert", "add", "attendance_add"),
        key("delete", "remove", "attendance_remove"),
    ]

    def __init__(self, context: DeskContext) -> None:
        """``context``: the database, the meeting and this desk's reviewer seat."""
        super().__init__()
        self.context = context
        self._rows: tuple[AttendeeRow, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="attendance-summary")
        yield DataTable(id="attendees", cursor_type="row", zebra_stripes=True)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#attendees", DataTable)
        table.add_column(t("attendance.no"), key="no", width=4)
        table.add_column(t("attendance.name"), key="name", width=30)
        table.add_column(t("attendance.jabatan"), key="jabatan", width=34)
        table.add_column(t("attendance.institution"), key="institution", width=30)
        table.add_column(t("attendance.present"), key="present", width=6)
        self.reload()

    def reload(self, focus_id: int | None = None) -> None:
        self._rows = attendance.list_attendees(self.context.db, self.context.meeting_id)
        table = self.query_one("#attendees", DataTable)
        cursor = table.cursor_row
        table.clear()
        for number, row in enumerate(self._rows, start=1):
            table.add_row(*self._cells(number, row), key=str(row.id))
        if focus_id is not None and str(focus_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(focus_id)), animate=False)
        elif self._rows:
            table.move_cursor(row=min(cursor, len(self._rows) - 1), animate=False)
        self._summarise()

    @staticmethod
    def _cells(number: int, row: AttendeeRow) -> tuple[str | Text, ...]:
        mark = Text("✓", style="bold green") if row.present else Text("·", style="dim")
        # Typed text is shown as typed: a plain str cell would be read as markup.
        name = Text(row.name) if row.name else Text(t("attendance.no_name"), style="italic dim")
        return (str(number), name, Text(row.jabatan), Text(row.institution), mark)

    def _summarise(self) -> None:
        present = sum(1 for r in self._rows if r.present)
        self.query_one("#attendance-summary", Static).update(
            t("attendance.summary", present=present, total=len(self._rows))
        )

    def _current(self) -> AttendeeRow | None:
        table = self.query_one("#attendees", DataTable)
        if not self._rows:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self._rows if str(r.id) == key), None)

    def _reviewer(self) -> int | None:
        return self.context.reviewer_id

    def _run(self, command: Callable[[], object], focus_id: int | None = None) -> None:
        try:
            result = command()
        except (StoreError, DatabaseError) as exc:
            code = exc.code
            params = getattr(exc, "params", None) or {"detail": getattr(exc, "detail", "")}
            self.notify(t(code, **params), severity="error", timeout=8, markup=False)
            return
        self.reload(focus_id if focus_id is not None else getattr(result, "id", None))

    def action_toggle_present(self) -> None:
        row = self._current()
        if row is None:
            return
        self._run(
            lambda: attendance.toggle_present(
                self.context.db, self.context.meeting_id, row.id, reviewer_id=self._reviewer()
            )
        )

    def action_edit(self) -> None:
        row = self._current()
        if row is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self._run(
                    lambda: attendance.edit_attendee(
                        self.context.db,
                        self.context.meeting_id,
                        row.id,
                        reviewer_id=self._reviewer(),
                        name=values["name"],
                        jabatan=values["jabatan"],
                        institution=values["institution"],
                        group=values["group"],
                    )
                )

        self.app.push_screen(AttendeeDialog(row), done)

    def action_add(self) -> None:
        after = self._current()

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self._run(
                    lambda: attendance.add_attendee(
                        self.context.db,
                        self.context.meeting_id,
                        present=True,
                        after_id=after.id if after else None,
                        reviewer_id=self._reviewer(),
                        **values,
                    )
                )

        self.app.push_screen(AttendeeDialog(None), done)

    def action_remove(self) -> None:
        row = self._current()
        if row is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._run(
                    lambda: attendance.remove_attendee(
                        self.context.db,
                        self.context.meeting_id,
                        row.id,
                        reviewer_id=self._reviewer(),
                    )
                )

        label = row.name or row.jabatan
        self.app.push_screen(
            ConfirmDialog(
                t("attendance.remove_title"),
                t("attendance.remove_message", who=label),
                t("attendance.remove"),
                danger=True,
            ),
            done,
        )

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_back(self) -> None:
        self.app.pop_screen()
