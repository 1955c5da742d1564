"""Meetings: create one (from the Lasem template or empty), edit it, list them all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import col, func, select

from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.states import EventKind
from lasem_tui.domain.zones import zone
from lasem_tui.store import guard, meetings, queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import ConflictError
from lasem_tui.store.models import (
    Event,
    Meeting,
    Proposal,
    Reviewer,
    Village,
)
from lasem_tui.store.setup.checks import (
    DESK_TIMES,
    OPTIONAL_DATES,
    check_meeting,
    log_change,
    meeting_values,
    text_value,
)
from lasem_tui.store.views import MeetingView


@dataclass(frozen=True)
class MeetingSummary:
    """One line of the meeting picker."""

    id: int
    title: str
    kind: MeetingKind
    held_on: date
    kecamatan: str
    is_demo: bool
    is_closed: bool
    villages: int
    proposals: int
    origin_meeting_id: int | None
    last_opened_at: datetime | None


def list_meetings(db: Database) -> tuple[MeetingSummary, ...]:
    """Every meeting in the database, newest first, with its villages and proposals."""
    with db.read() as session:
        village_counts = {
            meeting_id: count
            for meeting_id, count in session.exec(
                select(Village.meeting_id, func.count()).group_by(col(Village.meeting_id))
            ).all()
        }
        proposal_counts = {
            meeting_id: count
            for meeting_id, count in session.exec(
                select(Proposal.meeting_id, func.count()).group_by(col(Proposal.meeting_id))
            ).all()
        }
        rows = session.exec(
            select(Meeting).order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
        ).all()
        return tuple(
            MeetingSummary(
                id=m.id or 0,
                title=m.title,
                kind=_known_kind(m.kind),
                held_on=m.held_on,
                kecamatan=m.kecamatan,
                is_demo=m.is_demo,
                is_closed=m.closed_at is not None,
                villages=int(village_counts.get(m.id or 0, 0)),
                proposals=int(proposal_counts.get(m.id or 0, 0)),
                origin_meeting_id=m.origin_meeting_id,
                last_opened_at=m.last_opened_at,
            )
            for m in rows
        )


def _known_kind(value: str) -> MeetingKind:
    try:
        return MeetingKind(value)
    except ValueError:
        return MeetingKind.OTHER


def _new_spec(base: meetings.NewMeeting, overrides: Mapping[str, Any]) -> meetings.NewMeeting:
    values = meeting_values(overrides, base.held_on)
    fields = {**base.__dict__, **values}
    if "held_on" in values and values["held_on"] != base.held_on:
        gap = values["held_on"] - base.held_on
        if "rkpd_year" not in values and fields.get("rkpd_year") == base.held_on.year + 1:
            fields["rkpd_year"] = values["held_on"].year + 1  # the RKPD follows the year
        for name in DESK_TIMES:
            if name not in values and fields[name] is not None:
                fields[name] = fields[name] + gap
        for name in OPTIONAL_DATES:
            if name not in values and fields[name] is not None and fields[name] < values["held_on"]:
                fields[name] = None
    spec = meetings.NewMeeting(**fields)
    check_meeting(Meeting(**spec.__dict__))
    return spec


def create_from_template(
    db: Database, *, reviewers: Sequence[tuple[str, str]] = (), **overrides: Any
) -> int:
    """A new meeting from the Lasem template: the 20 desa, the strategic issues, the
    attendance roles and the 2023 dates, with any meeting field overridden.

    Moving ``held_on`` moves the desk times with it and drops the SIPD deadline and the
    next meeting's date when they would fall before the new day.
    """
    spec = _new_spec(meetings.lasem_meeting(), overrides)
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec, with_lasem_template=True)
        if reviewers:
            meetings.add_reviewers(
                session,
                meeting.id or 0,
                [
                    (text_value(n, "name", required=True), text_value(r, "role"))
                    for n, r in reviewers
                ],
            )
        return meeting.id or 0


def create_empty(db: Database, title: str, held_on: date | str, **fields: Any) -> int:
    """A new meeting with no villages, issues or attendance list yet."""
    values = meeting_values({"title": title, "held_on": held_on}, date.today())
    base = meetings.NewMeeting(title=values["title"], held_on=values["held_on"])
    spec = _new_spec(base, fields)
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec, with_lasem_template=False)
        return meeting.id or 0


def update_meeting(
    db: Database,
    meeting_id: int,
    *,
    reviewer_id: int | None = None,
    expected_version: int | None = None,
    **changes: Any,
) -> MeetingView:
    """Change any of ``MEETING_FIELDS``; returns the meeting as committed.

    Desk times given as a time of day (``"08.00"``) fall on the meeting's day. Moving
    ``held_on`` moves desk times that were on the old day, and the SIPD deadline and the
    next meeting's date by as many days. ``expected_version`` (from
    the ``MeetingView`` the form was filled from) refuses an edit overtaken by another
    desk's. Nothing changed, nothing logged.
    """
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, lock=True)
        acting = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        if expected_version is not None and meeting.version != expected_version:
            last = session.exec(
                select(Event)
                .where(Event.meeting_id == meeting_id, Event.kind == EventKind.UPDATE_MEETING)
                .order_by(col(Event.id).desc())
                .limit(1)
            ).first()
            who = ""
            if last is not None and last.reviewer_id:
                reviewer = session.get(Reviewer, last.reviewer_id)
                who = reviewer.name if reviewer else ""
            raise ConflictError(who, last.at if last else None)
        values = meeting_values(changes, meeting.held_on, meeting.timezone)
        if "held_on" in values and values["held_on"] != meeting.held_on:
            gap = values["held_on"] - meeting.held_on
            for name in DESK_TIMES:
                moment = getattr(meeting, name)
                if (
                    name not in values
                    and moment is not None
                    and moment.astimezone(zone(meeting.timezone)).date() == meeting.held_on
                ):
                    values[name] = moment + gap
            if "rkpd_year" not in values and meeting.rkpd_year == meeting.held_on.year + 1:
                values["rkpd_year"] = values["held_on"].year + 1
            # The SIPD deadline and the next meeting keep their distance from this one:
            # a template's 2023 dates move with it to next year's day instead of
            # refusing the new date for falling after them.
            for name in OPTIONAL_DATES:
                day = getattr(meeting, name)
                if name not in values and day is not None:
                    values[name] = day + gap
        before = {}
        after = {}
        for name, value in values.items():
            if getattr(meeting, name) != value:
                before[name] = getattr(meeting, name)
                after[name] = value
                setattr(meeting, name, value)
        check_meeting(meeting)
        if after:
            meeting.version += 1
            log_change(session, meeting_id, acting, "meeting", before, after)
        session.flush()
        return queries.meeting_view(meeting)
