"""The setup screen's lists that fitting to the pagu reads: the scoring criteria (each
with its weight and five level labels, in order) and the OPD ceilings, each shown with
what is approved against it and what is left or over.

A mixin of ``SetupScreen`` (``screen.py``), kept apart so that neither grows past one
reading. These two are read apart from the setup state (``store.fit_queries``), each
time the screen shows its state. Every change is one store command (``store.setup.
scoring``) handed to the screen's ``_command`` (a removal, after ``ConfirmDialog``) or
``_open_dialog`` (a form), which write it, say why when it is refused, and read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import fit_queries
from lasem_tui.store.errors import StoreError
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.setup import scoring
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.record_dialog import FieldSpec
from lasem_tui.ui.setup.cells import short
from lasem_tui.ui.widgets.setup.record_table import RecordTable

if TYPE_CHECKING:
    from lasem_tui.ui.setup.host import SetupHost as _Host
else:
    _Host = object

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


class SetupFitLists(_Host):
    """The scoring criteria and the OPD ceilings: shown, added, edited, removed, moved."""

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
                        short(c.name, 34),
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
                        short(a.agency, 40),
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

    def _agency(self, index: int | None) -> AgencyFigures | None:
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
