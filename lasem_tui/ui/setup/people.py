"""The setup screen's people and places: the villages (in their order of the day), the
strategic issues proposals are tagged with, the reviewers who take the keyboard, and the
delegates who sign the Berita Acara.

A mixin of ``SetupScreen`` (``screen.py``), kept apart so that neither grows past one
reading: each list's columns, its rows, and its add, edit, remove (and, for the
villages, move). Every change is one store command handed to the screen's
``_command`` (a removal, after ``ConfirmDialog``) or ``_open_dialog`` (a form), which
write it, say why when it is refused, and read the state back. Removing a village or
an issue that proposals still use says how many first, and takes them with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text

from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import setup, signing
from lasem_tui.store.errors import StoreError
from lasem_tui.store.setup.overview import SetupState
from lasem_tui.store.views import VillageRow
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.record_dialog import FieldSpec
from lasem_tui.ui.setup.cells import short
from lasem_tui.ui.widgets.labels import amount_cell, village_state_text
from lasem_tui.ui.widgets.setup.record_table import RecordTable

if TYPE_CHECKING:
    from lasem_tui.ui.setup.host import SetupHost as _Host
else:
    _Host = object

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
DELEGATE_COLUMNS = (
    ("signing.col_no", 4),
    ("signing.name", 30),
    ("signing.jabatan", 24),
    ("signing.institution", None),
)


class SetupPeople(_Host):
    """Villages, strategic issues, reviewers and delegates: shown, added, edited, removed."""

    # --- shown -------------------------------------------------------------------------

    def _show_people(self, state: SetupState, keep: Mapping[str, int | None]) -> None:
        """The villages, the issues and the reviewers, from the setup state just read."""
        self.query_one("#villages", RecordTable).show_rows(
            (
                (
                    v.id,
                    (
                        str(v.position),
                        v.code,
                        short(v.name, 16),
                        Text(
                            "-" if v.ceiling is None else format_rupiah(v.ceiling), justify="right"
                        ),
                        amount_cell(v.proposals),
                        village_state_text(v.state),
                        short(v.branding, 60),
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
        current = state.meeting.current_reviewer_id
        self.query_one("#reviewers", RecordTable).show_rows(
            (
                (r.id, (str(n), r.name, r.role, "▶" if r.id == current else ""))
                for n, r in enumerate(state.reviewers, start=1)
            ),
            keep.get("reviewers"),
        )

    def _show_delegates(self, keep: Mapping[str, int | None]) -> None:
        """The delegates, from the signing read with the setup state."""
        self.query_one("#delegates", RecordTable).show_rows(
            (
                (d.id, (str(n), d.name, d.jabatan, d.institution))
                for n, d in enumerate(self.delegates, start=1)
            ),
            keep.get("delegates"),
        )

    # --- changed -----------------------------------------------------------------------

    # villages

    def _village(self, village_id: int | None) -> VillageRow | None:
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
