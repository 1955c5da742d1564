"""Type a proposal's coordinates (the detail panel's point), as one logged command.

Standalone like the kamus picker: it gets the database, the meeting, the reviewer and
the proposal, takes "-6.6921, 111.4472" (or decimal commas), and dismisses with the
stored ``(latitude, longitude)``, ``(None, None)`` when cleared, or ``None`` on Esc.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from lasem_tui.domain import geo
from lasem_tui.i18n import t
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.location import set_location
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput

Point = tuple[float | None, float | None]


class LocationDialog(ModalScreen[Point | None]):
    BINDINGS = [Binding("escape", "cancel", "Esc", show=True)]

    def __init__(
        self, db: Database, meeting_id: int, reviewer_id: int | None, proposal: ProposalRow
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        p = self.proposal
        with DialogBody():
            yield Static(Text(f"{t('geo.location')}: {p.title}"), classes="dialog-title")
            yield Static(Text(p.location), classes="dialog-subject")
            shown = "" if p.latitude is None else geo.format_point(p.latitude, p.longitude)
            yield TextInput(value=shown, placeholder="-6.6921, 111.4472", id="point")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save"), variant="primary", id="save")
                yield Button(t("cancel"), id="cancel")

    @on(Input.Submitted, "#point")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#point", Input).value.strip()
        label = self.query_one("#dialog-error", Label)
        try:
            point: Point = geo.parse_koordinat(text) if text else (None, None)
            set_location(
                self.db,
                self.meeting_id,
                self.proposal.id,
                point[0],
                point[1],
                reviewer_id=self.reviewer_id,
            )
        except geo.CoordinateError:
            label.update(Text(t("import.sipd_coordinate_invalid", value=text)))
            label.set_class(True, "-shown")
            return
        except (StoreError, DatabaseError) as exc:
            label.update(Text(refusal_text(exc)))
            label.set_class(True, "-shown")
            return
        self.dismiss(point)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
