"""Setting up meetings: create, edit, list, and carry a Pra Musrenbang over.

Each command is one transaction that checks its input, writes, and logs an
``UPDATE_MEETING`` event (``CREATE_MEETING`` for a new meeting, ``ADD_REVIEWER`` for
a new reviewer) with what was there before and after; or it raises a ``StoreError``
whose code is an i18n key, and writes nothing.

Values may come typed (``int``, ``date``, ``time``) or as a person typed them into a
form (``"Rp 1.500.000.000"``, ``"17/02/2023"``, ``"08.00"``): the setup screen hands
its inputs over as they are and shows the error next to the field it names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from lasem_tui.domain.dates import DateError, now, parse_date, parse_time
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.money import AmountError, parse_amount
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.domain.text import clean_text
from lasem_tui.store import desk, events, meetings, queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import ConflictError, MeetingClosedError, StoreError
from lasem_tui.store.models import (
    Attendee,
    Event,
    Meeting,
    Minutes,
    Proposal,
    ProposalIssue,
    Reviewer,
    StrategicIssue,
    Village,
)
from lasem_tui.store.views import MeetingView, VillageRow

NAME_LIMIT = 200

#: The meeting fields the setup screen edits.
MEETING_FIELDS = (
    "title",
    "kind",
    "kecamatan",
    "kabupaten",
    "held_on",
    "venue",
    "desk_starts_at",
    "desk_ends_at",
    "ceiling",
    "hard_ceiling",
    "sipd_deadline",
    "next_meeting_on",
    "next_meeting_name",
    "office_address",
)
_TEXT_FIELDS = (
    "kecamatan",
    "kabupaten",
    "venue",
    "next_meeting_name",
    "office_address",
)
_OPTIONAL_DATES = ("sipd_deadline", "next_meeting_on")
_DESK_TIMES = ("desk_starts_at", "desk_ends_at")
VILLAGE_FIELDS = ("name", "code", "ceiling", "branding")


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


# --- checking input ---------------------------------------------------------------------


def _text(value: Any, field: str, *, required: bool = False, limit: int = NAME_LIMIT) -> str:
    text = clean_text("" if value is None else str(value))
    if required and not text:
        raise StoreError("setup.required", field=field)
    if len(text) > limit:
        raise StoreError("setup.too_long", field=field, limit=limit)
    return text


def _amount(value: Any, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise StoreError("amount_not_number", field=field)
    if isinstance(value, int):
        if value < 0:
            raise StoreError("amount_negative", field=field)
        return value
    try:
        return parse_amount(str(value))
    except AmountError as exc:
        raise StoreError(exc.code, field=field) from exc


def _date(value: Any, field: str, *, required: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise StoreError("setup.required", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except DateError as exc:
        raise StoreError(exc.code, field=field) from exc


def _time(value: Any, field: str, day: date) -> datetime | None:
    """A desk time: a datetime as given, or a time of day on the meeting's day."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.astimezone()
    if not isinstance(value, time):
        try:
            value = parse_time(str(value))
        except DateError as exc:
            raise StoreError(exc.code, field=field) from exc
    return datetime.combine(day, value).astimezone()


def _kind(value: Any) -> str:
    try:
        return MeetingKind(str(value)).value
    except ValueError as exc:
        raise StoreError("setup.kind_unknown", value=str(value)) from exc


def _bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("1", "ya", "yes", "true", "on"):
        return True
    if text in ("0", "tidak", "no", "false", "off", ""):
        return False
    raise StoreError("setup.not_yes_no", field=field)


def _meeting_values(changes: Mapping[str, Any], current_day: date) -> dict[str, Any]:
    """Check and convert the given meeting fields (desk times on the given day)."""
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"not meeting fields: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    if "held_on" in changes:
        values["held_on"] = _date(changes["held_on"], "held_on", required=True)
    day = values.get("held_on", current_day)
    for name, value in changes.items():
        if name == "title":
            values[name] = _text(value, name, required=True)
        elif name == "kind":
            values[name] = _kind(value)
        elif name in _TEXT_FIELDS:
            values[name] = _text(value, name)
        elif name in _OPTIONAL_DATES:
            values[name] = _date(value, name)
        elif name in _DESK_TIMES:
            values[name] = _time(value, name, day)
        elif name == "ceiling":
            values[name] = _amount(value, name)
        elif name == "hard_ceiling":
            values[name] = _bool(value, name)
    return values


