"""The desk's commands: decide, undo, redo, the queue and the reviewer at the keyboard.

Each function is one transaction that checks, writes and logs its event, or raises a
``StoreError`` and writes nothing. A proposal carries a version number: a write that
expected another version was overtaken by another desk and is refused, naming who.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from lasem_tui.domain.dates import now
from lasem_tui.domain.decisions import Decision
from lasem_tui.domain.states import (
    STEP_KINDS,
    UNDOABLE_KINDS,
    EventKind,
    ProposalStatus,
    VillageState,
)
from lasem_tui.domain.tally import approved_amount, would_exceed
from lasem_tui.domain.text import clean_text
from lasem_tui.store import events, guard, queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import (
    AgencyCeilingExceededError,
    CeilingExceededError,
    ConflictError,
    MeetingClosedError,
    NoReviewerError,
    NothingToDoError,
    StoreError,
)
from lasem_tui.store.events import UNCOMPARED
from lasem_tui.store.models import AgencyCeiling, Event, Meeting, Proposal, Reviewer, Village
from lasem_tui.store.views import ProposalRow


def _row_locks(session: Session) -> bool:
    """Whether this transaction must take row locks itself.

    SQLite's ``BEGIN IMMEDIATE`` already lets one writer at a time in, so only PostgreSQL,
    where desks write side by side, needs ``SELECT ... FOR UPDATE``.
    """
    return session.get_bind().dialect.name == "postgresql"


def _hard(meeting: Meeting) -> bool:
    """Whether decisions must queue on the meeting row: a hard ceiling, the meeting's or
    an OPD's (OPD ceilings are hard when the meeting's ceiling is marked hard, set or not).
    """
    return bool(meeting.hard_ceiling)


def _lock_meeting(session: Session, meeting_id: int, *, exclusive: bool) -> Meeting:
    meeting = session.exec(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .with_for_update(read=not exclusive)
        .execution_options(populate_existing=True)
    ).first()
    if meeting is None:
        raise StoreError("meeting_missing")
    return meeting


def _meeting_for_decision(session: Session, meeting_id: int) -> Meeting:
    """The open meeting, locked as a decision on it needs.

    Under a hard ceiling, desks deciding at once queue on the meeting row (``FOR
    UPDATE``): each sums the approved total only once the desk before it has committed,
    so together they can never pass the ceiling. Without one, decisions take a shared
    lock (``FOR SHARE``): desks on different villages never wait for each other, but a
    change to the meeting itself (making the ceiling hard, closing the meeting) waits
    for the decisions in flight, and those that follow see it.
    """
    meeting = guard.meeting(session, meeting_id)
    if not _row_locks(session):
        return meeting
    hard = _hard(meeting)
    meeting = _lock_meeting(session, meeting_id, exclusive=hard)
    if not hard and _hard(meeting):
        # The ceiling became hard between the two reads: queue like the others.
        meeting = _lock_meeting(session, meeting_id, exclusive=True)
    if meeting.closed_at is not None:
        raise MeetingClosedError()
    return meeting


def _proposal_for_write(session: Session, proposal_id: int | None) -> Proposal | None:
    """The proposal as last committed, locked until this transaction ends, so that of two
    desks changing it at once the second sees the first's version and is refused."""
    if proposal_id is None:
        return None
    return session.get(
        Proposal, proposal_id, with_for_update=_row_locks(session) or None, populate_existing=True
    )


def _village_for_write(session: Session, village_id: int | None) -> Village | None:
    if village_id is None:
        return None
    return session.get(
        Village, village_id, with_for_update=_row_locks(session) or None, populate_existing=True
    )


def _conflict(session: Session, proposal_id: int) -> ConflictError:
    last = queries.last_event_about(session, proposal_id)
    who, when = last if last else ("", None)
    return ConflictError(who, when)


