"""From a Pra Musrenbang to the Musrenbang Kecamatan that follows it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from lasem_tui.domain.dates import now
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.domain.zones import zone
from lasem_tui.store import events, guard, kamus
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import (
    Attendee,
    Meeting,
    Minutes,
    Proposal,
    ProposalIssue,
    Reviewer,
    Signatory,
    StrategicIssue,
    Village,
)
from lasem_tui.store.setup.checks import (
    check_meeting,
    date_value,
    log_change,
    text_value,
)


@dataclass(frozen=True)
class CarryOver:
    """What ``start_musrenbang_kecamatan`` made."""

    meeting_id: int
    from_meeting_id: int
    villages: int
    proposals: int
    requested: int
    #: Proposals of the Pra Musrenbang still undecided, so not carried over.
    left_pending: int


def start_musrenbang_kecamatan(
    db: Database,
    from_meeting_id: int,
    *,
    title: str | None = None,
    held_on: date | str | None = None,
    reviewer_id: int | None = None,
) -> CarryOver:
    """Start the Musrenbang Kecamatan that follows a Pra Musrenbang.

    The new meeting gets the villages (same order, codes, own ceilings, branding), the
    strategic issues, the reviewers and the attendance list (nobody marked present),
    and the accepted and adjusted proposals with their approved amount as the new
    request, each pointing back to the proposal it came from. Its day is the one the
    Pra Musrenbang named for the next meeting, unless given.
    """
    with db.write() as session:
        source = guard.meeting(session, from_meeting_id, allow_closed=True, lock=True)
        acting = guard.reviewer(session, from_meeting_id, reviewer_id, required=False)
        if source.kind != MeetingKind.PRA_MUSRENBANG.value:
            raise StoreError("setup.not_pra_musrenbang", title=source.title)
        existing = session.exec(
            select(Meeting).where(
                Meeting.origin_meeting_id == from_meeting_id,
                Meeting.kind == MeetingKind.MUSRENBANG_KECAMATAN.value,
            )
        ).first()
        if existing is not None:
            raise StoreError("setup.carry_over_exists", title=existing.title)
        day = date_value(held_on, "held_on") or source.next_meeting_on or source.held_on
        name = (
            text_value(title, "title", required=True)
            if title is not None
            else source.next_meeting_name
            or f"Musrenbang Kecamatan {source.kecamatan} {day.year}".replace("  ", " ")
        )
        shift = day - source.held_on
        desk_start = _on_day(source.desk_starts_at, source.held_on, shift, source.timezone)
        target = Meeting(
            title=name,
            kind=MeetingKind.MUSRENBANG_KECAMATAN.value,
            kecamatan=source.kecamatan,
            kabupaten=source.kabupaten,
            held_on=day,
            venue=source.venue,
            desk_starts_at=desk_start,
            desk_ends_at=_desk_end(desk_start, source.desk_starts_at, source.desk_ends_at, shift),
            ceiling=source.ceiling,
            hard_ceiling=source.hard_ceiling,
            office_address=source.office_address,
            postal_code=source.postal_code,
            phone=source.phone,
            email=source.email,
            logo_path=source.logo_path,
            rkpd_year=source.rkpd_year,
            timezone=source.timezone,
            is_demo=source.is_demo,
            origin_meeting_id=source.id,
            last_opened_at=now(),
        )
        check_meeting(target)
        session.add(target)
        session.flush()
        target_id = target.id or 0
        session.add(Minutes(meeting_id=target_id, text=""))
        village_map = _copy_villages(session, from_meeting_id, target_id)
        issue_map = _copy_issues(session, from_meeting_id, target_id)
        reviewer_map = _copy_reviewers(session, from_meeting_id, target_id)
        _copy_attendees(session, from_meeting_id, target_id)
        _copy_signing(session, from_meeting_id, target_id)
        if source.current_reviewer_id in reviewer_map:
            target.current_reviewer_id = reviewer_map[source.current_reviewer_id]
        kamus_map = kamus.copy_kamus(session, from_meeting_id, target_id)
        carried, requested = _carry_proposals(
            session, from_meeting_id, target_id, village_map, issue_map, kamus_map
        )
        left_pending = session.exec(
            select(func.count())
            .select_from(Proposal)
            .where(
                Proposal.meeting_id == from_meeting_id,
                Proposal.status == ProposalStatus.PENDING.value,
            )
        ).one()
        events.record(
            session,
            target_id,
            EventKind.CREATE_MEETING,
            reviewer_map.get(acting) if acting else None,
            after={
                "title": name,
                "origin_meeting_id": from_meeting_id,
                "villages": len(village_map),
                "proposals": carried,
                "requested": requested,
            },
        )
        log_change(
            session,
            from_meeting_id,
            acting,
            "carried_over",
            None,
            {"meeting_id": target_id, "title": name, "proposals": carried},
        )
        return CarryOver(
            meeting_id=target_id,
            from_meeting_id=from_meeting_id,
            villages=len(village_map),
            proposals=carried,
            requested=requested,
            left_pending=int(left_pending),
        )


def prior_recommendation(proposal: Proposal) -> dict[str, Any]:
    """The Pra Musrenbang's recommendation of a proposal, as the carried-over copy keeps
    it (``Proposal.prior_recommendation``), so an export can give each level's."""
    return {
        "level": MeetingKind.PRA_MUSRENBANG.value,
        "status": proposal.status,
        "requested": proposal.requested,
        "approved": proposal.approved,
        "volume": proposal.volume,
        "unit": proposal.unit,
        "reason": proposal.reason,
        "note": proposal.note,
    }


