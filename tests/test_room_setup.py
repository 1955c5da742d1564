"""A new real meeting from the template opens on the coming year, its date to set."""

from __future__ import annotations

from datetime import date

from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.ui import new_meeting
from lasem_tui.ui.new_meeting import NewMeeting, coming_year


def test_the_coming_year_is_next_year_from_april() -> None:
    assert coming_year(date(2026, 12, 1)) == 2027
    assert coming_year(date(2027, 2, 10)) == 2027
    assert coming_year(date(2027, 4, 1)) == 2028


def test_a_template_meeting_carries_the_coming_year_and_no_2023_dates(db: Database) -> None:
    meeting_id = new_meeting.create(db, NewMeeting.TEMPLATE)
    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
    year = coming_year(date.today())
    assert meeting.title == f"Pra Musrenbang Kecamatan Lasem {year}"
    assert meeting.held_on.year == year
    assert meeting.desk_starts_at is None and meeting.desk_ends_at is None
    assert meeting.sipd_deadline is None and meeting.next_meeting_on is None