def _check_ceiling(
    session: Session,
    meeting: Meeting,
    proposal: Proposal,
    new_contribution: int,
    *,
    agency: str | None = None,
) -> None:
    """Refuse, inside the write, what would take the meeting or the proposal's OPD (the
    one responsible after the change, ``agency``) past a hard ceiling."""
    if not meeting.hard_ceiling:
        return
    old = approved_amount(ProposalStatus(proposal.status), proposal.approved)
    delta = new_contribution - old
    if meeting.ceiling is not None:
        current = queries.approved_total(session, meeting.id or 0)
        if would_exceed(current, delta, meeting.ceiling):
            raise CeilingExceededError(current + delta - meeting.ceiling)
    agency = proposal.agency if agency is None else agency
    limit = session.exec(
        select(AgencyCeiling.ceiling).where(
            AgencyCeiling.meeting_id == meeting.id, AgencyCeiling.agency == agency
        )
    ).first()
    if limit is None:
        return
    agency_delta = delta if agency == proposal.agency else new_contribution
    current = queries.agency_approved_total(session, meeting.id or 0, agency)
    if would_exceed(current, agency_delta, limit):
        raise AgencyCeilingExceededError(agency, current + agency_delta - limit)


def apply_decision(
    session: Session,
    meeting: Meeting,
    reviewer: int,
    proposal: Proposal,
    decision: Decision,
    *,
    step: events.Step | None = None,
    kind: EventKind = EventKind.DECIDE,
    merged_into_id: int | None = None,
) -> Event:
    """Write one decision on a locked proposal and log it, in the caller's transaction:
    what ``decide``, the bulk accept and the merge share. A change of the responsible OPD
    keeps the one first proposed in ``agency_origin``. Returns the event logged."""
    agency = proposal.agency
    if decision.agency is not None and decision.status.is_approved:
        agency = clean_text(decision.agency)
    _check_ceiling(
        session,
        meeting,
        proposal,
        approved_amount(decision.status, decision.approved),
        agency=agency,
    )
    before = events.decision_state(proposal)
    if agency != proposal.agency and not proposal.agency_origin:
        proposal.agency_origin = proposal.agency
    proposal.agency = agency
    proposal.status = decision.status.value
    proposal.approved = decision.approved if decision.status.is_approved else None
    if proposal.requested_volume is None:
        # Rows written before the column existed: the volume still is the request.
        proposal.requested_volume = proposal.volume
    if decision.status is ProposalStatus.ADJUSTED or decision.status is ProposalStatus.ACCEPTED:
        proposal.volume = decision.volume if decision.volume is not None else proposal.volume
    proposal.reason = decision.reason
    proposal.note = decision.note
    proposal.funding_source = decision.funding_source.value if decision.funding_source else None
    proposal.merged_into_id = merged_into_id
    proposal.decided_by_id = reviewer
    proposal.decided_at = now()
    proposal.version += 1
    write = step.record if step is not None else (lambda *a, **k: events.record(session, *a, **k))
    event = write(
        meeting.id or 0,
        kind,
        reviewer,
        proposal_id=proposal.id,
        village_id=proposal.village_id,
        before=before,
        after=events.decision_state(proposal),
    )
    session.flush()
    return event


@dataclass(frozen=True)
class Decided:
    """A decision as committed: the proposal's row, and the id of the one event it logged
    (the desk tells from it whether anybody else wrote meanwhile, without a read)."""

    row: ProposalRow
    event_id: int


def decide(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    decision: Decision,
    *,
    reviewer_id: int | None,
    expected_version: int,
) -> ProposalRow:
    """Record a decision; returns the proposal as committed."""
    return decide_logged(
        db,
        meeting_id,
        proposal_id,
        decision,
        reviewer_id=reviewer_id,
        expected_version=expected_version,
    ).row


def decide_logged(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    decision: Decision,
    *,
    reviewer_id: int | None,
    expected_version: int,
) -> Decided:
    """``decide``, returning the event's id with the row."""
    with db.write() as session:
        meeting = _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        proposal = _proposal_for_write(session, proposal_id)
        if proposal is None or proposal.meeting_id != meeting_id:
            raise StoreError("proposal_missing")
        if proposal.version != expected_version:
            raise _conflict(session, proposal_id)
        event = apply_decision(session, meeting, reviewer, proposal, decision)
        return Decided(queries.proposal(session, proposal_id), event.id or 0)


