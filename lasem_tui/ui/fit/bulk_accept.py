"""``A`` (in the fit view): accept as requested every pending proposal above the pagu
line, after a confirmation that lists them and their total.

The list shown is the fit read when the dialog opened; the store computes it again in
its transaction and refuses if another desk moved the line meanwhile. Dismisses with
the accepted proposals as committed (one step: one undo takes them all back), or None.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from lasem_tui.domain.fit import Fit, FitOrder
from lasem_tui.domain.money import format_number, format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import fit as fit_commands
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody


class BulkAcceptDialog(ModalScreen[tuple[ProposalRow, ...] | None]):
    CSS_PATH = Path(__file__).with_name("fit.tcss")
    BINDINGS = [Binding("escape", "cancel", "Esc"), Binding("enter", "confirm", show=False)]

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        reviewer_id: int | None,
        village_id: int,
        order: FitOrder = FitOrder.PRIORITY,
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self.village_id = village_id
        self.order = order
        with db.read() as session:
            self.fit: Fit = fit_queries.village_fit(session, meeting_id, village_id, order)
            self.versions = {
                p.id: p.version
                for p in queries.proposals_of_village(session, village_id)
                if self.fit.is_above(p.id)
            }

    def compose(self) -> ComposeResult:
        above = self.fit.above
        with DialogBody(classes="dialog fit-dialog"):
            yield Static(t("bulk.title", count=len(above)), classes="dialog-title")
            lines = Text()
            for row in above:
                c = row.candidate
                lines.append(f"{c.ref:<7} {c.title[:48]:<48} {format_number(c.requested):>14}\n")
            yield Static(lines, id="bulk-list")
            left = self.fit.left_after_above
            total = format_rupiah(self.fit.above_total)
            text = (
                t("bulk.total_no_ceiling", amount=total)
                if left is None
                else t("bulk.total", amount=total, left=format_rupiah(left))
            )
            yield Static(text, id="bulk-total", classes="score-total")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("bulk.confirm"), variant="primary", id="confirm")
                yield Button(t("bulk.cancel"), id="cancel")

    def on_mount(self) -> None:
        if not self.fit.above:
            self.query_one("#confirm", Button).disabled = True
            self._refuse(t("fit.nothing_above"))

    def _refuse(self, text: str) -> None:
        label = self.query_one("#dialog-error", Label)
        label.update(Text(text))
        label.set_class(True, "-shown")

    def action_confirm(self) -> None:
        if not self.fit.above:
            return
        try:
            rows = fit_commands.accept_above_line(
                self.db,
                self.meeting_id,
                self.village_id,
                self.order,
                reviewer_id=self.reviewer_id,
                expected=self.versions,
            )
        except (StoreError, DatabaseError) as exc:
            self._refuse(refusal_text(exc))
            return
        self.dismiss(rows)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
