"""Benchmark of the fit (pagu line) at regency size (not a test).

On the regency meeting (``regency.py``: 300 villages x 60 proposals, the first at the
desk, given its own ceiling at about half its requests and ranks in shuffled order),
prints the median milliseconds of:

- the fit read from the database (``village_fit``: what is left + the pending rows);
- toggling the fit view: the fit from the rows the desk already holds plus what is
  left (``fit_basis``), drawn into a ``FitView`` of 60 rows and one frame of the
  screen rendered, as ``desk_benchmark`` times its repaint (goal: < 50 ms);
- a decision in the fit view: the store's decision, then the fit again (goal: < 10 ms
  for the decision);
- the bulk accept of everything above the line, and its single undo;
- on the desk itself (``DeskScreen`` at 120x36): ``f`` (the fit view toggled on, drawn
  from the rows and figures the desk holds, the screen laid out and one frame rendered;
  and off again), and a
  decision made in the fit view (committed, folded in, the fit view redrawn; goal
  < 10 ms, as the desk benchmark's decision).

    python benchmarks/fit_benchmark.py [--runs 15]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402

from benchmarks import regency  # noqa: E402
from lasem_tui.domain import decisions  # noqa: E402
from lasem_tui.domain.fit import FitOrder  # noqa: E402
from lasem_tui.store import desk, fit, fit_queries, queries  # noqa: E402
from lasem_tui.store.database import Database, open_database  # noqa: E402
from lasem_tui.store.models import Proposal, Village  # noqa: E402
from lasem_tui.ui.fit.fit_view import FIT_CSS, FitView  # noqa: E402


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _prepare(db: Database) -> tuple[int, int, int]:
    meeting_id = regency.build(db)
    rng = random.Random(15)
    with db.write() as session:
        village = session.exec(
            select(Village).where(Village.meeting_id == meeting_id, Village.position == 1)
        ).one()
        rows = list(session.exec(select(Proposal).where(Proposal.village_id == village.id)))
        ranks = list(range(1, len(rows) + 1))
        rng.shuffle(ranks)
        for row, rank in zip(rows, ranks, strict=True):
            row.priority = rank
        village.ceiling = sum(r.requested for r in rows) // 2
        reviewer = session.exec(select(Proposal.id)).first()
    with db.read() as session:
        state = queries.desk_state(session, meeting_id)
    assert state.meeting.current_reviewer_id is not None and reviewer is not None
    return meeting_id, village.id or 0, state.meeting.current_reviewer_id


class Host(App[None]):
    CSS_PATH = FIT_CSS

    def compose(self) -> ComposeResult:
        yield FitView(scoring=True)


async def _toggle_ms(
    db: Database, meeting_id: int, village_id: int, runs: int
) -> tuple[list[float], list[float], list[float], list[float]]:
    with db.read() as session:
        rows = queries.proposals_of_village(session, village_id)
    app = Host()
    computed, drawn, painted, still = [], [], [], []
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(FitView)
        for _ in range(runs):
            start = time.perf_counter()
            with db.read() as session:
                basis = fit_queries.fit_basis(session, meeting_id, village_id)
            found = fit_queries.fit_from_rows(
                rows, FitOrder.PRIORITY, basis.remaining, basis.agency_remaining
            )
            computed.append(_ms(start))
            view.rows = []  # a full fill (unchanged rows would be redrawn in place)
            view.show(found)
            drawn.append(_ms(start))
            # One frame of the whole screen, forced (as desk_benchmark's repaint).
            app.screen._compositor.render_strips()
            painted.append(_ms(start))
            await pilot.pause()
            start = time.perf_counter()
            app.screen._compositor.render_strips()
            still.append(_ms(start))
    return computed, drawn, painted, still


def _laid_out_frame(app: App[None]) -> None:
    """The frame after ``f``: laid out first, as the next refresh does when widgets were
    shown or hidden, then drawn. (``render_strips`` alone would draw the layout before the
    key: the review table again, not the fit view.)"""
    app.screen._refresh_layout()


async def _desk_ms(db: Database, meeting_id: int, runs: int) -> tuple[list[float], ...]:
    """The desk's own ``f`` and a decision in its fit view."""
    from lasem_tui.ui.app import LasemApp
    from lasem_tui.ui.desk import DeskScreen

    app = LasemApp(db, meeting_id)
    shown, hidden, decided, decided_painted, plain = [], [], [], [], []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeskScreen)
        await screen.action_toggle_fit()  # the first mounts the view: not counted
        await pilot.pause()
        await screen.action_toggle_fit()
        await pilot.pause()
        for _ in range(runs):
            # For scale: the same decision with the review table shown.
            start = time.perf_counter()
            screen.action_accept()
            plain.append(_ms(start))
            await pilot.pause()
        for _ in range(runs):
            start = time.perf_counter()
            await screen.action_toggle_fit()
            _laid_out_frame(app)
            shown.append(_ms(start))
            await pilot.pause()
            start = time.perf_counter()
            screen.action_accept()
            decided.append(_ms(start))
            app.screen._compositor.render_strips()
            decided_painted.append(_ms(start))
            await pilot.pause()
            start = time.perf_counter()
            await screen.action_toggle_fit()
            _laid_out_frame(app)
            hidden.append(_ms(start))
            await pilot.pause()
    return shown, hidden, decided, decided_painted, plain


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "regency.db"))
        meeting_id, village_id, reviewer = _prepare(db)

        reads = []
        for _ in range(args.runs):
            start = time.perf_counter()
            with db.read() as session:
                found = fit_queries.village_fit(session, meeting_id, village_id, FitOrder.PRIORITY)
            reads.append(_ms(start))
        print(f"rows pending {len(found.rows)}, above the line {found.line_after}")

        computed, drawn, toggles, still = asyncio.run(
            _toggle_ms(db, meeting_id, village_id, args.runs)
        )

        decided, refit = [], []
        for row in list(found.rows)[: args.runs]:
            with db.read() as session:
                current = queries.proposal(session, row.candidate.id)
            start = time.perf_counter()
            committed = desk.decide(
                db,
                meeting_id,
                current.id,
                decisions.refuse(decisions.ProposalStatus.DEFERRED, "tahun depan"),
                reviewer_id=reviewer,
                expected_version=current.version,
            )
            decided.append(_ms(start))
            start = time.perf_counter()
            with db.read() as session:
                basis = fit_queries.fit_basis(session, meeting_id, village_id)
                rows = queries.proposals_of_village(session, village_id)
            fit_queries.fit_from_rows(
                rows, FitOrder.PRIORITY, basis.remaining, basis.agency_remaining
            )
            refit.append(_ms(start))
            assert committed.status.value == "deferred"

        with db.read() as session:
            found = fit_queries.village_fit(session, meeting_id, village_id, FitOrder.PRIORITY)
            versions = {p.id: p.version for p in queries.proposals_of_village(session, village_id)}
        expected = {r.candidate.id: versions[r.candidate.id] for r in found.above}
        start = time.perf_counter()
        accepted = fit.accept_above_line(
            db, meeting_id, village_id, FitOrder.PRIORITY, reviewer_id=reviewer, expected=expected
        )
        bulk = _ms(start)
        start = time.perf_counter()
        undone = desk.undo_step(db, meeting_id, reviewer_id=reviewer, village_id=village_id)
        undo = _ms(start)
        assert len(undone) == len(accepted)
        on, off, in_view, painted, plain = asyncio.run(_desk_ms(db, meeting_id, args.runs))
        db.dispose()

    def show(label: str, samples: list[float]) -> None:
        print(
            f"{label:<52} median {statistics.median(samples):7.2f} ms  max {max(samples):7.2f} ms"
        )

    show("fit read from the database (village_fit)", reads)
    show("toggle: what is left + the fit from the desk's rows", computed)
    show("toggle: ... + the FitView table filled (60 rows)", drawn)
    show("toggle: ... + one frame rendered (120x36)", toggles)
    show("(one frame of the unchanged screen, for scale)", still)
    show("a decision (store, committed)", decided)
    show("the fit again after it (basis + rows + fit)", refit)
    print(f"{'bulk accept of ' + str(len(accepted)) + ' above the line':<52} {bulk:7.2f} ms")
    print(f"{'its single undo':<52} {undo:7.2f} ms")
    show("desk: f, the fit view on + one frame (goal < 50)", on)
    show("desk: f again, the table back + one frame", off)
    show("desk: a decision in the fit view (goal < 10)", in_view)
    show("desk: ... + one frame rendered", painted)
    show("(desk: the same decision in the review table)", plain)


if __name__ == "__main__":
    main()
