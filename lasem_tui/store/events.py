"""Writing to the append-only event log, and reading a row's state for before/after."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from lasem_tui.domain.dates import now
from lasem_tui.domain.states import EventKind
from lasem_tui.store.models import Event, Proposal, ProposalLevel

#: The proposal fields a decision changes; undo restores exactly these.
DECISION_FIELDS = (
    "status",
    "approved",
    "volume",
    "reason",
    "note",
    "funding_source",
    "decided_by_id",
    "decided_at",
    "agency",
    "merged_into_id",
)

#: Fields an undo restores but need not still match: who decided and when change with
#: every step, and the version with every undo and redo.
UNCOMPARED = ("version", "decided_by_id", "decided_at")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decision_state(proposal: Proposal) -> dict[str, Any]:
    """The proposal's decision fields and version, JSON-ready."""
    state = {name: _plain(getattr(proposal, name)) for name in DECISION_FIELDS}
    state["version"] = proposal.version
    return state


def levels_of(session: Session, proposal_id: int) -> dict[str, int]:
    """A proposal's criterion levels, keyed by the criterion id as text (JSON keys)."""
    rows = session.exec(
        select(ProposalLevel.criterion_id, ProposalLevel.level).where(
            ProposalLevel.proposal_id == proposal_id
        )
    ).all()
    return {str(criterion): int(level) for criterion, level in rows}


def score_state(session: Session, proposal: Proposal) -> dict[str, Any]:
    """The proposal's score and levels, for a score event's before and after."""
    return {
        "score": proposal.score,
        "levels": levels_of(session, proposal.id or 0),
        "version": proposal.version,
    }


def rank_state(proposal: Proposal) -> dict[str, Any]:
    return {"priority": proposal.priority, "version": proposal.version}


def state_like(session: Session, proposal: Proposal, model: dict[str, Any]) -> dict[str, Any]:
    """The proposal's current values of the fields ``model`` holds (an event's state)."""
    state: dict[str, Any] = {}
    for name in model:
        if name == "levels":
            state[name] = levels_of(session, proposal.id or 0)
        elif name != "version":
            state[name] = _plain(getattr(proposal, name))
    return state


def apply_state(session: Session, proposal: Proposal, state: dict[str, Any]) -> None:
    """Put a stored state back on a proposal (for undo and redo): exactly the fields the
    event recorded, so a decision's undo leaves the score alone and a score's the decision.

    Decisions logged before a field existed (``agency`` is newer than the first
    decisions) leave that field as it is.
    """
    for name, value in state.items():
        if name == "version":
            continue
        if name == "levels":
            set_levels(session, proposal.id or 0, {int(k): int(v) for k, v in value.items()})
            continue
        if name == "decided_at" and value is not None:
            value = datetime.fromisoformat(value)
        setattr(proposal, name, value)


def apply_decision_state(proposal: Proposal, state: dict[str, Any]) -> None:
    """Put a stored decision state back on a proposal (the decision fields only)."""
    for name in DECISION_FIELDS:
        if name not in state:
            continue
        value = state.get(name)
        if name == "decided_at" and value is not None:
            value = datetime.fromisoformat(value)
        setattr(proposal, name, value)


def set_levels(session: Session, proposal_id: int, levels: dict[int, int]) -> None:
    """Replace a proposal's criterion levels."""
    session.exec(delete(ProposalLevel).where(col(ProposalLevel.proposal_id) == proposal_id))
    for criterion_id, level in sorted(levels.items()):
        session.add(ProposalLevel(proposal_id=proposal_id, criterion_id=criterion_id, level=level))
    session.flush()


def record(
    session: Session,
    meeting_id: int,
    kind: EventKind,
    reviewer_id: int | None,
    *,
    proposal_id: int | None = None,
    village_id: int | None = None,
    ref_event_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    step_id: int | None = None,
) -> Event:
    """Append one event to the log in the caller's transaction."""
    event = Event(
        meeting_id=meeting_id,
        at=now(),
        reviewer_id=reviewer_id,
        kind=kind.value,
        proposal_id=proposal_id,
        village_id=village_id,
        ref_event_id=ref_event_id,
        before=json.dumps(before or {}, ensure_ascii=False, default=_plain),
        after=json.dumps(after or {}, ensure_ascii=False, default=_plain),
        step_id=step_id,
    )
    session.add(event)
    return event


class Step:
    """Events written as one undoable step: the first event's id becomes every one's
    ``step_id``, so an undo finds and takes back the lot."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.id: int | None = None

    def record(self, *args: Any, **kwargs: Any) -> Event:
        event = record(self.session, *args, step_id=self.id, **kwargs)
        if self.id is None:
            self.session.flush()
            self.id = event.id
            event.step_id = event.id
        return event


def loads(text: str) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(text or "{}")
    return state
