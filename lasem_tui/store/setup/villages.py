"""The meeting's villages: add, edit, remove, and the order of the queue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, col, func, select

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import guard, queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import (
    Event,
    Proposal,
    ProposalIssue,
    Village,
)
from lasem_tui.store.setup.checks import (
    VILLAGE_FIELDS,
    amount_value,
    log_change,
    text_value,
)
from lasem_tui.store.views import VillageRow


def _village(session: Session, meeting_id: int, village_id: int) -> Village:
    village = session.get(Village, village_id)
    if village is None or village.meeting_id != meeting_id:
        raise StoreError("village_missing")
    return village


def _village_name(session: Session, meeting_id: int, name: Any, exclude: int | None) -> str:
    text = " ".join(text_value(name, "name", required=True, limit=100).split())
    folded = text.casefold()
    for other_id, other in session.exec(
        select(Village.id, Village.name).where(Village.meeting_id == meeting_id)
    ):
        if other_id != exclude and " ".join(other.split()).casefold() == folded:
            raise StoreError("setup.village_exists", name=text)
    return text


def _village_state(village: Village) -> dict[str, Any]:
    return {
        "village_id": village.id,
        "name": village.name,
        "code": village.code,
        "position": village.position,
        "ceiling": village.ceiling,
        "branding": village.branding,
    }


def add_village(
    db: Database,
    meeting_id: int,
    name: str,
    *,
    code: str = "",
    ceiling: int | str | None = None,
    branding: str = "",
    reviewer_id: int | None = None,
) -> int:
    """Add a village at the end of the queue; names are unique within a meeting."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        last = session.exec(
            select(func.coalesce(func.max(Village.position), 0)).where(
                Village.meeting_id == meeting_id
            )
        ).one()
        village = Village(
            meeting_id=meeting_id,
            name=_village_name(session, meeting_id, name, None),
            code=text_value(code, "code", limit=50),
            ceiling=amount_value(ceiling, "ceiling"),
            branding=text_value(branding, "branding", limit=1000),
            position=int(last) + 1,
        )
        session.add(village)
        session.flush()
        log_change(session, meeting_id, acting, "village_add", None, _village_state(village))
        return village.id or 0


def update_village(
    db: Database,
    meeting_id: int,
    village_id: int,
    *,
    reviewer_id: int | None = None,
    **changes: Any,
) -> VillageRow:
    """Rename a village or change its code, own ceiling or branding."""
    unknown = set(changes) - set(VILLAGE_FIELDS)
    if unknown:
        raise TypeError(f"not village fields: {', '.join(sorted(unknown))}")
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        village = _village(session, meeting_id, village_id)
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "name":
                values[name] = _village_name(session, meeting_id, value, village_id)
            elif name == "code":
                values[name] = text_value(value, name, limit=50)
            elif name == "ceiling":
                values[name] = amount_value(value, name)
            else:
                values[name] = text_value(value, name, limit=1000)
        before = {"village_id": village_id}
        after = {"village_id": village_id}
        for name, value in values.items():
            if getattr(village, name) != value:
                before[name] = getattr(village, name)
                after[name] = value
                setattr(village, name, value)
        if len(after) > 1:
            log_change(session, meeting_id, acting, "village_update", before, after)
        session.flush()
        return queries.village(session, village_id)


def rename_village(
    db: Database, meeting_id: int, village_id: int, name: str, *, reviewer_id: int | None = None
) -> VillageRow:
    return update_village(db, meeting_id, village_id, reviewer_id=reviewer_id, name=name)


def set_village_ceilings(
    db: Database,
    meeting_id: int,
    ceilings: Mapping[int, int | str | None],
    *,
    reviewer_id: int | None = None,
) -> None:
    """Set several villages' own ceilings at once (None clears one), in one transaction."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for village_id, value in ceilings.items():
            village = _village(session, meeting_id, village_id)
            amount = amount_value(value, f"ceiling:{village.name}")
            if village.ceiling != amount:
                before[str(village_id)] = village.ceiling
                after[str(village_id)] = amount
                village.ceiling = amount
        if after:
            log_change(
                session,
                meeting_id,
                acting,
                "village_ceilings",
                {"ceilings": before},
                {"ceilings": after},
            )


def remove_village(
    db: Database,
    meeting_id: int,
    village_id: int,
    *,
    with_proposals: bool = False,
    reviewer_id: int | None = None,
) -> int:
    """Remove a village; returns how many of its proposals went with it.

    A village with proposals is refused unless ``with_proposals`` (its proposals are
    then listed in the event, so nothing goes silently). A village that has been at the
    desk, or has a decided proposal, is part of the record and is always refused.
    """
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        village = _village(session, meeting_id, village_id)
        proposals = session.exec(
            select(Proposal).where(Proposal.village_id == village_id).order_by(col(Proposal.seq))
        ).all()
        proposal_ids = [p.id for p in proposals]
        history = session.exec(
            select(func.count())
            .select_from(Event)
            .where(
                (col(Event.village_id) == village_id)
                | col(Event.proposal_id).in_(proposal_ids or [-1])
            )
        ).one()
        decided = sum(1 for p in proposals if p.status != ProposalStatus.PENDING.value)
        if history or decided:
            raise StoreError("setup.village_has_history", name=village.name)
        if proposals and not with_proposals:
            raise StoreError("setup.village_has_proposals", name=village.name, count=len(proposals))
        removed = [
            {"id": p.id, "ref": p.ref, "title": p.title, "requested": p.requested}
            for p in proposals
        ]
        if proposal_ids:
            for link in session.exec(
                select(ProposalIssue).where(col(ProposalIssue.proposal_id).in_(proposal_ids))
            ):
                session.delete(link)
            if meeting.cursor_proposal_id in proposal_ids:
                meeting.cursor_proposal_id = None
            session.flush()
            for proposal in proposals:
                session.delete(proposal)
        state = _village_state(village)
        session.delete(village)
        session.flush()
        log_change(
            session,
            meeting_id,
            acting,
            "village_remove",
            {**state, "proposals": removed},
            {"village_id": village_id},
        )
        return len(proposals)


def reorder_villages(
    db: Database, meeting_id: int, village_ids: Sequence[int], *, reviewer_id: int | None = None
) -> None:
    """Put the queue in the given order; ``village_ids`` names every village once."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        villages = {
            v.id: v for v in session.exec(select(Village).where(Village.meeting_id == meeting_id))
        }
        if len(village_ids) != len(villages) or set(village_ids) != set(villages):
            raise StoreError("setup.order_mismatch")
        before = [v.id for v in sorted(villages.values(), key=lambda v: (v.position, v.id or 0))]
        if before == list(village_ids):
            return
        for position, village_id in enumerate(village_ids, start=1):
            villages[village_id].position = position
        log_change(
            session,
            meeting_id,
            acting,
            "village_order",
            {"order": before},
            {"order": list(village_ids)},
        )
