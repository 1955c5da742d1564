"""The fitting commands against a real database (SQLite and PostgreSQL): rank moves,
scores, the bulk accept up to the pagu line, merges, OPD ceilings; each undoable."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.fit import FitOrder
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk, fit, fit_queries, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.errors import AgencyCeilingExceededError, StoreError
from lasem_tui.store.models import Event, Meeting, Proposal, Village
from lasem_tui.store.setup import scoring
from lasem_tui.store.views import DeskState, ProposalRow

TIMEOUT = 60


def _state(db: Database, meeting_id: int, village_id: int | None = None) -> DeskState:
    with db.read() as session:
        return queries.desk_state(session, meeting_id, village_id)


def _row(db: Database, proposal_id: int) -> ProposalRow:
    with db.read() as session:
        return queries.proposal(session, proposal_id)


def _reviewer(state: DeskState) -> int:
    assert state.meeting.current_reviewer_id is not None
    return state.meeting.current_reviewer_id


def _kinds(db: Database, meeting_id: int) -> list[str]:
    with db.read() as session:
        return [e.kind for e in session.exec(select(Event).where(Event.meeting_id == meeting_id))]


def test_rank_moves_within_the_village_and_one_undo_takes_it_back(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    first, second = sorted(state.proposals, key=lambda p: p.priority or 0)[:2]
    changed = fit.move_rank(db, fresh_demo, second.id, -1, reviewer_id=_reviewer(state))
    assert [row.id for row in changed] == [second.id, first.id]
    assert _row(db, second.id).priority == 1 and _row(db, first.id).priority == 2
    assert fit.move_rank(db, fresh_demo, second.id, -1, reviewer_id=_reviewer(state)) == ()
    assert _kinds(db, fresh_demo).count("rank") == 2

    desk.undo_step(db, fresh_demo, reviewer_id=_reviewer(state), village_id=first.village_id)
    assert _row(db, first.id).priority == 1 and _row(db, second.id).priority == 2
    desk.redo_step(db, fresh_demo, reviewer_id=_reviewer(state), village_id=first.village_id)
    assert _row(db, second.id).priority == 1


def test_a_village_without_ranks_gets_them_from_the_first_move(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    village_id = state.proposals[0].village_id
    with db.write() as session:
        for p in session.exec(select(Proposal).where(Proposal.village_id == village_id)):
            p.priority = None
    last = max(state.proposals, key=lambda p: p.seq)
    fit.move_rank(db, fresh_demo, last.id, -1, reviewer_id=_reviewer(state))
    ranks = {p.seq: p.priority for p in _state(db, fresh_demo).proposals}
    n = len(ranks)
    assert sorted(ranks.values()) == list(range(1, n + 1))
    assert ranks[last.seq] == n - 1 and ranks[last.seq - 1] == n


def test_score_is_weighted_logged_and_undone_like_a_decision(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    with db.read() as session:
        criteria = fit_queries.criteria(session, fresh_demo)
    assert len(criteria) == 5  # the template's set
    p = state.proposals[0]
    levels = {c.id: 5 for c in criteria}
    levels[criteria[0].id] = 1  # weight 30 of 100 at nothing: 70
    row = fit.set_score(
        db, fresh_demo, p.id, levels, reviewer_id=_reviewer(state), expected_version=p.version
    )
    assert row.score == 70
    with db.read() as session:
        assert fit_queries.levels(session, p.id) == levels
    desk.undo(db, fresh_demo, reviewer_id=_reviewer(state), village_id=p.village_id)
    assert _row(db, p.id).score is None
    with db.read() as session:
        assert fit_queries.levels(session, p.id) == {}
    desk.redo(db, fresh_demo, reviewer_id=_reviewer(state), village_id=p.village_id)
    assert _row(db, p.id).score == 70
    # A weight change re-scores: criterion 0 now weighs 100 of 170.
    scoring.update_criterion(db, fresh_demo, criteria[0].id, weight=100)
    assert _row(db, p.id).score == round(100 * 70 / 170)


def test_score_refused_for_a_meeting_without_criteria(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    with db.read() as session:
        criteria = fit_queries.criteria(session, fresh_demo)
    for c in criteria:
        scoring.remove_criterion(db, fresh_demo, c.id)
    p = state.proposals[0]
    with pytest.raises(StoreError) as refused:
        fit.set_score(db, fresh_demo, p.id, {}, reviewer_id=_reviewer(state), expected_version=0)
    assert refused.value.code == "fit.no_criteria"


def _fit(db: Database, meeting_id: int, village_id: int, order=FitOrder.PRIORITY):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return fit_queries.village_fit(session, meeting_id, village_id, order)


def test_bulk_accept_up_to_the_line_is_one_step_one_undo(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    village = state.village
    assert village is not None
    ordered = sorted(state.proposals, key=lambda p: p.priority or 0)
    # A village ceiling that the first two fit in exactly.
    with db.write() as session:
        row = session.get(Village, village.id)
        assert row is not None
        row.ceiling = ordered[0].requested + ordered[1].requested
    found = _fit(db, fresh_demo, village.id)
    assert [r.candidate.id for r in found.above] == [ordered[0].id, ordered[1].id]
    expected = {p.id: p.version for p in ordered[:2]}
    rows = fit.accept_above_line(
        db,
        fresh_demo,
        village.id,
        FitOrder.PRIORITY,
        reviewer_id=_reviewer(state),
        expected=expected,
    )
    assert [r.status for r in rows] == [ProposalStatus.ACCEPTED] * 2
    assert _fit(db, fresh_demo, village.id).remaining == 0
    with db.read() as session:
        step_ids = {
            e.step_id
            for e in session.exec(
                select(Event).where(Event.meeting_id == fresh_demo, Event.kind == "decide")
            )
        }
    assert len(step_ids) == 1 and None not in step_ids

    undone = desk.undo_step(db, fresh_demo, reviewer_id=_reviewer(state), village_id=village.id)
    assert {r.id for r in undone} == set(expected)
    assert all(_row(db, pid).status is ProposalStatus.PENDING for pid in expected)
    with pytest.raises(StoreError):  # nothing else to undo in this village
        desk.undo(db, fresh_demo, reviewer_id=_reviewer(state), village_id=village.id)
    desk.redo_step(db, fresh_demo, reviewer_id=_reviewer(state), village_id=village.id)
    assert all(_row(db, pid).status is ProposalStatus.ACCEPTED for pid in expected)


def test_bulk_accept_refused_when_the_line_moved(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    village = state.village
    assert village is not None
    found = _fit(db, fresh_demo, village.id)
    stale = {r.candidate.id: 0 for r in found.above}
    first = found.above[0].candidate
    desk.decide(
        db,
        fresh_demo,
        first.id,
        decisions.refuse(ProposalStatus.REJECTED, "ganda"),
        reviewer_id=_reviewer(state),
        expected_version=0,
    )
    with pytest.raises(fit.FitChangedError):
        fit.accept_above_line(
            db,
            fresh_demo,
            village.id,
            FitOrder.PRIORITY,
            reviewer_id=_reviewer(state),
            expected=stale,
        )


def test_merge_links_stops_counting_adjusts_target_and_undoes_whole(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    p, target = state.proposals[0], _state(db, fresh_demo, state.villages[1].id).proposals[0]
    merged, adjusted = fit.merge(
        db,
        fresh_demo,
        p.id,
        target.id,
        "sama dengan usulan desa tetangga",
        reviewer_id=_reviewer(state),
        expected_version=p.version,
        target_amount=target.requested + p.requested,
        target_note="digabung",
    )
    assert merged.status is ProposalStatus.MERGED
    assert merged.merged_into_id == target.id and merged.merged_into_ref == target.ref
    assert adjusted.status is ProposalStatus.ADJUSTED
    assert adjusted.approved == target.requested + p.requested
    with db.read() as session:
        assert fit_queries.merged_from(session, target.id) == (p.ref,)
        assert queries.tally(session, fresh_demo, None).approved == adjusted.approved
        assert queries.village_tally(session, p.village_id, None).count(ProposalStatus.MERGED) == 1
    assert "merge" in _kinds(db, fresh_demo)
    undone = desk.undo_step(db, fresh_demo, reviewer_id=_reviewer(state), village_id=p.village_id)
    assert {r.id for r in undone} == {p.id, target.id}
    back, target_back = _row(db, p.id), _row(db, target.id)
    assert back.status is ProposalStatus.PENDING and back.merged_into_id is None
    assert target_back.status is ProposalStatus.PENDING and target_back.approved is None


def test_merge_needs_a_reason_and_another_target(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    p, q = state.proposals[:2]
    with pytest.raises(decisions.DecisionError):
        fit.merge(
            db, fresh_demo, p.id, q.id, "  ", reviewer_id=_reviewer(state), expected_version=0
        )
    with pytest.raises(StoreError):
        fit.merge(db, fresh_demo, p.id, p.id, "x", reviewer_id=_reviewer(state), expected_version=0)


def test_accept_may_reroute_keeping_the_origin(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    row = desk.decide(
        db,
        fresh_demo,
        p.id,
        decisions.accept(p.requested, p.volume, agency="Dinas Perhubungan"),
        reviewer_id=_reviewer(state),
        expected_version=0,
    )
    assert row.agency == "Dinas Perhubungan" and row.origin_agency == p.agency
    assert row.rerouted
    desk.undo(db, fresh_demo, reviewer_id=_reviewer(state), village_id=p.village_id)
    back = _row(db, p.id)
    assert back.agency == p.agency and not back.rerouted


def _hard_agency_ceiling(db: Database, meeting_id: int, agency: str, ceiling: int) -> None:
    scoring.set_agency_ceiling(db, meeting_id, agency, ceiling)
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.hard_ceiling = True
        meeting.ceiling = 10**15


def test_opd_ceiling_refuses_in_the_write_and_shows_in_the_tally(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    _hard_agency_ceiling(db, fresh_demo, p.agency, p.requested - 1)
    with pytest.raises(AgencyCeilingExceededError) as refused:
        desk.decide(
            db,
            fresh_demo,
            p.id,
            decisions.accept(p.requested, p.volume),
            reviewer_id=_reviewer(state),
            expected_version=0,
        )
    assert refused.value.over == 1 and refused.value.agency == p.agency
    assert _row(db, p.id).status is ProposalStatus.PENDING
    # Re-routed to an OPD without a ceiling, it goes through.
    desk.decide(
        db,
        fresh_demo,
        p.id,
        decisions.accept(p.requested, p.volume, agency="Dinas Lain"),
        reviewer_id=_reviewer(state),
        expected_version=0,
    )
    with db.write() as session:
        meeting = session.get(Meeting, fresh_demo)
        assert meeting is not None
        meeting.hard_ceiling = False
    q = _row(db, p.id)
    desk.decide(
        db,
        fresh_demo,
        p.id,
        decisions.accept(p.requested, p.volume, agency=p.agency),
        reviewer_id=_reviewer(state),
        expected_version=q.version,
    )
    with db.read() as session:
        (figures,) = fit_queries.agency_tally(session, fresh_demo)
    assert figures.agency == p.agency and figures.is_over and figures.over == 1


@pytest.fixture
def open_desks(db_url: str) -> Iterator[Callable[[], Database]]:
    opened: list[Database] = []

    def open_desk() -> Database:
        database = open_database(db_url)
        opened.append(database)
        return database

    yield open_desk
    for database in opened:
        database.dispose()


def test_desks_at_once_never_take_an_opd_past_its_hard_ceiling(
    db: Database, fresh_demo: int, open_desks: Callable[[], Database]
) -> None:
    state = _state(db, fresh_demo)
    agency = "Dinas Bersama"
    villages = [v.id for v in state.villages[:4]]
    proposals: dict[int, list[ProposalRow]] = {}
    with db.write() as session:
        for p in session.exec(select(Proposal).where(Proposal.meeting_id == fresh_demo)):
            if p.village_id in villages:
                p.agency = agency
    for village_id in villages:
        proposals[village_id] = list(_state(db, fresh_demo, village_id).proposals)
    requested = sum(p.requested for rows in proposals.values() for p in rows)
    ceiling = requested // 2
    _hard_agency_ceiling(db, fresh_demo, agency, ceiling)
    desks = [open_desks() for _ in villages]
    barrier = threading.Barrier(len(villages))
    results: list[object] = [None] * len(villages)

    def run(index: int, database: Database, rows: list[ProposalRow]) -> None:
        barrier.wait(timeout=TIMEOUT)
        accepted, refused = 0, 0
        try:
            for p in rows:
                try:
                    desk.decide(
                        database,
                        fresh_demo,
                        p.id,
                        decisions.accept(p.requested, p.volume),
                        reviewer_id=_reviewer(state),
                        expected_version=p.version,
                    )
                    accepted += p.requested
                except AgencyCeilingExceededError:
                    refused += 1
            results[index] = (accepted, refused)
        except Exception as exc:
            results[index] = exc

    threads = [
        threading.Thread(target=run, args=(i, d, proposals[v]))
        for i, (d, v) in enumerate(zip(desks, villages, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "a desk hung"
    assert all(isinstance(r, tuple) for r in results), results
    with db.read() as session:
        (figures,) = fit_queries.agency_tally(session, fresh_demo)
    assert figures.approved <= ceiling
    assert figures.approved == sum(r[0] for r in results)  # type: ignore[index]
    assert sum(r[1] for r in results) > 0  # type: ignore[index]
