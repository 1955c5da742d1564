"""The meeting's strategic issues: add, rename, remove."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, func, select

from lasem_tui.store import guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import (
    ProposalIssue,
    StrategicIssue,
)
from lasem_tui.store.setup.checks import (
    log_change,
    text_value,
)


def _issue(session: Session, meeting_id: int, issue_id: int) -> StrategicIssue:
    issue = session.get(StrategicIssue, issue_id)
    if issue is None or issue.meeting_id != meeting_id:
        raise StoreError("setup.issue_missing")
    return issue


def _issue_name(session: Session, meeting_id: int, name: Any, exclude: int | None) -> str:
    text = text_value(name, "name", required=True, limit=500)
    for other_id, other in session.exec(
        select(StrategicIssue.id, StrategicIssue.name).where(
            StrategicIssue.meeting_id == meeting_id
        )
    ):
        if other_id != exclude and other.casefold() == text.casefold():
            raise StoreError("setup.issue_exists", name=text)
    return text


def add_issue(
    db: Database, meeting_id: int, name: str, *, code: str = "", reviewer_id: int | None = None
) -> int:
    """Add a strategic issue at the end of the list."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        last = session.exec(
            select(func.coalesce(func.max(StrategicIssue.position), 0)).where(
                StrategicIssue.meeting_id == meeting_id
            )
        ).one()
        issue = StrategicIssue(
            meeting_id=meeting_id,
            name=_issue_name(session, meeting_id, name, None),
            code=text_value(code, "code", limit=50),
            position=int(last) + 1,
        )
        session.add(issue)
        session.flush()
        log_change(
            session,
            meeting_id,
            acting,
            "issue_add",
            None,
            {"issue_id": issue.id, "name": issue.name, "code": issue.code},
        )
        return issue.id or 0


def rename_issue(
    db: Database,
    meeting_id: int,
    issue_id: int,
    name: str,
    *,
    code: str | None = None,
    reviewer_id: int | None = None,
) -> None:
    """Rename a strategic issue (and change its code when given)."""
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        issue = _issue(session, meeting_id, issue_id)
        new_name = _issue_name(session, meeting_id, name, issue_id)
        new_code = issue.code if code is None else text_value(code, "code", limit=50)
        if (new_name, new_code) == (issue.name, issue.code):
            return
        before = {"issue_id": issue_id, "name": issue.name, "code": issue.code}
        issue.name, issue.code = new_name, new_code
        log_change(
            session,
            meeting_id,
            acting,
            "issue_update",
            before,
            {"issue_id": issue_id, "name": new_name, "code": new_code},
        )


def remove_issue(
    db: Database,
    meeting_id: int,
    issue_id: int,
    *,
    with_links: bool = False,
    reviewer_id: int | None = None,
) -> int:
    """Remove a strategic issue; returns how many proposals lost the tag.

    An issue that tags proposals is refused unless ``with_links``; the untagged
    proposals are then listed in the event.
    """
    with db.write() as session:
        guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        issue = _issue(session, meeting_id, issue_id)
        links = session.exec(select(ProposalIssue).where(ProposalIssue.issue_id == issue_id)).all()
        if links and not with_links:
            raise StoreError("setup.issue_in_use", name=issue.name, count=len(links))
        tagged = [link.proposal_id for link in links]
        for link in links:
            session.delete(link)
        session.flush()
        before = {"issue_id": issue_id, "name": issue.name, "code": issue.code, "proposals": tagged}
        session.delete(issue)
        session.flush()
        log_change(session, meeting_id, acting, "issue_remove", before, {"issue_id": issue_id})
        return len(tagged)
