"""The three ways to start a meeting, shared by the first-run chooser and the picker."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from lasem_tui.domain import lasem
from lasem_tui.domain.dates import now
from lasem_tui.i18n import t
from lasem_tui.store import demo, setup
from lasem_tui.store.database import Database


class NewMeeting(StrEnum):
    TEMPLATE = "template"  # the Lasem template: 20 desa, the issues, the roles
    EMPTY = "empty"  # nothing but a title and today's date
    DEMO = "demo"  # the Lasem demo with made-up proposals ("data contoh")

    @property
    def wants_setup(self) -> bool:
        """A real meeting goes to its setup first; the demo is ready to desk."""
        return self is not NewMeeting.DEMO


def coming_year(today: date) -> int:
    """The year of the next Pra Musrenbang: held in the first quarter, so from April on
    it is next year's."""
    return today.year if today.month <= 3 else today.year + 1


def template_fields(today: date) -> dict[str, Any]:
    """A real meeting from the template opens on the coming year, not on 2023: the title
    carries that year; the day (a placeholder inside that year), the desk times, the
    SIPD deadline and the next meeting's date are left for the setup screen."""
    year = coming_year(today)
    title = lasem.MEETING_TITLE.replace(str(lasem.MEETING_DATE.year), str(year))
    return {
        "title": title,
        "held_on": today if today.year == year else date(year, 1, 2),
        "desk_starts_at": None,
        "desk_ends_at": None,
        "sipd_deadline": None,
        "next_meeting_on": None,
    }


def create(db: Database, choice: NewMeeting) -> int:
    """Write the new meeting (one transaction) and return its id."""
    if choice is NewMeeting.TEMPLATE:
        return setup.create_from_template(db, **template_fields(now().date()))
    if choice is NewMeeting.EMPTY:
        return setup.create_empty(db, t("new.empty_title"), now().date())
    return demo.write_demo(db, demo.Stage.FRESH)
