"""Read-only queries: the desk's state, tallies and a proposal's history.

Aggregates run in SQL over the covering index, so the tally costs the same whether a
meeting has a hundred proposals or a regency's eighteen thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.domain.tally import Tally
from lasem_tui.store import desk_pause, events
from lasem_tui.store.models import (
    Event,
    Meeting,
    Proposal,
    ProposalIssue,
    Reviewer,
    StrategicIssue,
    Village,
    table_of,
)
from lasem_tui.store.views import (
    DeskState,
    HistoryEntry,
    MeetingView,
    ProposalDetail,
    ProposalRow,
    ReviewerView,
    VillageRow,
)

_APPROVED = case(
    (
        col(Proposal.status).in_((ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED)),
        func.coalesce(Proposal.approved, 0),
    ),
    else_=0,
)


def meeting_view(meeting: Meeting) -> MeetingView:
    return MeetingView(
        id=meeting.id or 0,
        title=meeting.title,
        kind=meeting.kind,
        kecamatan=meeting.kecamatan,
        kabupaten=meeting.kabupaten,
        held_on=meeting.held_on,
        venue=meeting.venue,
        desk_starts_at=meeting.desk_starts_at,
        desk_ends_at=meeting.desk_ends_at,
        ceiling=meeting.ceiling,
        hard_ceiling=meeting.hard_ceiling,
        sipd_deadline=meeting.sipd_deadline,
        next_meeting_on=meeting.next_meeting_on,
        next_meeting_name=meeting.next_meeting_name,
        office_address=meeting.office_address,
        is_demo=meeting.is_demo,
        closed_at=meeting.closed_at,
        current_reviewer_id=meeting.current_reviewer_id,
        cursor_proposal_id=meeting.cursor_proposal_id,
        projector_message=meeting.projector_message,
        version=meeting.version,
        postal_code=meeting.postal_code,
        phone=meeting.phone,
        email=meeting.email,
        logo_path=meeting.logo_path,
        doc_number=meeting.doc_number,
        rkpd_year=meeting.rkpd_year,
        timezone=meeting.timezone,
    )


def list_meetings(session: Session) -> list[MeetingView]:
    rows = session.exec(select(Meeting).order_by(col(Meeting.held_on).desc(), col(Meeting.id)))
    return [meeting_view(m) for m in rows]


def current_meeting_id(session: Session) -> int | None:
    """The meeting opened most recently (the one ``lasem`` reopens)."""
    return session.exec(
        select(Meeting.id).order_by(
            col(Meeting.last_opened_at).desc().nulls_last(), col(Meeting.id).desc()
        )
    ).first()


def get_meeting(session: Session, meeting_id: int) -> MeetingView:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise LookupError(f"meeting {meeting_id}")
    return meeting_view(meeting)


def reviewers(session: Session, meeting_id: int) -> tuple[ReviewerView, ...]:
    rows = session.exec(
        select(Reviewer)
        .where(Reviewer.meeting_id == meeting_id)
        .order_by(col(Reviewer.position), col(Reviewer.id))
    )
    return tuple(ReviewerView(r.id or 0, r.name, r.role, r.position) for r in rows)


def tally(session: Session, meeting_id: int, ceiling: int | None) -> Tally:
    """The meeting's tally in one grouped scan of the covering index."""
    return _grouped_tally(session, col(Proposal.meeting_id) == meeting_id, ceiling)


def village_tally(session: Session, village_id: int, ceiling: int | None) -> Tally:
    """One village's tally, against its own ceiling."""
    return _grouped_tally(session, col(Proposal.village_id) == village_id, ceiling)