def _scope(meeting_id: int, village_id: int | None) -> list[ColumnElement[bool]]:
    """Events of the meeting, or only of one village: a desk sharing a meeting with
    other desks undoes its own village's decisions, not theirs."""
    where = [col(Event.meeting_id) == meeting_id]
    if village_id is not None:
        where.append(col(Event.village_id) == village_id)
    return where


def _last_undoable(session: Session, meeting_id: int, village_id: int | None) -> Event | None:
    undone = select(Event.ref_event_id).where(
        Event.meeting_id == meeting_id, Event.kind == EventKind.UNDO.value
    )
    return session.exec(
        select(Event)
        .where(
            *_scope(meeting_id, village_id),
            col(Event.kind).in_([kind.value for kind in UNDOABLE_KINDS]),
            col(Event.id).not_in(undone),
        )
        .order_by(col(Event.id).desc())
        .limit(1)
    ).first()


def _last_redoable(session: Session, meeting_id: int, village_id: int | None) -> Event | None:
    redone = select(Event.ref_event_id).where(
        Event.meeting_id == meeting_id, Event.kind == EventKind.REDO.value
    )
    candidate = session.exec(
        select(Event)
        .where(
            *_scope(meeting_id, village_id),
            Event.kind == EventKind.UNDO.value,
            col(Event.id).not_in(redone),
        )
        .order_by(col(Event.id).desc())
        .limit(1)
    ).first()
    if candidate is None:
        return None
    newer_step = session.exec(
        select(func.count())
        .select_from(Event)
        .where(
            *_scope(meeting_id, village_id),
            col(Event.kind).in_([kind.value for kind in STEP_KINDS]),
            col(Event.id) > (candidate.id or 0),
        )
    ).one()
    return None if newer_step else candidate


def _step_events(session: Session, event: Event) -> list[Event]:
    """The events of the step ``event`` belongs to, in the order they were written."""
    if event.step_id is None:
        return [event]
    return list(
        session.exec(
            select(Event)
            .where(Event.meeting_id == event.meeting_id, Event.step_id == event.step_id)
            .order_by(col(Event.id))
        ).all()
    )


def _unchanged(session: Session, proposal: Proposal, expected: dict[str, Any]) -> bool:
    current = events.state_like(session, proposal, expected)
    return all(
        current.get(name) == expected.get(name) for name in expected if name not in UNCOMPARED
    )


def _restore(
    session: Session,
    meeting: Meeting,
    reviewer: int,
    kind: EventKind,
    source: Event,
    state: dict[str, Any],
    expected: dict[str, Any],
    step: events.Step,
) -> Proposal:
    """Put ``state`` back on the proposal of ``source``, which must still show
    ``expected`` (else another desk changed it meanwhile: a conflict)."""
    proposal = _proposal_for_write(session, source.proposal_id)
    if proposal is None:
        raise StoreError("proposal_missing")
    if not _unchanged(session, proposal, expected):
        raise _conflict(session, proposal.id or 0)
    if "status" in state:
        status = ProposalStatus(state["status"])
        _check_ceiling(
            session,
            meeting,
            proposal,
            approved_amount(status, state.get("approved")),
            agency=state.get("agency", proposal.agency),
        )
    before = events.state_like(session, proposal, state)
    before["version"] = proposal.version
    events.apply_state(session, proposal, state)
    proposal.version += 1
    after = events.state_like(session, proposal, state)
    after["version"] = proposal.version
    step.record(
        meeting.id or 0,
        kind,
        reviewer,
        proposal_id=proposal.id,
        village_id=proposal.village_id,
        ref_event_id=source.id,
        before=before,
        after=after,
    )
    session.flush()
    return proposal


