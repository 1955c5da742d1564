"""Several meetings in one database: pick one to open, start a new one, or start the
Musrenbang Kecamatan that follows a Pra Musrenbang (after showing what carries over)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from lasem_tui import i18n
from lasem_tui.domain.dates import format_date_long, format_date_plain
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import setup
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.setup import MeetingSummary
from lasem_tui.store.setup.overview import CarryOverPlan, carry_over_plan
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.new_meeting import NewMeeting, create
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.widgets.dialog_body import DialogBody

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext


@dataclass(frozen=True)
class MeetingChoice:
    """The meeting to open, and whether its setup should come up first."""

    meeting_id: int
    setup: bool = False


def carry_over_text(plan: CarryOverPlan) -> str:
    lang = i18n.get_language()
    lines = [
        t(
            "picker_m.carry_body",
            title=plan.title,
            date=format_date_long(plan.held_on, lang),
            source=plan.from_title,
        ),
        "",
        t(
            "picker_m.carry_setup",
            villages=plan.villages,
            issues=plan.issues,
            reviewers=plan.reviewers,
        ),
        t("picker_m.carry_proposals", count=plan.proposals, amount=format_rupiah(plan.requested)),
    ]
    if plan.left_pending or plan.not_carried:
        lines.append(t("picker_m.carry_left", pending=plan.left_pending, refused=plan.not_carried))
    return "\n".join(lines)


class MeetingPicker(Localized, ModalScreen[MeetingChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=False),
        # q goes back on every screen but the desk (a typed q stays in a field).
        Binding("q", "cancel", "q", show=False),
        key("t", "new('template')", "meeting_template"),
        key("k", "new('empty')", "meeting_empty"),
        key("d", "new('demo')", "meeting_demo"),
        key("m", "carry_over", "meeting_carry"),
    ]

    def __init__(self, context: DeskContext) -> None:
        """``context``: the database, the meeting and this desk's reviewer seat."""
        super().__init__()
        self.context = context
        self.meetings: tuple[MeetingSummary, ...] = ()

    def compose(self) -> ComposeResult:
        with DialogBody(classes="dialog picker"):
            yield Static(t("picker_m.title"), classes="dialog-title")
            yield Static(t("picker_m.help"), classes="dialog-subject")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("picker_m.open"), variant="primary", id="open", compact=True)
                yield Button(t("picker_m.template"), id="template", compact=True)
                yield Button(t("picker_m.empty"), id="empty", compact=True)
                yield Button(t("picker_m.demo"), id="demo", compact=True)
                yield Button(t("picker_m.carry"), id="carry", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        for label, width in (
            ("", 1),
            ("picker_m.col_title", 38),
            ("picker_m.col_kind", 22),
            ("picker_m.col_date", 17),
            ("picker_m.col_villages", 5),
            ("picker_m.col_proposals", 6),
            ("picker_m.col_note", 14),
        ):
            table.add_column(t(label) if label else "", width=width)
        self._fill()
        table.focus()

    def _fill(self) -> None:
        self.meetings = setup.list_meetings(self.context.db)
        table = self.query_one("#meetings", DataTable)
        table.clear()
        lang = i18n.get_language()
        for m in self.meetings:
            notes = []
            if m.is_demo:
                notes.append(t("picker_m.demo_mark"))
            if m.is_closed:
                notes.append(t("picker_m.closed_mark"))
            if m.origin_meeting_id:
                notes.append(t("picker_m.from_mark", id=m.origin_meeting_id))
            current = m.id == self.context.meeting_id
            table.add_row(
                "▶" if current else "",
                Text(m.title, style="bold" if current else ""),
                t(m.kind.label_key),
                format_date_plain(m.held_on, lang),
                Text(str(m.villages), justify="right"),
                Text(str(m.proposals), justify="right"),
                ", ".join(notes),
                key=str(m.id),
            )
            if current:
                table.move_cursor(row=table.row_count - 1, animate=False)

    @property
    def highlighted(self) -> MeetingSummary | None:
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((m for m in self.meetings if str(m.id) == row_key.value), None)

    # --- actions -----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#meetings")
    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        meeting = self.highlighted
        if meeting is not None:
            self.dismiss(MeetingChoice(meeting.id))

    @on(Button.Pressed, "#template,#empty,#demo")
    def _new_button(self, event: Button.Pressed) -> None:
        self.action_new(event.button.id or "")

    def action_new(self, choice: str) -> None:
        kind = NewMeeting(choice)
        try:
            meeting_id = create(self.context.db, kind)
        except (StoreError, DatabaseError) as exc:
            self.notify(refusal_text(exc), severity="error", timeout=8, markup=False)
            return
        self.dismiss(MeetingChoice(meeting_id, setup=kind.wants_setup))

    @on(Button.Pressed, "#carry")
    def action_carry_over(self) -> None:
        meeting = self.highlighted
        if meeting is None:
            return
        if meeting.kind is not MeetingKind.PRA_MUSRENBANG:
            self.notify(
                t("setup.not_pra_musrenbang", title=meeting.title),
                severity="warning",
                timeout=6,
                markup=False,
            )
            return
        try:
            plan = carry_over_plan(self.context.db, meeting.id)
        except (StoreError, DatabaseError) as exc:
            self.notify(refusal_text(exc), severity="error", timeout=8, markup=False)
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._carry_over(meeting.id, plan)

        self.app.push_screen(
            ConfirmDialog(
                t("picker_m.carry_title"), carry_over_text(plan), t("picker_m.carry_confirm")
            ),
            confirmed,
        )

    def _carry_over(self, meeting_id: int, plan: CarryOverPlan) -> None:
        try:
            carried = setup.start_musrenbang_kecamatan(
                self.context.db, meeting_id, reviewer_id=plan.reviewer_id
            )
        except (StoreError, DatabaseError) as exc:
            self.notify(refusal_text(exc), severity="error", timeout=8, markup=False)
            return
        self.notify(
            t(
                "picker_m.carried",
                title=plan.title,
                count=carried.proposals,
                amount=format_rupiah(carried.requested),
            ),
            timeout=8,
            markup=False,
        )
        self.dismiss(MeetingChoice(carried.meeting_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
