"""The attendance list (daftar hadir): list, add, edit, remove, tick present.

The meeting's template already holds a row per expected role (``meetings.
_add_attendance_template``), so at the door it is ticking and typing names. Each command
is one transaction with an ``attendance`` event holding the row before and after.
While the meeting is closed (minutes final) the list is read-only like everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from lasem_tui.domain.states import EventKind
from lasem_tui.domain.text import clean_text
from lasem_tui.store import events, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Attendee

MAX_FIELD = 200

#: The template's groups, in the order documents list them.
GROUPS = ("kecamatan", "bappeda", "opd", "forkopimcam", "dprd", "desa", "public", "")


@dataclass(frozen=True)
class AttendeeRow:
    id: int
    position: int
    name: str
    jabatan: str
    institution: str
    group: str
    present: bool


@dataclass(frozen=True)
class GroupCount:
    """Per group: how many rows (expected) and how many ticked present."""

    group: str
    expected: int
    present: int


def _row(attendee: Attendee) -> AttendeeRow:
    return AttendeeRow(
        id=attendee.id or 0,
        position=attendee.position,
        name=attendee.name,
        jabatan=attendee.jabatan,
        institution=attendee.institution,
        group=attendee.group,
        present=attendee.present,
    )


def _state(attendee: Attendee) -> dict[str, object]:
    return {
        "id": attendee.id,
        "position": attendee.position,
        "name": attendee.name,
        "jabatan": attendee.jabatan,
        "institution": attendee.institution,
        "group": attendee.group,
        "present": attendee.present,
    }


def _field(value: str) -> str:
    text = clean_text(value)
    if len(text) > MAX_FIELD:
        raise StoreError("text_too_long", limit=MAX_FIELD)
    return text


def _attendee(session: Session, meeting_id: int, attendee_id: int) -> Attendee:
    attendee = session.get(Attendee, attendee_id)
    if attendee is None or attendee.meeting_id != meeting_id:
        raise StoreError("attendee_missing")
    return attendee


def list_attendees(db: Database, meeting_id: int) -> tuple[AttendeeRow, ...]:
    """Every row in list order."""
    with db.read() as session:
        return attendees(session, meeting_id)


def attendees(session: Session, meeting_id: int) -> tuple[AttendeeRow, ...]:
    """The same, inside a caller's session (the exports read everything in one go)."""
    rows = session.exec(
        select(Attendee)
        .where(Attendee.meeting_id == meeting_id)
        .order_by(col(Attendee.position), col(Attendee.id))
    )
    return tuple(_row(a) for a in rows)


def group_counts(rows: Sequence[AttendeeRow]) -> tuple[GroupCount, ...]:
    """Rows and ticks per group, groups in the documents' order."""
    expected: dict[str, int] = {}
    present: dict[str, int] = {}
    for row in rows:
        expected[row.group] = expected.get(row.group, 0) + 1
        present[row.group] = present.get(row.group, 0) + (1 if row.present else 0)
    order = [g for g in GROUPS if g in expected] + sorted(g for g in expected if g not in GROUPS)
    return tuple(GroupCount(g, expected[g], present[g]) for g in order)


def add_attendee(
    db: Database,
    meeting_id: int,
    *,
    name: str = "",
    jabatan: str = "",
    institution: str = "",
    group: str = "",
    present: bool = False,
    after_id: int | None = None,
    reviewer_id: int | None = None,
) -> AttendeeRow:
    """Add a row at the end of the list, or right after the row ``after_id``."""
    values = {
        "name": _field(name),
        "jabatan": _field(jabatan),
        "institution": _field(institution),
        "group": _field(group),
    }
    if not values["name"] and not values["jabatan"]:
        raise StoreError("attendee_empty")
    with db.write() as session:
        guard.meeting(session, meeting_id)
        if after_id is not None:
            anchor = _attendee(session, meeting_id, after_id)
            position = anchor.position + 1
            later = session.exec(
                select(Attendee).where(
                    Attendee.meeting_id == meeting_id, Attendee.position >= position
                )
            )
            for row in later:
                row.position += 1
        else:
            last = session.exec(
                select(func.coalesce(func.max(Attendee.position), 0)).where(
                    Attendee.meeting_id == meeting_id
                )
            ).one()
            position = int(last) + 1
        attendee = Attendee(
            meeting_id=meeting_id,
            position=position,
            present=present,
            name=values["name"],
            jabatan=values["jabatan"],
            institution=values["institution"],
            group=values["group"],
        )
        session.add(attendee)
        session.flush()
        events.record(
            session,
            meeting_id,
            EventKind.ATTENDANCE,
            reviewer_id,
            before={"action": "add"},
            after={"action": "add", **_state(attendee)},
        )
        return _row(attendee)


def edit_attendee(
    db: Database,
    meeting_id: int,
    attendee_id: int,
    *,
    name: str | None = None,
    jabatan: str | None = None,
    institution: str | None = None,
    group: str | None = None,
    present: bool | None = None,
    reviewer_id: int | None = None,
) -> AttendeeRow:
    """Change the given fields of a row (the others stay as they are)."""
    changes: dict[str, object] = {}
    for key, value in (
        ("name", name),
        ("jabatan", jabatan),
        ("institution", institution),
        ("group", group),
    ):
        if value is not None:
            changes[key] = _field(value)
    if present is not None:
        changes["present"] = bool(present)
    with db.write() as session:
        guard.meeting(session, meeting_id)
        attendee = _attendee(session, meeting_id, attendee_id)
        before = _state(attendee)
        for key, new in changes.items():
            setattr(attendee, key, new)
        if not attendee.name and not attendee.jabatan:
            raise StoreError("attendee_empty")
        after = _state(attendee)
        if after == before:
            return _row(attendee)
        events.record(
            session,
            meeting_id,
            EventKind.ATTENDANCE,
            reviewer_id,
            before={"action": "edit", **before},
            after={"action": "edit", **after},
        )
        return _row(attendee)


def toggle_present(
    db: Database, meeting_id: int, attendee_id: int, *, reviewer_id: int | None = None
) -> AttendeeRow:
    """Tick or untick a row: the one key at the door."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        attendee = _attendee(session, meeting_id, attendee_id)
        before = _state(attendee)
        attendee.present = not attendee.present
        events.record(
            session,
            meeting_id,
            EventKind.ATTENDANCE,
            reviewer_id,
            before={"action": "present", **before},
            after={"action": "present", **_state(attendee)},
        )
        return _row(attendee)


def remove_attendee(
    db: Database, meeting_id: int, attendee_id: int, *, reviewer_id: int | None = None
) -> None:
    """Delete a row; the event keeps everything it held."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        attendee = _attendee(session, meeting_id, attendee_id)
        before = _state(attendee)
        session.delete(attendee)
        events.record(
            session,
            meeting_id,
            EventKind.ATTENDANCE,
            reviewer_id,
            before={"action": "remove", **before},
            after={"action": "remove"},
        )