def _grouped_tally(session: Session, where: ColumnElement[bool], ceiling: int | None) -> Tally:
    rows = session.exec(
        select(
            Proposal.status,
            func.count(),
            func.coalesce(func.sum(Proposal.requested), 0),
            func.coalesce(func.sum(Proposal.approved), 0),
        )
        .where(where)
        .group_by(Proposal.status)
    ).all()
    counts = {s: 0 for s in ProposalStatus}
    approved = requested = 0
    for status, count, req, appr in rows:
        state = ProposalStatus(status)
        counts[state] = int(count)
        requested += int(req)
        if state.is_approved:
            approved += int(appr or 0)  # coalesced in SQL; typed optional as the column is
    return Tally(approved=approved, requested=requested, ceiling=ceiling, counts=counts)


def agency_approved_total(session: Session, meeting_id: int, agency: str) -> int:
    """The approved sum of one OPD's proposals, for its hard-ceiling check in a write."""
    value = session.exec(
        select(func.coalesce(func.sum(_APPROVED), 0)).where(
            Proposal.meeting_id == meeting_id, Proposal.agency == agency
        )
    ).one()
    return int(value)


def merged_refs(session: Session, proposals: Sequence[Proposal]) -> dict[int, str]:
    """The refs of the proposals that ``proposals`` were merged into."""
    targets = {p.merged_into_id for p in proposals if p.merged_into_id}
    if not targets:
        return {}
    rows = session.exec(select(Proposal.id, Proposal.ref).where(col(Proposal.id).in_(targets)))
    return {pid: ref for pid, ref in rows if pid is not None}


def approved_total(session: Session, meeting_id: int) -> int:
    """Only the approved sum, for the hard-ceiling check inside a write."""
    value = session.exec(
        select(func.coalesce(func.sum(_APPROVED), 0)).where(Proposal.meeting_id == meeting_id)
    ).one()
    return int(value)


def _village_row(village: Village, figures: Sequence[int] | None) -> VillageRow:
    count, pending, requested, approved = figures or (0, 0, 0, 0)
    return VillageRow(
        id=village.id or 0,
        code=village.code,
        name=village.name,
        position=village.position,
        state=VillageState(village.state),
        ceiling=village.ceiling,
        branding=village.branding,
        desk_started_at=village.desk_started_at,
        desk_seconds=village.desk_seconds,
        proposals=int(count),
        pending=int(pending or 0),
        requested=int(requested or 0),
        approved=int(approved or 0),
        finished_at=village.finished_at,
    )


def _village_figures(session: Session, where: ColumnElement[bool]) -> dict[int, Sequence[int]]:
    rows = session.exec(
        select(  # type: ignore[call-overload]  # SQLModel types select() up to 4 columns
            Proposal.village_id,
            func.count(),
            func.sum(case((col(Proposal.status) == ProposalStatus.PENDING.value, 1), else_=0)),
            func.coalesce(func.sum(Proposal.requested), 0),
            func.coalesce(func.sum(_APPROVED), 0),
        )
        .where(where)
        .group_by(Proposal.village_id)
    ).all()
    return {row[0]: row[1:] for row in rows}


def villages(session: Session, meeting_id: int) -> tuple[VillageRow, ...]:
    """The queue in order, each village with its counts and amounts."""
    figures = _village_figures(session, col(Proposal.meeting_id) == meeting_id)
    rows = session.exec(
        select(Village)
        .where(Village.meeting_id == meeting_id)
        .order_by(col(Village.position), col(Village.id))
    )
    return tuple(_village_row(v, figures.get(v.id or 0)) for v in rows)


def village_with_tally(session: Session, village_id: int) -> tuple[VillageRow, Tally]:
    """A village's queue row and its own tally from one grouped query (after a decision)."""
    row = session.get(Village, village_id)
    if row is None:
        raise LookupError(f"village {village_id}")
    own = village_tally(session, village_id, row.ceiling)
    figures = (own.total, own.count(ProposalStatus.PENDING), own.requested, own.approved)
    return _village_row(row, figures), own


def village(session: Session, village_id: int) -> VillageRow:
    row = session.get(Village, village_id)
    if row is None:
        raise LookupError(f"village {village_id}")
    figures = _village_figures(session, col(Proposal.village_id) == village_id)
    return _village_row(row, figures.get(village_id))


