"""The desk clock's pause: a break ("Istirahat 10 menit") stops the village's time.

A pause is an event (``desk_pause``) and so is its end (``desk_resume``): the log says
when the desk stood still and who stopped it, and every desk and the projector see the
same pause through the change marker. Resuming moves the start of the village at the
desk on by the pause, so its time at the desk leaves the break out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from lasem_tui.domain.dates import now
from lasem_tui.domain.states import EventKind, VillageState
from lasem_tui.store import events
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Village

_PAUSE_KINDS = (EventKind.DESK_PAUSE.value, EventKind.DESK_RESUME.value)


def paused_at(session: Session, meeting_id: int) -> datetime | None:
    """When the desk clock was paused, or None while it runs (one indexed lookup)."""
    last = session.exec(
        select(Event.kind, Event.at)
        .where(Event.meeting_id == meeting_id, col(Event.kind).in_(_PAUSE_KINDS))
        .order_by(col(Event.id).desc())
        .limit(1)
    ).first()
    if last is None or last[0] != EventKind.DESK_PAUSE.value:
        return None
    return _aware(last[1])


def _aware(value: datetime) -> datetime:
    # SQLite hands a stored time back without its zone; it was stored in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def toggle_pause(db: Database, meeting_id: int, *, reviewer_id: int | None) -> timedelta | None:
    """Pause the desk clock, or resume it. Returns None when it was just paused, else
    how long the pause lasted."""
    with db.write() as session:
        since = paused_at(session, meeting_id)
        moment = now()
        village = session.exec(
            select(Village)
            .where(Village.meeting_id == meeting_id, Village.state == VillageState.AT_DESK.value)
            .order_by(col(Village.position))
            .limit(1)
            .execution_options(populate_existing=True)
        ).first()
        village_id = village.id if village is not None else None
        if since is None:
            events.record(
                session, meeting_id, EventKind.DESK_PAUSE, reviewer_id, village_id=village_id
            )
            return None
        lasted = max(timedelta(0), moment - since)
        if village is not None and village.desk_started_at is not None:
            started = _aware(village.desk_started_at)
            village.desk_started_at = started + max(timedelta(0), moment - max(since, started))
            session.add(village)
        events.record(
            session,
            meeting_id,
            EventKind.DESK_RESUME,
            reviewer_id,
            village_id=village_id,
            before={"paused_at": since.isoformat()},
            after={"paused_seconds": round(lasted.total_seconds())},
        )
        return lasted
