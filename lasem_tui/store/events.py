"""Writing to the append-only event log, and reading a row's state for before/after."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from lasem_tui.domain.dates import now
from lasem_tui.domain.states import EventKind
from lasem_tui.store.models import Event, Proposal

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
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decision_state(proposal: Proposal) -> dict[str, Any]:
    """The proposal's decision fields and version, JSON-ready."""
    state = {name: _plain(getattr(proposal, name)) for name in DECISION_FIELDS}
    state["version"] = proposal.version
    return state


def apply_decision_state(proposal: Proposal, state: dict[str, Any]) -> None:
    """Put a stored decision state back on a proposal (for undo and redo)."""
    for name in DECISION_FIELDS:
        value = state.get(name)
        if name == "decided_at" and value is not None:
            value = datetime.fromisoformat(value)
        setattr(proposal, name, value)


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
    )
    session.add(event)
    return event


def loads(text: str) -> dict[str, Any]:
    return json.loads(text or "{}")
