"""``lasem projector --regency``: the regency overview alone, read-only, for the screen
in the room of the Musrenbang Kabupaten (a second process on the server's database)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from lasem_tui import settings
from lasem_tui.ui import themes
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.regency.screen import RegencyScreen


class RegencyProjectorApp(LasemApp):
    TITLE = "Lasem desk · kabupaten"

    def first_screen(self) -> Screen[Any]:
        return RegencyScreen(self.db, read_only=True)

    def on_mount(self) -> None:
        # (LasemApp.on_mount has pushed the overview already.) The projector's theme,
        # chosen with t on the projector, suits the same room.
        self.theme = themes.theme_name(settings.load().projector_theme)

    def action_regency(self) -> None:
        """Already the overview; there is no desk underneath to go back to."""
