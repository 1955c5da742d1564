"""The minutes editor for the notulis: Markdown with highlighting, autosaved.

The text opens from what was saved, or from the template built from the meeting's
facts. The generated parts (attendance counts, desk results) sit between markers and
are rebuilt on request without touching anything typed outside them. Typing is saved
every couple of seconds and on leaving, with the reviewer at the keyboard in the log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Markdown, Static, TextArea

from lasem_tui.domain.dates import format_clock, local, now
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange import minutes as minutes_text
from lasem_tui.exchange.record import read_record
from lasem_tui.i18n import t
from lasem_tui.store import backup, queries
from lasem_tui.store import minutes as store_minutes
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ConflictError, MeetingClosedError, StoreError
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext


class MinutesScreen(Localized, Screen[None]):
    CSS_PATH = Path(__file__).with_name("minutes.tcss")

    #: Autosave interval: the issue allows losing at most five seconds of typing.
    AUTOSAVE_SECONDS = 2.0

    BINDINGS = [
        # Priority: the editor must not swallow the way back to the desk.
        key("escape", "back", "back_to_desk", priority=True),
        key("ctrl+r", "refresh_generated", "minutes_refresh"),
        key("ctrl+t", "insert_time", "minutes_time"),
        key("ctrl+o", "toggle_preview", "minutes_preview"),
        key("ctrl+s", "save", "minutes_save"),
        key("ctrl+f", "finalise", "minutes_finalise"),
    ]

    def __init__(self, context: DeskContext) -> None:
        """``context``: the database, the meeting and this desk's reviewer seat."""
        super().__init__()
        self.context = context
        self._saved_text = ""
        self._is_final = False
        #: The stored version this editor's text builds on; a save from another desk
        #: in between is a conflict, not something to overwrite.
        self._version = 0
        self._conflicted = False
        #: Escape was pressed once with the text unsaved: the next Escape leaves.
        self._leave_unsaved = False

    def compose(self) -> ComposeResult:
        yield Static(id="minutes-status")
        with ContentSwitcher(initial="minutes-editor", id="minutes-switcher"):
            yield TextArea(
                "", language="markdown", id="minutes-editor", soft_wrap=True, show_line_numbers=True
            )
            yield Markdown(id="minutes-preview")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        view = store_minutes.get_minutes(self.context.db, self.context.meeting_id)
        text = minutes_text.editor_text(self.context.db, self.context.meeting_id)
        editor = self.query_one("#minutes-editor", TextArea)
        # Both held by reference: on_unmount still saves (and says so) after the
        # children are gone, when the app is closed with the minutes open.
        self._editor = editor
        self._status = self.query_one("#minutes-status", Static)
        editor.load_text(text)
        self._saved_text = view.text
        self._version = view.version
        self._set_closed(view.is_final)
        # A database opened read-only (a file on a locked USB stick) takes no typing.
        editor.read_only = editor.read_only or self.context.db.read_only
        editor.focus()
        self.set_interval(self.AUTOSAVE_SECONDS, self.save)
        self._show_status(t("minutes.opened"))

    def _set_closed(self, closed: bool) -> None:
        self._is_final = closed
        self.query_one("#minutes-editor", TextArea).read_only = closed
        self.set_class(closed, "-closed")

    def _show_status(self, message: str) -> None:
        state = t("minutes.final") if self._is_final else t("minutes.draft")
        self._status.update(f"{t('minutes.title')}  ·  {state}  ·  {message}")

    @property
    def text(self) -> str:
        return self._editor.text

    def _reviewer(self) -> int | None:
        return self.context.reviewer_id

    def save(self, *, replace_theirs: bool = False) -> bool:
        """Store the text if it changed; True when what is on screen is on disk.

        Another desk's save since this one read the minutes stops the autosave with a
        notice rather than overwriting their words; ``replace_theirs`` (Ctrl+S after
        that notice) stores this text anyway, as the notulis decided.
        """
        text = self.text
        if self._is_final or text == self._saved_text:
            return True
        if self._conflicted and not replace_theirs:
            return False
        try:
            view = store_minutes.save_minutes(
                self.context.db,
                self.context.meeting_id,
                text,
                reviewer_id=self._reviewer(),
                expected_version=None if replace_theirs else self._version,
            )
        except ConflictError as exc:
            self._conflicted = True
            when = format_clock(local(exc.when)) if exc.when else "?"
            self._show_status(t("minutes.conflict_status"))
            self.notify(
                t("minutes.conflict", when=when), severity="warning", timeout=20, markup=False
            )
            return False
        except MeetingClosedError:
            # Closed from another desk: the editor turns read-only and says so once,
            # instead of failing again at every autosave.
            self._set_closed(True)
            self._show_status(t("minutes.closed_elsewhere_status"))
            self.notify(t("minutes.closed_elsewhere"), severity="warning", timeout=20, markup=False)
            return False
        except (StoreError, DatabaseError) as exc:
            self._report(exc)
            return False
        self._conflicted = False
        self._version = view.version
        self._saved_text = text
        when = format_clock(local(view.updated_at)) if view.updated_at else format_clock(now())
        self._show_status(t("minutes.saved_at", time=when))
        return True

    def _report(self, exc: Exception) -> None:
        code = getattr(exc, "code", "")
        params = getattr(exc, "params", None) or {"detail": getattr(exc, "detail", "")}
        self.notify(
            t(code, **params) if code else str(exc), severity="error", timeout=8, markup=False
        )

    def action_save(self) -> None:
        self.save(replace_theirs=self._conflicted)

    def action_back(self) -> None:
        """Back to the desk once the text is on disk. When it cannot be saved (a full
        disk, a meeting closed elsewhere, another desk's newer minutes) the first Escape
        stays and says so, so that nothing is lost without a word; a second one leaves."""
        if self.save() or self._leave_unsaved:
            self.app.pop_screen()
            return
        self._leave_unsaved = True
        self.notify(t("minutes.leave_unsaved"), severity="warning", timeout=10, markup=False)

    def on_unmount(self) -> None:
        self.save()

    def action_insert_time(self) -> None:
        editor = self.query_one("#minutes-editor", TextArea)
        if not editor.read_only:
            editor.insert(f"{format_clock(now())} WIB ")

    def action_refresh_generated(self) -> None:
        if self._is_final:
            return
        self._show_status(t("minutes.refreshing"))
        self._build_generated_parts()

    @work(thread=True, exclusive=True, group="minutes-refresh")
    def _build_generated_parts(self) -> None:
        """Read the meeting and build the generated blocks off the UI thread (a regency
        takes about a second); the notulis keeps typing meanwhile."""
        record = read_record(self.context.db, self.context.meeting_id)
        self.post_message(self.PartsReady(minutes_text.generated_parts(record)))

    class PartsReady(Message):
        def __init__(self, parts: tuple[str, ...]) -> None:
            super().__init__()
            self.parts = parts

    @on(PartsReady)
    def _apply_parts(self, message: PartsReady) -> None:
        """Swap only the marked blocks into the text as it is now."""
        editor = self.query_one("#minutes-editor", TextArea)
        cursor = editor.cursor_location
        text = editor.text
        for part in message.parts:
            text = minutes_text.refresh_generated(text, part)
        editor.load_text(text)
        editor.cursor_location = cursor
        self.save()
        self._show_status(t("minutes.refreshed"))

    def action_toggle_preview(self) -> None:
        switcher = self.query_one("#minutes-switcher", ContentSwitcher)
        if switcher.current == "minutes-editor":
            self.query_one("#minutes-preview", Markdown).update(
                minutes_text.strip_markers(self.text)
            )
            switcher.current = "minutes-preview"
        else:
            switcher.current = "minutes-editor"
            self.query_one("#minutes-editor", TextArea).focus()

    def action_finalise(self) -> None:
        if self._is_final:
            self.app.push_screen(
                ConfirmDialog(
                    t("minutes.reopen_title"), t("minutes.reopen_message"), t("minutes.reopen")
                ),
                self._reopen,
            )
            return
        if not self.save():
            return
        message = t("minutes.finalise_message")
        undecided = self._undecided()
        if undecided:
            # Said before the meeting is closed on them, not found in the exports later.
            message = f"{t('room_desk.finalise_pending', count=undecided)}\n\n{message}"
        self.app.push_screen(
            ConfirmDialog(
                t("minutes.finalise_title"),
                message,
                t("minutes.finalise"),
                danger=True,
            ),
            self._finalise,
        )

    def _undecided(self) -> int:
        """How many proposals of the meeting are still undecided (0 if unreadable)."""
        try:
            with self.context.db.read() as session:
                tally = queries.tally(session, self.context.meeting_id, None)
        except DatabaseError:
            return 0
        return tally.count(ProposalStatus.PENDING)

    def _finalise(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            store_minutes.finalise(
                self.context.db,
                self.context.meeting_id,
                reviewer_id=self._reviewer(),
                text=self.text,
            )
        except (StoreError, DatabaseError) as exc:
            self._report(exc)
            return
        self._saved_text = self.text
        self._set_closed(True)
        self._show_status(t("minutes.finalised"))
        self._backup_final()

    def _backup_final(self) -> None:
        """The final minutes are committed: keep a backup of the whole database with
        them. A failed backup is said loudly, but the minutes stay final."""
        try:
            made = backup.take_backup(self.context.db, "final")
        except DatabaseError as exc:
            self._report(exc)
            return
        if made is not None:
            self.notify(t("backup.final_notice", name=made.name), timeout=6, markup=False)

    def _reopen(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            store_minutes.reopen(
                self.context.db, self.context.meeting_id, reviewer_id=self._reviewer()
            )
        except (StoreError, DatabaseError) as exc:
            self._report(exc)
            return
        self._set_closed(False)
        self._show_status(t("minutes.reopened"))

    @on(TextArea.Changed)
    def _typed(self) -> None:
        self._leave_unsaved = False
        if self.text != self._saved_text:
            # After a conflict the status keeps saying why nothing is being saved.
            self._show_status(
                t("minutes.conflict_status" if self._conflicted else "minutes.unsaved")
            )