def _rows(session: Session, proposals: list[Proposal]) -> tuple[ProposalRow, ...]:
    seen: list[int] = []
    for proposal in proposals:
        if proposal.id not in seen:
            seen.append(proposal.id or 0)
    return tuple(queries.proposal(session, proposal_id) for proposal_id in seen)


def undo_step(
    db: Database, meeting_id: int, *, reviewer_id: int | None, village_id: int | None = None
) -> tuple[ProposalRow, ...]:
    """Undo the meeting's last step (within ``village_id`` when given): a decision, a
    score, a rank move, a merge, or a bulk accept as a whole. Returns every proposal it
    changed, the step's first one first."""
    with db.write() as session:
        meeting = _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        event = _last_undoable(session, meeting_id, village_id)
        if event is None:
            raise NothingToDoError("nothing_to_undo")
        step = events.Step(session)
        changed = [
            _restore(
                session,
                meeting,
                reviewer,
                EventKind.UNDO,
                source,
                events.loads(source.before),
                events.loads(source.after),
                step,
            )
            for source in reversed(_step_events(session, event))
        ]
        return _rows(session, list(reversed(changed)))


def undo(
    db: Database, meeting_id: int, *, reviewer_id: int | None, village_id: int | None = None
) -> ProposalRow:
    """Undo the meeting's last decision (or redo); the undo is itself an event.

    With ``village_id``, the last decision about that village: what a desk sharing the
    meeting with other desks wants. A step of several proposals (a bulk accept, a merge)
    is undone as a whole; this returns its first proposal (``undo_step`` returns all).
    """
    return undo_step(db, meeting_id, reviewer_id=reviewer_id, village_id=village_id)[0]


def redo_step(
    db: Database, meeting_id: int, *, reviewer_id: int | None, village_id: int | None = None
) -> tuple[ProposalRow, ...]:
    """Redo the last undone step, as long as no new step came after the undo."""
    with db.write() as session:
        meeting = _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        undo_event = _last_redoable(session, meeting_id, village_id)
        if undo_event is None:
            raise NothingToDoError("nothing_to_redo")
        step = events.Step(session)
        changed = []
        for each in reversed(_step_events(session, undo_event)):
            undone = session.get(Event, each.ref_event_id)
            if undone is None:
                raise NothingToDoError("nothing_to_redo")
            target = events.loads(undone.after)
            expected = events.loads(each.after)
            changed.append(
                _restore(session, meeting, reviewer, EventKind.REDO, each, target, expected, step)
            )
        return _rows(session, changed)


def redo(
    db: Database, meeting_id: int, *, reviewer_id: int | None, village_id: int | None = None
) -> ProposalRow:
    """Redo the last undone decision, as long as no new decision came after the undo
    (within ``village_id`` when given, as for ``undo``); see ``redo_step``."""
    return redo_step(db, meeting_id, reviewer_id=reviewer_id, village_id=village_id)[0]


# --- the queue -------------------------------------------------------------------------


def _village_state(village: Village) -> dict[str, Any]:
    return {"state": village.state, "position": village.position}


def _leave_desk(
    session: Session, village: Village, state: VillageState, reviewer: int | None
) -> None:
    moment = now()
    if village.desk_started_at is not None:
        started = village.desk_started_at
        village.desk_seconds += max(0.0, (moment - started).total_seconds())
    before = _village_state(village)
    village.desk_started_at = None
    village.state = state.value
    if state is VillageState.DONE:
        village.finished_at = moment
    kind = EventKind.MARK_ABSENT if state is VillageState.ABSENT else EventKind.FINISH_VILLAGE
    if state is VillageState.ABSENT:
        village.position = _max_position(session, village.meeting_id) + 1
    events.record(
        session,
        village.meeting_id,
        kind,
        reviewer,
        village_id=village.id,
        before=before,
        after=_village_state(village),
    )


