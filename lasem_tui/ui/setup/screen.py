"""Setting up the current meeting: its fields, villages, strategic issues and reviewers.

Every change is one store command (which logs it, naming the reviewer at the
keyboard) made the moment a field is left or a dialog saved; a refusal is shown next
to the field and nothing is written. Removing anything asks first. The screen
dismisses with True when something changed, and the desk reloads.

This module holds the layout, the state shown, the meeting's fields and the
signatories, the dispatch from a list's key or button to its handler, and leaving. The
lists themselves are mixins, each in its own module so that none grows past one
reading: ``people`` (villages, issues, reviewers, delegates) and ``fit_lists`` (scoring
criteria, OPD ceilings); ``host`` types what they use of this screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Static, TabbedContent, TabPane

from lasem_tui import i18n
from lasem_tui.domain.dates import format_clock, format_date_long, local
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.scoring import Criterion
from lasem_tui.i18n import t
from lasem_tui.store import setup, signing
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ConflictError, StoreError
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.setup.overview import SetupState, setup_state
from lasem_tui.store.signing import DelegateRow, SignatoryRow
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.kamus.section import KamusSection
from lasem_tui.ui.refusals import refusal_field, refusal_text
from lasem_tui.ui.screens.record_dialog import FieldSpec, RecordDialog
from lasem_tui.ui.setup.cells import columns
from lasem_tui.ui.setup.fit_lists import AGENCY_COLUMNS, CRITERION_COLUMNS, SetupFitLists
from lasem_tui.ui.setup.people import (
    DELEGATE_COLUMNS,
    ISSUE_COLUMNS,
    REVIEWER_COLUMNS,
    VILLAGE_COLUMNS,
    SetupPeople,
)
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.setup.meeting_form import MeetingForm
from lasem_tui.ui.widgets.setup.record_table import RecordTable
from lasem_tui.ui.widgets.setup.signing_form import SigningForm

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext

LISTS = ("villages", "issues", "reviewers", "criteria", "agencies", "delegates")


class SetupScreen(SetupPeople, SetupFitLists, Localized, Screen[bool]):
    CSS_PATH = Path(__file__).with_name("setup.tcss")

    BINDINGS = [
        key("escape", "close", "setup_close"),
    ]

    def __init__(self, context: DeskContext) -> None:
        """``context``: the database, the meeting and this desk's reviewer seat."""
        super().__init__()
        self.context = context
        self.state: SetupState | None = None
        self.signers: dict[str, SignatoryRow] = {}
        self.delegates: tuple[DelegateRow, ...] = ()
        self.changed = False
        self._leave_armed = False
        self.criteria: tuple[Criterion, ...] = ()
        self.agencies: tuple[AgencyFigures, ...] = ()

    @property
    def meeting_id(self) -> int:
        return self.context.meeting_id

    @property
    def reviewer_id(self) -> int | None:
        return self.context.reviewer_id

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.state = setup_state(self.context.db, self.meeting_id)
        self.signers, self.delegates = signing.read_signing(self.context.db, self.meeting_id)
        yield Static(id="setup-title")
        with TabbedContent(id="setup-tabs"):
            with TabPane(t("setup_ui.tab_meeting"), id="tab-meeting"):
                yield MeetingForm(self.state.meeting, id="meeting-form")
            with TabPane(t("setup_ui.tab_villages"), id="tab-villages"):
                yield Static(t("setup_ui.villages_help"), classes="pane-help")
                yield RecordTable(columns(VILLAGE_COLUMNS), movable=True, id="villages")
                yield from self._buttons("villages", movable=True)
            with TabPane(t("setup_ui.tab_issues"), id="tab-issues"):
                yield Static(t("setup_ui.issues_help"), classes="pane-help")
                yield RecordTable(columns(ISSUE_COLUMNS), id="issues")
                yield from self._buttons("issues")
            with TabPane(t("setup_ui.tab_reviewers"), id="tab-reviewers"):
                yield Static(t("setup_ui.reviewers_help"), classes="pane-help")
                yield RecordTable(columns(REVIEWER_COLUMNS), id="reviewers")
                yield from self._buttons("reviewers")
            with TabPane(t("setup.section_criteria"), id="tab-criteria"):
                yield Static("", classes="pane-help", id="criteria-help")
                yield RecordTable(columns(CRITERION_COLUMNS), movable=True, id="criteria")
                yield from self._buttons("criteria", movable=True)
            with TabPane(t("setup.section_agencies"), id="tab-agencies"):
                yield RecordTable(columns(AGENCY_COLUMNS), id="agencies")
                yield from self._buttons("agencies")
            with TabPane(t("signing.section"), id="tab-signing"):
                yield Static(t("signing.help"), classes="pane-help")
                yield SigningForm(self.signers, id="signing-form")
            with TabPane(t("signing.delegates"), id="tab-delegates"):
                yield Static(t("signing.delegates_help"), classes="pane-help")
                yield RecordTable(columns(DELEGATE_COLUMNS), id="delegates")
                yield from self._buttons("delegates")
            section = KamusSection(self.context.db, self.meeting_id, id="kamus-section")
            label = f"{t('kamus.setup_section')} ({len(section.entries)})"
            with TabPane(label, id="tab-kamus"):
                yield section
        yield KeyFooter(show_command_palette=False)

    def _buttons(self, table: str, *, movable: bool = False) -> ComposeResult:
        verbs = ["add", "edit", "remove"] + (["up", "down"] if movable else [])
        with Horizontal(classes="pane-buttons"):
            for verb in verbs:
                yield Button(
                    t(f"setup_ui.button_{verb}"),
                    id=f"{table}-{verb}",
                    variant="error" if verb == "remove" else "default",
                    compact=True,
                )

    def on_mount(self) -> None:
        self._show_state()

    def _show_state(self, keep: Mapping[str, int | None] | None = None) -> None:
        state = self.state
        if state is None:
            return
        keep = keep or {}
        meeting = state.meeting
        kind = t(MeetingKind(meeting.kind).label_key) if meeting.kind in set(MeetingKind) else ""
        title = Text.assemble(
            (t("setup_ui.title"), "bold"),
            "  ",
            (meeting.title, "bold"),
            f"  ·  {kind}  ·  {format_date_long(meeting.held_on, i18n.get_language())}",
        )
        if meeting.is_demo:
            title.append(f"  {t('demo_data')}", style="bold reverse")
        self.query_one("#setup-title", Static).update(title)

        self._show_people(state, keep)
        self._show_fit_setup(keep)
        self._show_delegates(keep)
        tabs = self.query_one("#setup-tabs", TabbedContent)
        for pane, label, count in (
            ("tab-villages", "setup_ui.tab_villages", len(state.villages)),
            ("tab-issues", "setup_ui.tab_issues", len(state.issues)),
            ("tab-reviewers", "setup_ui.tab_reviewers", len(state.reviewers)),
            ("tab-delegates", "signing.delegates", len(self.delegates)),
        ):
            tabs.get_tab(pane).label = f"{t(label)} ({count})"

    def _reload(self, **keep: int | None) -> None:
        self.state = setup_state(self.context.db, self.meeting_id)
        self.signers, self.delegates = signing.read_signing(self.context.db, self.meeting_id)
        self._show_state(keep)

    # --- the meeting's fields ----------------------------------------------------------

    @on(MeetingForm.FieldEdited)
    def _field_edited(self, message: MeetingForm.FieldEdited) -> None:
        self._save_field(message)

    def _save_field(self, message: MeetingForm.FieldEdited) -> bool:
        state = self.state
        if state is None:
            return False
        form = self.query_one("#meeting-form", MeetingForm)
        try:
            meeting = setup.update_meeting(
                self.context.db,
                self.meeting_id,
                reviewer_id=self.reviewer_id,
                expected_version=state.meeting.version,
                **{message.name: message.value},
            )
        except ConflictError as exc:
            when = format_clock(local(exc.when)) if exc.when else "?"
            self._reload()
            if self.state is not None:
                form.show_meeting(self.state.meeting)
            form.show_error(message.name, t("setup_ui.conflict", who=exc.who or "?", when=when))
            return False
        except (StoreError, DatabaseError) as exc:
            named = refusal_field(exc)
            text = refusal_text(exc)
            if named and named != message.name and i18n.has(f"field.{named}"):
                text = f"{t(f'field.{named}')}: {text}"
            form.show_error(message.name, text)
            form.revert(message.name)
            return False
        self.changed = True
        self._leave_armed = False
        self.state = replace(state, meeting=meeting)
        form.show_meeting(meeting)
        self._show_state()
        if message.submitted:
            self.focus_next()
        return True

    # --- the signatories ----------------------------------------------------------------

    @on(SigningForm.SignatoryEdited)
    def _signatory_edited(self, message: SigningForm.SignatoryEdited) -> None:
        self._save_signatory(message)

    def _save_signatory(self, message: SigningForm.SignatoryEdited) -> bool:
        form = self.query_one("#signing-form", SigningForm)
        try:
            signing.set_signatory(
                self.context.db,
                self.meeting_id,
                message.role,
                reviewer_id=self.reviewer_id,
                **message.values,
            )
        except (StoreError, DatabaseError) as exc:
            form.show_error(message.role, refusal_text(exc))
            return False
        self.changed = True
        self._leave_armed = False
        self.signers, self.delegates = signing.read_signing(self.context.db, self.meeting_id)
        form.show_signatories(self.signers)
        if message.submitted:
            self.focus_next()
        return True

    # --- the lists ---------------------------------------------------------------------

    @on(RecordTable.RecordAction)
    def _record_action(self, message: RecordTable.RecordAction) -> None:
        self._act(message.table.id or "", message.verb, message.record_id)

    @on(Button.Pressed, ".pane-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        table_id, _, verb = (event.button.id or "").partition("-")
        table = self.query_one(f"#{table_id}", RecordTable)
        table.focus()
        if verb == "add" or table.current_id is not None:
            self._act(table_id, verb, table.current_id)

    def _act(self, table: str, verb: str, record_id: int | None) -> None:
        handlers: dict[tuple[str, str], Callable[[int | None], None]] = {
            ("villages", "add"): lambda _: self._edit_village(None),
            ("villages", "edit"): self._edit_village,
            ("villages", "remove"): self._remove_village,
            ("villages", "up"): lambda rid: self._move_village(rid, -1),
            ("villages", "down"): lambda rid: self._move_village(rid, 1),
            ("issues", "add"): lambda _: self._edit_issue(None),
            ("issues", "edit"): self._edit_issue,
            ("issues", "remove"): self._remove_issue,
            ("reviewers", "add"): lambda _: self._edit_reviewer(None),
            ("reviewers", "edit"): self._edit_reviewer,
            ("reviewers", "remove"): self._remove_reviewer,
            ("delegates", "add"): lambda _: self._edit_delegate(None),
            ("delegates", "edit"): self._edit_delegate,
            ("delegates", "remove"): self._remove_delegate,
            ("criteria", "add"): lambda _: self._edit_criterion(None),
            ("criteria", "edit"): self._edit_criterion,
            ("criteria", "remove"): self._remove_criterion,
            ("criteria", "up"): lambda rid: self._move_criterion(rid, -1),
            ("criteria", "down"): lambda rid: self._move_criterion(rid, 1),
            ("agencies", "add"): lambda _: self._edit_agency(None),
            ("agencies", "edit"): self._edit_agency,
            ("agencies", "remove"): self._remove_agency,
        }
        handler = handlers.get((table, verb))
        if handler is not None:
            handler(record_id)

    def _command(self, run: Callable[[], object], **keep: int | None) -> bool:
        """Run a command that has no field to show an error by; say why when refused."""
        try:
            run()
        except (StoreError, DatabaseError) as exc:
            self.notify(refusal_text(exc), severity="error", timeout=8, markup=False)
            return False
        self.changed = True
        self._reload(**keep)
        return True

    def _open_dialog(
        self,
        title: str,
        fields: list[FieldSpec],
        save: Callable[[Mapping[str, str]], object],
        table: str,
    ) -> None:
        saved: dict[str, int | None] = {}

        def run(values: Mapping[str, str]) -> None:
            result = save(values)
            saved[table] = result if isinstance(result, int) else None

        def done(ok: bool | None) -> None:
            if ok:
                self.changed = True
                self._reload(**saved)
            self.query_one(f"#{table}", RecordTable).focus()

        self.app.push_screen(RecordDialog(title, fields, run), done)

    # --- leaving -----------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the desk; a field still being typed in is saved first."""
        signing_pending = self.query_one("#signing-form", SigningForm).pending_edit()
        if (
            signing_pending is not None
            and not self._leave_armed
            and not self._save_signatory(signing_pending)
        ):
            self._leave_armed = True
            self.notify(t("setup_ui.unsaved"), severity="warning", markup=False)
            return
        form = self.query_one("#meeting-form", MeetingForm)
        pending = form.pending_edit()
        if pending is not None and not self._leave_armed and not self._save_field(pending):
            self._leave_armed = True
            self.notify(t("setup_ui.unsaved"), severity="warning", markup=False)
            return
        self.dismiss(self.changed)
