"""The desk's fitting state without Textual: the in-memory fit matches the stored one,
the OPD figures follow decisions (here and at another desk), and a whole step is undone."""

from __future__ import annotations

import subprocess
import sys

from lasem_tui.domain import decisions
from lasem_tui.domain.fit import FitOrder
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk as commands
from lasem_tui.store import fit as fit_commands
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import AgencyCeiling
from lasem_tui.ui.desk.fit_controller import FitDeskController


def _desk(db: Database, meeting_id: int) -> FitDeskController:
    desk = FitDeskController(db, meeting_id)
    desk.load()
    return desk


def test_the_fit_controller_imports_no_textual() -> None:
    code = "import sys, lasem_tui.ui.desk.fit_controller; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _stored_fit(db: Database, desk: FitDeskController):  # type: ignore[no-untyped-def]
    assert desk.village_id is not None
    with db.read() as session:
        return fit_queries.village_fit(session, desk.meeting_id, desk.village_id, desk.order)


def test_the_fit_from_what_the_desk_holds_is_the_stored_fit(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    rows = desk.state.proposals  # type: ignore[union-attr]
    agency = next(p.agency for p in rows if p.status is ProposalStatus.PENDING)
    with db.write() as session:
        session.add(AgencyCeiling(meeting_id=midway_demo, agency=agency, ceiling=200_000_000))
    desk.load(desk.village_id)
    assert desk.fit() == _stored_fit(db, desk)
    target = desk.proposal(desk.first_pending_or_top())
    assert target is not None
    desk.decide(target, decisions.accept(target.requested, target.volume))
    assert desk.fit() == _stored_fit(db, desk)  # after a decision folded in
    for order in (FitOrder.NUMBER, FitOrder.PRIORITY):
        desk.order = order
        assert desk.fit() == _stored_fit(db, desk)


def test_the_opd_figures_follow_a_decision_and_another_desk(db: Database, fresh_demo: int) -> None:
    desk = _desk(db, fresh_demo)
    first, second = desk.state.proposals[:2]  # type: ignore[union-attr]
    agencies = {first.agency, second.agency}
    with db.write() as session:
        for name in agencies:
            session.add(AgencyCeiling(meeting_id=fresh_demo, agency=name, ceiling=10**12))
    desk.load()

    def approved(name: str) -> int:
        return next(a.approved for a in desk.agencies if a.agency == name)

    desk.decide(first, decisions.accept(first.requested, first.volume))
    assert approved(first.agency) == first.requested
    # Another desk accepts the second: the watcher's read brings its OPD figure.
    commands.decide(
        db,
        fresh_demo,
        second.id,
        decisions.accept(second.requested, second.volume),
        reviewer_id=desk.reviewer_id,
        expected_version=second.version,
    )
    with db.read() as session:
        marker = queries.change_marker(session, fresh_demo)
        state = desk.read_changes(session)
    assert desk.adopt(state, marker, desk.generation)
    with db.read() as session:
        assert desk.agencies == fit_queries.agency_tally(session, fresh_demo)


def test_undo_takes_a_bulk_accept_back_whole(db: Database, fresh_demo: int) -> None:
    desk = _desk(db, fresh_demo)
    fit = desk.fit()
    assert fit is not None and fit.remaining is not None
    expected = {r.candidate.id: desk.proposal(r.candidate.id).version for r in fit.above}  # type: ignore[union-attr]
    rows = fit_commands.accept_above_line(
        db,
        fresh_demo,
        desk.village_id,  # type: ignore[arg-type]
        desk.order,
        reviewer_id=desk.reviewer_id,
        expected=expected,
    )
    desk.took_bulk(rows)
    assert desk.state is not None and desk.state.tally.approved == sum(r.requested for r in rows)
    outcome = desk.undo()
    assert outcome.row is not None
    assert desk.state.tally.approved == 0
    assert all(p.status is ProposalStatus.PENDING for p in desk.state.proposals)
    desk.redo()
    assert desk.state.tally.approved == sum(r.requested for r in rows)
