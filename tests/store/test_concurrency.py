"""Several desks on one database at once, on SQLite and on PostgreSQL.

Each desk is its own ``Database`` (its own engine and connections, as on its own
laptop); threads start together on a barrier, processes on a line written to their
standard input. Every wait is bounded so a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk, queries, schema
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import CeilingExceededError, ConflictError
from lasem_tui.store.models import Event, Meeting, Proposal
from lasem_tui.store.views import DeskState, ProposalRow

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture
def open_desks(db_url: str) -> Iterator[Callable[[], Database]]:
    """Open further desks on the test's database; all closed afterwards."""
    opened: list[Database] = []

    def open_desk() -> Database:
        database = open_database(db_url)
        opened.append(database)
        return database

    yield open_desk
    for database in opened:
        database.dispose()


def _state(db: Database, meeting_id: int, village_id: int | None = None) -> DeskState:
    with db.read() as session:
        return queries.desk_state(session, meeting_id, village_id)


def _proposals(db: Database, village_id: int) -> tuple[ProposalRow, ...]:
    with db.read() as session:
        return queries.proposals_of_village(session, village_id)


def _together(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released at the same instant; results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        barrier.wait(timeout=TIMEOUT)
        try:
            results[index] = job()
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "a desk hung"
    return results


def _accept_all(db: Database, meeting_id: int, reviewer_id: int, villages: list[int]) -> dict:
    """A desk working through its villages: accept everything, re-read the tally each time."""
    accepted, refused, seen = 0, [], []
    for village_id in villages:
        for proposal in _proposals(db, village_id):
            try:
                desk.decide(
                    db,
                    meeting_id,
                    proposal.id,
                    decisions.accept(proposal.requested, proposal.volume),
                    reviewer_id=reviewer_id,
                    expected_version=proposal.version,
                )
                accepted += proposal.requested
            except CeilingExceededError as exc:
                refused.append(exc)
            with db.read() as session:
                seen.append(queries.tally(session, meeting_id, None).approved)
    return {"accepted": accepted, "refused": refused, "seen": seen}


# --- threads -----------------------------------------------------------------------------


def test_desks_on_different_villages_both_succeed_and_see_each_other(
    db: Database, fresh_demo: int, open_desks: Callable[[], Database]
) -> None:
    desk_a, desk_b = open_desks(), open_desks()
    state = _state(db, fresh_demo)
    villages = [v.id for v in state.villages]
    reviewer_a, reviewer_b = state.reviewers[0].id, state.reviewers[1].id
    result_a, result_b = _together(
        lambda: _accept_all(desk_a, fresh_demo, reviewer_a, villages[:4]),
        lambda: _accept_all(desk_b, fresh_demo, reviewer_b, villages[4:8]),
    )
    assert isinstance(result_a, dict), result_a
    assert isinstance(result_b, dict), result_b
    assert not result_a["refused"] and not result_b["refused"]
    both = result_a["accepted"] + result_b["accepted"]
    for each in (desk_a, desk_b):
        tally = _state(each, fresh_demo).tally
        assert tally.approved == both
        assert tally.count(ProposalStatus.ACCEPTED) == sum(
            len(_proposals(db, v)) for v in villages[:8]
        )

    # And a decision on one desk is in the other's very next read.
    last = _proposals(desk_b, villages[8])[0]
    desk.decide(
        desk_b,
        fresh_demo,
        last.id,
        decisions.accept(last.requested, last.volume),
        reviewer_id=reviewer_b,
        expected_version=0,
    )
    # Ordering, not timing: the very next read after the commit returns already has it.
    assert _state(desk_a, fresh_demo).tally.approved == both + last.requested


def test_two_desks_on_the_same_proposal_the_later_is_refused(
    db: Database, fresh_demo: int, open_desks: Callable[[], Database]
) -> None:
    desk_a, desk_b = open_desks(), open_desks()
    state = _state(db, fresh_demo)
    names = {r.id: r.name for r in state.reviewers}
    reviewer_a, reviewer_b = state.reviewers[0].id, state.reviewers[1].id
    for proposal in state.proposals[:4]:
        accept = decisions.accept(proposal.requested, proposal.volume)
        reject = decisions.refuse(ProposalStatus.REJECTED, "sudah dianggarkan OPD")
        results = _together(
            lambda p=proposal, d=accept: desk.decide(
                desk_a, fresh_demo, p.id, d, reviewer_id=reviewer_a, expected_version=0
            ),
            lambda p=proposal, d=reject: desk.decide(
                desk_b, fresh_demo, p.id, d, reviewer_id=reviewer_b, expected_version=0
            ),
        )
        won = [r for r in results if isinstance(r, ProposalRow)]
        lost = [r for r in results if isinstance(r, ConflictError)]
        assert len(won) == 1 and len(lost) == 1, results
        winner = won[0]
        assert lost[0].who == winner.decided_by
        assert lost[0].who in names.values()
        assert lost[0].when is not None and winner.decided_at is not None
        assert abs((lost[0].when - winner.decided_at).total_seconds()) < 1
        stored = next(p for p in _state(db, fresh_demo).proposals if p.id == proposal.id)
        assert stored.status is winner.status
        assert stored.version == 1
        with db.read() as session:
            logged = session.exec(
                select(func.count()).select_from(Event).where(Event.proposal_id == proposal.id)
            ).one()
        assert logged == 1


def test_hard_ceiling_is_never_exceeded_by_desks_accepting_at_once(
    db: Database, fresh_demo: int, open_desks: Callable[[], Database]
) -> None:
    state = _state(db, fresh_demo)
    villages = [v.id for v in state.villages[:4]]
    requested = sum(p.requested for v in villages for p in _proposals(db, v))
    ceiling = requested // 2
    with db.write() as session:
        meeting = session.get(Meeting, fresh_demo)
        assert meeting is not None
        meeting.ceiling = ceiling
        meeting.hard_ceiling = True
    desks = [open_desks() for _ in villages]
    reviewers = [state.reviewers[i % len(state.reviewers)].id for i in range(len(villages))]
    results = _together(
        *(
            lambda d=d, v=v, r=r: _accept_all(d, fresh_demo, r, [v])
            for d, v, r in zip(desks, villages, reviewers, strict=True)
        )
    )
    assert all(isinstance(r, dict) for r in results), results
    tally = _state(db, fresh_demo).tally
    assert tally.approved <= ceiling
    assert tally.approved == sum(r["accepted"] for r in results)  # type: ignore[index]
    assert any(r["refused"] for r in results)  # type: ignore[index]
    # No desk ever saw the total over the ceiling, not even for a moment.
    assert max(seen for r in results for seen in r["seen"]) <= ceiling  # type: ignore[index]


def test_undo_scoped_to_a_village_leaves_the_other_desk_alone(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.reviewers[0].id
    mine, theirs = state.villages[0].id, state.villages[1].id
    for village in (mine, theirs):
        first = _proposals(db, village)[0]
        desk.decide(
            db,
            fresh_demo,
            first.id,
            decisions.accept(first.requested, first.volume),
            reviewer_id=reviewer,
            expected_version=0,
        )
    undone = desk.undo(db, fresh_demo, reviewer_id=reviewer, village_id=mine)
    assert undone.village_id == mine and undone.status is ProposalStatus.PENDING
    assert _proposals(db, theirs)[0].status is ProposalStatus.ACCEPTED
    redone = desk.redo(db, fresh_demo, reviewer_id=reviewer, village_id=mine)
    assert redone.village_id == mine and redone.status is ProposalStatus.ACCEPTED


def test_two_desks_calling_next_get_different_villages(
    db: Database, fresh_demo: int, open_desks: Callable[[], Database]
) -> None:
    desk_a, desk_b = open_desks(), open_desks()
    reviewer = _state(db, fresh_demo).reviewers[0].id
    first = _state(db, fresh_demo).village
    assert first is not None
    called = _together(
        lambda: desk.call_next(desk_a, fresh_demo, reviewer_id=reviewer, current_village_id=None),
        lambda: desk.call_village(
            desk_b, fresh_demo, _state(db, fresh_demo).villages[5].id, reviewer_id=reviewer
        ),
    )
    assert all(isinstance(c, int) for c in called), called
    at_desk = [v.id for v in _state(db, fresh_demo).villages if v.state.value == "at_desk"]
    assert len(at_desk) == len(set(at_desk))


# --- PostgreSQL's locks ------------------------------------------------------------------


def _first_two_villages(db: Database, meeting_id: int) -> tuple[ProposalRow, ProposalRow]:
    state = _state(db, meeting_id)
    return _proposals(db, state.villages[0].id)[0], _proposals(db, state.villages[1].id)[0]


@pytest.fixture
def pg_demo(pg_db_url: str) -> Iterator[tuple[Database, int]]:
    from lasem_tui.store import demo

    database = open_database(pg_db_url)
    try:
        yield database, demo.write_demo(database, demo.Stage.FRESH)
    finally:
        database.dispose()


def test_pg_a_decision_in_flight_does_not_hold_up_another_village(
    pg_demo: tuple[Database, int],
) -> None:
    db, meeting_id = pg_demo
    mine, other = _first_two_villages(db, meeting_id)
    reviewer = _state(db, meeting_id).reviewers[0].id
    # Another desk, half-way through deciding ``mine``: it holds what decide() holds.
    with Session(db.engine) as in_flight:
        in_flight.exec(select(Meeting).where(Meeting.id == meeting_id).with_for_update(read=True))
        in_flight.exec(select(Proposal).where(Proposal.id == mine.id).with_for_update())
        started = time.monotonic()
        desk.decide(
            db,
            meeting_id,
            other.id,
            decisions.accept(other.requested, other.volume),
            reviewer_id=reviewer,
            expected_version=0,
        )
        assert time.monotonic() - started < 2.0
        in_flight.rollback()


def test_pg_under_a_hard_ceiling_desks_queue_on_the_meeting(
    pg_demo: tuple[Database, int],
) -> None:
    db, meeting_id = pg_demo
    _mine, other = _first_two_villages(db, meeting_id)
    reviewer = _state(db, meeting_id).reviewers[0].id
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.ceiling, meeting.hard_ceiling = 10_000_000_000, True
    finished = threading.Event()

    def decide_other() -> None:
        desk.decide(
            db,
            meeting_id,
            other.id,
            decisions.accept(other.requested, other.volume),
            reviewer_id=reviewer,
            expected_version=0,
        )
        finished.set()

    with Session(db.engine) as in_flight:
        in_flight.exec(select(Meeting).where(Meeting.id == meeting_id).with_for_update())
        worker = threading.Thread(target=decide_other)
        worker.start()
        assert not finished.wait(0.5), "the check and the write must wait for the desk ahead"
        in_flight.rollback()
    worker.join(TIMEOUT)
    assert finished.is_set()


def test_pg_a_row_held_too_long_is_busy_not_a_hang(pg_demo: tuple[Database, int]) -> None:
    db, meeting_id = pg_demo
    mine, _other = _first_two_villages(db, meeting_id)
    reviewer = _state(db, meeting_id).reviewers[0].id
    impatient_url = (
        make_url(db.engine.url.render_as_string(hide_password=False))
        .update_query_dict({"options": "-c lock_timeout=300"})
        .render_as_string(hide_password=False)
    )
    impatient = open_database(impatient_url)
    try:
        with Session(db.engine) as in_flight:
            in_flight.exec(select(Proposal).where(Proposal.id == mine.id).with_for_update())
            with pytest.raises(DatabaseError) as caught:
                desk.decide(
                    impatient,
                    meeting_id,
                    mine.id,
                    decisions.accept(mine.requested, mine.volume),
                    reviewer_id=reviewer,
                    expected_version=0,
                )
            in_flight.rollback()
        assert caught.value.code == "db_busy"
        # Nothing was written, and the same desk decides fine once the row is free.
        desk.decide(
            impatient,
            meeting_id,
            mine.id,
            decisions.accept(mine.requested, mine.volume),
            reviewer_id=reviewer,
            expected_version=0,
        )
    finally:
        impatient.dispose()


# --- processes -----------------------------------------------------------------------------


def _start(*args: object) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.desk_process", *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    ready = process.stdout.readline().strip()
    if ready != "ready":
        process.kill()
        raise AssertionError(f"desk process did not start: {ready} {process.communicate()[1]}")
    return process


def _go(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()


def _result(process: subprocess.Popen[str]) -> dict:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_two_desk_processes_and_a_projector_never_fail(
    db: Database, db_url: str, fresh_demo: int
) -> None:
    """On SQLite this is the "database is locked" test: WAL, BEGIN IMMEDIATE and the busy
    timeout let two writers and a reader share the file without a single failure."""
    state = _state(db, fresh_demo)
    villages = [v.id for v in state.villages]
    db.dispose()
    desks = [
        _start(db_url, fresh_demo, state.reviewers[0].id, "decide", *villages[:10]),
        _start(db_url, fresh_demo, state.reviewers[1].id, "decide", *villages[10:]),
    ]
    projector = _start(db_url, fresh_demo, 0, "watch")
    _go([*desks, projector])
    results = [_result(p) for p in desks]
    watched = _result(projector)  # communicate() closes its standard input: stop
    assert [r["errors"] for r in results] == [[], []]
    assert watched["errors"] == []
    assert watched["reads"] > 0
    assert sum(r["decided"] for r in results) == state.tally.total
    tally = _state(db, fresh_demo).tally
    assert tally.count(ProposalStatus.ACCEPTED) == state.tally.total
    assert tally.approved == state.tally.requested


def test_desks_opening_a_new_database_at_once_migrate_it_once(blank_db_url: str) -> None:
    openers = [_start(blank_db_url, 0, 0, "open") for _ in range(3)]
    _go(openers)
    assert [_result(p)["errors"] for p in openers] == [[], [], []]
    database = open_database(blank_db_url)
    try:
        assert schema.current_revision(database.engine) == schema.HEAD
    finally:
        database.dispose()
