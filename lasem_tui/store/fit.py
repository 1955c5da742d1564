"""The desk's fitting commands: a proposal's rank, its score, the bulk accept up to the
pagu line, and the merge of a duplicate into another proposal.

Each is one transaction that checks, writes and logs its events, or raises a
``StoreError`` and writes nothing. Those that change several proposals write one event
per proposal grouped as one step (``events.Step``), which one undo takes back whole.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session, col, select

from lasem_tui.domain import decisions
from lasem_tui.domain.decisions import Decision, DecisionError
from lasem_tui.domain.fit import FitOrder
from lasem_tui.domain.scoring import LEVELS, weighted_score
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.domain.text import clean_text
from lasem_tui.store import events, fit_queries, guard, queries
from lasem_tui.store.database import Database
from lasem_tui.store.desk import (
    _conflict,
    _meeting_for_decision,
    _proposal_for_write,
    _row_locks,
    apply_decision,
)
from lasem_tui.store.errors import ConflictError, NothingToDoError, StoreError
from lasem_tui.store.models import Proposal
from lasem_tui.store.views import ProposalRow


def _locked_proposal(session: Session, meeting_id: int, proposal_id: int) -> Proposal:
    proposal = _proposal_for_write(session, proposal_id)
    if proposal is None or proposal.meeting_id != meeting_id:
        raise StoreError("proposal_missing")
    return proposal


# --- priority ------------------------------------------------------------------------


def _village_in_rank_order(session: Session, village_id: int) -> list[Proposal]:
    statement = select(Proposal).where(Proposal.village_id == village_id)
    if _row_locks(session):
        statement = statement.with_for_update()
    rows = session.exec(statement.execution_options(populate_existing=True)).all()
    return sorted(
        rows,
        key=lambda p: (p.priority if p.priority is not None else 1 << 62, p.seq, p.id or 0),
    )


def move_rank(
    db: Database, meeting_id: int, proposal_id: int, step: int, *, reviewer_id: int | None
) -> tuple[ProposalRow, ...]:
    """Move a proposal one place up (-1) or down (+1) in its village's priority order.

    The village's ranks become 1..n in that order (an import may have left gaps, ties or
    none at all); every proposal whose rank changes gets a ``rank`` event, all one step.
    Returns the proposals whose rank changed; empty at either end.
    """
    if step not in (-1, 1):
        raise ValueError(step)
    with db.write() as session:
        _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        proposal = _locked_proposal(session, meeting_id, proposal_id)
        order = _village_in_rank_order(session, proposal.village_id)
        index = next(i for i, p in enumerate(order) if p.id == proposal_id)
        other = index + step
        if not 0 <= other < len(order):
            return ()
        order[index], order[other] = order[other], order[index]
        changed: list[Proposal] = []
        group = events.Step(session)
        for rank, each in enumerate(order, start=1):
            if each.priority == rank:
                continue
            before = events.rank_state(each)
            each.priority = rank
            each.version += 1
            group.record(
                meeting_id,
                EventKind.RANK,
                reviewer,
                proposal_id=each.id,
                village_id=each.village_id,
                before=before,
                after=events.rank_state(each),
            )
            changed.append(each)
        session.flush()
        changed.sort(key=lambda p: p.id != proposal_id)
        return tuple(queries.proposal(session, p.id or 0) for p in changed)


# --- scoring -------------------------------------------------------------------------


def set_score(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    levels: Mapping[int, int],
    *,
    reviewer_id: int | None,
    expected_version: int,
) -> ProposalRow:
    """Give a proposal its criterion levels (criterion id -> 1..5) and so its score;
    logged with before and after, undoable like a decision."""
    with db.write() as session:
        _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        proposal = _locked_proposal(session, meeting_id, proposal_id)
        if proposal.version != expected_version:
            raise _conflict(session, proposal_id)
        criteria = fit_queries.criteria(session, meeting_id)
        if not criteria:
            raise StoreError("fit.no_criteria")
        known = {c.id for c in criteria}
        clean: dict[int, int] = {}
        for criterion_id, level in levels.items():
            if criterion_id not in known:
                raise StoreError("fit.criterion_missing")
            if level not in LEVELS:
                raise StoreError("fit.level_invalid", level=level)
            clean[criterion_id] = level
        before = events.score_state(session, proposal)
        events.set_levels(session, proposal_id, clean)
        proposal.score = weighted_score(criteria, clean)
        proposal.version += 1
        events.record(
            session,
            meeting_id,
            EventKind.SCORE,
            reviewer,
            proposal_id=proposal_id,
            village_id=proposal.village_id,
            before=before,
            after=events.score_state(session, proposal),
        )
        session.flush()
        return queries.proposal(session, proposal_id)


# --- the pagu line -------------------------------------------------------------------


class FitChangedError(StoreError):
    """The proposals above the line are no longer the ones the confirmation listed."""

    def __init__(self) -> None:
        super().__init__("fit.changed")


def accept_above_line(
    db: Database,
    meeting_id: int,
    village_id: int,
    order: FitOrder,
    *,
    reviewer_id: int | None,
    expected: Mapping[int, int],
) -> tuple[ProposalRow, ...]:
    """Accept as requested every pending proposal of the village above the pagu line.

    ``expected`` maps each proposal the confirmation listed to the version it showed: the
    fit is computed again inside the transaction, and if another desk changed what is
    above the line meanwhile, nothing is written (``FitChangedError``, or a conflict
    naming who). One event per proposal, one step: a single undo takes them all back.
    """
    with db.write() as session:
        meeting = _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        fit = fit_queries.village_fit(session, meeting_id, village_id, order)
        above = [row.candidate.id for row in fit.above]
        if not above:
            raise NothingToDoError("fit.nothing_above")
        if set(above) != set(expected):
            raise FitChangedError()
        group = events.Step(session)
        for proposal_id in above:
            proposal = _locked_proposal(session, meeting_id, proposal_id)
            if proposal.version != expected[proposal_id] or proposal.status != "pending":
                raise _conflict(session, proposal_id)
            decision = decisions.accept(proposal.requested, proposal.volume)
            apply_decision(session, meeting, reviewer, proposal, decision, step=group)
        return tuple(queries.proposal(session, pid) for pid in above)


# --- merge ---------------------------------------------------------------------------


def merge(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    target_id: int,
    reason: str,
    *,
    reviewer_id: int | None,
    expected_version: int,
    target_amount: int | None = None,
    target_note: str = "",
    target_version: int | None = None,
) -> tuple[ProposalRow, ProposalRow]:
    """Merge a proposal into another of the meeting (digabung): it gets the state
    ``merged`` with a link to the target and a reason, and its amount stops counting.

    With ``target_amount`` the target is accepted with that amount in the same step
    (adjusted, or accepted when it equals the request). One step, undone whole.
    Returns (the merged proposal, the target).
    """
    reason = clean_text(reason)
    if not reason:
        raise DecisionError("reason_required")
    if len(reason) > decisions.MAX_REASON:
        raise DecisionError("text_too_long", limit=decisions.MAX_REASON)
    if proposal_id == target_id:
        raise StoreError("fit.merge_self")
    with db.write() as session:
        meeting = _meeting_for_decision(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        first, second = sorted((proposal_id, target_id))
        # Lock in id order: two desks merging a pair both ways cannot deadlock.
        locked = {pid: _locked_proposal(session, meeting_id, pid) for pid in (first, second)}
        proposal, target = locked[proposal_id], locked[target_id]
        if proposal.version != expected_version:
            raise _conflict(session, proposal_id)
        if target_version is not None and target.version != target_version:
            raise _conflict(session, target_id)
        if target.status == ProposalStatus.MERGED.value:
            raise StoreError("fit.merge_into_merged", ref=target.ref)
        if session.exec(
            select(Proposal.id).where(col(Proposal.merged_into_id) == proposal_id).limit(1)
        ).first():
            raise StoreError("fit.merge_has_merged", ref=proposal.ref)
        group = events.Step(session)
        apply_decision(
            session,
            meeting,
            reviewer,
            proposal,
            Decision(ProposalStatus.MERGED, reason=reason),
            step=group,
            kind=EventKind.MERGE,
            merged_into_id=target_id,
        )
        if target_amount is not None:
            if target_amount == target.requested:
                decision = decisions.accept(target.requested, target.volume)
            else:
                decision = decisions.adjust(
                    target.requested,
                    target.volume,
                    amount=target_amount,
                    new_volume=None,
                    note=target_note or reason,
                )
            apply_decision(session, meeting, reviewer, target, decision, step=group)
        return queries.proposal(session, proposal_id), queries.proposal(session, target_id)


__all__ = [
    "ConflictError",
    "FitChangedError",
    "accept_above_line",
    "merge",
    "move_rank",
    "set_score",
]
