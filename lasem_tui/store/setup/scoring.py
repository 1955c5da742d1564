"""The meeting's scoring criteria and OPD ceilings: add, edit, remove, reorder.

Changing a weight or removing a criterion changes what every score means, so the
meeting's scores are recomputed in the same transaction; the setup event lists them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from lasem_tui.domain.scoring import DEFAULT_CRITERIA, MAX_WEIGHT, weighted_score
from lasem_tui.domain.states import EventKind
from lasem_tui.store import fit_queries, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import AgencyCeiling, Proposal, ProposalLevel, ScoringCriterion
from lasem_tui.store.setup.checks import (
    amount_value,
    log_change,
    text_value,
)

LABEL_LIMIT = 60


def _weight(value: Any) -> int:
    try:
        weight = int(str(value).strip())
    except ValueError as exc:
        raise StoreError("setup.weight_invalid", field="weight") from exc
    if not 1 <= weight <= MAX_WEIGHT:
        raise StoreError("setup.weight_invalid", field="weight")
    return weight


def _labels(values: Sequence[Any]) -> str:
    labels = [text_value(v, "labels", limit=LABEL_LIMIT) for v in list(values)[:5]]
    return json.dumps((labels + [""] * 5)[:5], ensure_ascii=False)


def _criterion(session: Session, meeting_id: int, criterion_id: int) -> ScoringCriterion:
    row = session.get(ScoringCriterion, criterion_id)
    if row is None or row.meeting_id != meeting_id:
        raise StoreError("setup.criterion_missing")
    return row


def _name(session: Session, meeting_id: int, name: Any, exclude: int | None) -> str:
    text = text_value(name, "name", required=True, limit=200)
    for other_id, other in session.exec(
        select(ScoringCriterion.id, ScoringCriterion.name).where(
            ScoringCriterion.meeting_id == meeting_id
        )
    ):
        if other_id != exclude and other.casefold() == text.casefold():
            raise StoreError("setup.criterion_exists", name=text)
    return text


def _state(row: ScoringCriterion) -> dict[str, Any]:
    return {
        "criterion_id": row.id,
        "name": row.name,
        "weight": row.weight,
        "labels": json.loads(row.labels),
        "position": row.position,
    }


def rescore(session: Session, meeting_id: int) -> dict[str, int | None]:
    """Recompute every scored proposal of the meeting; returns the changed ones by ref."""
    session.flush()
    criteria = fit_queries.criteria(session, meeting_id)
    levels: dict[int, dict[int, int]] = {}
    for proposal_id, criterion_id, level in session.exec(
        select(ProposalLevel.proposal_id, ProposalLevel.criterion_id, ProposalLevel.level)
        .join(Proposal, col(Proposal.id) == ProposalLevel.proposal_id)
        .where(Proposal.meeting_id == meeting_id)
    ):
        levels.setdefault(proposal_id, {})[criterion_id] = level
    changed: dict[str, int | None] = {}
    scored = session.exec(
        select(Proposal).where(
            Proposal.meeting_id == meeting_id,
            (col(Proposal.score).is_not(None)) | (col(Proposal.id).in_(list(levels) or [0])),
        )
    ).all()
    for proposal in scored:
        score = weighted_score(criteria, levels.get(proposal.id or 0, {}))
        if score != proposal.score:
            proposal.score = score
            proposal.version += 1
            changed[proposal.ref] = score
    return changed


def add_default_criteria(session: Session, meeting_id: int) -> None:
    """The template's criteria, in the caller's transaction (a new meeting)."""
    for position, (name, weight, labels) in enumerate(DEFAULT_CRITERIA, start=1):
        session.add(
            ScoringCriterion(
                meeting_id=meeting_id,
                position=position,
                name=name,
                weight=weight,
                labels=json.dumps(list(labels), ensure_ascii=False),
            )
        )


def add_criterion(
    db: Database,
    meeting_id: int,
    name: str,
    weight: Any = 10,
    labels: Sequence[Any] = (),
    *,
    reviewer_id: int | None = None,
) -> int:
    """Add a criterion at the end of the list."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        last = session.exec(
            select(func.coalesce(func.max(ScoringCriterion.position), 0)).where(
                ScoringCriterion.meeting_id == meeting_id
            )
        ).one()
        row = ScoringCriterion(
            meeting_id=meeting_id,
            name=_name(session, meeting_id, name, None),
            weight=_weight(weight),
            labels=_labels(labels),
            position=int(last) + 1,
        )
        session.add(row)
        session.flush()
        log_change(
            session,
            meeting_id,
            acting,
            "criterion_add",
            None,
            _state(row),
            kind=EventKind.SCORING_CRITERIA,
        )
        return row.id or 0


