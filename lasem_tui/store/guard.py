"""The preamble of every store command that writes to a meeting, written once.

"Load the meeting, refuse if it is gone or closed, check the reviewer belongs to it"
used to be copied into the desk, the minutes, the attendance list, setup and the
import, each slightly different. Each command now asks this module; what differs
between them (a closed meeting allowed, a row lock, a reviewer optional or defaulting
to the one at the keyboard) is a keyword, not a copy.
"""

from __future__ import annotations

from typing import Literal, overload

from sqlmodel import Session, select

from lasem_tui.store.errors import MeetingClosedError, NoReviewerError, StoreError
from lasem_tui.store.models import Meeting, Reviewer


def meeting(
    session: Session, meeting_id: int, *, allow_closed: bool = False, lock: bool = False
) -> Meeting:
    """The meeting a command writes to.

    Raises ``StoreError("meeting_missing")`` when there is none and
    ``MeetingClosedError`` when it is closed (unless ``allow_closed``: reopening it,
    carrying it over, handing the keyboard). ``lock`` takes the row (``FOR UPDATE`` on
    PostgreSQL; SQLite's write transaction already lets one writer in) so that two desks'
    edits of the meeting itself queue up; decisions lock it their own way (store.desk).
    """
    statement = select(Meeting).where(Meeting.id == meeting_id)
    found = session.exec(statement.with_for_update() if lock else statement).first()
    if found is None:
        raise StoreError("meeting_missing")
    if found.closed_at is not None and not allow_closed:
        raise MeetingClosedError()
    return found


@overload
def reviewer(
    session: Session,
    meeting_id: int,
    reviewer_id: int | None,
    *,
    required: Literal[True] = True,
    default: int | None = None,
) -> int: ...


@overload
def reviewer(
    session: Session,
    meeting_id: int,
    reviewer_id: int | None,
    *,
    required: bool,
    default: int | None = None,
) -> int | None: ...


def reviewer(
    session: Session,
    meeting_id: int,
    reviewer_id: int | None,
    *,
    required: bool = True,
    default: int | None = None,
) -> int | None:
    """The reviewer a command is logged under, checked to belong to the meeting.

    ``reviewer_id`` falls back to ``default`` (the reviewer at the keyboard, for an
    import from the command line). With ``required`` nobody is refused with
    ``NoReviewerError``; otherwise nobody is returned as None (nobody chosen yet).
    """
    chosen = reviewer_id if reviewer_id is not None else default
    if chosen is None:
        if required:
            raise NoReviewerError()
        return None
    found = session.get(Reviewer, chosen)
    if found is None or found.meeting_id != meeting_id:
        raise NoReviewerError()
    return chosen