def _seat(session: Session, village: Village, reviewer: int | None) -> None:
    before = _village_state(village)
    village.state = VillageState.AT_DESK.value
    village.desk_started_at = now()
    events.record(
        session,
        village.meeting_id,
        EventKind.CALL_VILLAGE,
        reviewer,
        village_id=village.id,
        before=before,
        after=_village_state(village),
    )


def _max_position(session: Session, meeting_id: int) -> int:
    value = session.exec(
        select(func.max(Village.position)).where(Village.meeting_id == meeting_id)
    ).one()
    return int(value or 0)


def _next_in_queue(session: Session, meeting_id: int, exclude: int | None) -> Village | None:
    for state in (VillageState.WAITING, VillageState.ABSENT):
        statement = (
            select(Village)
            .where(
                Village.meeting_id == meeting_id,
                Village.state == state.value,
                Village.id != (exclude or 0),
            )
            .order_by(col(Village.position), col(Village.id))
            .limit(1)
        )
        if _row_locks(session):
            # Two desks sharing a meeting press "next" at once: each gets its own village,
            # the second skipping the one the first is calling.
            statement = statement.with_for_update(skip_locked=True)
        found = session.exec(statement.execution_options(populate_existing=True)).first()
        if found is not None:
            return found
    return None


def _at_desk(session: Session, meeting_id: int, village_id: int | None) -> Village | None:
    if village_id is not None:
        village = _village_for_write(session, village_id)
        return village if village and village.state == VillageState.AT_DESK.value else None
    statement = (
        select(Village)
        .where(Village.meeting_id == meeting_id, Village.state == VillageState.AT_DESK.value)
        .order_by(col(Village.position))
        .limit(1)
    )
    if _row_locks(session):
        statement = statement.with_for_update()
    return session.exec(statement.execution_options(populate_existing=True)).first()


def call_next(
    db: Database, meeting_id: int, *, reviewer_id: int | None, current_village_id: int | None = None
) -> int | None:
    """Finish the village at the desk and call the next waiting one (then the absent ones).

    Returns the id of the village now at the desk, or None when the queue is empty.
    """
    with db.write() as session:
        guard.meeting(session, meeting_id)
        current = _at_desk(session, meeting_id, current_village_id)
        if current is not None:
            _leave_desk(session, current, VillageState.DONE, reviewer_id)
        following = _next_in_queue(session, meeting_id, current.id if current else None)
        if following is None:
            if current is None:
                raise NothingToDoError("queue_empty")
            return None
        _seat(session, following, reviewer_id)
        session.flush()
        return following.id


def call_village(
    db: Database,
    meeting_id: int,
    village_id: int,
    *,
    reviewer_id: int | None,
    current_village_id: int | None = None,
) -> int:
    """Call a given village to the desk; the one sitting there goes back to waiting
    (or to done when nothing of it is pending)."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        target = _village_for_write(session, village_id)
        if target is None or target.meeting_id != meeting_id:
            raise StoreError("village_missing")
        if target.state == VillageState.AT_DESK.value:
            return village_id
        current = _at_desk(session, meeting_id, current_village_id)
        if current is not None:
            pending = session.exec(
                select(func.count())
                .select_from(Proposal)
                .where(
                    Proposal.village_id == current.id,
                    Proposal.status == ProposalStatus.PENDING.value,
                )
            ).one()
            _leave_desk(
                session,
                current,
                VillageState.WAITING if pending else VillageState.DONE,
                reviewer_id,
            )
        _seat(session, target, reviewer_id)
        return village_id


def mark_absent(
    db: Database, meeting_id: int, *, reviewer_id: int | None, village_id: int | None = None
) -> int | None:
    """The village at the desk is not here: to the end of the queue, and call the next."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        village = (
            _village_for_write(session, village_id)
            if village_id
            else _at_desk(session, meeting_id, None)
        )
        if village is None or village.meeting_id != meeting_id:
            raise NothingToDoError("no_village_at_desk")
        was_at_desk = village.state == VillageState.AT_DESK.value
        _leave_desk(session, village, VillageState.ABSENT, reviewer_id)
        if not was_at_desk:
            return None
        following = _next_in_queue(session, meeting_id, village.id)
        if following is None:
            return None
        _seat(session, following, reviewer_id)
        session.flush()
        return following.id


