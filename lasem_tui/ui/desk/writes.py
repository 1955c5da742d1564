"""Writes off the UI thread: the desk never freezes behind another desk's lock.

A decision, an undo or a queue move is first tried at once on the UI thread with a
``nowait`` token (SQLite): when nobody else writes, as almost always, it commits there
and then. When the lock is held (or on a server, always) it runs in a worker thread
with a ``WriteToken``. One
write at a time: a key for another while one is in flight is refused with a message,
never queued and replayed when the lock comes free. If the write waits (another desk,
or another process, holds the database's write lock) the desk says so within 200 ms
and Esc calls the write off. The screen shows a change only after its commit: the
worker's outcome is folded in on the UI thread when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Static

from lasem_tui.i18n import t
from lasem_tui.store import cancel
from lasem_tui.store.cancel import WriteToken
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import NoReviewerError
from lasem_tui.ui.desk import flows
from lasem_tui.ui.desk.controller import DeskController, NotReadBack, Outcome

if TYPE_CHECKING:
    from lasem_tui.ui.desk.host import DeskHost as _Host
else:
    _Host = object

#: Show the waiting sign this long after a write started if it has not finished, even
#: before the lock was seen held (a slow server). The lock itself shows it at once.
WAIT_SIGN_SECONDS = 0.15


class WriteFinished(Message):
    """A write's worker ended: ``outcome`` after its commit, or ``error``."""

    def __init__(self, job: WriteJob, outcome: Outcome | None, error: Exception | None) -> None:
        super().__init__()
        self.job = job
        self.outcome = outcome
        self.error = error


class WriteWaiting(Message):
    """A write found the database locked by someone else."""

    def __init__(self, token: WriteToken) -> None:
        super().__init__()
        self.token = token


@dataclass
class WriteJob:
    token: WriteToken
    run: Callable[[WriteToken], Outcome]
    done: Callable[[Outcome], None]


def run_job(desk: DeskController, job: WriteJob) -> WriteFinished:
    """In the worker thread: the write, and what came of it."""
    try:
        return WriteFinished(job, job.run(job.token), None)
    except Exception as exc:  # handed to the UI thread, which says why or re-raises
        return WriteFinished(job, None, exc)
    finally:
        desk.end_write(job.token)


def _would_wait(finished: WriteFinished) -> bool:
    error = finished.error
    return isinstance(error, DatabaseError) and error.code == cancel.WOULD_WAIT


class DeskWrites(_Host):
    """The desk screen's part that runs writes (mixed into ``DeskScreen``)."""

    def write(self, run: Callable[[WriteToken], Outcome], done: Callable[[Outcome], None]) -> bool:
        """Run one write; refused (with a message) while one is in flight."""
        if self.desk.pending is None and self.desk.local:
            token = self.desk.begin_write(nowait=True)
            assert token is not None
            finished = run_job(self.desk, WriteJob(token, run, done))
            if not _would_wait(finished):
                self.on_write_finished(finished)
                return True
        token = self.desk.begin_write()
        if token is None:
            self.notify(t("desk_flow.busy_refused"), severity="warning", timeout=4, markup=False)
            return False
        token.on_blocked = partial(self.post_message, WriteWaiting(token))
        self.set_timer(WAIT_SIGN_SECONDS, partial(self._show_waiting, token))
        job = WriteJob(token, run, done)
        self.run_worker(
            lambda: self.post_message(run_job(self.desk, job)), thread=True, group="desk-write"
        )
        self.refresh_bindings()
        return True

    # Handlers by name (``on_<message>``): ``@on`` is not seen on a mixin.
    def on_write_waiting(self, message: WriteWaiting) -> None:
        self._show_waiting(message.token)

    def _show_waiting(self, token: WriteToken) -> None:
        if self.desk.pending is token and not token.cancelled:
            sign = self.query_one("#desk-wait", Static)
            sign.update(t("desk_flow.waiting"))
            sign.add_class("-shown")

    def on_write_finished(self, message: WriteFinished) -> None:
        if message.job.token.nowait:
            self._finish(message)
            return
        # From a worker: the waiting sign and the Esc binding go (a footer repaint,
        # which the common case, done at once on the UI thread, does without).
        self.query_one("#desk-wait", Static).remove_class("-shown")
        self.refresh_bindings()
        self._finish(message)

    def _finish(self, message: WriteFinished) -> None:
        error = message.error
        if error is not None:
            if isinstance(error, NoReviewerError):
                flows.with_reviewer(self, lambda: self.write(message.job.run, message.job.done))
            elif isinstance(error, NotReadBack):
                # Committed, but not read back: the watcher shows it once it can.
                self._lost_database(error.cause)
            else:
                self.report(error)
            return
        assert message.outcome is not None
        self.state = self.desk.state
        message.job.done(message.outcome)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_wait":
            return self.desk.pending is not None
        return True

    def action_cancel_wait(self) -> None:
        """Esc while a write waits for the lock: call it off (nothing is written)."""
        token = self.desk.pending
        if token is not None:
            token.cancel()

    def refuse_while_pending(self) -> bool:
        """A decision key while a write is in flight is refused, never queued."""
        if self.desk.pending is None:
            return False
        self.notify(t("desk_flow.busy_refused"), severity="warning", timeout=4, markup=False)
        return True
