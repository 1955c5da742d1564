"""Creating and opening meetings: the Lasem template, an empty meeting, reopening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, col, select

from lasem_tui.domain import lasem
from lasem_tui.domain.dates import now
from lasem_tui.domain.states import EventKind, VillageState
from lasem_tui.store import events, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Attendee, Meeting, Minutes, Reviewer, StrategicIssue, Village


@dataclass(frozen=True)
class NewMeeting:
    """What setting up a meeting asks for; the template fills in Lasem's facts."""

    title: str
    held_on: date
    kind: str = "pra_musrenbang"
    kecamatan: str = ""
    kabupaten: str = ""
    venue: str = ""
    desk_starts_at: datetime | None = None
    desk_ends_at: datetime | None = None
    ceiling: int | None = None
    hard_ceiling: bool = False
    sipd_deadline: date | None = None
    next_meeting_on: date | None = None
    next_meeting_name: str = ""
    office_address: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    rkpd_year: int | None = None
    timezone: str = "WIB"
    is_demo: bool = False


#: Lasem keeps Western Indonesian Time; the template's desk times are on its clock.
_WIB = timezone(timedelta(hours=7), "WIB")


def lasem_meeting(*, is_demo: bool = False, desk_day: date | None = None) -> NewMeeting:
    """The 2023 Pra Musrenbang as a template; ``desk_day`` moves only the desk's clock."""
    day = desk_day or lasem.MEETING_DATE
    return NewMeeting(
        title=lasem.MEETING_TITLE,
        held_on=lasem.MEETING_DATE,
        kind=lasem.MEETING_KIND,
        kecamatan=lasem.KECAMATAN,
        kabupaten=lasem.KABUPATEN,
        venue=lasem.VENUE,
        desk_starts_at=datetime.combine(day, lasem.DESK_START, tzinfo=_WIB),
        desk_ends_at=datetime.combine(day, lasem.DESK_END, tzinfo=_WIB),
        sipd_deadline=lasem.SIPD_DEADLINE,
        next_meeting_on=lasem.NEXT_MEETING_DATE,
        next_meeting_name=lasem.NEXT_MEETING_NAME,
        office_address=lasem.OFFICE_ADDRESS,
        postal_code=lasem.POSTAL_CODE,
        # The seed gives no telephone or e-mail: the demo shows where they go.
        phone="(0295) 000000 (contoh)" if is_demo else "",
        email="kec.lasem@contoh.go.id" if is_demo else "",
        rkpd_year=lasem.MEETING_DATE.year + 1,
        timezone="WIB",
        is_demo=is_demo,
    )


def create_meeting(
    session: Session, spec: NewMeeting, *, with_lasem_template: bool = True
) -> Meeting:
    """Insert a meeting in the caller's transaction, with Lasem's villages, issues and
    attendance roles when asked."""
    meeting = Meeting(**spec.__dict__, last_opened_at=now())
    session.add(meeting)
    session.flush()
    meeting_id = meeting.id or 0
    session.add(Minutes(meeting_id=meeting_id, text=""))
    if with_lasem_template:
        for position, fact in enumerate(lasem.VILLAGES, start=1):
            session.add(
                Village(
                    meeting_id=meeting_id,
                    code=fact.code,
                    name=fact.name,
                    position=position,
                    branding=fact.branding,
                )
            )
        for position, (code, name) in enumerate(lasem.STRATEGIC_ISSUES, start=1):
            session.add(
                StrategicIssue(meeting_id=meeting_id, code=code, name=name, position=position)
            )
        _add_attendance_template(session, meeting_id)
        from lasem_tui.store.setup.scoring import add_default_criteria

        add_default_criteria(session, meeting_id)

        from lasem_tui.store.signing import add_lasem_signatories

        add_lasem_signatories(session, meeting_id, is_demo=spec.is_demo)
    events.record(session, meeting_id, EventKind.CREATE_MEETING, None, after={"title": spec.title})
    session.flush()
    return meeting


def _add_attendance_template(session: Session, meeting_id: int) -> None:
    position = 0
    people = {lasem.SEKCAM[1]: lasem.SEKCAM, lasem.BAPPEDA_KABID[1]: lasem.BAPPEDA_KABID}
    for group, jabatan, institution in lasem.ATTENDANCE_ROLES:
        position += 1
        # The facts name the post with the kecamatan ("Sekretaris Kecamatan Lasem").
        known = people.pop(jabatan, None) or people.pop(f"{jabatan} {lasem.KECAMATAN}", None)
        session.add(
            Attendee(
                meeting_id=meeting_id,
                position=position,
                group=group,
                name=known[0] if known else "",
                jabatan=jabatan,
                institution=institution,
            )
        )
    for fact in lasem.VILLAGES:
        for role in lasem.VILLAGE_ROLES:
            position += 1
            session.add(
                Attendee(
                    meeting_id=meeting_id,
                    position=position,
                    group="desa",
                    jabatan=f"{role} {fact.name}",
                    institution=f"Desa {fact.name}",
                )
            )


def add_reviewers(session: Session, meeting_id: int, names: list[tuple[str, str]]) -> list[int]:
    ids = []
    for position, (name, role) in enumerate(names, start=1):
        reviewer = Reviewer(meeting_id=meeting_id, name=name, role=role, position=position)
        session.add(reviewer)
        session.flush()
        ids.append(reviewer.id or 0)
    return ids


def open_meeting(db: Database, meeting_id: int | None = None) -> int | None:
    """Mark a meeting as the one in use and return its id (the latest one if not given).

    A demo's desk day follows the moment it is opened: its desk times move forward by
    the time the demo lay closed, so its clock makes sense on any day.
    """
    with db.read() as session:
        latest = queries.current_meeting_id(session)
        target = meeting_id if meeting_id is not None else latest
        if target is None:
            return None
        meeting = session.get(Meeting, target)
        if meeting is None:
            raise LookupError(f"meeting {target}")
        if target == latest and not meeting.is_demo:
            return target  # already the current one: nothing to write at start-up
        if db.read_only:
            return target  # viewing a read-only file: the demo's clock stays as it was
    with db.write() as session:
        meeting_id = target
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise LookupError(f"meeting {meeting_id}")
        moment = now()
        if meeting.is_demo and meeting.last_opened_at is not None:
            _shift_demo_clock(session, meeting, moment - meeting.last_opened_at)
        meeting.last_opened_at = moment
        return meeting_id


def _shift_demo_clock(session: Session, meeting: Meeting, gap: timedelta) -> None:
    if gap <= timedelta(seconds=1):
        return
    unfinished = session.exec(
        select(Village.id).where(
            Village.meeting_id == meeting.id,
            col(Village.state).in_((VillageState.WAITING.value, VillageState.AT_DESK.value)),
        )
    ).first()
    if unfinished is None:
        return  # a finished desk day keeps its day (the demo's is 17 February 2023)
    if meeting.desk_starts_at:
        meeting.desk_starts_at += gap
    if meeting.desk_ends_at:
        meeting.desk_ends_at += gap
    villages = session.exec(
        select(Village).where(
            Village.meeting_id == meeting.id, col(Village.desk_started_at).is_not(None)
        )
    )
    for village in villages:
        village.desk_started_at = (village.desk_started_at or now()) + gap
