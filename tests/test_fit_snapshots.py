"""A snapshot of the fit view with its pagu line (the desk shows it on ``f``)."""

from __future__ import annotations

from sqlmodel import select
from textual.app import App, ComposeResult
from textual.widgets import Static

from lasem_tui.domain.fit import FitOrder
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Village
from lasem_tui.ui.fit.fit_view import FIT_CSS, FitView


class FitHost(App[None]):
    CSS_PATH = FIT_CSS

    def __init__(self, db: Database, meeting_id: int) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Static("Garis pagu · Desa Babagan")
        yield FitView(scoring=True)

    def on_mount(self) -> None:
        with self.db.read() as session:
            village = queries.desk_state(session, self.meeting_id).village
            assert village is not None
            fit = fit_queries.village_fit(session, self.meeting_id, village.id, FitOrder.PRIORITY)
        self.query_one(FitView).show(fit)


def test_fit_view_with_the_line(snap_compare, db: Database, fresh_demo: int) -> None:
    with db.write() as session:
        village = session.exec(
            select(Village).where(Village.meeting_id == fresh_demo, Village.position == 1)
        ).one()
        village.ceiling = 400_000_000
    assert snap_compare(FitHost(db, fresh_demo), terminal_size=(100, 20))
