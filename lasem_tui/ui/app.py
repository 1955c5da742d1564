"""The Lasem desk application: a thin shell that opens the desk and offers every action
in the command palette. Screens own their behaviour."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

from lasem_tui import i18n, settings
from lasem_tui.i18n import t
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.screens.desk import DeskScreen
from lasem_tui.ui.screens.help import HelpScreen


class LasemApp(Localized, App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Lasem desk"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        key("question_mark,f1", "help", "help", show=False),
        key("ctrl+p", "command_palette", "palette", show=False),
        key("q", "quit", "quit"),
        key("f2", "toggle_language", "language", show=False),
    ]

    def __init__(self, db: Database, meeting_id: int) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id

    def on_mount(self) -> None:
        self.push_screen(DeskScreen())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_language(self) -> None:
        """Switch between Indonesian and English, remembered in the settings."""
        language = "en" if i18n.get_language() == "id" else "id"
        i18n.set_language(language)
        settings.update(lang=language)
        self.localize_bindings()
        if isinstance(self.screen, DeskScreen):
            self.screen.save_cursor()
            self.switch_screen(DeskScreen())

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                screen.save_cursor()
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """The last line of defence: a database that fails where no screen expected it
        (the file damaged or the USB stick pulled out mid-session) ends the app with its
        message instead of a traceback. Every committed decision is already on disk."""
        if isinstance(error, DatabaseError):
            message = t(error.code, **(getattr(error, "params", None) or {"detail": error.detail}))
            self.exit(return_code=2, message=Text(t("db_fatal", message=message)))
            return
        super()._handle_exception(error)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, by its label, plus Textual's own."""
        seen: set[str] = set()
        for node in (screen, self):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if not (binding.id or "").startswith("lasem.") or binding.action in seen:
                        continue
                    if binding.action == "command_palette":
                        continue
                    seen.add(binding.action)
                    action = binding.action
                    target = screen if node is screen else self

                    async def run(target=target, action=action) -> None:
                        await target.run_action(action)

                    yield SystemCommand(
                        binding.description, binding.tooltip or binding.description, run
                    )
        yield from super().get_system_commands(screen)
