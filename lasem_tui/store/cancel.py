"""Writes that can be called off while they wait for another desk's lock.

The desk runs a write in a worker thread and hands it a ``WriteToken``; while the write
waits for the lock (SQLite's ``BEGIN IMMEDIATE``, or a PostgreSQL row another desk
holds) the token says so (``blocked``), and ``cancel()`` ends the wait: SQLite's wait is
taken in short steps that look at the token between them, a PostgreSQL statement is
cancelled on the server. A cancelled write has written nothing and raises
``DatabaseError("db_write_cancelled")``. Once the lock is held the write runs to its
commit: a decision is either wholly on disk or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

CANCELLED = "db_write_cancelled"
#: A ``nowait`` write found the lock held: nothing was written; run it again, waiting.
WOULD_WAIT = "db_would_wait"

_local = threading.local()


class WriteToken:
    """One write's handle for the thread that waits on it."""

    def __init__(self, *, nowait: bool = False) -> None:
        #: Try the lock once and give up at once if it is held (SQLite): the desk makes
        #: its write on the UI thread when nobody else is writing, and moves it to a
        #: worker only when it would wait.
        self.nowait = nowait
        self._cancelled = threading.Event()
        #: Set the first time the write found the database locked by someone else.
        self.blocked = threading.Event()
        self._connection: Any = None
        self._lock = threading.Lock()
        #: Called once, from the writing thread, when the write first finds the lock
        #: held (the desk shows that it is waiting).
        self.on_blocked: Callable[[], object] | None = None

    def mark_blocked(self) -> None:
        if self.blocked.is_set():
            return
        self.blocked.set()
        if self.on_blocked is not None:
            self.on_blocked()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Call the write off; a no-op once its lock is held (it then commits)."""
        self._cancelled.set()
        with self._lock:
            connection = self._connection
        cancel = getattr(connection, "cancel", None)  # psycopg: cancels on the server
        if callable(cancel):
            with suppress(Exception):
                cancel()

    def waiting_on(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection

    def holding_lock(self) -> None:
        with self._lock:
            self._connection = None


def current() -> WriteToken | None:
    """The token of the write running in this thread, if it was given one."""
    return getattr(_local, "token", None)


@contextmanager
def cancellable(token: WriteToken | None) -> Iterator[None]:
    """Run the store commands in the block under ``token`` (None: an ordinary write)."""
    previous = current()
    _local.token = token
    try:
        yield
    finally:
        _local.token = previous