def _reviewer_names(session: Session, meeting_id: int) -> dict[int, str]:
    rows = session.exec(select(Reviewer.id, Reviewer.name).where(Reviewer.meeting_id == meeting_id))
    return {rid: name for rid, name in rows if rid is not None}


#: The proposal columns a ``ProposalRow`` is made of. Reads of a whole meeting select
#: just these as plain rows: 18,000 ORM objects cost seconds that no export needs.
ROW_COLUMNS = (
    "id",
    "village_id",
    "seq",
    "ref",
    "title",
    "location",
    "volume",
    "unit",
    "requested_volume",
    "requested",
    "approved",
    "agency",
    "status",
    "reason",
    "note",
    "funding_source",
    "decided_by_id",
    "decided_at",
    "version",
    "problem",
    "priority",
    "category",
    "score",
    "merged_into_id",
    "agency_origin",
    "sipd_id",
    "latitude",
    "longitude",
    "kamus_entry_id",
)

#: ``ProposalStatus(value)`` and ``FundingSource(value)`` without the enum's lookup,
#: which shows in a profile when it runs for every row of a regency.
_STATUSES = {status.value: status for status in ProposalStatus}
_SOURCES = {source.value: source for source in FundingSource}


def status_of(value: str) -> ProposalStatus:
    """A stored status as its enum, by one dict lookup (the enum's own is the fallback,
    and says what is wrong with a value that is none)."""
    return _STATUSES.get(value) or ProposalStatus(value)


def source_of(value: str | None) -> FundingSource | None:
    """A stored funding source as its enum (None for none), as ``status_of``."""
    return (_SOURCES.get(value) or FundingSource(value)) if value else None


def proposal_row(
    proposal: Proposal, names: dict[int, str], refs: dict[int, str] | None = None
) -> ProposalRow:
    """The snapshot of a proposal's ORM object."""
    return values_row(tuple(getattr(proposal, name) for name in ROW_COLUMNS), names, refs)


def values_row(
    values: Sequence[Any], names: dict[int, str], refs: dict[int, str] | None = None
) -> ProposalRow:
    """The snapshot of a proposal from its ``ROW_COLUMNS`` values, in that order (a plain
    row unpacks far faster than its columns are read by name)."""
    (
        proposal_id,
        village_id,
        seq,
        ref,
        title,
        location,
        volume,
        unit,
        requested_volume,
        requested,
        approved,
        agency,
        status,
        reason,
        note,
        source,
        decided_by_id,
        decided_at,
        version,
        problem,
        priority,
        category,
        score,
        merged_into_id,
        agency_origin,
        sipd_id,
        latitude,
        longitude,
        kamus_entry_id,
    ) = values
    return ProposalRow(
        id=proposal_id or 0,
        village_id=village_id,
        seq=seq,
        ref=ref,
        title=title,
        location=location,
        volume=volume,
        unit=unit,
        requested_volume=requested_volume if requested_volume is not None else volume,
        requested=requested,
        approved=approved,
        agency=agency,
        status=status_of(status),
        reason=reason,
        note=note,
        funding_source=source_of(source),
        decided_by=names.get(decided_by_id or 0, ""),
        decided_at=decided_at,
        version=version,
        problem=problem,
        priority=priority,
        category=category,
        score=score,
        merged_into_id=merged_into_id,
        agency_origin=agency_origin,
        merged_into_ref=refs.get(merged_into_id or 0, "") if refs else "",
        sipd_id=sipd_id,
        latitude=latitude,
        longitude=longitude,
        kamus_entry_id=kamus_entry_id,
    )


def proposals_of_village(session: Session, village_id: int) -> tuple[ProposalRow, ...]:
    village_row = session.get(Village, village_id)
    if village_row is None:
        return ()
    names = _reviewer_names(session, village_row.meeting_id)
    rows = session.exec(
        select(Proposal)
        .where(Proposal.village_id == village_id)
        .order_by(col(Proposal.seq), col(Proposal.id))
    ).all()
    refs = merged_refs(session, rows)
    return tuple(proposal_row(p, names, refs) for p in rows)