def update_criterion(
    db: Database,
    meeting_id: int,
    criterion_id: int,
    *,
    name: str | None = None,
    weight: Any = None,
    labels: Sequence[Any] | None = None,
    reviewer_id: int | None = None,
) -> dict[str, int | None]:
    """Change a criterion's name, weight or labels; returns the scores that changed."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        row = _criterion(session, meeting_id, criterion_id)
        before = _state(row)
        if name is not None:
            row.name = _name(session, meeting_id, name, criterion_id)
        if weight is not None:
            row.weight = _weight(weight)
        if labels is not None:
            row.labels = _labels(labels)
        after = _state(row)
        if after == before:
            return {}
        changed = rescore(session, meeting_id) if row.weight != before["weight"] else {}
        log_change(
            session,
            meeting_id,
            acting,
            "criterion_update",
            before,
            {**after, "rescored": changed},
            kind=EventKind.SCORING_CRITERIA,
        )
        return changed


def remove_criterion(
    db: Database, meeting_id: int, criterion_id: int, *, reviewer_id: int | None = None
) -> dict[str, int | None]:
    """Remove a criterion and the levels given on it; returns the scores that changed."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        row = _criterion(session, meeting_id, criterion_id)
        before = _state(row)
        session.exec(delete(ProposalLevel).where(col(ProposalLevel.criterion_id) == criterion_id))
        session.delete(row)
        changed = rescore(session, meeting_id)
        log_change(
            session,
            meeting_id,
            acting,
            "criterion_remove",
            before,
            {"criterion_id": criterion_id, "rescored": changed},
            kind=EventKind.SCORING_CRITERIA,
        )
        return changed


def move_criterion(
    db: Database, meeting_id: int, criterion_id: int, step: int, *, reviewer_id: int | None = None
) -> bool:
    """Swap a criterion with its neighbour (-1 up, +1 down); False at either end."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        rows = list(
            session.exec(
                select(ScoringCriterion)
                .where(ScoringCriterion.meeting_id == meeting_id)
                .order_by(col(ScoringCriterion.position), col(ScoringCriterion.id))
            ).all()
        )
        index = next((i for i, r in enumerate(rows) if r.id == criterion_id), None)
        if index is None:
            raise StoreError("setup.criterion_missing")
        other = index + step
        if not 0 <= other < len(rows):
            return False
        rows[index], rows[other] = rows[other], rows[index]
        for position, row in enumerate(rows, start=1):
            row.position = position
        log_change(
            session,
            meeting_id,
            acting,
            "criterion_move",
            None,
            {"criterion_id": criterion_id, "order": [r.id for r in rows]},
            kind=EventKind.SCORING_CRITERIA,
        )
        return True


def set_agency_ceiling(
    db: Database,
    meeting_id: int,
    agency: str,
    ceiling: Any,
    *,
    reviewer_id: int | None = None,
) -> None:
    """Set (or with an empty ceiling remove) one OPD's ceiling."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        name = text_value(agency, "agency", required=True, limit=200)
        amount = amount_value(ceiling, "ceiling")
        row = session.exec(
            select(AgencyCeiling).where(
                AgencyCeiling.meeting_id == meeting_id, AgencyCeiling.agency == name
            )
        ).first()
        before = {"agency": name, "ceiling": row.ceiling if row else None}
        if amount is None:
            if row is None:
                return
            session.delete(row)
        elif row is None:
            session.add(AgencyCeiling(meeting_id=meeting_id, agency=name, ceiling=amount))
        elif row.ceiling == amount:
            return
        else:
            row.ceiling = amount
        log_change(
            session,
            meeting_id,
            acting,
            "agency_ceiling",
            before,
            {"agency": name, "ceiling": amount},
            kind=EventKind.AGENCY_CEILING,
        )


def rename_agency_ceiling(
    db: Database, meeting_id: int, old: str, new: str, *, reviewer_id: int | None = None
) -> None:
    """Give an OPD ceiling another OPD name (a typo fixed); the amount stays."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        name = text_value(new, "agency", required=True, limit=200)
        row = session.exec(
            select(AgencyCeiling).where(
                AgencyCeiling.meeting_id == meeting_id, AgencyCeiling.agency == old
            )
        ).first()
        if row is None:
            raise StoreError("setup.agency_ceiling_missing")
        if name == old:
            return
        if session.exec(
            select(AgencyCeiling.id).where(
                AgencyCeiling.meeting_id == meeting_id, AgencyCeiling.agency == name
            )
        ).first():
            raise StoreError("setup.agency_ceiling_exists", name=name)
        row.agency = name
        log_change(
            session,
            meeting_id,
            acting,
            "agency_ceiling_rename",
            {"agency": old},
            {"agency": name},
            kind=EventKind.AGENCY_CEILING,
        )
