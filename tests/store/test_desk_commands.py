"""The desk's commands against a real database: each writes, logs and can be undone."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.domain.tally import ProposalFigures, tally_of
from lasem_tui.store import desk, meetings, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.errors import (
    CeilingExceededError,
    ConflictError,
    NoReviewerError,
    NothingToDoError,
)
from lasem_tui.store.models import Event, Meeting, Proposal


def _state(db: Database, meeting_id: int):
    with db.read() as session:
        return queries.desk_state(session, meeting_id)


def _first_pending(db: Database, meeting_id: int):
    state = _state(db, meeting_id)
    proposal = queries.first_undecided(state.proposals)
    assert proposal is not None
    return state, proposal


def _events(db: Database, meeting_id: int) -> list[Event]:
    with db.read() as session:
        return list(
            session.exec(select(Event).where(Event.meeting_id == meeting_id).order_by(Event.id))
        )


def test_fresh_demo_has_lasem_villages_and_the_first_at_the_desk(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    assert len(state.villages) == 20
    assert state.village is not None and state.village.name == "Babagan"
    assert all(3 <= v.proposals <= 8 for v in state.villages)
    # The requests exceed the ceiling by about 40%.
    assert 1.3 < state.tally.requested / (state.tally.ceiling or 1) < 1.5
    assert state.reviewer is not None


def test_each_decision_kind_is_stored_with_reviewer_and_logged(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    p1, p2, p3 = state.proposals[:3]
    desk.decide(
        db,
        fresh_demo,
        p1.id,
        decisions.accept(p1.requested, p1.volume),
        reviewer_id=reviewer,
        expected_version=0,
    )
    adjusted = decisions.adjust(
        p2.requested, p2.volume, amount=p2.requested // 2, new_volume=None, note="dipotong"
    )
    desk.decide(db, fresh_demo, p2.id, adjusted, reviewer_id=reviewer, expected_version=0)
    redirected = decisions.refuse(ProposalStatus.REDIRECTED, "Dana Desa", FundingSource.APBDES)
    row = desk.decide(db, fresh_demo, p3.id, redirected, reviewer_id=reviewer, expected_version=0)

    assert row.status is ProposalStatus.REDIRECTED
    assert row.funding_source is FundingSource.APBDES
    assert row.decided_by == state.reviewer.name  # type: ignore[union-attr]
    assert row.decided_at is not None
    logged = [e for e in _events(db, fresh_demo) if e.kind == "decide"]
    assert [json.loads(e.after)["status"] for e in logged] == ["accepted", "adjusted", "redirected"]
    assert json.loads(logged[1].before)["status"] == "pending"
    assert all(e.reviewer_id == reviewer for e in logged)

    after = _state(db, fresh_demo)
    assert after.tally.approved == p1.requested + p2.requested // 2


def test_tally_equals_the_sum_over_stored_proposals(db: Database, midway_demo: int) -> None:
    with db.read() as session:
        rows = session.exec(select(Proposal).where(Proposal.meeting_id == midway_demo)).all()
        ceiling = session.get(Meeting, midway_demo).ceiling  # type: ignore[union-attr]
        stored = queries.tally(session, midway_demo, ceiling)
    expected = tally_of(
        (ProposalFigures(ProposalStatus(p.status), p.requested, p.approved) for p in rows), ceiling
    )
    assert stored.approved == expected.approved
    assert stored.requested == expected.requested
    assert dict(stored.counts) == dict(expected.counts)
    assert all(stored.count(s) > 0 for s in ProposalStatus)


def test_undo_and_redo_are_events_and_restore_state(db: Database, fresh_demo: int) -> None:
    state, proposal = _first_pending(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    desk.decide(
        db,
        fresh_demo,
        proposal.id,
        decisions.refuse(ProposalStatus.REJECTED, "bukan kewenangan"),
        reviewer_id=reviewer,
        expected_version=0,
    )
    undone = desk.undo(db, fresh_demo, reviewer_id=reviewer)
    assert undone.status is ProposalStatus.PENDING and undone.reason == ""
    redone = desk.redo(db, fresh_demo, reviewer_id=reviewer)
    assert redone.status is ProposalStatus.REJECTED and redone.reason == "bukan kewenangan"
    assert [e.kind for e in _events(db, fresh_demo)][-3:] == ["decide", "undo", "redo"]
    desk.undo(db, fresh_demo, reviewer_id=reviewer)
    with pytest.raises(NothingToDoError):
        desk.undo(db, fresh_demo, reviewer_id=reviewer)


def test_a_new_decision_clears_redo(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    a, b = state.proposals[:2]
    desk.decide(
        db,
        fresh_demo,
        a.id,
        decisions.accept(a.requested, a.volume),
        reviewer_id=reviewer,
        expected_version=0,
    )
    desk.undo(db, fresh_demo, reviewer_id=reviewer)
    desk.decide(
        db,
        fresh_demo,
        b.id,
        decisions.accept(b.requested, b.volume),
        reviewer_id=reviewer,
        expected_version=0,
    )
    with pytest.raises(NothingToDoError):
        desk.redo(db, fresh_demo, reviewer_id=reviewer)


def test_no_decision_without_a_reviewer(db: Database, fresh_demo: int) -> None:
    _, proposal = _first_pending(db, fresh_demo)
    with pytest.raises(NoReviewerError):
        desk.decide(
            db,
            fresh_demo,
            proposal.id,
            decisions.accept(proposal.requested, None),
            reviewer_id=None,
            expected_version=0,
        )


def test_stale_version_is_a_conflict_naming_who(db: Database, fresh_demo: int) -> None:
    state, proposal = _first_pending(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    desk.decide(
        db,
        fresh_demo,
        proposal.id,
        decisions.accept(proposal.requested, None),
        reviewer_id=reviewer,
        expected_version=0,
    )
    with pytest.raises(ConflictError) as caught:
        desk.decide(
            db,
            fresh_demo,
            proposal.id,
            decisions.refuse(ProposalStatus.REJECTED, "x"),
            reviewer_id=reviewer,
            expected_version=0,
        )
    assert caught.value.who == state.reviewer.name  # type: ignore[union-attr]
    assert caught.value.when is not None
    assert _state(db, fresh_demo).proposals[0].status is ProposalStatus.ACCEPTED


def test_hard_ceiling_refuses_what_would_exceed(db: Database, fresh_demo: int) -> None:
    state, proposal = _first_pending(db, fresh_demo)
    with db.write() as session:
        meeting = session.get(Meeting, fresh_demo)
        meeting.hard_ceiling = True  # type: ignore[union-attr]
        meeting.ceiling = proposal.requested - 1  # type: ignore[union-attr]
    with pytest.raises(CeilingExceededError) as caught:
        desk.decide(
            db,
            fresh_demo,
            proposal.id,
            decisions.accept(proposal.requested, None),
            reviewer_id=state.meeting.current_reviewer_id,
            expected_version=0,
        )
    assert caught.value.over == 1
    assert _state(db, fresh_demo).tally.approved == 0


def test_queue_next_absent_and_moves(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    first = state.village
    assert first is not None
    second_id = desk.call_next(db, fresh_demo, reviewer_id=reviewer)
    after = _state(db, fresh_demo)
    assert after.village is not None and after.village.id == second_id
    assert next(v for v in after.villages if v.id == first.id).state is VillageState.DONE

    third_id = desk.mark_absent(db, fresh_demo, reviewer_id=reviewer)
    after = _state(db, fresh_demo)
    absent = next(v for v in after.villages if v.id == second_id)
    assert absent.state is VillageState.ABSENT
    assert after.villages[-1].id == second_id  # moved to the end
    assert after.village is not None and after.village.id == third_id

    last = after.villages[-2]
    assert desk.move_village(db, fresh_demo, last.id, -1, reviewer_id=reviewer)
    moved = _state(db, fresh_demo).villages
    assert moved[-3].id == last.id
    assert sorted(v.id for v in moved) == sorted(v.id for v in after.villages)


def test_absent_villages_are_called_after_the_waiting_ones(db: Database, fresh_demo: int) -> None:
    reviewer = _state(db, fresh_demo).meeting.current_reviewer_id
    absent_id = _state(db, fresh_demo).village.id  # type: ignore[union-attr]
    desk.mark_absent(db, fresh_demo, reviewer_id=reviewer)
    for _ in range(18):
        desk.call_next(db, fresh_demo, reviewer_id=reviewer)
    assert desk.call_next(db, fresh_demo, reviewer_id=reviewer) == absent_id


def test_reviewers_are_added_and_switched_with_events(db: Database, fresh_demo: int) -> None:
    new_id = desk.add_reviewer(db, fresh_demo, "  Siti Aminah  ", "Kecamatan")
    desk.switch_reviewer(db, fresh_demo, new_id)
    state = _state(db, fresh_demo)
    assert state.reviewer is not None and state.reviewer.name == "Siti Aminah"
    kinds = [e.kind for e in _events(db, fresh_demo)]
    assert kinds[-2:] == ["add_reviewer", "switch_reviewer"]
    ids = [(r.id, r.position) for r in state.reviewers]
    assert desk.next_reviewer_id(ids, new_id) == state.reviewers[0].id


def test_reopening_keeps_the_meeting_the_village_and_the_cursor(db_url: str) -> None:
    from lasem_tui.store import demo

    db = open_database(db_url)
    meeting_id = demo.write_demo(db, demo.Stage.MIDWAY)
    state, proposal = _first_pending(db, meeting_id)
    desk.save_cursor(db, meeting_id, proposal.id)
    db.dispose()

    again = open_database(db_url)
    assert meetings.open_meeting(again) == meeting_id
    reopened = _state(again, meeting_id)
    assert reopened.village == state.village or reopened.village.id == state.village.id  # type: ignore[union-attr]
    assert reopened.meeting.cursor_proposal_id == proposal.id
    assert reopened.meeting.current_reviewer_id == state.meeting.current_reviewer_id
    assert reopened.tally.approved == state.tally.approved
    again.dispose()


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
