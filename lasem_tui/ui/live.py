"""Live from the database: a screen that reads again only when a cheap marker moved.

The projector and the regency overview are second, read-only views of what desks
write: every second a worker thread reads a small change marker and, only when it
moved, the whole state; the screen shows it through its ``state`` reactive. When the
database cannot be read the last picture stays and ``offline`` says so.

A screen using it has the reactives ``state`` and ``offline`` and defines
``read_marker(session)`` and ``read_state(session)``; it calls ``start_polling()``
on mount. A screen that reads more than its state in the same transaction returns it
all from ``read_state`` and takes it apart in ``apply_read`` (on the UI thread).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from lasem_tui.store.engine import READ_ERRORS

if TYPE_CHECKING:
    from sqlmodel import Session

    from lasem_tui.store.database import Database


class LiveRead(Message):
    """A background read finished: the new state (None when nothing changed)."""

    def __init__(self, state: Any, marker: Hashable | None, *, online: bool) -> None:
        super().__init__()
        self.state = state
        self.marker = marker
        self.online = online


class LivePolling:
    """Mixin for a ``Screen``: the poll, the background read and the offline flag."""

    #: Poll the database for changes this often (seconds).
    POLL_SECONDS = 1.0

    db: Database
    _marker: Hashable | None = None

    if TYPE_CHECKING:
        state: Any
        offline: bool

        def read_marker(self, session: Session) -> Hashable: ...
        def read_state(self, session: Session) -> Any: ...
        def set_interval(self, interval: float, callback: Any) -> Any: ...
        def post_message(self, message: Message) -> bool: ...

    def start_polling(self) -> None:
        """Read now (so the first picture is there at once), then every poll."""
        self._read_now()
        self.set_interval(self.POLL_SECONDS, self._poll)

    def _read_now(self) -> None:
        try:
            with self.db.read() as session:
                marker = self.read_marker(session)
                state = self.read_state(session)
        except READ_ERRORS:
            self.offline = True
            return
        self._marker = marker
        self.offline = False
        self.apply_read(state)

    def apply_read(self, read: Any) -> None:
        """Show what ``read_state`` read; runs on the UI thread."""
        self.state = read

    def _poll(self) -> None:
        self._read_in_background(self._marker)

    @work(thread=True, exclusive=True, group="live-poll")
    def _read_in_background(self, seen: Hashable | None) -> None:
        """Read again only when the marker moved; never touches widgets."""
        try:
            with self.db.read() as session:
                marker = self.read_marker(session)
                if marker == seen:
                    self.post_message(LiveRead(None, marker, online=True))
                    return
                state = self.read_state(session)
        except READ_ERRORS:
            self.post_message(LiveRead(None, None, online=False))
            return
        self.post_message(LiveRead(state, marker, online=True))

    def on_live_read(self, message: LiveRead) -> None:
        self.offline = not message.online
        if message.state is not None:
            self._marker = message.marker
            self.apply_read(message.state)
