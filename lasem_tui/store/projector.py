"""What the projector needs beyond the desk's queries: the facilitator's one-line message,
and a cheap marker of change so a second process knows when to read again."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from lasem_tui.domain.states import EventKind
from lasem_tui.domain.text import clean_text
from lasem_tui.store import events, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Event, Meeting

#: One line, readable across the pendopo.
MESSAGE_LIMIT = 120


def set_message(db: Database, meeting_id: int, text: str, *, reviewer_id: int | None) -> str:
    """Put a one-line message over the projector; empty text clears it.

    Logged as a meeting update, so every projector notices it on its next poll.
    Returns the message as stored.
    """
    message = clean_text(text)
    if len(message) > MESSAGE_LIMIT:
        raise StoreError("text_too_long", limit=MESSAGE_LIMIT)
    with db.write() as session:
        meeting = guard.meeting(session, meeting_id, allow_closed=True)
        if meeting.projector_message == message:
            return message
        before = {"projector_message": meeting.projector_message}
        meeting.projector_message = message
        events.record(
            session,
            meeting_id,
            EventKind.UPDATE_MEETING,
            reviewer_id,
            before=before,
            after={"projector_message": message},
        )
        return message


def change_marker(session: Session, meeting_id: int) -> tuple[int, int, int | None]:
    """The newest event, the number of events and the desk's highlighted proposal, in
    one small query.

    Decisions, the queue and the message are events; the highlight is not (moving it
    decides nothing), so the projector watches both. The count is there for events that
    commit out of id order on PostgreSQL (see ``queries.change_marker``).
    """
    of_meeting = Event.meeting_id == meeting_id
    newest = select(func.max(Event.id)).where(of_meeting).scalar_subquery()
    count = select(func.count(col(Event.id))).where(of_meeting).scalar_subquery()
    row = session.exec(
        select(newest, count, Meeting.cursor_proposal_id).where(Meeting.id == meeting_id)
    ).first()
    if row is None:
        raise LookupError(f"meeting {meeting_id}")
    return int(row[0] or 0), int(row[1] or 0), row[2]
