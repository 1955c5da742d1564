"""Properties of the desk's commands that hold for any sequence of them (hypothesis).

One database per test (on each back end), shared by its examples: every property holds
from whatever state the earlier examples left, which makes the sequences longer still.
"""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.domain.tally import ProposalFigures, tally_of
from lasem_tui.store import desk, events, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting, Proposal, Village

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: A decision as drawn: (kind, a fraction for adjustments, a reason).
decision_specs = st.tuples(
    st.sampled_from(["accept", "adjust", "reject", "defer", "redirect"]),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["bukan kewenangan", "ꦗꦮ", "🙂 tahun depan", "سبب", "[b]x[/b]"]),
)


def _decision(spec: tuple[str, int, str], proposal) -> decisions.Decision:  # type: ignore[no-untyped-def]
    kind, percent, reason = spec
    if kind == "accept":
        return decisions.accept(proposal.requested, proposal.volume)
    if kind == "adjust":
        amount = max(1, proposal.requested * percent // 100)
        if amount == proposal.requested:
            amount -= 1
        return decisions.adjust(
            proposal.requested, proposal.volume, amount=amount, new_volume=None, note=reason
        )
    if kind == "reject":
        return decisions.refuse(ProposalStatus.REJECTED, reason)
    if kind == "defer":
        return decisions.refuse(ProposalStatus.DEFERRED, reason)
    return decisions.refuse(ProposalStatus.REDIRECTED, reason, FundingSource.CSR)


def _snapshot(db: Database, meeting_id: int) -> dict[int, dict[str, Any]]:
    """Every proposal's decision, without the version and time that each change moves."""
    with db.read() as session:
        rows = session.exec(select(Proposal).where(Proposal.meeting_id == meeting_id)).all()
    snapshot = {}
    for row in rows:
        state = events.decision_state(row)
        snapshot[row.id] = {
            k: v for k, v in state.items() if k not in ("version", "decided_at", "decided_by_id")
        }
    return snapshot


def _ids(db: Database, meeting_id: int) -> list[int]:
    with db.read() as session:
        return sorted(
            p.id for p in session.exec(select(Proposal).where(Proposal.meeting_id == meeting_id))
        )


def _decide(db: Database, meeting_id: int, reviewer: int, proposal_id: int, spec) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        proposal = queries.proposal(session, proposal_id)
    desk.decide(
        db,
        meeting_id,
        proposal_id,
        _decision(spec, proposal),
        reviewer_id=reviewer,
        expected_version=proposal.version,
    )


def _reviewer(db: Database, meeting_id: int) -> int:
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.current_reviewer_id is not None
        return meeting.current_reviewer_id


def test_tally_always_equals_the_sum_over_stored_proposals(db: Database, fresh_demo: int) -> None:
    ids = _ids(db, fresh_demo)
    reviewer = _reviewer(db, fresh_demo)

    @SETTINGS
    @given(
        st.lists(
            st.tuples(st.sampled_from(ids), decision_specs | st.just(("undo", 0, ""))),
            min_size=1,
            max_size=6,
        )
    )
    def check(steps) -> None:  # type: ignore[no-untyped-def]
        for proposal_id, spec in steps:
            if spec[0] == "undo":
                with contextlib.suppress(desk.NothingToDoError):
                    desk.undo(db, fresh_demo, reviewer_id=reviewer)
            else:
                _decide(db, fresh_demo, reviewer, proposal_id, spec)
        with db.read() as session:
            rows = session.exec(select(Proposal).where(Proposal.meeting_id == fresh_demo)).all()
            ceiling = session.get(Meeting, fresh_demo).ceiling  # type: ignore[union-attr]
            stored = queries.tally(session, fresh_demo, ceiling)
        expected = tally_of(
            (ProposalFigures(ProposalStatus(p.status), p.requested, p.approved) for p in rows),
            ceiling,
        )
        assert stored.approved == expected.approved
        assert stored.requested == expected.requested
        assert stored.remaining == expected.remaining
        assert {s: stored.count(s) for s in ProposalStatus} == dict(expected.counts)

    check()


def test_decisions_then_as_many_undos_give_back_the_start(db: Database, fresh_demo: int) -> None:
    ids = _ids(db, fresh_demo)
    reviewer = _reviewer(db, fresh_demo)

    @SETTINGS
    @given(
        st.lists(
            st.tuples(st.sampled_from(ids[:8]), decision_specs),  # few ids: many repeats
            min_size=1,
            max_size=8,
        )
    )
    def check(steps) -> None:  # type: ignore[no-untyped-def]
        start = _snapshot(db, fresh_demo)
        for proposal_id, spec in steps:
            _decide(db, fresh_demo, reviewer, proposal_id, spec)
        for _ in steps:
            desk.undo(db, fresh_demo, reviewer_id=reviewer)
        assert _snapshot(db, fresh_demo) == start

    check()


def test_redo_after_undo_gives_back_the_state_before_the_undo(
    db: Database, fresh_demo: int
) -> None:
    ids = _ids(db, fresh_demo)
    reviewer = _reviewer(db, fresh_demo)

    @SETTINGS
    @given(
        st.lists(st.tuples(st.sampled_from(ids[:8]), decision_specs), min_size=1, max_size=6),
        st.integers(min_value=1, max_value=6),
    )
    def check(steps, undos: int) -> None:  # type: ignore[no-untyped-def]
        for proposal_id, spec in steps:
            _decide(db, fresh_demo, reviewer, proposal_id, spec)
        states = [_snapshot(db, fresh_demo)]
        undos = min(undos, len(steps))
        for _ in range(undos):
            desk.undo(db, fresh_demo, reviewer_id=reviewer)
            states.append(_snapshot(db, fresh_demo))
        # Redo walks the same states back up, one by one.
        for expected in reversed(states[:-1]):
            desk.redo(db, fresh_demo, reviewer_id=reviewer)
            assert _snapshot(db, fresh_demo) == expected

    check()


def test_deciding_one_proposal_twice_then_undoing_both(db: Database, fresh_demo: int) -> None:
    """The case the properties found: the second undo met the proposal at a later
    version than the first decision left it, and was refused as a conflict."""
    reviewer = _reviewer(db, fresh_demo)
    proposal_id = _ids(db, fresh_demo)[0]
    start = _snapshot(db, fresh_demo)
    _decide(db, fresh_demo, reviewer, proposal_id, ("accept", 0, ""))
    _decide(db, fresh_demo, reviewer, proposal_id, ("reject", 0, "alasan"))
    assert desk.undo(db, fresh_demo, reviewer_id=reviewer).status is ProposalStatus.ACCEPTED
    assert desk.undo(db, fresh_demo, reviewer_id=reviewer).status is ProposalStatus.PENDING
    assert _snapshot(db, fresh_demo) == start
    assert desk.redo(db, fresh_demo, reviewer_id=reviewer).status is ProposalStatus.ACCEPTED
    assert desk.redo(db, fresh_demo, reviewer_id=reviewer).status is ProposalStatus.REJECTED


queue_moves = st.lists(
    st.one_of(
        st.just(("next", 0)),
        st.just(("absent", 0)),
        st.tuples(st.just("up"), st.integers(0, 19)),
        st.tuples(st.just("down"), st.integers(0, 19)),
        st.tuples(st.just("call"), st.integers(0, 19)),
    ),
    min_size=1,
    max_size=12,
)


def test_queue_moves_keep_every_village_exactly_once(db: Database, fresh_demo: int) -> None:
    reviewer = _reviewer(db, fresh_demo)
    with db.read() as session:
        village_ids = sorted(
            v.id for v in session.exec(select(Village).where(Village.meeting_id == fresh_demo))
        )

    @SETTINGS
    @given(queue_moves)
    def check(moves) -> None:  # type: ignore[no-untyped-def]
        for move, index in moves:
            try:
                if move == "next":
                    desk.call_next(db, fresh_demo, reviewer_id=reviewer)
                elif move == "absent":
                    desk.mark_absent(db, fresh_demo, reviewer_id=reviewer)
                elif move == "call":
                    desk.call_village(db, fresh_demo, village_ids[index], reviewer_id=reviewer)
                else:
                    step = -1 if move == "up" else 1
                    desk.move_village(
                        db, fresh_demo, village_ids[index], step, reviewer_id=reviewer
                    )
            except desk.NothingToDoError:
                pass
            with db.read() as session:
                state = queries.desk_state(session, fresh_demo)
            shown = [v.id for v in state.villages]
            assert sorted(shown) == village_ids  # every village, exactly once
            with db.read() as session:
                positions = [
                    v.position
                    for v in session.exec(select(Village).where(Village.meeting_id == fresh_demo))
                ]
            assert len(set(positions)) == len(positions)  # a well-defined order
            at_desk = [v for v in state.villages if v.state.value == "at_desk"]
            assert len(at_desk) <= 1

    check()
