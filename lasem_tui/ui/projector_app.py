"""``lasem projector``: the projector alone, a second and read-only process on the desk's
database, for a second terminal or the window on the projector."""

from __future__ import annotations

from textual.screen import Screen

from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.projector import ProjectorScreen


class ProjectorApp(LasemApp):
    TITLE = "Lasem desk · proyektor"

    def first_screen(self) -> Screen:
        return ProjectorScreen(self.db, self.meeting_id, read_only=True)
