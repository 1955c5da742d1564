"""Link the highlighted proposal to an entry of the kamus usulan, or unlink it.

A standalone dialog (the desk opens it with ``K``): it gets the database, the meeting,
the reviewer at the keyboard and the proposal, lists the kamus with a search box, and
on Enter (or Tautkan) links the highlighted entry; ``ctrl+u`` (or Lepas tautan) unlinks.
Either is one logged store command (``store.kamus.link``); the dialog dismisses with a
``KamusPicked`` saying what is now linked, or ``None`` when nothing was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from lasem_tui.domain.kamus import Candidate, closest_entry
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import kamus
from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS, DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput


@dataclass(frozen=True)
class KamusPicked:
    """What the proposal is linked to now (``entry_id`` None: unlinked)."""

    proposal_id: int
    entry_id: int | None
    label: str


class KamusPicker(ModalScreen[KamusPicked | None]):
    CSS_PATH = Path(__file__).with_name("picker.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=True),
        # Over the search box's own ctrl+u (clear the line): the button says it too.
        Binding("ctrl+u", "unlink", "ctrl+u", show=True, priority=True),
    ]

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        reviewer_id: int | None,
        proposal: ProposalRow,
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self.proposal = proposal
        self.shown: tuple[kamus.KamusView, ...] = ()

    def compose(self) -> ComposeResult:
        with DialogBody(id="kamus-picker"):
            yield Static(
                Text(t("kamus.picker_title", title=self.proposal.title)), classes="dialog-title"
            )
            yield Static("", id="kamus-current", classes="dialog-subject")
            yield TextInput(placeholder=t("kamus.picker_search"), id="kamus-search")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="kamus-entries")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("kamus.picker_link"), variant="primary", id="link")
                yield Button(t("kamus.picker_unlink"), id="unlink")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        table = self.query_one("#kamus-entries", DataTable)
        table.add_column(t("kamus.col_code"), key="code")
        table.add_column(t("kamus.col_name"), width=38, key="name")
        table.add_column(t("kamus.col_unit"), key="unit")
        table.add_column(t("kamus.col_price"), key="price")
        table.add_column(t("kamus.col_agency"), width=18, key="agency")
        self._load("")
        linked = next((e for e in self.shown if e.id == self.proposal.kamus_entry_id), None)
        current = self.query_one("#kamus-current", Static)
        current.update(
            Text(t("kamus.picker_linked_to", entry=linked.label()))
            if linked
            else Text(t("kamus.picker_not_linked"))
        )
        self.query_one("#unlink", Button).disabled = self.proposal.kamus_entry_id is None
        # Start on the linked entry, or on the one closest to the title and unit.
        target = linked.id if linked else self._closest()
        if target is not None:
            for index, entry in enumerate(self.shown):
                if entry.id == target:
                    table.move_cursor(row=index)
        self.query_one("#kamus-search", Input).focus()

    def _closest(self) -> int | None:
        candidates = [Candidate(e.id, e.name, e.unit) for e in self.shown]
        found = closest_entry(self.proposal.title, self.proposal.unit, candidates)
        return found[0].id if found else None

    def _load(self, search: str) -> None:
        try:
            with self.db.read() as session:
                self.shown = kamus.entries(session, self.meeting_id, search)
        except READ_ERRORS as exc:  # the store's tuple: the UI never names SQLAlchemy
            self._error(refusal_text(exc))
            self.shown = ()
        table = self.query_one("#kamus-entries", DataTable)
        table.clear()
        for entry in self.shown:
            table.add_row(
                Text(entry.code),
                Text(entry.name),
                Text(entry.unit),
                Text(format_rupiah(entry.unit_price), justify="right"),
                Text(entry.agency),
                key=str(entry.id),
            )
        self.query_one("#link", Button).disabled = not self.shown

    def _error(self, text: str) -> None:
        label = self.query_one("#dialog-error", Label)
        label.update(Text(text))
        label.set_class(bool(text), "-shown")

    @on(Input.Changed, "#kamus-search")
    def _search(self, event: Input.Changed) -> None:
        self._load(event.value)

    @on(Input.Submitted, "#kamus-search")
    @on(DataTable.RowSelected, "#kamus-entries")
    @on(Button.Pressed, "#link")
    def action_link(self) -> None:
        table = self.query_one("#kamus-entries", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return
        self._apply(self.shown[table.cursor_row])

    @on(Button.Pressed, "#unlink")
    def action_unlink(self) -> None:
        if self.proposal.kamus_entry_id is None:
            return
        self._apply(None)

    def _apply(self, entry: kamus.KamusView | None) -> None:
        try:
            kamus.link(
                self.db,
                self.meeting_id,
                self.proposal.id,
                entry.id if entry else None,
                reviewer_id=self.reviewer_id,
            )
        except (StoreError, DatabaseError) as exc:
            self._error(refusal_text(exc))
            return
        except READ_ERRORS as exc:
            self._error(t("db_unreachable", detail=str(exc)))
            return
        self.dismiss(
            KamusPicked(
                self.proposal.id, entry.id if entry else None, entry.label() if entry else ""
            )
        )

    def key_down(self) -> None:
        """Down from the search box moves in the list, so typing and choosing go together."""
        table = self.query_one("#kamus-entries", DataTable)
        if self.focused is self.query_one("#kamus-search", Input):
            table.action_cursor_down()

    def key_up(self) -> None:
        table = self.query_one("#kamus-entries", DataTable)
        if self.focused is self.query_one("#kamus-search", Input):
            table.action_cursor_up()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
