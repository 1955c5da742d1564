"""The command palette in the interface's language.

Textual's palette says "Search for commands…" and "No matches found" in English, in an
Indonesian room; the commands it lists are already ours, in the user's language
(``LasemApp.get_system_commands``). Textual is pinned (``pyproject.toml``), so the one
method that writes the "no matches" line is safe to take over here.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from lasem_tui.i18n import t


class Palette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(placeholder=t("palette.search"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's own, with the line in the user's language."""
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