def _check_meeting(meeting: Meeting) -> None:
    """The rules between fields, on the meeting as it would be written."""
    starts, ends = meeting.desk_starts_at, meeting.desk_ends_at
    if starts is not None and ends is not None and ends <= starts:
        raise StoreError("setup.desk_end_before_start", field="desk_ends_at")
    if meeting.hard_ceiling and meeting.ceiling is None:
        raise StoreError("setup.hard_ceiling_needs_ceiling", field="hard_ceiling")
    if meeting.sipd_deadline is not None and meeting.sipd_deadline < meeting.held_on:
        raise StoreError("setup.sipd_before_meeting", field="sipd_deadline")
    if meeting.next_meeting_on is not None and meeting.next_meeting_on < meeting.held_on:
        raise StoreError("setup.next_before_meeting", field="next_meeting_on")


def _meeting(
    session: Session, meeting_id: int, *, allow_closed: bool = False, lock: bool = True
) -> Meeting:
    """The meeting, locked on PostgreSQL so that two desks' setup edits queue up."""
    statement = select(Meeting).where(Meeting.id == meeting_id)
    meeting = session.exec(statement.with_for_update() if lock else statement).first()
    if meeting is None:
        raise StoreError("meeting_missing")
    if meeting.closed_at is not None and not allow_closed:
        raise MeetingClosedError()
    return meeting


def _log(
    session: Session,
    meeting_id: int,
    reviewer_id: int | None,
    change: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    kind: EventKind = EventKind.UPDATE_MEETING,
) -> Event:
    """One setup event; ``change`` says what kind of edit it was."""
    return events.record(
        session,
        meeting_id,
        kind,
        reviewer_id,
        before={"change": change, **(before or {})},
        after={"change": change, **(after or {})},
    )


def _acting(session: Session, meeting_id: int, reviewer_id: int | None) -> int | None:
    """The reviewer making the change, if one is named and belongs to the meeting."""
    if reviewer_id is None:
        return None
    reviewer = session.get(Reviewer, reviewer_id)
    if reviewer is None or reviewer.meeting_id != meeting_id:
        raise StoreError("no_reviewer")
    return reviewer_id


# --- meetings ---------------------------------------------------------------------------


