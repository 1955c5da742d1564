"""The minutes text, and finalising (closing) and reopening the meeting.

Every save is one transaction with a ``minutes_save`` event naming the reviewer at the
keyboard. The event holds the size and a digest of the text, not the text itself: the
editor autosaves every few seconds and the log would otherwise hold hundreds of copies.

Finalising closes the meeting: from then on the desk refuses decisions (see
``guard.meeting``) and the minutes and the attendance list are read-only until
someone reopens the meeting, which is logged too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from lasem_tui.domain.dates import now
from lasem_tui.domain.states import EventKind
from lasem_tui.domain.text import clean_block
from lasem_tui.store import events, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import (
    ConflictError,
    NothingToDoError,
    StoreError,
)
from lasem_tui.store.models import Meeting, Minutes

#: Far above any real notulen (the regency-size desk results are about 3 MB).
MAX_MINUTES_CHARS = 20_000_000


@dataclass(frozen=True)
class MinutesView:
    """The stored minutes: ``text`` is empty until the notulis first saves."""

    meeting_id: int
    text: str
    updated_at: datetime | None
    version: int
    closed_at: datetime | None

    @property
    def is_final(self) -> bool:
        return self.closed_at is not None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _summary(minutes: Minutes) -> dict[str, object]:
    return {"chars": len(minutes.text), "sha": _digest(minutes.text), "version": minutes.version}


def _minutes_row(session: Session, meeting_id: int) -> Minutes:
    row = session.get(Minutes, meeting_id)
    if row is None:
        row = Minutes(meeting_id=meeting_id, text="")
        session.add(row)
        session.flush()
    return row


def _view(minutes: Minutes, meeting: Meeting) -> MinutesView:
    return MinutesView(
        meeting_id=minutes.meeting_id,
        text=minutes.text,
        updated_at=minutes.updated_at,
        version=minutes.version,
        closed_at=meeting.closed_at,
    )


def get_minutes(db: Database, meeting_id: int) -> MinutesView:
    """The stored minutes of a meeting (an empty text when nothing was saved yet)."""
    with db.read() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        row = session.get(Minutes, meeting_id)
        if row is None:
            return MinutesView(meeting_id, "", None, 0, meeting.closed_at)
        return _view(row, meeting)


def save_minutes(
    db: Database,
    meeting_id: int,
    text: str,
    *,
    reviewer_id: int | None,
    expected_version: int | None = None,
) -> MinutesView:
    """Store the minutes text; returns what was committed.

    An unchanged text writes nothing (autosave may call this as often as it likes).
    With ``expected_version`` a save that was overtaken by another desk's save is
    refused with a ``ConflictError`` instead of overwriting it.
    """
    value = clean_block(text)
    if len(value) > MAX_MINUTES_CHARS:
        raise StoreError("text_too_long", limit=MAX_MINUTES_CHARS)
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        row = _minutes_row(session, meeting_id)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("", row.updated_at)
        if row.text == value:
            return _view(row, meeting)
        before = _summary(row)
        row.text = value
        row.updated_at = now()
        row.version += 1
        events.record(
            session,
            meeting_id,
            EventKind.MINUTES_SAVE,
            reviewer,
            before=before,
            after=_summary(row),
        )
        session.flush()
        return _view(row, meeting)


def finalise(
    db: Database, meeting_id: int, *, reviewer_id: int | None, text: str | None = None
) -> MinutesView:
    """Make the minutes final and close the meeting, in one transaction.

    ``text``, when given, is saved first (the editor's last words). A reviewer is
    required: closing the meeting is a decision about the whole day.
    """
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        if meeting.closed_at is not None:
            raise NothingToDoError("meeting_already_closed")
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        row = _minutes_row(session, meeting_id)
        if text is not None:
            value = clean_block(text)
            if len(value) > MAX_MINUTES_CHARS:
                raise StoreError("text_too_long", limit=MAX_MINUTES_CHARS)
            if value != row.text:
                before = _summary(row)
                row.text = value
                row.updated_at = now()
                row.version += 1
                events.record(
                    session,
                    meeting_id,
                    EventKind.MINUTES_SAVE,
                    reviewer,
                    before=before,
                    after=_summary(row),
                )
        meeting.closed_at = now()
        meeting.version += 1
        events.record(
            session,
            meeting_id,
            EventKind.MEETING_CLOSE,
            reviewer,
            before={"closed_at": None},
            after={"closed_at": meeting.closed_at, "minutes": _summary(row)},
        )
        session.flush()
        return _view(row, meeting)


def reopen(db: Database, meeting_id: int, *, reviewer_id: int | None) -> MinutesView:
    """Reopen a closed meeting so that decisions and the minutes can change again."""
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        if meeting.closed_at is None:
            raise NothingToDoError("meeting_not_closed")
        reviewer = guard.reviewer(session, meeting_id, reviewer_id)
        before = {"closed_at": meeting.closed_at}
        meeting.closed_at = None
        meeting.version += 1
        events.record(
            session,
            meeting_id,
            EventKind.MEETING_REOPEN,
            reviewer,
            before=before,
            after={"closed_at": None},
        )
        row = _minutes_row(session, meeting_id)
        session.flush()
        return _view(row, meeting)
