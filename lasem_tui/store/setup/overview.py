"""What the setup screen and the meeting picker read: the meeting with its villages,
issues and reviewers in one go, and what a carry-over would take along.

Read-only; the commands that change these live beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Meeting, ProposalIssue, StrategicIssue
from lasem_tui.store.views import MeetingView, ReviewerView, VillageRow


@dataclass(frozen=True)
class IssueView:
    id: int
    code: str
    name: str
    position: int
    #: How many proposals it tags (they lose the tag if it is removed).
    proposals: int = 0


@dataclass(frozen=True)
class SetupState:
    """A meeting as the setup screen shows it."""

    meeting: MeetingView
    villages: tuple[VillageRow, ...]
    issues: tuple[IssueView, ...]
    reviewers: tuple[ReviewerView, ...]


def issues(session: Session, meeting_id: int) -> tuple[IssueView, ...]:
    tagged = dict(
        session.exec(
            select(ProposalIssue.issue_id, func.count())
            .join(StrategicIssue, col(StrategicIssue.id) == ProposalIssue.issue_id)
            .where(StrategicIssue.meeting_id == meeting_id)
            .group_by(col(ProposalIssue.issue_id))
        ).all()
    )
    rows = session.exec(
        select(StrategicIssue)
        .where(StrategicIssue.meeting_id == meeting_id)
        .order_by(col(StrategicIssue.position), col(StrategicIssue.id))
    )
    return tuple(
        IssueView(i.id or 0, i.code, i.name, i.position, int(tagged.get(i.id or 0, 0)))
        for i in rows
    )


def setup_state(db: Database, meeting_id: int) -> SetupState:
    with db.read() as session:
        if session.get(Meeting, meeting_id) is None:
            raise StoreError("meeting_missing")
        return SetupState(
            meeting=queries.get_meeting(session, meeting_id),
            villages=queries.villages(session, meeting_id),
            issues=issues(session, meeting_id),
            reviewers=queries.reviewers(session, meeting_id),
        )


@dataclass(frozen=True)
class CarryOverPlan:
    """What ``start_musrenbang_kecamatan`` would make from a Pra Musrenbang, read before
    asking the user to confirm."""

    from_title: str
    title: str
    held_on: date
    villages: int
    issues: int
    reviewers: int
    proposals: int
    requested: int
    left_pending: int
    not_carried: int
    #: The reviewer at the Pra Musrenbang's keyboard, who is logged as starting it.
    reviewer_id: int | None = None


def carry_over_plan(db: Database, meeting_id: int) -> CarryOverPlan:
    """The same figures ``start_musrenbang_kecamatan`` reports, without writing.

    Raises the same refusal as the command when the meeting is not a Pra Musrenbang.
    """
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise StoreError("meeting_missing")
        if meeting.kind != MeetingKind.PRA_MUSRENBANG.value:
            raise StoreError("setup.not_pra_musrenbang", title=meeting.title)
        tally = queries.tally(session, meeting_id, meeting.ceiling)
        day = meeting.next_meeting_on or meeting.held_on
        title = meeting.next_meeting_name or (
            f"Musrenbang Kecamatan {meeting.kecamatan} {day.year}".replace("  ", " ")
        )
        carried = tally.count(ProposalStatus.ACCEPTED) + tally.count(ProposalStatus.ADJUSTED)
        pending = tally.count(ProposalStatus.PENDING)
        return CarryOverPlan(
            from_title=meeting.title,
            title=title,
            held_on=day,
            villages=len(queries.villages(session, meeting_id)),
            issues=len(issues(session, meeting_id)),
            reviewers=len(queries.reviewers(session, meeting_id)),
            proposals=carried,
            requested=tally.approved,
            left_pending=pending,
            not_carried=tally.total - carried - pending,
            reviewer_id=meeting.current_reviewer_id,
        )
