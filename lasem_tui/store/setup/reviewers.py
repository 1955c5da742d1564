"""The meeting's reviewers: add, rename, and remove one added by mistake."""

from __future__ import annotations

from sqlmodel import Session, func, select

from lasem_tui.store import desk, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import (
    Event,
    Proposal,
    Reviewer,
)
from lasem_tui.store.setup.checks import (
    log_change,
    text_value,
)


def add_reviewer(
    db: Database, meeting_id: int, name: str, role: str = "", *, reviewer_id: int | None = None
) -> int:
    """Add a reviewer to the turn order (the desk's own command; a name already there
    returns that reviewer)."""
    with db.read() as session:
        guard.meeting(session, meeting_id)
    return desk.add_reviewer(db, meeting_id, name, role, reviewer_id=reviewer_id)


def _target_reviewer(session: Session, meeting_id: int, target_id: int) -> Reviewer:
    reviewer = session.get(Reviewer, target_id)
    if reviewer is None or reviewer.meeting_id != meeting_id:
        raise StoreError("setup.reviewer_missing")
    return reviewer


def rename_reviewer(
    db: Database,
    meeting_id: int,
    target_id: int,
    name: str,
    *,
    role: str | None = None,
    reviewer_id: int | None = None,
) -> None:
    """Correct a reviewer's name (and role when given); past decisions follow the name."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        reviewer = _target_reviewer(session, meeting_id, target_id)
        new_name = text_value(name, "name", required=True)
        for other_id, other in session.exec(
            select(Reviewer.id, Reviewer.name).where(Reviewer.meeting_id == meeting_id)
        ):
            if other_id != target_id and other.casefold() == new_name.casefold():
                raise StoreError("setup.reviewer_exists", name=new_name)
        new_role = reviewer.role if role is None else text_value(role, "role")
        if (new_name, new_role) == (reviewer.name, reviewer.role):
            return
        before = {"target_id": target_id, "name": reviewer.name, "role": reviewer.role}
        reviewer.name, reviewer.role = new_name, new_role
        log_change(
            session,
            meeting_id,
            acting,
            "reviewer_update",
            before,
            {"target_id": target_id, "name": new_name, "role": new_role},
        )


def remove_reviewer(
    db: Database, meeting_id: int, target_id: int, *, reviewer_id: int | None = None
) -> None:
    """Remove a reviewer added by mistake; one who is in the log (took the keyboard,
    decided, changed anything) stays, as the record of who did what."""
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        reviewer = _target_reviewer(session, meeting_id, target_id)
        logged = session.exec(
            select(func.count()).select_from(Event).where(Event.reviewer_id == target_id)
        ).one()
        decided = session.exec(
            select(func.count()).select_from(Proposal).where(Proposal.decided_by_id == target_id)
        ).one()
        if logged or decided:
            raise StoreError("setup.reviewer_has_history", name=reviewer.name)
        if meeting.current_reviewer_id == target_id:
            meeting.current_reviewer_id = None
        before = {"target_id": target_id, "name": reviewer.name, "role": reviewer.role}
        session.delete(reviewer)
        session.flush()
        log_change(session, meeting_id, acting, "reviewer_remove", before, {"target_id": target_id})
