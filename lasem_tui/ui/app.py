"""The Lasem desk application: a thin shell that opens the desk and offers every action
in the command palette. Screens own their behaviour."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

from lasem_tui import i18n, settings
from lasem_tui.i18n import t
from lasem_tui.store import backup, meetings
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.ui import themes
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.context import DeskContext, Seat
from lasem_tui.ui.desk import flows
from lasem_tui.ui.desk.screen import DeskScreen


class LasemApp(Localized, App[None]):
    #: The desk's styles with the app's: a screen bringing styles of its own makes
    #: Textual parse the whole stylesheet again (every widget's defaults too), which
    #: was 20 ms of the desk's first paint. A screen's CSS_PATH applies app-wide once
    #: loaded anyway.
    CSS_PATH = [Path(__file__).with_name("app.tcss"), *DeskScreen.CSS_PATH]
    TITLE = "Lasem desk"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        key("question_mark,f1", "help", "help", show=False),
        key("ctrl+p", "command_palette", "palette", show=False),
        key("q", "back_or_quit", "quit"),
        key("f2", "toggle_language", "language", show=False),
        key("f5", "regency", "regency", show=False),
    ]

    def __init__(
        self,
        db: Database,
        meeting_id: int | None = None,
        *,
        startup_notice: str | Callable[[], str | None] | None = None,
    ) -> None:
        """Open ``meeting_id``; without one, the meeting used last, and in a database
        with no meeting yet the first-run chooser. ``startup_notice`` (a backup that
        failed as the meeting was opened) is shown once the desk is up; given as a call, it
        waits for the backup running beside the desk's start, asked after the first paint."""
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.startup_notice = startup_notice
        #: The reviewer at this desk's keyboard, kept by the desk (and through a language
        #: switch, which renews the desk screen); every screen is handed it in its
        #: ``DeskContext`` and logs its changes under it.
        self.seat = Seat()
        for theme in themes.PROJECTOR_THEMES:
            self.register_theme(theme)

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app for a user (tests use ``run_test`` and skip this).

        Everything imported so far (SQLAlchemy, Textual, the app) lives as long as the
        process; freezing it keeps the garbage collector from walking it again and again,
        and a full walk of it fell in the middle of the desk's first paint (about 50 ms of
        a 650 ms start, measured with benchmarks/desk_benchmark.py). The entry point
        held the collector through the imports, for the same reason.
        """
        gc.freeze()
        gc.enable()  # held through the imports by the entry point (lasem_tui/__main__.py)
        return super().run(*args, **kwargs)

    def context(self) -> DeskContext:
        """What the screens of the open meeting are handed."""
        assert self.meeting_id is not None
        return DeskContext(self.db, self.meeting_id, self.seat)

    def reviewer_id(self) -> int | None:
        """Who is at this keyboard: the desk's reviewer, else the meeting's last one."""
        if self.seat.reviewer_id is not None or self.meeting_id is None:
            return self.seat.reviewer_id
        return self.context().reviewer_id

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The projector's colours, for its stylesheet under the desk's theme.
        return {**super().get_theme_variable_defaults(), **themes.VARIABLE_DEFAULTS}

    def on_mount(self) -> None:
        # Pushed once Textual's start-up batch is over: a screen pushed within it is
        # drawn there and that frame dropped, so the review table reached the terminal
        # only with the Lazy panels around it, a frame and their mounting later. Pushed
        # after it, the table's frame is the first the terminal gets (issue 13).
        self.call_later(self._open_first_screen)

    def _open_first_screen(self) -> None:
        self.push_screen(self.first_screen())
        self.call_after_refresh(self._say_startup_notice)

    def _say_startup_notice(self) -> None:
        notice = self.startup_notice
        if callable(notice):
            notice = notice()
        if notice:
            self.notify(notice, severity="warning", timeout=30, markup=False)

    def first_screen(self) -> Screen[Any]:
        """The screen the app opens on: the desk of the current meeting, or the first-run
        chooser on an empty database (the projector's own app opens on the projector)."""
        if self.meeting_id is None:
            self.meeting_id = meetings.open_meeting(self.db)
        if self.meeting_id is not None:
            return DeskScreen(self.context())
        # The screens the desk does not open on are imported when first needed, so that
        # the desk's start (benchmarks/desk_benchmark.py) does not wait for them.
        from lasem_tui.ui.screens.first_run import FirstRunScreen

        return FirstRunScreen(self.db, self.open_meeting)

    def open_meeting(self, meeting_id: int, *, setup: bool = False) -> None:
        """Switch to another meeting (or the first one) and show its desk; with
        ``setup`` its setup screen comes up over the desk."""
        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                screen.save_cursor()
        meetings.open_meeting(self.db, meeting_id)
        self.meeting_id = meeting_id
        self.seat = Seat()  # the other meeting has its own reviewers
        self._backup_opened()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        desk = DeskScreen(self.context())
        self.switch_screen(desk)
        if setup:
            flows.open_setup(desk)

    def _backup_opened(self) -> None:
        """A meeting opened from the picker or the first run is backed up as one opened
        with ``lasem open`` is; a failed backup is said, and the meeting opens anyway."""
        try:
            backup.take_backup(self.db, "open")
        except DatabaseError as exc:
            self.notify(
                t("backup_warning", detail=exc.detail), severity="warning", timeout=10, markup=False
            )

    def action_command_palette(self) -> None:
        """Textual's palette, saying its own words in the user's language."""
        from textual.command import CommandPalette

        from lasem_tui.ui.screens.palette import Palette

        # What CommandPalette.is_open() checks (its class), asked of the screen: is_open
        # is typed for App[object], and App is invariant in its result type.
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette())

    def action_help(self) -> None:
        from lasem_tui.ui.screens.help import HelpScreen  # when first asked for

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_regency(self) -> None:
        """The regency overview over whatever is open; Enter there opens a meeting."""
        from lasem_tui.ui.regency.screen import RegencyScreen

        if isinstance(self.screen, RegencyScreen):
            return

        def chosen(meeting_id: int | None) -> None:
            if meeting_id is not None and meeting_id != self.meeting_id:
                self.open_meeting(meeting_id)

        self.push_screen(RegencyScreen(self.db, current_meeting_id=self.meeting_id), chosen)

    def action_toggle_language(self) -> None:
        """Switch between Indonesian and English, remembered in the settings."""
        language = "en" if i18n.get_language() == "id" else "id"
        i18n.set_language(language)
        settings.update(lang=language)
        self.localize_bindings()
        from lasem_tui.ui.regency.screen import RegencyScreen
        from lasem_tui.ui.screens.first_run import FirstRunScreen
        from lasem_tui.ui.screens.projector import ProjectorScreen

        if isinstance(self.screen, ProjectorScreen | RegencyScreen):
            # A desk underneath renews itself when the projector closes.
            self.screen.relocalize()
        elif isinstance(self.screen, DeskScreen):
            self.screen.save_cursor()
            self.switch_screen(DeskScreen(self.context()))
        elif isinstance(self.screen, FirstRunScreen):
            self.switch_screen(FirstRunScreen(self.db, self.open_meeting))
        else:
            # Setup, the minutes, a dialog: they keep what is typed in them, so they are
            # not rebuilt; the desk renews itself when it comes back on top.
            self.notify(t("language.later"), timeout=6, markup=False)

    async def action_back_or_quit(self) -> None:
        """``q`` leaves the app only from the desk (or a screen with nowhere to go back
        to); on any other screen it goes back, as Esc does there: a facilitator pressing
        ``q`` to close the attendance list must not end the desk in front of the room.
        (ctrl+q still quits from anywhere.)"""
        back = self._back_action(self.screen)
        if back is not None:
            await self.screen.run_action(back)
            return
        await self.action_quit()

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                screen.save_cursor()
        self.exit()

    def _back_action(self, screen: Screen[Any]) -> str | None:
        """The action Esc runs on ``screen`` when it is one that ``q`` goes back from:
        not the desk, and an Esc that is live there (the read-only projector has no
        desk to go back to, so ``q`` ends it)."""
        from lasem_tui.ui.screens.first_run import FirstRunScreen

        if isinstance(screen, (DeskScreen, FirstRunScreen)):
            return None
        for binding in screen._bindings.key_to_bindings.get("escape", []):
            name = binding.action
            if screen.check_action(name, ()) is False:
                return None
            return name
        return None

    def _handle_exception(self, error: Exception) -> None:
        """The last line of defence: a database that fails where no screen expected it
        (the file damaged or the USB stick pulled out mid-session) ends the app with its
        message instead of a traceback. Every committed decision is already on disk."""
        if isinstance(error, DatabaseError):
            message = t(error.code, **(getattr(error, "params", None) or {"detail": error.detail}))
            self.exit(return_code=2, message=Text(t("db_fatal", message=message)))
            return
        super()._handle_exception(error)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, by its label, in the user's language.

        Textual's own commands (Theme, Quit, Keys, Maximize, Screenshot) are left out:
        they are English in an Indonesian room, Quit and Keys repeat ours, and a theme
        change would fight the projector's themes.
        """
        seen: set[str] = set()
        for node in (screen, self):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if not (binding.id or "").startswith("lasem."):
                        continue
                    # app.help on a screen and help on the app are one command.
                    action = binding.action.removeprefix("app.")
                    if action in seen or action == "command_palette":
                        continue
                    seen.add(action)
                    action = binding.action
                    target = screen if node is screen else self

                    async def run(
                        target: Screen[Any] | LasemApp = target, action: str = action
                    ) -> None:
                        await target.run_action(action)

                    yield SystemCommand(
                        binding.description, binding.tooltip or binding.description, run
                    )
