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
from lasem_tui.domain.scoring import Criterion
from lasem_tui.i18n import t
from lasem_tui.store import fit_queries, setup, signing
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ConflictError, StoreError
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.setup import scoring
from lasem_tui.store.setup.overview import SetupState, setup_state
from lasem_tui.store.signing import DelegateRow, SignatoryRow
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.kamus.section import KamusSection
from lasem_tui.ui.refusals import refusal_field, refusal_text
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.record_dialog import FieldSpec, RecordDialog
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.labels import amount_cell, village_state_text
from lasem_tui.ui.widgets.setup.meeting_form import MeetingForm
from lasem_tui.ui.widgets.setup.record_table import RecordTable
from lasem_tui.ui.widgets.setup.signing_form import SigningForm

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext

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
CRITERION_COLUMNS = (
    ("setup.col_criterion", 34),
    ("setup.col_weight", 6),
    ("setup.col_levels", 70),
)
AGENCY_COLUMNS = (
    ("setup.col_agency", 40),
    ("setup.col_agency_ceiling", 18),
    ("setup_ui.col_state", 50),
)
DELEGATE_COLUMNS = (
    ("signing.col_no", 4),
    ("signing.name", 30),
    ("signing.jabatan", 24),
    ("signing.institution", None),
)
LISTS = ("villages", "issues", "reviewers", "criteria", "agencies", "delegates")


