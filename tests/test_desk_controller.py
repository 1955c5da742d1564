"""The desk controller without Textual: decisions, undo/redo, the queue, the reviewer."""

from __future__ import annotations

import sqlite3
import sys
import threading

import pytest

from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.ui.desk.controller import DeskController


def _desk(db: Database, meeting_id: int) -> DeskController:
    desk = DeskController(db, meeting_id)
    desk.load()
    return desk


def test_the_controller_imports_no_textual() -> None:
    import subprocess

    code = "import sys, lasem_tui.ui.desk.controller; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_decide_folds_the_row_and_tally_and_moves_on(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    assert desk.state is not None and desk.reviewer_id is not None
    target = desk.proposal(desk.first_pending_or_top())
    assert target is not None and target.status is ProposalStatus.PENDING
    before = desk.state.tally.approved
    outcome = desk.decide(target, decisions.accept(target.requested, target.volume))
    assert outcome.row is not None and outcome.row.status is ProposalStatus.ACCEPTED
    assert desk.state.tally.approved == before + target.requested
    assert outcome.highlight != target.id
    following = desk.proposal(outcome.highlight)
    assert following is not None and following.status is ProposalStatus.PENDING
    # What the store holds, read afresh, is what the controller shows.
    assert _desk(db, midway_demo).state.tally.approved == desk.state.tally.approved  # type: ignore[union-attr]


def test_a_decision_shifts_the_village_as_the_store_then_has_it(
    db: Database, midway_demo: int
) -> None:
    """The village's queue row and its tally are shifted in memory, not read back: they
    must be what a fresh read gives, for an accept, an adjustment and an undo."""
    desk = _desk(db, midway_demo)
    for make in (
        lambda p: decisions.accept(p.requested, p.volume),
        lambda p: decisions.adjust(p.requested, p.volume, amount=p.requested // 2, new_volume=None),
        lambda p: decisions.refuse(ProposalStatus.REJECTED, "tidak sesuai"),
    ):
        target = desk.proposal(desk.first_pending_or_top())
        assert target is not None
        desk.decide(target, make(target))
        fresh = _desk(db, midway_demo).state
        assert fresh is not None and desk.state is not None
        assert desk.state.village == fresh.village
        assert desk.state.village_tally == fresh.village_tally
        assert desk.state.villages == fresh.villages
    desk.undo()
    fresh = _desk(db, midway_demo).state
    assert desk.state.village == fresh.village  # type: ignore[union-attr]
    assert desk.state.village_tally == fresh.village_tally  # type: ignore[union-attr]


def test_only_our_own_decision_is_taken_as_seen(db: Database, midway_demo: int) -> None:
    """After our decision the watcher's marker is the database's (nothing to read again);
    when another desk wrote meanwhile it is not, so the watcher reads that change."""
    from lasem_tui.store import desk as commands
    from lasem_tui.store import queries

    def marker() -> queries.ChangeMarker:
        with db.read() as session:
            return queries.change_marker(session, midway_demo)

    desk = _desk(db, midway_demo)
    target = desk.proposal(desk.first_pending_or_top())
    assert target is not None
    desk.decide(target, decisions.accept(target.requested, target.volume))
    assert desk.seen == marker()
    assert desk.state is not None
    other, mine = [p for p in desk.state.proposals if p.status is ProposalStatus.PENDING][:2]
    commands.decide(
        db,
        midway_demo,
        other.id,
        decisions.refuse(ProposalStatus.DEFERRED, "tahun depan"),
        reviewer_id=desk.reviewer_id,
        expected_version=other.version,
    )
    desk.decide(mine, decisions.accept(mine.requested, mine.volume))
    assert desk.seen != marker()


def test_undo_and_redo_within_the_village(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    target = desk.proposal(desk.first_pending_or_top())
    assert target is not None
    desk.decide(target, decisions.accept(target.requested, target.volume))
    undone = desk.undo()
    assert undone.row is not None and undone.row.id == target.id
    assert desk.proposal(target.id).status is ProposalStatus.PENDING  # type: ignore[union-attr]
    redone = desk.redo()
    assert redone.row is not None
    assert desk.proposal(target.id).status is ProposalStatus.ACCEPTED  # type: ignore[union-attr]


def test_next_and_absent_change_the_village(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    first = desk.village_id
    desk.call_next()
    assert desk.village_id is not None and desk.village_id != first
    second = desk.village_id
    desk.mark_absent()
    assert desk.village_id != second
    villages = {v.id: v for v in desk.state.villages}  # type: ignore[union-attr]
    assert villages[second].position == max(v.position for v in villages.values())


def test_a_stale_background_read_is_dropped(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    old_state, old_marker, generation = desk.state, desk.seen, desk.generation
    target = desk.proposal(desk.first_pending_or_top())
    desk.decide(target, decisions.accept(target.requested, target.volume))  # type: ignore[arg-type, union-attr]
    assert not desk.adopt(old_state, old_marker, generation)  # type: ignore[arg-type]
    assert desk.proposal(target.id).status is ProposalStatus.ACCEPTED  # type: ignore[union-attr]


def test_the_seat_is_kept_against_another_desks_switch(db: Database, midway_demo: int) -> None:
    seated: list[int | None] = []
    desk = DeskController(db, midway_demo, on_seat=seated.append)
    state = desk.load()
    other = next(r for r in state.reviewers if r.id != desk.reviewer_id)
    mine = desk.reviewer_id
    from lasem_tui.store import desk as commands

    commands.switch_reviewer(db, midway_demo, other.id)  # another desk hands its keyboard on
    assert desk.load().meeting.current_reviewer_id == mine
    desk.choose_reviewer("Ir. Baru Sekali")
    assert desk.state.reviewer.name == "Ir. Baru Sekali"  # type: ignore[union-attr]
    assert seated[-1] == desk.reviewer_id


def test_one_write_at_a_time(db: Database, midway_demo: int) -> None:
    desk = _desk(db, midway_demo)
    token = desk.begin_write()
    assert token is not None
    assert desk.begin_write() is None
    desk.end_write(token)
    assert desk.begin_write() is not None


def test_a_write_waiting_for_the_lock_is_cancelled_and_writes_nothing(
    db: Database, midway_demo: int
) -> None:
    if db.path is None:
        pytest.skip("SQLite's file lock")
    desk = _desk(db, midway_demo)
    target = desk.proposal(desk.first_pending_or_top())
    assert target is not None
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    token = desk.begin_write()
    assert token is not None
    failure: list[BaseException] = []

    def run() -> None:
        try:
            desk.decide(target, decisions.accept(target.requested, target.volume), token)
        except (DatabaseError, StoreError) as exc:
            failure.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    assert token.blocked.wait(10)  # it found the lock held, and says so
    token.cancel()
    worker.join(10)
    holder.execute("ROLLBACK")
    holder.close()
    assert failure and isinstance(failure[0], DatabaseError)
    assert failure[0].code == "db_write_cancelled"
    assert _desk(db, midway_demo).proposal(target.id).status is ProposalStatus.PENDING  # type: ignore[union-attr]