def proposal(session: Session, proposal_id: int) -> ProposalRow:
    row = session.get(Proposal, proposal_id)
    if row is None:
        raise LookupError(f"proposal {proposal_id}")
    return proposal_row(row, _decider_name(session, row), merged_refs(session, [row]))


def _decider_name(session: Session, row: Proposal) -> dict[int, str]:
    """Just the one reviewer a row needs (from the session's identity map when loaded)."""
    if row.decided_by_id is None:
        return {}
    reviewer = session.get(Reviewer, row.decided_by_id)
    return {row.decided_by_id: reviewer.name} if reviewer else {}


def proposal_detail(session: Session, proposal_id: int) -> ProposalDetail:
    """The detail panel: the proposal, its village, its strategic issues and its history."""
    row = session.get(Proposal, proposal_id)
    if row is None:
        raise LookupError(f"proposal {proposal_id}")
    village_row = session.get(Village, row.village_id)
    issues = session.exec(
        select(StrategicIssue.name)
        .join(ProposalIssue, col(ProposalIssue.issue_id) == StrategicIssue.id)
        .where(ProposalIssue.proposal_id == proposal_id)
        .order_by(col(StrategicIssue.position))
    ).all()
    history_rows = session.exec(
        select(Event, Reviewer.name)
        .join(Reviewer, col(Reviewer.id) == Event.reviewer_id, isouter=True)
        .where(Event.proposal_id == proposal_id)
        .order_by(col(Event.id).desc())
        .limit(20)
    ).all()
    history = []
    for event, reviewer_name in history_rows:
        before, after = events.loads(event.before), events.loads(event.after)
        history.append(
            HistoryEntry(
                at=event.at,
                reviewer=reviewer_name or "",
                kind=event.kind,
                status_before=before.get("status"),
                status_after=after.get("status"),
                approved_after=after.get("approved"),
                reason=after.get("reason") or after.get("note") or "",
            )
        )
    return ProposalDetail(
        proposal=proposal_row(row, _decider_name(session, row), merged_refs(session, [row])),
        village_name=village_row.name if village_row else "",
        branding=village_row.branding if village_row else "",
        issues=tuple(issues),
        history=tuple(history),
    )


def village_at_desk(rows: Sequence[VillageRow]) -> VillageRow | None:
    for row in rows:
        if row.state is VillageState.AT_DESK:
            return row
    return None


def desk_state(session: Session, meeting_id: int, village_id: int | None = None) -> DeskState:
    """Everything the desk screen needs, for the village at the desk (or the one asked)."""
    meeting = get_meeting(session, meeting_id)
    village_rows = villages(session, meeting_id)
    current = None
    if village_id is not None:
        current = next((v for v in village_rows if v.id == village_id), None)
    current = current or village_at_desk(village_rows)
    proposals = proposals_of_village(session, current.id) if current else ()
    meeting_tally = tally(session, meeting_id, meeting.ceiling)
    own = None
    if current is not None:
        own = village_tally(session, current.id, current.ceiling)
    done = tuple(
        v.desk_seconds for v in village_rows if v.state is VillageState.DONE and v.desk_seconds > 0
    )
    return DeskState(
        meeting=meeting,
        reviewers=reviewers(session, meeting_id),
        villages=village_rows,
        village=current,
        proposals=proposals,
        tally=meeting_tally,
        village_tally=own,
        done_durations=done,
        paused_at=desk_pause.paused_at(session, meeting_id),
    )


def first_undecided(
    proposals: Sequence[ProposalRow], after_id: int | None = None
) -> ProposalRow | None:
    """The next pending proposal after ``after_id`` (wrapping round), or None."""
    if not proposals:
        return None
    start = 0
    if after_id is not None:
        for index, row in enumerate(proposals):
            if row.id == after_id:
                start = index + 1
                break
    ordered = list(proposals[start:]) + list(proposals[:start])
    return next((p for p in ordered if p.status is ProposalStatus.PENDING), None)


