"""The three ways to start a meeting, shared by the first-run chooser and the picker."""

from __future__ import annotations

from enum import StrEnum

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


def create(db: Database, choice: NewMeeting) -> int:
    """Write the new meeting (one transaction) and return its id."""
    if choice is NewMeeting.TEMPLATE:
        return setup.create_from_template(db)
    if choice is NewMeeting.EMPTY:
        return setup.create_empty(db, t("new.empty_title"), now().date())
    return demo.write_demo(db, demo.Stage.FRESH)
