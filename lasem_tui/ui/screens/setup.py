"""Setting up the current meeting: its fields, villages, strategic issues and reviewers.

Every change is one store command (which logs it, naming the reviewer at the
keyboard) made the moment a field is left or a dialog saved; a refusal is shown next
to the field and nothing is written. Removing anything asks first. The screen
dismisses with True when something changed, and the desk reloads.
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
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import setup
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ConflictError, StoreError
from lasem_tui.store.setup.overview import SetupState, setup_state
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.kamus.section import KamusSection
from lasem_tui.ui.refusals import refusal_field, refusal_text
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.record_dialog import FieldSpec, RecordDialog
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.labels import amount_cell, village_state_text
from lasem_tui.ui.widgets.setup.meeting_form import MeetingForm
from lasem_tui.ui.widgets.setup.record_table import RecordTable

if TYPE_CHECKING:
    from lasem_tui.ui.app import LasemApp

VILLAGE_COLUMNS = (
    ("setup_ui.col_no", 4),
    ("setup_ui.col_code", 14),
    ("setup_ui.col_village", 16),
    ("setup_ui.col_ceiling", 15),
    ("setup_ui.col_proposals", 6),
    ("setup_ui.col_state", 11),
    ("setup_ui.col_branding", None),
)
ISSUE_COLUMNS = (
    ("setup_ui.col_no", 4),
    ("setup_ui.col_code", 8),
    ("setup_ui.col_issue", None),
    ("setup_ui.col_tagged", 8),
)
REVIEWER_COLUMNS = (
    ("setup_ui.col_no", 4),
    ("setup_ui.col_name", 28),
    ("setup_ui.col_role", 24),
    ("setup_ui.col_keyboard", 10),
)
LISTS = ("villages", "issues", "reviewers")


def _columns(spec: tuple[tuple[str, int | None], ...]) -> list[tuple[str, int | None]]:
    return [(t(label), width) for label, width in spec]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class SetupScreen(Localized, Screen[bool]):
    CSS_PATH = Path(__file__).with_name("setup.tcss")

    BINDINGS = [
        key("escape", "close", "setup_close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state: SetupState | None = None
        self.changed = False
        self._leave_armed = False

    @property
    def lasem(self) -> LasemApp:
        return self.app  # type: ignore[return-value]

    @property
    def meeting_id(self) -> int:
        return self.lasem.meeting_id or 0

    @property
    def reviewer_id(self) -> int | None:
        return self.lasem.reviewer_id()

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.state = setup_state(self.lasem.db, self.meeting_id)
        yield Static(id="setup-title")
        with TabbedContent(id="setup-tabs"):
            with TabPane(t("setup_ui.tab_meeting"), id="tab-meeting"):
                yield MeetingForm(self.state.meeting, id="meeting-form")
            with TabPane(t("setup_ui.tab_villages"), id="tab-villages"):
                yield Static(t("setup_ui.villages_help"), classes="pane-help")
                yield RecordTable(_columns(VILLAGE_COLUMNS), movable=True, id="villages")
                yield from self._buttons("villages", movable=True)
            with TabPane(t("setup_ui.tab_issues"), id="tab-issues"):
                yield Static(t("setup_ui.issues_help"), classes="pane-help")
                yield RecordTable(_columns(ISSUE_COLUMNS), id="issues")
                yield from self._buttons("issues")
            with TabPane(t("setup_ui.tab_reviewers"), id="tab-reviewers"):
                yield Static(t("setup_ui.reviewers_help"), classes="pane-help")
                yield RecordTable(_columns(REVIEWER_COLUMNS), id="reviewers")
                yield from self._buttons("reviewers")
            section = KamusSection(self.lasem.db, self.meeting_id, id="kamus-section")
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

        self.query_one("#villages", RecordTable).show_rows(
            (
                (
                    v.id,
                    (
                        str(v.position),
                        v.code,
                        _short(v.name, 16),
                        Text(
                            "-" if v.ceiling is None else format_rupiah(v.ceiling), justify="right"
                        ),
                        amount_cell(v.proposals),
                        village_state_text(v.state),
                        _short(v.branding, 60),
                    ),
                )
                for v in state.villages
            ),
            keep.get("villages"),
        )
        self.query_one("#issues", RecordTable).show_rows(
            (
                (i.id, (str(n), i.code, i.name, amount_cell(i.proposals)))
                for n, i in enumerate(state.issues, start=1)
            ),
            keep.get("issues"),
        )
        current = meeting.current_reviewer_id
        self.query_one("#reviewers", RecordTable).show_rows(
            (
                (r.id, (str(n), r.name, r.role, "▶" if r.id == current else ""))
                for n, r in enumerate(state.reviewers, start=1)
            ),
            keep.get("reviewers"),
        )
        tabs = self.query_one("#setup-tabs", TabbedContent)
        for pane, label, count in (
            ("tab-villages", "setup_ui.tab_villages", len(state.villages)),
            ("tab-issues", "setup_ui.tab_issues", len(state.issues)),
            ("tab-reviewers", "setup_ui.tab_reviewers", len(state.reviewers)),
        ):
            tabs.get_tab(pane).label = f"{t(label)} ({count})"

    def _reload(self, **keep: int | None) -> None:
        self.state = setup_state(self.lasem.db, self.meeting_id)
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
                self.lasem.db,
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

    # villages

    def _village(self, village_id: int | None):  # type: ignore[no-untyped-def]
        state = self.state
        if state is None or village_id is None:
            return None
        return next((v for v in state.villages if v.id == village_id), None)

    def _edit_village(self, village_id: int | None) -> None:
        village = self._village(village_id)
        db, meeting_id, reviewer = self.lasem.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec("name", t("field.name"), village.name if village else "", max_length=100),
            FieldSpec(
                "code",
                t("field.code"),
                village.code if village else "",
                t("setup_ui.code_placeholder"),
            ),
            FieldSpec(
                "ceiling",
                t("setup_ui.village_ceiling"),
                format_rupiah(village.ceiling) if village and village.ceiling is not None else "",
                t("setup_ui.village_ceiling_placeholder"),
            ),
            FieldSpec("branding", t("field.branding"), village.branding if village else ""),
        ]
        if village is None:

            def save(values: Mapping[str, str]) -> object:
                return setup.add_village(
                    db,
                    meeting_id,
                    values["name"],
                    code=values["code"],
                    ceiling=values["ceiling"],
                    branding=values["branding"],
                    reviewer_id=reviewer,
                )

            self._open_dialog(t("setup_ui.village_add"), fields, save, "villages")
            return

        def update(values: Mapping[str, str]) -> object:
            setup.update_village(db, meeting_id, village.id, reviewer_id=reviewer, **values)
            return village.id

        self._open_dialog(t("setup_ui.village_edit", name=village.name), fields, update, "villages")

    def _remove_village(self, village_id: int | None) -> None:
        village = self._village(village_id)
        if village is None:
            return
        body = t("setup_ui.village_remove_body", name=village.name)
        if village.proposals:
            body += "\n" + t(
                "setup_ui.village_remove_proposals",
                count=village.proposals,
                amount=format_rupiah(village.requested),
            )

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: setup.remove_village(
                        self.lasem.db,
                        self.meeting_id,
                        village.id,
                        with_proposals=village.proposals > 0,
                        reviewer_id=self.reviewer_id,
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("setup_ui.village_remove_title", name=village.name),
                body,
                t("setup_ui.remove"),
                danger=True,
            ),
            confirmed,
        )

    def _move_village(self, village_id: int | None, step: int) -> None:
        state = self.state
        if state is None or village_id is None:
            return
        order = [v.id for v in state.villages]
        index = order.index(village_id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        self._command(
            lambda: setup.reorder_villages(
                self.lasem.db, self.meeting_id, order, reviewer_id=self.reviewer_id
            ),
            villages=village_id,
        )

    # strategic issues

    def _edit_issue(self, issue_id: int | None) -> None:
        state = self.state
        issue = next((i for i in state.issues if i.id == issue_id), None) if state else None
        db, meeting_id, reviewer = self.lasem.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec("code", t("field.code"), issue.code if issue else "", "ISU-1"),
            FieldSpec("name", t("setup_ui.issue_name"), issue.name if issue else ""),
        ]
        if issue is None:

            def save(values: Mapping[str, str]) -> object:
                return setup.add_issue(
                    db, meeting_id, values["name"], code=values["code"], reviewer_id=reviewer
                )

            self._open_dialog(t("setup_ui.issue_add"), fields, save, "issues")
            return

        def update(values: Mapping[str, str]) -> object:
            setup.rename_issue(
                db, meeting_id, issue.id, values["name"], code=values["code"], reviewer_id=reviewer
            )
            return issue.id

        self._open_dialog(t("setup_ui.issue_edit"), fields, update, "issues")

    def _remove_issue(self, issue_id: int | None) -> None:
        state = self.state
        issue = next((i for i in state.issues if i.id == issue_id), None) if state else None
        if issue is None:
            return
        body = t("setup_ui.issue_remove_body", name=issue.name)
        if issue.proposals:
            body += "\n" + t("setup_ui.issue_remove_tags", count=issue.proposals)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: setup.remove_issue(
                        self.lasem.db,
                        self.meeting_id,
                        issue.id,
                        with_links=issue.proposals > 0,
                        reviewer_id=self.reviewer_id,
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("setup_ui.issue_remove_title"), body, t("setup_ui.remove"), danger=True
            ),
            confirmed,
        )

    # reviewers

    def _edit_reviewer(self, reviewer_id: int | None) -> None:
        state = self.state
        person = next((r for r in state.reviewers if r.id == reviewer_id), None) if state else None
        db, meeting_id, acting = self.lasem.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec("name", t("field.name"), person.name if person else "", max_length=200),
            FieldSpec("role", t("field.role"), person.role if person else "", "BAPPEDA"),
        ]
        if person is None:

            def save(values: Mapping[str, str]) -> object:
                if not values["name"].strip():
                    raise StoreError("setup.required", field="name")
                return setup.add_reviewer(
                    db, meeting_id, values["name"], values["role"], reviewer_id=acting
                )

            self._open_dialog(t("setup_ui.reviewer_add"), fields, save, "reviewers")
            return

        def update(values: Mapping[str, str]) -> object:
            setup.rename_reviewer(
                db, meeting_id, person.id, values["name"], role=values["role"], reviewer_id=acting
            )
            return person.id

        self._open_dialog(t("setup_ui.reviewer_edit"), fields, update, "reviewers")

    def _remove_reviewer(self, reviewer_id: int | None) -> None:
        state = self.state
        person = next((r for r in state.reviewers if r.id == reviewer_id), None) if state else None
        if person is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: setup.remove_reviewer(
                        self.lasem.db, self.meeting_id, person.id, reviewer_id=self.reviewer_id
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("setup_ui.reviewer_remove_title"),
                t("setup_ui.reviewer_remove_body", name=person.name),
                t("setup_ui.remove"),
                danger=True,
            ),
            confirmed,
        )

    # --- leaving -----------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the desk; a field still being typed in is saved first."""
        form = self.query_one("#meeting-form", MeetingForm)
        pending = form.pending_edit()
        if pending is not None and not self._leave_armed and not self._save_field(pending):
            self._leave_armed = True
            self.notify(t("setup_ui.unsaved"), severity="warning", markup=False)
            return
        self.dismiss(self.changed)
