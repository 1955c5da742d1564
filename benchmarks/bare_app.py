"""The yardstick: a bare Textual + SQLModel app that opens the database and paints one
table (the proposals of the village at the desk), then exits. Prints milliseconds since
the process started.

With ``--stay`` it runs in the terminal instead (``benchmarks/terminal_benchmark.py``
drives it in tmux): ``a`` commits one row (the highlighted proposal accepted) and
repaints its status cell, which is the least a decision key can do.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import sys  # noqa: E402

from sqlmodel import Session, create_engine, select  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

from lasem_tui.store.models import Proposal, Village  # noqa: E402


class Bare(App[None]):
    BINDINGS = [("a", "accept", "accept"), ("q", "quit", "quit")]

    def __init__(self, path: str, *, stay: bool) -> None:
        super().__init__()
        self.engine = create_engine(f"sqlite:///{path}")
        self.stay = stay

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        with Session(self.engine) as session:
            village = session.exec(
                select(Village).order_by(Village.state != "at_desk", Village.position)
            ).first()
            rows = session.exec(select(Proposal).where(Proposal.village_id == village.id)).all()
        table = self.query_one(DataTable)
        table.add_columns("ref", "title", "requested", "status")
        for p in rows:
            table.add_row(p.ref, p.title[:40], str(p.requested), p.status, key=str(p.id))
        # As the desk does: the highlight on the first undecided proposal.
        self.pending = [i for i, p in enumerate(rows) if p.status == "pending"]
        if self.pending:
            table.move_cursor(row=self.pending.pop(0), animate=False)
        if not self.stay:
            self.call_after_refresh(self._painted)

    def action_accept(self) -> None:
        table = self.query_one(DataTable)
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        with Session(self.engine) as session:
            proposal = session.get(Proposal, int(row_key.value or 0))
            proposal.status = "accepted"
            proposal.approved = proposal.requested
            session.add(proposal)
            session.commit()
        table.update_cell_at((table.cursor_row, 3), "accepted")
        if self.pending:
            table.move_cursor(row=self.pending.pop(0), animate=False)

    def _painted(self) -> None:
        sys.__stdout__.write(f"{(time.perf_counter() - START) * 1000:.1f} 0\n")
        self.exit()


if __name__ == "__main__":
    stay = "--stay" in sys.argv
    Bare(sys.argv[1], stay=stay).run(headless=not stay)
