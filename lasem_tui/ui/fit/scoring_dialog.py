"""``k``: score the highlighted proposal against the meeting's criteria.

One row per criterion; ↑/↓ pick a row, a digit 1-5 sets its level (0 clears it), and the
weighted score updates as you type. Enter saves in one transaction with its event;
the dialog dismisses with the proposal as committed (None when cancelled).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from lasem_tui.domain.scoring import Criterion, weighted_score
from lasem_tui.i18n import t
from lasem_tui.store import fit as fit_commands
from lasem_tui.store import fit_queries
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody


class ScoringDialog(ModalScreen[ProposalRow | None]):
    CSS_PATH = Path(__file__).with_name("fit.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Esc"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("enter", "save", show=False, priority=True),
        *(Binding(str(d), f"level({d})", show=False) for d in range(6)),
    ]

    def __init__(
        self, db: Database, meeting_id: int, reviewer_id: int | None, proposal: ProposalRow
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self.proposal = proposal
        with db.read() as session:
            self.criteria: tuple[Criterion, ...] = fit_queries.criteria(session, meeting_id)
            self.levels: dict[int, int] = fit_queries.levels(session, proposal.id)
        self.current = 0

    def compose(self) -> ComposeResult:
        p = self.proposal
        with DialogBody(classes="dialog fit-dialog"):
            yield Static(Text(t("score.title", ref=p.ref, title=p.title)), classes="dialog-title")
            yield Static(t("score.hint"), classes="score-hint")
            if not self.criteria:
                yield Static(t("fit.no_criteria"), classes="dialog-subject")
            for index, _criterion in enumerate(self.criteria):
                yield Static("", id=f"criterion-{index}", classes="score-row")
            yield Static("", id="score-total", classes="score-total")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("score.save"), variant="primary", id="save")
                yield Button(t("score.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).disabled = not self.criteria
        self._show()

    @property
    def score(self) -> int | None:
        return weighted_score(self.criteria, self.levels)

    def _row_text(self, criterion: Criterion) -> Text:
        level = self.levels.get(criterion.id)
        dots = "".join("●" if level and n <= level else "○" for n in range(1, 6))
        label = criterion.labels[level - 1] if level else ""
        weight = t("score.weight", weight=criterion.weight)
        return Text(f"{criterion.name[:40]:<40} {weight:>9}  {dots} {level or '-'} {label}")

    def _show(self) -> None:
        for index, criterion in enumerate(self.criteria):
            row = self.query_one(f"#criterion-{index}", Static)
            row.update(self._row_text(criterion))
            row.set_class(index == self.current, "-current")
        score = self.score
        total = t("score.none") if score is None else t("score.total", score=score)
        self.query_one("#score-total", Static).update(total)

    def action_move(self, step: int) -> None:
        if self.criteria:
            self.current = (self.current + step) % len(self.criteria)
            self._show()

    def action_level(self, level: int) -> None:
        if not self.criteria:
            return
        criterion = self.criteria[self.current]
        if level == 0:
            self.levels.pop(criterion.id, None)
        else:
            self.levels[criterion.id] = level
            # Rating one criterion moves on to the next, as a form would.
            self.current = min(self.current + 1, len(self.criteria) - 1)
        self._show()

    def action_save(self) -> None:
        if not self.criteria:
            return
        try:
            row = fit_commands.set_score(
                self.db,
                self.meeting_id,
                self.proposal.id,
                self.levels,
                reviewer_id=self.reviewer_id,
                expected_version=self.proposal.version,
            )
        except (StoreError, DatabaseError) as exc:
            label = self.query_one("#dialog-error", Label)
            label.update(refusal_text(exc))
            label.set_class(True, "-shown")
            return
        self.dismiss(row)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