def last_event_about(session: Session, proposal_id: int) -> tuple[str, datetime] | None:
    """Who last changed a proposal and when, for a conflict message."""
    event = session.exec(
        select(Event)
        .where(Event.proposal_id == proposal_id)
        .order_by(col(Event.id).desc())
        .limit(1)
    ).first()
    if event is None:
        return None
    name = ""
    if event.reviewer_id:
        reviewer = session.get(Reviewer, event.reviewer_id)
        name = reviewer.name if reviewer else ""
    return name, event.at


def meeting_proposals(session: Session, meeting_id: int) -> list[tuple[str, ProposalRow]]:
    """Every proposal of the meeting with its village's name, in queue and proposal order.

    Plain rows of the columns a ``ProposalRow`` needs, not ORM objects: the exports read
    every proposal of a regency through here.
    """
    names = _reviewer_names(session, meeting_id)
    proposal, village = table_of(Proposal), table_of(Village)
    rows = (
        session.connection()
        .execute(
            core_select(
                village.c.name.label("village_name"), *(proposal.c[name] for name in ROW_COLUMNS)
            )
            .join_from(proposal, village, village.c.id == proposal.c.village_id)
            .where(proposal.c.meeting_id == meeting_id)
            .order_by(village.c.position, village.c.id, proposal.c.seq, proposal.c.id)
        )
        .all()
    )
    refs = {row[1]: row[4] for row in rows}  # id and ref, after the village's name
    return [(row[0], values_row(row[1:], names, refs)) for row in rows]


def issue_tags(
    session: Session, meeting_id: int
) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """The meeting's strategic issues in order, and each tagged proposal's issue names
    in that order: for documents and the CSV, which name issues rather than ids."""
    issue_rows = session.exec(
        select(StrategicIssue.id, StrategicIssue.name)
        .where(StrategicIssue.meeting_id == meeting_id)
        .order_by(col(StrategicIssue.position), col(StrategicIssue.id))
    ).all()
    names = {issue_id: name for issue_id, name in issue_rows}
    order = {issue_id: index for index, (issue_id, _) in enumerate(issue_rows)}
    links = session.exec(
        select(ProposalIssue.proposal_id, ProposalIssue.issue_id)
        .join(Proposal, col(Proposal.id) == ProposalIssue.proposal_id)
        .where(Proposal.meeting_id == meeting_id)
    ).all()
    issues_of: dict[int, list[str]] = {}
    for proposal_id, issue_id in sorted(links, key=lambda pair: order.get(pair[1], 0)):
        if issue_id in names:
            issues_of.setdefault(proposal_id, []).append(names[issue_id])
    return (
        tuple(name for _, name in issue_rows),
        {key: tuple(value) for key, value in issues_of.items()},
    )


def last_event_id(session: Session, meeting_id: int) -> int:
    """The newest event of the meeting."""
    value = session.exec(select(func.max(Event.id)).where(Event.meeting_id == meeting_id)).one()
    return int(value or 0)


#: What another desk or the projector compares to notice a change: see change_marker.
ChangeMarker = tuple[int, int]


def change_marker(session: Session, meeting_id: int) -> ChangeMarker:
    """The newest event's id and the number of events, from one scan of an index.

    The id alone misses changes on PostgreSQL: ids are handed out when a transaction
    inserts, not when it commits, so desk A's event 59 can commit after desk B's 60 has
    been seen, and a reader that moved on to 60 would never look again. Events are never
    deleted, so the count moves whenever any of them commits.
    """
    newest, count = session.exec(
        select(func.max(Event.id), func.count(col(Event.id))).where(Event.meeting_id == meeting_id)
    ).one()
    return int(newest or 0), int(count)
