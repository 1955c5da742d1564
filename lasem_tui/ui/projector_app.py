"""``lasem projector``: the projector alone, a second and read-only process on the desk's
database, for a second terminal or the window on the projector."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from lasem_tui.store import queries
from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.projector import ProjectorScreen


class MeetingSwitched(Message):
    """The desk opened another meeting (F4): the projector shows that one now."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class ProjectorApp(LasemApp):
    TITLE = "Lasem desk · proyektor"

    #: How often the projector looks for a meeting switched at the desk (seconds).
    FOLLOW_SECONDS = 2.0

    def first_screen(self) -> Screen[Any]:
        assert self.meeting_id is not None, "lasem projector is started on a meeting"
        return ProjectorScreen(self.db, self.meeting_id, read_only=True)

    def on_mount(self) -> None:
        # (LasemApp.on_mount has pushed the projector screen already.)
        self.set_interval(self.FOLLOW_SECONDS, self.follow_meeting)

    @work(thread=True, exclusive=True, group="projector-follow")
    def follow_meeting(self) -> None:
        """The meeting the desk has open, read off the UI thread; a read that fails is
        left to the screen's own poll, which shows the projector offline."""
        try:
            with self.db.read() as session:
                current = queries.current_meeting_id(session)
        except READ_ERRORS:
            return
        if current is not None and current != self.meeting_id:
            self.post_message(MeetingSwitched(current))

    @on(MeetingSwitched)
    def _switched(self, message: MeetingSwitched) -> None:
        self.meeting_id = message.meeting_id
        self.switch_screen(ProjectorScreen(self.db, message.meeting_id, read_only=True))
