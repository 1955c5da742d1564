"""The regency as a whole: every meeting in the database and its figures (F5, ``lasem
projector --regency``), and the proposals each OPD answers at the Forum Perangkat Daerah.

All figures are grouped in SQL over the whole proposal table, so the overview costs a
handful of scans however many kecamatan have been pushed to the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from lasem_tui.domain.states import ProposalStatus, VillageState
from lasem_tui.store.models import Event, Meeting, Proposal, ProposalIssue, StrategicIssue, Village

_APPROVED_STATES = (ProposalStatus.ACCEPTED.value, ProposalStatus.ADJUSTED.value)
_APPROVED = case(
    (col(Proposal.status).in_(_APPROVED_STATES), func.coalesce(Proposal.approved, 0)),
    else_=0,
)


class MeetingState(StrEnum):
    """Where a meeting stands, as the regency sees it."""

    NOT_STARTED = "not_started"
    AT_DESK = "at_desk"
    DONE = "done"
    CLOSED = "closed"


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    uuid: str
    title: str
    kecamatan: str
    kind: str
    held_on: date
    state: MeetingState
    is_demo: bool
    ceiling: int | None
    approved: int
    requested: int
    proposals: int
    decided: int

    @property
    def over(self) -> int:
        if self.ceiling is None:
            return 0
        return max(0, self.approved - self.ceiling)


@dataclass(frozen=True)
class Share:
    """One line of a breakdown: a name, how many proposals, how much money."""

    name: str
    count: int
    amount: int


@dataclass(frozen=True)
class RegencyOverview:
    meetings: tuple[MeetingSummary, ...]
    #: Approved (accepted and adjusted) per OPD, across every meeting.
    by_agency: tuple[Share, ...]
    #: Approved per strategic issue (by name: each kecamatan has its own copy of them).
    by_issue: tuple[Share, ...]
    #: Redirected proposals per funding source, with the amounts requested.
    by_funding: tuple[Share, ...]

    @property
    def approved(self) -> int:
        return sum(m.approved for m in self.meetings)

    @property
    def ceiling(self) -> int | None:
        ceilings = [m.ceiling for m in self.meetings if m.ceiling is not None]
        return sum(ceilings) if ceilings else None


def change_marker(session: Session) -> tuple[int, int, int]:
    """The newest event, the number of events and of meetings, database-wide: moves with
    any decision at any desk and with every push (see ``queries.change_marker``)."""
    newest, count = session.exec(select(func.max(Event.id), func.count(col(Event.id)))).one()
    meetings = session.exec(select(func.count(col(Meeting.id)))).one()
    return int(newest or 0), int(count), int(meetings)


def _state(closed: bool, villages: dict[str, int], decided: int) -> MeetingState:
    if closed:
        return MeetingState.CLOSED
    total = sum(villages.values())
    waiting = villages.get(VillageState.WAITING.value, 0)
    at_desk = villages.get(VillageState.AT_DESK.value, 0)
    if waiting + at_desk == total and decided == 0:
        # The first village seated (as a meeting opens) but nothing decided or finished.
        return MeetingState.NOT_STARTED
    if total and at_desk == 0 and waiting == 0:
        return MeetingState.DONE
    return MeetingState.AT_DESK


def overview(session: Session) -> RegencyOverview:
    """Every meeting with its figures, and the regency-wide breakdowns."""
    figures = {
        row[0]: row[1:]
        for row in session.exec(
            select(  # type: ignore[call-overload]  # SQLModel types select() up to 4 columns
                Proposal.meeting_id,
                func.count(),
                func.sum(case((col(Proposal.status) != ProposalStatus.PENDING.value, 1), else_=0)),
                func.coalesce(func.sum(Proposal.requested), 0),
                func.coalesce(func.sum(_APPROVED), 0),
            ).group_by(Proposal.meeting_id)
        ).all()
    }
    village_states: dict[int, dict[str, int]] = {}
    for meeting_id, state, count in session.exec(
        select(Village.meeting_id, Village.state, func.count()).group_by(
            col(Village.meeting_id), col(Village.state)
        )
    ).all():
        village_states.setdefault(meeting_id, {})[state] = int(count)
    meetings = []
    rows = session.exec(
        select(Meeting).order_by(col(Meeting.kecamatan), col(Meeting.held_on), col(Meeting.id))
    ).all()
    for meeting in rows:
        count, decided, requested, approved = figures.get(meeting.id, (0, 0, 0, 0))
        meetings.append(
            MeetingSummary(
                id=meeting.id or 0,
                uuid=meeting.uuid,
                title=meeting.title,
                kecamatan=meeting.kecamatan,
                kind=meeting.kind,
                held_on=meeting.held_on,
                state=_state(
                    meeting.closed_at is not None,
                    village_states.get(meeting.id or 0, {}),
                    int(decided or 0),
                ),
                is_demo=meeting.is_demo,
                ceiling=meeting.ceiling,
                approved=int(approved or 0),
                requested=int(requested or 0),
                proposals=int(count or 0),
                decided=int(decided or 0),
            )
        )
    return RegencyOverview(
        meetings=tuple(meetings),
        by_agency=_by_agency(session),
        by_issue=_by_issue(session),
        by_funding=_by_funding(session),
    )


def _shares(rows: Iterable[tuple[str | None, int, int | None]]) -> tuple[Share, ...]:
    shares = [Share(name or "", int(count), int(amount or 0)) for name, count, amount in rows]
    return tuple(sorted(shares, key=lambda s: (-s.amount, s.name)))


def _by_agency(session: Session) -> tuple[Share, ...]:
    return _shares(
        session.exec(
            select(Proposal.agency, func.count(), func.sum(func.coalesce(Proposal.approved, 0)))
            .where(col(Proposal.status).in_(_APPROVED_STATES))
            .group_by(Proposal.agency)
        ).all()
    )


def _by_issue(session: Session) -> tuple[Share, ...]:
    return _shares(
        session.exec(
            select(StrategicIssue.name, func.count(), func.sum(func.coalesce(Proposal.approved, 0)))
            .join(ProposalIssue, col(ProposalIssue.issue_id) == StrategicIssue.id)
            .join(Proposal, col(Proposal.id) == ProposalIssue.proposal_id)
            .where(col(Proposal.status).in_(_APPROVED_STATES))
            .group_by(StrategicIssue.name)
        ).all()
    )


def _by_funding(session: Session) -> tuple[Share, ...]:
    return _shares(
        session.exec(
            select(Proposal.funding_source, func.count(), func.sum(Proposal.requested))
            .where(Proposal.status == ProposalStatus.REDIRECTED.value)
            .group_by(Proposal.funding_source)
        ).all()
    )


# --- the Forum Perangkat Daerah -----------------------------------------------------------


@dataclass(frozen=True)
class ForumLine:
    """One proposal an OPD answers: where it comes from and what the kecamatan decided."""

    agency: str
    kecamatan: str
    meeting: str
    village: str
    activity: str
    location: str
    volume: float | None
    unit: str
    amount: int
    priority: int | None
    score: float | None
    status: ProposalStatus
    note: str


def forum_lines(session: Session, agency: str | None = None) -> list[ForumLine]:
    """Every accepted and adjusted proposal of every meeting, by OPD, kecamatan, village
    and priority; with ``agency`` only that OPD's (matched without regard to case)."""
    # Columns, not ORM objects: building 18,000 Proposal instances is most of the cost.
    query = (
        select(  # type: ignore[call-overload]  # SQLModel types select() up to 4 columns
            Proposal.id,
            Proposal.agency,
            Proposal.title,
            Proposal.location,
            Proposal.volume,
            Proposal.unit,
            Proposal.approved,
            Proposal.priority,
            Proposal.status,
            Proposal.note,
            Proposal.reason,
            Village.name,
            Meeting.kecamatan,
            Meeting.title,
        )
        .join(Village, col(Village.id) == Proposal.village_id)
        .join(Meeting, col(Meeting.id) == Proposal.meeting_id)
        .where(col(Proposal.status).in_(_APPROVED_STATES))
    )
    if agency:
        query = query.where(func.lower(Proposal.agency) == agency.strip().lower())
    rows = session.exec(
        query.order_by(
            col(Proposal.agency),
            col(Meeting.kecamatan),
            col(Meeting.id),
            col(Village.position),
            col(Proposal.priority).nulls_last(),
            col(Proposal.seq),
            col(Proposal.id),
        )
    ).all()
    scores = proposal_scores(session)
    statuses = {s.value: s for s in ProposalStatus}
    return [
        ForumLine(
            agency=row[1],
            kecamatan=row[12] or row[13],
            meeting=row[13],
            village=row[11],
            activity=row[2],
            location=row[3],
            volume=row[4],
            unit=row[5],
            amount=int(row[6] or 0),
            priority=row[7],
            score=scores.get(row[0]),
            status=statuses[row[8]],
            note=row[9] or row[10],
        )
        for row in rows
    ]


def agencies(session: Session) -> list[str]:
    """The OPDs that have an accepted or adjusted proposal, for ``--opd`` messages."""
    return list(
        session.exec(
            select(Proposal.agency)
            .where(col(Proposal.status).in_(_APPROVED_STATES))
            .distinct()
            .order_by(col(Proposal.agency))
        ).all()
    )


def proposal_scores(session: Session) -> dict[int, float]:
    """Each proposal's score, where the database keeps scores.

    Scoring is a table of its own (kept by the scoring feature); it is found by shape:
    a table with ``proposal_id`` and a numeric ``score`` or ``total`` column. Without one,
    no proposal has a score and the column stays empty.
    """
    from sqlmodel import SQLModel

    for table in SQLModel.metadata.sorted_tables:
        if "proposal_id" not in table.columns or table.name == "event":
            continue
        value = table.columns.get("score")
        if value is None:
            value = table.columns.get("total")
        if value is None:
            continue
        rows = session.exec(
            select(table.c.proposal_id, func.avg(value)).group_by(table.c.proposal_id)
        ).all()
        return {int(pid): float(score) for pid, score in rows if score is not None}
    return {}
