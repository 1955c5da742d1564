"""``lasem backup verify``: is each backup whole, a Lasem database, and of what?

A backup is only worth what a restore of it would give. Each one is opened read-only
(no -wal or -shm is left beside it) and put through SQLite's full
``PRAGMA integrity_check`` (not the quicker check that skips index contents); then it
must carry a schema revision this app knows and a ``meeting`` table, and the meetings
it holds are named with the time of the last thing done in them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from lasem_tui.store.backup import Backup


@dataclass(frozen=True)
class HeldMeeting:
    title: str
    held_on: str  # as stored: the ISO date
    last_change: datetime | None  # the newest event's time (UTC), None when none


@dataclass(frozen=True)
class Verdict:
    backup: Backup
    #: None when the backup is good; otherwise an i18n key and its detail.
    problem: str | None = None
    detail: str = ""
    meetings: tuple[HeldMeeting, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def _parse(moment: str | None) -> datetime | None:
    if not moment:
        return None
    try:
        return datetime.fromisoformat(str(moment))
    except ValueError:
        return None


def inspect(path: Path) -> tuple[str | None, str, tuple[HeldMeeting, ...]]:
    """(problem key or None, detail, meetings) for the SQLite file at ``path``."""
    from lasem_tui.store.schema import KNOWN_REVISIONS

    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return "backup.verify_unreadable", str(exc), ()
    try:
        try:
            verdicts = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            return "backup.verify_damaged", str(exc), ()
        if verdicts != ["ok"]:
            return "backup.verify_damaged", "; ".join(str(v) for v in verdicts[:3]), ()
        try:
            revisions = [
                row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
            ]
            rows = connection.execute(
                "SELECT m.title, m.held_on, (SELECT max(e.at) FROM event e WHERE e.meeting_id = m.id)"
                " FROM meeting m ORDER BY m.id"
            ).fetchall()
        except sqlite3.Error as exc:
            return "backup.verify_not_lasem", str(exc), ()
        if not revisions:
            return "backup.verify_not_lasem", "", ()
        if revisions[0] not in KNOWN_REVISIONS:
            return "backup.verify_too_new", str(revisions[0]), ()
        meetings = tuple(HeldMeeting(str(t), str(d), _parse(at)) for t, d, at in rows)
        if not meetings:
            return "backup.verify_no_meeting", "", ()
        return None, "", meetings
    finally:
        connection.close()


def verify(backups: list[Backup]) -> list[Verdict]:
    """A verdict for each backup, in the order given (newest first from ``list_backups``)."""
    verdicts = []
    for item in backups:
        problem, detail, meetings = inspect(item.path)
        verdicts.append(Verdict(item, problem, detail, meetings))
    return verdicts