def list_meetings(db: Database) -> tuple[MeetingSummary, ...]:
    """Every meeting in the database, newest first, with its villages and proposals."""
    with db.read() as session:
        village_counts = {
            meeting_id: count
            for meeting_id, count in session.exec(
                select(Village.meeting_id, func.count()).group_by(Village.meeting_id)
            ).all()
        }
        proposal_counts = {
            meeting_id: count
            for meeting_id, count in session.exec(
                select(Proposal.meeting_id, func.count()).group_by(Proposal.meeting_id)
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
                villages=int(village_counts.get(m.id, 0)),
                proposals=int(proposal_counts.get(m.id, 0)),
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
    values = _meeting_values(overrides, base.held_on)
    fields = {**base.__dict__, **values}
    if "held_on" in values and values["held_on"] != base.held_on:
        gap = values["held_on"] - base.held_on
        for name in _DESK_TIMES:
            if name not in values and fields[name] is not None:
                fields[name] = fields[name] + gap
        for name in _OPTIONAL_DATES:
            if name not in values and fields[name] is not None and fields[name] < values["held_on"]:
                fields[name] = None
    spec = meetings.NewMeeting(**fields)
    _check_meeting(Meeting(**spec.__dict__))
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
                [(_text(n, "name", required=True), _text(r, "role")) for n, r in reviewers],
            )
        return meeting.id or 0


def create_empty(db: Database, title: str, held_on: date | str, **fields: Any) -> int:
    """A new meeting with no villages, issues or attendance list yet."""
    values = _meeting_values({"title": title, "held_on": held_on}, date.today())
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
    ``held_on`` moves desk times that were on the old day. ``expected_version`` (from
    the ``MeetingView`` the form was filled from) refuses an edit overtaken by another
    desk's. Nothing changed, nothing logged.
    """
    with db.write() as session:
        meeting = _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
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
        values = _meeting_values(changes, meeting.held_on)
        if "held_on" in values and values["held_on"] != meeting.held_on:
            gap = values["held_on"] - meeting.held_on
            for name in _DESK_TIMES:
                moment = getattr(meeting, name)
                if (
                    name not in values
                    and moment is not None
                    and moment.astimezone().date() == meeting.held_on
                ):
                    values[name] = moment + gap
        before = {}
        after = {}
        for name, value in values.items():
            if getattr(meeting, name) != value:
                before[name] = getattr(meeting, name)
                after[name] = value
                setattr(meeting, name, value)
        _check_meeting(meeting)
        if after:
            meeting.version += 1
            _log(session, meeting_id, acting, "meeting", before, after)
        session.flush()
        return queries.meeting_view(meeting)


# --- villages ---------------------------------------------------------------------------


def _village(session: Session, meeting_id: int, village_id: int) -> Village:
    village = session.get(Village, village_id)
    if village is None or village.meeting_id != meeting_id:
        raise StoreError("village_missing")
    return village


def _village_name(session: Session, meeting_id: int, name: Any, exclude: int | None) -> str:
    text = " ".join(_text(name, "name", required=True, limit=100).split())
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        last = session.exec(
            select(func.coalesce(func.max(Village.position), 0)).where(
                Village.meeting_id == meeting_id
            )
        ).one()
        village = Village(
            meeting_id=meeting_id,
            name=_village_name(session, meeting_id, name, None),
            code=_text(code, "code", limit=50),
            ceiling=_amount(ceiling, "ceiling"),
            branding=_text(branding, "branding", limit=1000),
            position=int(last) + 1,
        )
        session.add(village)
        session.flush()
        _log(session, meeting_id, acting, "village_add", None, _village_state(village))
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        village = _village(session, meeting_id, village_id)
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "name":
                values[name] = _village_name(session, meeting_id, value, village_id)
            elif name == "code":
                values[name] = _text(value, name, limit=50)
            elif name == "ceiling":
                values[name] = _amount(value, name)
            else:
                values[name] = _text(value, name, limit=1000)
        before = {"village_id": village_id}
        after = {"village_id": village_id}
        for name, value in values.items():
            if getattr(village, name) != value:
                before[name] = getattr(village, name)
                after[name] = value
                setattr(village, name, value)
        if len(after) > 1:
            _log(session, meeting_id, acting, "village_update", before, after)
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for village_id, value in ceilings.items():
            village = _village(session, meeting_id, village_id)
            amount = _amount(value, f"ceiling:{village.name}")
            if village.ceiling != amount:
                before[str(village_id)] = village.ceiling
                after[str(village_id)] = amount
                village.ceiling = amount
        if after:
            _log(
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
        meeting = _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        village = _village(session, meeting_id, village_id)
        proposals = session.exec(
            select(Proposal).where(Proposal.village_id == village_id).order_by(Proposal.seq)
        ).all()
        proposal_ids = [p.id for p in proposals]
        history = session.exec(
            select(func.count())
            .select_from(Event)
            .where(
                (Event.village_id == village_id) | col(Event.proposal_id).in_(proposal_ids or [-1])
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
        _log(
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
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
        _log(
            session,
            meeting_id,
            acting,
            "village_order",
            {"order": before},
            {"order": list(village_ids)},
        )


# --- strategic issues -------------------------------------------------------------------


def _issue(session: Session, meeting_id: int, issue_id: int) -> StrategicIssue:
    issue = session.get(StrategicIssue, issue_id)
    if issue is None or issue.meeting_id != meeting_id:
        raise StoreError("setup.issue_missing")
    return issue


def _issue_name(session: Session, meeting_id: int, name: Any, exclude: int | None) -> str:
    text = _text(name, "name", required=True, limit=500)
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        last = session.exec(
            select(func.coalesce(func.max(StrategicIssue.position), 0)).where(
                StrategicIssue.meeting_id == meeting_id
            )
        ).one()
        issue = StrategicIssue(
            meeting_id=meeting_id,
            name=_issue_name(session, meeting_id, name, None),
            code=_text(code, "code", limit=50),
            position=int(last) + 1,
        )
        session.add(issue)
        session.flush()
        _log(
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        issue = _issue(session, meeting_id, issue_id)
        new_name = _issue_name(session, meeting_id, name, issue_id)
        new_code = issue.code if code is None else _text(code, "code", limit=50)
        if (new_name, new_code) == (issue.name, issue.code):
            return
        before = {"issue_id": issue_id, "name": issue.name, "code": issue.code}
        issue.name, issue.code = new_name, new_code
        _log(
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
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
        _log(session, meeting_id, acting, "issue_remove", before, {"issue_id": issue_id})
        return len(tagged)


# --- reviewers --------------------------------------------------------------------------


def add_reviewer(
    db: Database, meeting_id: int, name: str, role: str = "", *, reviewer_id: int | None = None
) -> int:
    """Add a reviewer to the turn order (the desk's own command; a name already there
    returns that reviewer)."""
    with db.read() as session:
        _meeting(session, meeting_id, lock=False)
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
        _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
        reviewer = _target_reviewer(session, meeting_id, target_id)
        new_name = _text(name, "name", required=True)
        for other_id, other in session.exec(
            select(Reviewer.id, Reviewer.name).where(Reviewer.meeting_id == meeting_id)
        ):
            if other_id != target_id and other.casefold() == new_name.casefold():
                raise StoreError("setup.reviewer_exists", name=new_name)
        new_role = reviewer.role if role is None else _text(role, "role")
        if (new_name, new_role) == (reviewer.name, reviewer.role):
            return
        before = {"target_id": target_id, "name": reviewer.name, "role": reviewer.role}
        reviewer.name, reviewer.role = new_name, new_role
        _log(
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
        meeting = _meeting(session, meeting_id)
        acting = _acting(session, meeting_id, reviewer_id)
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
        _log(session, meeting_id, acting, "reviewer_remove", before, {"target_id": target_id})


# --- from a Pra Musrenbang to the Musrenbang Kecamatan ----------------------------------


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
        source = _meeting(session, from_meeting_id, allow_closed=True)
        acting = _acting(session, from_meeting_id, reviewer_id)
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
        day = _date(held_on, "held_on") or source.next_meeting_on or source.held_on
        name = (
            _text(title, "title", required=True)
            if title is not None
            else source.next_meeting_name
            or f"Musrenbang Kecamatan {source.kecamatan} {day.year}".replace("  ", " ")
        )
        shift = day - source.held_on
        target = Meeting(
            title=name,
            kind=MeetingKind.MUSRENBANG_KECAMATAN.value,
            kecamatan=source.kecamatan,
            kabupaten=source.kabupaten,
            held_on=day,
            venue=source.venue,
            desk_starts_at=_on_day(source.desk_starts_at, source.held_on, shift),
            desk_ends_at=_on_day(source.desk_ends_at, source.held_on, shift),
            ceiling=source.ceiling,
            hard_ceiling=source.hard_ceiling,
            office_address=source.office_address,
            is_demo=source.is_demo,
            origin_meeting_id=source.id,
            last_opened_at=now(),
        )
        _check_meeting(target)
        session.add(target)
        session.flush()
        target_id = target.id or 0
        session.add(Minutes(meeting_id=target_id, text=""))
        village_map = _copy_villages(session, from_meeting_id, target_id)
        issue_map = _copy_issues(session, from_meeting_id, target_id)
        reviewer_map = _copy_reviewers(session, from_meeting_id, target_id)
        _copy_attendees(session, from_meeting_id, target_id)
        if source.current_reviewer_id in reviewer_map:
            target.current_reviewer_id = reviewer_map[source.current_reviewer_id]
        carried, requested = _carry_proposals(
            session, from_meeting_id, target_id, village_map, issue_map
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
        _log(
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


def _on_day(moment: datetime | None, old_day: date, shift: timedelta) -> datetime | None:
    """The same clock time on the new meeting's day."""
    if moment is None:
        return None
    local = moment.astimezone()
    return datetime.combine(old_day + shift, local.timetz())


def _copy_villages(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    mapping = {}
    for village in session.exec(
        select(Village).where(Village.meeting_id == source_id).order_by(Village.position)
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
) -> tuple[int, int]:
    """Copy the accepted and adjusted proposals as pending requests of the approved
    amount; returns how many, and their total."""
    approved = session.exec(
        select(Proposal)
        .join(Village, col(Village.id) == Proposal.village_id)
        .where(
            Proposal.meeting_id == source_id,
            col(Proposal.status).in_((ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED)),
        )
        .order_by(Village.position, Proposal.seq, Proposal.id)
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
            unit=proposal.unit,
            requested=amount,
            agency=proposal.agency,
            priority=proposal.priority,
            category=proposal.category,
            status=ProposalStatus.PENDING.value,
            origin_proposal_id=proposal.id,
        )
        session.add(copy)
        created.append((copy, proposal.id or 0))
    session.flush()
    for copy, origin in created:
        for issue_id in links.get(origin, ()):
            session.add(ProposalIssue(proposal_id=copy.id or 0, issue_id=issue_map[issue_id]))
    return len(created), sum(copy.requested for copy, _ in created)
