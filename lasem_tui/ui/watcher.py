"""The one watcher for "something changed in the database", for the desk and the
projector alike.

Every second, in a worker thread, it reads a cheap change marker; only when the marker
moved does it read the whole state, and it hands the result to the screen on the UI
thread (a ``Watched`` message, which the watcher itself answers). A read that began
before a local change of the screen's (``generation``) is dropped, so it cannot undo
what the screen just showed. When the database cannot be read the screen is told it is
offline, and keeps the picture it has.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message
from textual.screen import Screen

from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS

if TYPE_CHECKING:
    from sqlmodel import Session

M = TypeVar("M")
S = TypeVar("S")

#: Look for changes this often (seconds).
POLL_SECONDS = 1.0


class Watched(Message):
    """A background read finished (``state`` is None when nothing changed)."""

    def __init__(self, watcher: Any, state: Any, marker: Any, generation: int, *, online: bool):
        super().__init__()
        self.watcher = watcher
        self.state = state
        self.marker = marker
        self.generation = generation
        self.online = online


class Watcher(Generic[M, S]):
    """Polls ``marker(session)``; reads ``read(session)`` when it moved.

    ``deliver(state, marker, generation)`` runs on the UI thread with each new state;
    ``online(bool)`` with every read's reachability. The screen forwards its ``Watched``
    messages to ``handle``.
    """

    def __init__(
        self,
        screen: Screen[Any],
        db: Database,
        *,
        marker: Callable[[Session], M],
        read: Callable[[Session], S],
        deliver: Callable[[S, M, int], None],
        online: Callable[[bool], None],
        generation: Callable[[], int] = lambda: 0,
    ) -> None:
        self.screen = screen
        self.db = db
        self._marker = marker
        self._read = read
        self._deliver = deliver
        self._online = online
        self._generation = generation
        self.seen: M | None = None
        self._polling = False

    def start(self, interval: float = POLL_SECONDS) -> None:
        self.screen.set_interval(interval, self.poll)

    def read_now(self) -> S:
        """Read at once, on this thread (the first paint); raises READ_ERRORS."""
        with self.db.read() as session:
            marker = self._marker(session)
            state = self._read(session)
        self.seen = marker
        return state

    def poll(self) -> None:
        """Look once, in a thread; not while the previous look is still running (a slow
        server), which is left to finish rather than cancelled and started again."""
        if self._polling:
            return
        self._polling = True
        self.screen.run_worker(
            partial(self._poll_in_background, self.seen, self._generation()),
            thread=True,
            group="watcher",
        )

    def _poll_in_background(self, seen: M | None, generation: int) -> None:
        try:
            self._look(seen, generation)
        finally:
            self._polling = False

    def _look(self, seen: M | None, generation: int) -> None:
        try:
            with self.db.read() as session:
                marker = self._marker(session)
                if marker == seen:
                    self.screen.post_message(Watched(self, None, marker, generation, online=True))
                    return
                state = self._read(session)
        except READ_ERRORS:
            self.screen.post_message(Watched(self, None, None, generation, online=False))
            return
        self.screen.post_message(Watched(self, state, marker, generation, online=True))

    def handle(self, message: Watched) -> None:
        """On the UI thread: pass the read on, unless it is stale."""
        if message.watcher is not self:
            return
        message.stop()
        self._online(message.online)
        if message.state is None or message.generation != self._generation():
            return
        self.seen = message.marker
        self._deliver(message.state, message.marker, message.generation)
