"""Every store command gives the same result on SQLite and on PostgreSQL.

These run once per back end (see ``tests/conftest.py``); the figures asserted are the
demo's, which is seeded, so both back ends must agree to the rupiah.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.exchange.csv_export import write_csv
from lasem_tui.store import demo, desk, meetings, queries, schema
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.engine import database_url, make_engine
from lasem_tui.store.errors import (
    CeilingExceededError,
    ConflictError,
    NothingToDoError,
)
from lasem_tui.store.models import Event, Meeting, Proposal

#: The seeded demo's figures; the same on every back end.
DEMO_PROPOSALS = 110
DEMO_REQUESTED = 23_295_000_000


def _state(db: Database, meeting_id: int, village_id: int | None = None):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return queries.desk_state(session, meeting_id, village_id)


def test_schema_is_at_head_and_money_is_64_bit(db: Database) -> None:
    assert schema.current_revision(db.engine) == schema.HEAD
    with db.engine.connect() as conn:
        columns = {c["name"]: c["type"] for c in inspect(conn).get_columns("proposal")}
    # Amounts past 2^31 rupiah (Rp 2,1 milyar) are ordinary: a ceiling, a bridge.
    assert "BIGINT" in str(columns["requested"]).upper() or db.engine.dialect.name == "sqlite"


def test_migrations_upgrade_an_older_schema(db_url: str) -> None:
    """A database left at revision 0001 is upgraded on open, keeping its data; the
    downgrades run too."""
    from alembic import command

    engine = make_engine(database_url(db_url))
    with engine.begin() as conn:
        # The PostgreSQL copy starts at the head: take it down to nothing first.
        command.downgrade(schema.alembic_config(conn), "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    with engine.begin() as conn:
        command.upgrade(schema.alembic_config(conn), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (title, kind, kecamatan, kabupaten, held_on, venue, "
                "hard_ceiling, next_meeting_name, office_address, is_demo, projector_message, "
                "created_at, version) VALUES ('Lama', 'pra_musrenbang', '', '', '2023-02-17', "
                "'', false, '', '', false, '', :at, 0)"
            ),
            {"at": datetime(2023, 2, 17, 1, 0, tzinfo=UTC)},
        )
    engine.dispose()
    database = open_database(db_url)
    try:
        assert schema.current_revision(database.engine) == schema.HEAD
        with database.write() as session:
            meeting = session.exec(select(Meeting)).one()
            assert meeting.title == "Lama"
            meeting.ceiling = 25_000_000_000
        with database.read() as session:
            assert session.exec(select(Meeting.ceiling)).one() == 25_000_000_000
    finally:
        database.dispose()


def test_reopening_does_not_migrate_again(db: Database, db_url: str) -> None:
    again = open_database(db_url)
    try:
        assert schema.current_revision(again.engine) == schema.HEAD
    finally:
        again.dispose()


@pytest.mark.parametrize("stage", list(demo.Stage))
def test_demo_loads_at_every_stage(db: Database, stage: demo.Stage) -> None:
    meeting_id = demo.write_demo(db, stage)
    state = _state(db, meeting_id)
    assert state.tally.total == DEMO_PROPOSALS
    assert state.tally.requested == DEMO_REQUESTED
    assert state.tally.ceiling is not None and state.tally.ceiling > 2**31
    assert len(state.villages) == 20
    assert state.meeting.is_demo is True
    assert state.meeting.hard_ceiling is False
    if stage is demo.Stage.FRESH:
        assert state.tally.decided == 0
        assert state.village is not None and state.village.name == "Babagan"
    elif stage is demo.Stage.DONE:
        assert state.tally.count(ProposalStatus.PENDING) == 0
        assert state.village is None


def test_midway_figures_agree_across_back_ends(db: Database, midway_demo: int) -> None:
    state = _state(db, midway_demo)
    # Binangun's last proposal (accepted, Rp 295 juta) is merged into Babagan's first.
    assert state.tally.approved == 4_495_000_000
    assert {s.value: n for s, n in state.tally.counts.items() if n} == {
        "pending": 68,
        "accepted": 14,
        "merged": 1,
        "adjusted": 8,
        "rejected": 7,
        "deferred": 6,
        "redirected": 6,
    }
    done = [v for v in state.villages if v.state is VillageState.DONE]
    assert len(done) == demo.MIDWAY_DONE
    assert sum(v.approved for v in state.villages) == state.tally.approved


def test_times_are_timezone_aware_utc(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    first = state.proposals[0]
    reviewer = state.meeting.current_reviewer_id
    before = datetime.now(UTC)
    row = desk.decide(
        db,
        fresh_demo,
        first.id,
        decisions.accept(first.requested, first.volume),
        reviewer_id=reviewer,
        expected_version=first.version,
    )
    assert row.decided_at is not None and row.decided_at.utcoffset() is not None
    with db.read() as session:
        stored = session.get(Proposal, first.id)
        assert stored is not None and stored.decided_at is not None
        assert stored.decided_at.utcoffset() is not None
        assert abs((stored.decided_at - before).total_seconds()) < 60
        event = session.exec(select(Event).where(Event.proposal_id == first.id)).one()
        assert event.at.utcoffset() is not None
    assert state.meeting.desk_starts_at is not None
    assert state.meeting.desk_starts_at.utcoffset() is not None


def test_every_decision_kind_then_undo_and_redo(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    a, b, c, d, e = state.proposals[:5]
    kinds = [
        (a, decisions.accept(a.requested, a.volume)),
        (
            b,
            decisions.adjust(
                b.requested, b.volume, amount=b.requested // 2, new_volume=None, note="dipotong"
            ),
        ),
        (c, decisions.refuse(ProposalStatus.REJECTED, "bukan kewenangan kabupaten")),
        (d, decisions.refuse(ProposalStatus.DEFERRED, "tahun depan")),
        (e, decisions.refuse(ProposalStatus.REDIRECTED, "dana desa", FundingSource.APBDES)),
    ]
    for proposal, decision in kinds:
        row = desk.decide(
            db, fresh_demo, proposal.id, decision, reviewer_id=reviewer, expected_version=0
        )
        assert row.status is decision.status
        assert row.version == 1
        assert row.decided_by
    after = _state(db, fresh_demo)
    assert after.tally.approved == a.requested + b.requested // 2
    assert after.village_tally is not None and after.village_tally.decided == 5

    undone = desk.undo(db, fresh_demo, reviewer_id=reviewer)
    assert undone.id == e.id and undone.status is ProposalStatus.PENDING
    redone = desk.redo(db, fresh_demo, reviewer_id=reviewer)
    assert redone.id == e.id and redone.status is ProposalStatus.REDIRECTED
    assert redone.funding_source is FundingSource.APBDES
    for _ in range(5):
        desk.undo(db, fresh_demo, reviewer_id=reviewer)
    assert _state(db, fresh_demo).tally.decided == 0
    with pytest.raises(NothingToDoError):
        desk.undo(db, fresh_demo, reviewer_id=reviewer)
    with db.read() as session:
        history = queries.proposal_detail(session, e.id).history
    assert [h.kind for h in history] == ["undo", "redo", "undo", "decide"]


def test_stale_version_is_a_conflict_naming_who(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    first = state.proposals[0]
    reviewers = state.reviewers
    desk.decide(
        db,
        fresh_demo,
        first.id,
        decisions.accept(first.requested, first.volume),
        reviewer_id=reviewers[0].id,
        expected_version=0,
    )
    with pytest.raises(ConflictError) as caught:
        desk.decide(
            db,
            fresh_demo,
            first.id,
            decisions.refuse(ProposalStatus.REJECTED, "ganda"),
            reviewer_id=reviewers[1].id,
            expected_version=0,
        )
    assert caught.value.who == reviewers[0].name
    assert caught.value.when is not None and caught.value.when.utcoffset() is not None
    assert _state(db, fresh_demo).proposals[0].status is ProposalStatus.ACCEPTED


def test_hard_ceiling_refuses_the_acceptance_that_would_exceed_it(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    first, second = state.proposals[:2]
    with db.write() as session:
        meeting = session.get(Meeting, fresh_demo)
        assert meeting is not None
        meeting.hard_ceiling = True
        meeting.ceiling = first.requested + second.requested - 1
    reviewer = state.meeting.current_reviewer_id
    desk.decide(
        db,
        fresh_demo,
        first.id,
        decisions.accept(first.requested, first.volume),
        reviewer_id=reviewer,
        expected_version=0,
    )
    with pytest.raises(CeilingExceededError) as caught:
        desk.decide(
            db,
            fresh_demo,
            second.id,
            decisions.accept(second.requested, second.volume),
            reviewer_id=reviewer,
            expected_version=0,
        )
    assert caught.value.over == 1
    # A refusal never counts against the ceiling.
    desk.decide(
        db,
        fresh_demo,
        second.id,
        decisions.refuse(ProposalStatus.DEFERRED, "pagu habis"),
        reviewer_id=reviewer,
        expected_version=0,
    )
    assert _state(db, fresh_demo).tally.approved == first.requested


def test_queue_commands(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    assert state.village is not None
    first_at_desk = state.village.id
    following = desk.call_next(db, fresh_demo, reviewer_id=reviewer)
    assert following is not None and following != first_at_desk
    absent_next = desk.mark_absent(db, fresh_demo, reviewer_id=reviewer)
    rows = _state(db, fresh_demo).villages
    by_id = {v.id: v for v in rows}
    assert by_id[first_at_desk].state is VillageState.DONE
    assert by_id[following].state is VillageState.ABSENT
    assert by_id[following].position == max(v.position for v in rows)
    assert absent_next is not None and by_id[absent_next].state is VillageState.AT_DESK
    waiting = [v for v in rows if v.state is VillageState.WAITING]
    assert desk.move_village(db, fresh_demo, waiting[1].id, -1, reviewer_id=reviewer) is True
    moved = {v.id: v.position for v in _state(db, fresh_demo).villages}
    assert moved[waiting[1].id] == waiting[0].position
    assert moved[waiting[0].id] == waiting[1].position
    assert desk.call_village(db, fresh_demo, following, reviewer_id=reviewer) == following
    assert _state(db, fresh_demo).village.id == following  # type: ignore[union-attr]


def test_reviewers_and_cursor(db: Database, fresh_demo: int) -> None:
    new_id = desk.add_reviewer(db, fresh_demo, "Sri Wahyuni", "Kecamatan")
    assert desk.add_reviewer(db, fresh_demo, "Sri Wahyuni") == new_id
    desk.switch_reviewer(db, fresh_demo, new_id)
    state = _state(db, fresh_demo)
    assert state.reviewer is not None and state.reviewer.name == "Sri Wahyuni"
    desk.save_cursor(db, fresh_demo, state.proposals[2].id)
    assert meetings.open_meeting(db) == fresh_demo
    assert _state(db, fresh_demo).meeting.cursor_proposal_id == state.proposals[2].id


def test_csv_export_is_the_same_on_both(db: Database, midway_demo: int) -> None:
    out = io.StringIO()
    assert write_csv(db, midway_demo, out) == DEMO_PROPOSALS
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("village,ref,title")
    assert sum(1 for line in lines if ",accepted," in line) == 14
    assert sum(1 for line in lines if ",merged," in line) == 1