def _on_day(
    moment: datetime | None, old_day: date, shift: timedelta, zone_name: str = "WIB"
) -> datetime | None:
    """The same clock time, on the meeting's own clock, on the new meeting's day."""
    if moment is None:
        return None
    local = moment.astimezone(zone(zone_name))
    return datetime.combine(old_day + shift, local.timetz())


def _desk_end(
    new_start: datetime | None,
    old_start: datetime | None,
    old_end: datetime | None,
    shift: timedelta,
) -> datetime | None:
    """The planned end keeps the desk's planned length: a desk planned across midnight
    (a rehearsal in the evening) must not end before it starts on the new day."""
    if old_end is None:
        return None
    if new_start is None or old_start is None:
        return old_end + shift
    return new_start + (old_end - old_start)


def _copy_signing(session: Session, source_id: int, target_id: int) -> None:
    """The same people sign; the delegates are the new meeting's to elect."""
    for row in session.exec(select(Signatory).where(Signatory.meeting_id == source_id)).all():
        session.add(
            Signatory(
                meeting_id=target_id, role=row.role, name=row.name, jabatan=row.jabatan, nip=row.nip
            )
        )


def _copy_villages(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    mapping = {}
    for village in session.exec(
        select(Village).where(Village.meeting_id == source_id).order_by(col(Village.position))
    ).all():
        copy = Village(
            meeting_id=target_id,
            code=village.code,
            name=village.name,
            position=village.position,
            ceiling=village.ceiling,
            branding=village.branding,
        )
        session.add(copy)
        session.flush()
        mapping[village.id or 0] = copy.id or 0
    return mapping


def _copy_issues(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    mapping = {}
    for issue in session.exec(
        select(StrategicIssue).where(StrategicIssue.meeting_id == source_id)
    ).all():
        copy = StrategicIssue(
            meeting_id=target_id, code=issue.code, name=issue.name, position=issue.position
        )
        session.add(copy)
        session.flush()
        mapping[issue.id or 0] = copy.id or 0
    return mapping


def _copy_reviewers(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    mapping = {}
    for reviewer in session.exec(select(Reviewer).where(Reviewer.meeting_id == source_id)).all():
        copy = Reviewer(
            meeting_id=target_id, name=reviewer.name, role=reviewer.role, position=reviewer.position
        )
        session.add(copy)
        session.flush()
        mapping[reviewer.id or 0] = copy.id or 0
    return mapping


def _copy_attendees(session: Session, source_id: int, target_id: int) -> None:
    for person in session.exec(select(Attendee).where(Attendee.meeting_id == source_id)).all():
        session.add(
            Attendee(
                meeting_id=target_id,
                position=person.position,
                name=person.name,
                jabatan=person.jabatan,
                institution=person.institution,
                group=person.group,
            )
        )


def _carry_proposals(
    session: Session,
    source_id: int,
    target_id: int,
    village_map: dict[int, int],
    issue_map: dict[int, int],
    kamus_map: dict[int, int],
) -> tuple[int, int]:
    """Copy the accepted and adjusted proposals as pending requests of the approved
    amount, with their SIPD fields, their kamus link and the Pra Musrenbang's
    recommendation kept apart from the decision to come; returns how many, and their
    total."""
    approved = session.exec(
        select(Proposal)
        .join(Village, col(Village.id) == Proposal.village_id)
        .where(
            Proposal.meeting_id == source_id,
            col(Proposal.status).in_((ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED)),
        )
        .order_by(col(Village.position), col(Proposal.seq), col(Proposal.id))
    ).all()
    if not approved:
        return 0, 0
    links: dict[int, list[int]] = {}
    for proposal_id, issue_id in session.exec(
        select(ProposalIssue.proposal_id, ProposalIssue.issue_id).where(
            col(ProposalIssue.proposal_id).in_([p.id for p in approved])
        )
    ):
        links.setdefault(proposal_id, []).append(issue_id)
    seqs: dict[int, int] = {}
    created = []
    for proposal in approved:
        village_id = village_map[proposal.village_id]
        seqs[village_id] = seqs.get(village_id, 0) + 1
        amount = proposal.approved if proposal.approved is not None else proposal.requested
        copy = Proposal(
            meeting_id=target_id,
            village_id=village_id,
            seq=seqs[village_id],
            ref=proposal.ref,
            title=proposal.title,
            problem=proposal.problem,
            location=proposal.location,
            volume=proposal.volume,
            # What was approved here is what the village asks for at the next meeting.
            requested_volume=proposal.volume,
            unit=proposal.unit,
            requested=amount,
            agency=proposal.agency,
            priority=proposal.priority,
            category=proposal.category,
            status=ProposalStatus.PENDING.value,
            origin_proposal_id=proposal.id,
            sipd_id=proposal.sipd_id,
            agency_origin=proposal.agency_origin,
            spending_kind=proposal.spending_kind,
            sub_activity=proposal.sub_activity,
            proposer=proposal.proposer,
            proposer_profile=proposal.proposer_profile,
            proposed_on=proposal.proposed_on,
            usulan_ke=proposal.usulan_ke,
            latitude=proposal.latitude,
            longitude=proposal.longitude,
            sipd_data=proposal.sipd_data,
            kamus_entry_id=kamus_map.get(proposal.kamus_entry_id or 0),
            prior_recommendation=json.dumps(prior_recommendation(proposal), ensure_ascii=False),
        )
        session.add(copy)
        created.append((copy, proposal.id or 0))
    session.flush()
    for copy, origin in created:
        for issue_id in links.get(origin, ()):
            session.add(ProposalIssue(proposal_id=copy.id or 0, issue_id=issue_map[issue_id]))
    return len(created), sum(copy.requested for copy, _ in created)
