"""The yardstick for start-up: a bare Textual + SQLModel app that opens the database and
paints one table (the first village's proposals), then exits. Prints milliseconds since
the process started."""

from __future__ import annotations

import time

START = time.perf_counter()

import sys  # noqa: E402

from sqlmodel import Session, create_engine, select  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

from lasem_tui.store.models import Proposal, Village  # noqa: E402


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        engine = create_engine(f"sqlite:///{sys.argv[1]}")
        with Session(engine) as session:
            village = session.exec(select(Village).order_by(Village.position)).first()
            rows = session.exec(select(Proposal).where(Proposal.village_id == village.id)).all()
        table = self.query_one(DataTable)
        table.add_columns("ref", "title", "requested", "status")
        for p in rows:
            table.add_row(p.ref, p.title, str(p.requested), p.status)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        sys.__stdout__.write(f"{(time.perf_counter() - START) * 1000:.1f} 0\n")
        self.exit()


if __name__ == "__main__":
    Bare().run(headless=True)