def _columns(spec: tuple[tuple[str, int | None], ...]) -> list[tuple[str, int | None]]:
    return [(t(label), width) for label, width in spec]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class SetupScreen(Localized, Screen[bool]):
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
            with TabPane(t("setup.section_criteria"), id="tab-criteria"):
                yield Static("", classes="pane-help", id="criteria-help")
                yield RecordTable(_columns(CRITERION_COLUMNS), movable=True, id="criteria")
                yield from self._buttons("criteria", movable=True)
            with TabPane(t("setup.section_agencies"), id="tab-agencies"):
                yield RecordTable(_columns(AGENCY_COLUMNS), id="agencies")
                yield from self._buttons("agencies")
            with TabPane(t("signing.section"), id="tab-signing"):
                yield Static(t("signing.help"), classes="pane-help")
                yield SigningForm(self.signers, id="signing-form")
            with TabPane(t("signing.delegates"), id="tab-delegates"):
                yield Static(t("signing.delegates_help"), classes="pane-help")
                yield RecordTable(_columns(DELEGATE_COLUMNS), id="delegates")
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
        self._show_fit_setup(keep)
        self.query_one("#delegates", RecordTable).show_rows(
            (
                (d.id, (str(n), d.name, d.jabatan, d.institution))
                for n, d in enumerate(self.delegates, start=1)
            ),
            keep.get("delegates"),
        )
        tabs = self.query_one("#setup-tabs", TabbedContent)
        for pane, label, count in (
            ("tab-villages", "setup_ui.tab_villages", len(state.villages)),
            ("tab-issues", "setup_ui.tab_issues", len(state.issues)),
            ("tab-reviewers", "setup_ui.tab_reviewers", len(state.reviewers)),
            ("tab-delegates", "signing.delegates", len(self.delegates)),
        ):
            tabs.get_tab(pane).label = f"{t(label)} ({count})"

    def _show_fit_setup(self, keep: Mapping[str, int | None]) -> None:
        """The scoring criteria and the OPD ceilings (read apart from the setup state)."""
        with self.context.db.read() as session:
            self.criteria = fit_queries.criteria(session, self.meeting_id)
            self.agencies = fit_queries.agency_tally(session, self.meeting_id)
        self.query_one("#criteria-help", Static).update(
            "" if self.criteria else t("setup.no_criteria")
        )
        self.query_one("#criteria", RecordTable).show_rows(
            (
                (
                    c.id,
                    (
                        _short(c.name, 34),
                        Text(str(c.weight), justify="right"),
                        " · ".join(f"{n}: {label}" for n, label in enumerate(c.labels, 1) if label),
                    ),
                )
                for c in self.criteria
            ),
            keep.get("criteria"),
        )
        self.query_one("#agencies", RecordTable).show_rows(
            (
                (
                    index,
                    (
                        _short(a.agency, 40),
                        Text(format_rupiah(a.ceiling), justify="right"),
                        Text(
                            t(
                                "agency.state_over" if a.is_over else "agency.state",
                                approved=format_rupiah(a.approved),
                                left=format_rupiah(a.remaining),
                                over=format_rupiah(a.over),
                            ),
                            style="bold red" if a.is_over else "",
                        ),
                    ),
                )
                for index, a in enumerate(self.agencies, start=1)
            ),
            keep.get("agencies"),
        )

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

    # villages

    def _village(self, village_id: int | None):  # type: ignore[no-untyped-def]
        state = self.state
        if state is None or village_id is None:
            return None
        return next((v for v in state.villages if v.id == village_id), None)

    def _edit_village(self, village_id: int | None) -> None:
        village = self._village(village_id)
        db, meeting_id, reviewer = self.context.db, self.meeting_id, self.reviewer_id
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
                        self.context.db,
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
                self.context.db, self.meeting_id, order, reviewer_id=self.reviewer_id
            ),
            villages=village_id,
        )

    # strategic issues

    def _edit_issue(self, issue_id: int | None) -> None:
        state = self.state
        issue = next((i for i in state.issues if i.id == issue_id), None) if state else None
        db, meeting_id, reviewer = self.context.db, self.meeting_id, self.reviewer_id
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
                        self.context.db,
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
        db, meeting_id, acting = self.context.db, self.meeting_id, self.reviewer_id
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
                        self.context.db, self.meeting_id, person.id, reviewer_id=self.reviewer_id
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

    # scoring criteria

    def _edit_criterion(self, criterion_id: int | None) -> None:
        criterion = next((c for c in self.criteria if c.id == criterion_id), None)
        db, meeting_id, reviewer = self.context.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec(
                "name",
                t("setup.criterion_name"),
                criterion.name if criterion else "",
                max_length=200,
            ),
            FieldSpec(
                "weight", t("setup.criterion_weight"), str(criterion.weight) if criterion else "10"
            ),
        ] + [
            FieldSpec(
                f"level{n}",
                t("setup.criterion_level", level=n),
                criterion.labels[n - 1] if criterion else "",
                max_length=scoring.LABEL_LIMIT,
            )
            for n in range(1, 6)
        ]

        def labels(values: Mapping[str, str]) -> list[str]:
            return [values[f"level{n}"] for n in range(1, 6)]

        if criterion is None:

            def save(values: Mapping[str, str]) -> object:
                return scoring.add_criterion(
                    db,
                    meeting_id,
                    values["name"],
                    values["weight"],
                    labels(values),
                    reviewer_id=reviewer,
                )

            self._open_dialog(t("setup.criterion_title_add"), fields, save, "criteria")
            return

        def update(values: Mapping[str, str]) -> object:
            scoring.update_criterion(
                db,
                meeting_id,
                criterion.id,
                name=values["name"],
                weight=values["weight"],
                labels=labels(values),
                reviewer_id=reviewer,
            )
            return criterion.id

        self._open_dialog(t("setup.criterion_title_edit"), fields, update, "criteria")

    def _remove_criterion(self, criterion_id: int | None) -> None:
        criterion = next((c for c in self.criteria if c.id == criterion_id), None)
        if criterion is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: scoring.remove_criterion(
                        self.context.db, self.meeting_id, criterion.id, reviewer_id=self.reviewer_id
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("setup.section_criteria"),
                t("setup.remove_criterion", name=criterion.name),
                t("setup_ui.remove"),
                danger=True,
            ),
            confirmed,
        )

    def _move_criterion(self, criterion_id: int | None, step: int) -> None:
        if criterion_id is None:
            return
        self._command(
            lambda: scoring.move_criterion(
                self.context.db, self.meeting_id, criterion_id, step, reviewer_id=self.reviewer_id
            ),
            criteria=criterion_id,
        )

    # OPD ceilings (the table's record ids are positions: an OPD is known by its name)

    def _agency(self, index: int | None):  # type: ignore[no-untyped-def]
        if index is None or not 1 <= index <= len(self.agencies):
            return None
        return self.agencies[index - 1]

    def _edit_agency(self, index: int | None) -> None:
        agency = self._agency(index)
        db, meeting_id, reviewer = self.context.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec(
                "agency", t("setup.agency_name"), agency.agency if agency else "", max_length=200
            ),
            FieldSpec(
                "ceiling", t("setup.agency_amount"), format_rupiah(agency.ceiling) if agency else ""
            ),
        ]

        def save(values: Mapping[str, str]) -> object:
            if agency is not None and values["agency"].strip() != agency.agency:
                scoring.rename_agency_ceiling(
                    db, meeting_id, agency.agency, values["agency"], reviewer_id=reviewer
                )
            if not values["ceiling"].strip() and agency is None:
                raise StoreError("setup.required", field="ceiling")
            scoring.set_agency_ceiling(
                db, meeting_id, values["agency"], values["ceiling"], reviewer_id=reviewer
            )
            return index

        title = t("setup.agency_title_edit" if agency else "setup.agency_title_add")
        self._open_dialog(title, fields, save, "agencies")

    def _remove_agency(self, index: int | None) -> None:
        agency = self._agency(index)
        if agency is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: scoring.set_agency_ceiling(
                        self.context.db,
                        self.meeting_id,
                        agency.agency,
                        "",
                        reviewer_id=self.reviewer_id,
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("setup.section_agencies"),
                t("setup.remove_agency", name=agency.agency),
                t("setup_ui.remove"),
                danger=True,
            ),
            confirmed,
        )

    # delegates

    def _edit_delegate(self, delegate_id: int | None) -> None:
        person = next((d for d in self.delegates if d.id == delegate_id), None)
        db, meeting_id, acting = self.context.db, self.meeting_id, self.reviewer_id
        fields = [
            FieldSpec("name", t("signing.name"), person.name if person else "", max_length=200),
            FieldSpec("jabatan", t("signing.jabatan"), person.jabatan if person else ""),
            FieldSpec(
                "institution", t("signing.institution"), person.institution if person else ""
            ),
        ]
        if person is None:

            def save(values: Mapping[str, str]) -> object:
                return signing.add_delegate(db, meeting_id, reviewer_id=acting, **values)

            self._open_dialog(t("signing.delegate_add"), fields, save, "delegates")
            return

        def update(values: Mapping[str, str]) -> object:
            signing.update_delegate(db, meeting_id, person.id, reviewer_id=acting, **values)
            return person.id

        self._open_dialog(t("signing.delegate_edit"), fields, update, "delegates")

    def _remove_delegate(self, delegate_id: int | None) -> None:
        person = next((d for d in self.delegates if d.id == delegate_id), None)
        if person is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._command(
                    lambda: signing.remove_delegate(
                        self.context.db, self.meeting_id, person.id, reviewer_id=self.reviewer_id
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                t("signing.delegate_remove_title"),
                t("signing.delegate_remove_body", name=person.name),
                t("setup_ui.remove"),
                danger=True,
            ),
            confirmed,
        )

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