def move_village(
    db: Database, meeting_id: int, village_id: int, step: int, *, reviewer_id: int | None
) -> bool:
    """Swap a village with its neighbour up (-1) or down (+1); False at either end."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        village = _village_for_write(session, village_id)
        if village is None or village.meeting_id != meeting_id:
            raise StoreError("village_missing")
        order = col(Village.position).desc() if step < 0 else col(Village.position)
        comparison = (
            col(Village.position) < village.position
            if step < 0
            else col(Village.position) > village.position
        )
        statement = (
            select(Village).where(Village.meeting_id == meeting_id, comparison).order_by(order)
        ).limit(1)
        if _row_locks(session):
            statement = statement.with_for_update()
        neighbour = session.exec(statement.execution_options(populate_existing=True)).first()
        if neighbour is None:
            return False
        before = _village_state(village)
        village.position, neighbour.position = neighbour.position, village.position
        events.record(
            session,
            meeting_id,
            EventKind.MOVE_VILLAGE,
            reviewer_id,
            village_id=village.id,
            before=before,
            after=_village_state(village),
        )
        return True


# --- reviewers -------------------------------------------------------------------------


def add_reviewer(
    db: Database, meeting_id: int, name: str, role: str = "", *, reviewer_id: int | None = None
) -> int:
    """Add a reviewer to the meeting's turn order; names are unique within a meeting."""
    name = clean_text(name)
    if not name:
        raise StoreError("name_required")
    role = clean_text(role)
    if len(name) > 200 or len(role) > 200:
        raise StoreError("text_too_long", limit=200)
    with db.write() as session:
        existing = session.exec(
            select(Reviewer).where(Reviewer.meeting_id == meeting_id, Reviewer.name == name)
        ).first()
        if existing is not None:
            return existing.id or 0
        position = session.exec(
            select(func.coalesce(func.max(Reviewer.position), 0)).where(
                Reviewer.meeting_id == meeting_id
            )
        ).one()
        reviewer = Reviewer(meeting_id=meeting_id, name=name, role=role, position=int(position) + 1)
        session.add(reviewer)
        session.flush()
        events.record(
            session,
            meeting_id,
            EventKind.ADD_REVIEWER,
            reviewer_id,
            after={"name": name, "id": reviewer.id},
        )
        return reviewer.id or 0


def switch_reviewer(db: Database, meeting_id: int, reviewer_id: int) -> None:
    """Hand the keyboard to another reviewer; logged with the one handing over."""
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        reviewer = session.get(Reviewer, reviewer_id)
        if reviewer is None or reviewer.meeting_id != meeting_id:
            raise NoReviewerError()
        before = {"reviewer_id": meeting.current_reviewer_id}
        meeting.current_reviewer_id = reviewer_id
        events.record(
            session,
            meeting_id,
            EventKind.SWITCH_REVIEWER,
            reviewer_id,
            before=before,
            after={"reviewer_id": reviewer_id, "name": reviewer.name},
        )


def next_reviewer_id(reviewers: list[tuple[int, int]], current: int | None) -> int | None:
    """The next reviewer in turn after ``current`` given ``(id, position)`` pairs."""
    if not reviewers:
        return None
    ordered = sorted(reviewers, key=lambda pair: (pair[1], pair[0]))
    ids = [rid for rid, _ in ordered]
    if current not in ids:
        return ids[0]
    return ids[(ids.index(current) + 1) % len(ids)]


def save_cursor(db: Database, meeting_id: int, proposal_id: int | None) -> None:
    """Remember the highlighted proposal so reopening lands on it (not an event: no decision)."""
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        if meeting.cursor_proposal_id != proposal_id:
            meeting.cursor_proposal_id = proposal_id
