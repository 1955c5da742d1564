"""What a screen is handed when it opens: the database, the meeting, this desk's seat.

Screens receive a ``DeskContext`` in their constructor rather than reaching into the
app for these, so that each can be built and tested on its own and its needs are read
from its signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lasem_tui.store.database import Database


@dataclass
class Seat:
    """The reviewer at this desk's keyboard. Kept by the app across the desk's renewals
    (a language switch); every screen logs its changes under it, rather than under the
    meeting row's last reviewer, which another desk on a shared meeting may have set."""

    reviewer_id: int | None = None


@dataclass(frozen=True)
class DeskContext:
    db: Database
    meeting_id: int
    seat: Seat = field(default_factory=Seat)

    @property
    def reviewer_id(self) -> int | None:
        """Who is at this keyboard: the desk's reviewer, else the meeting's last one."""
        if self.seat.reviewer_id is not None:
            return self.seat.reviewer_id
        from lasem_tui.store import queries

        with self.db.read() as session:
            return queries.get_meeting(session, self.meeting_id).current_reviewer_id
