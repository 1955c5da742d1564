"""What every ``lasem`` command shares: the parser, the one-line failure, the database.

The headless commands never import Textual; the UI is imported only to open it.
Exit status 0 on success and 2 on bad input, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from lasem_tui import i18n
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import AmountError
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.file_modes import take_fixed

if TYPE_CHECKING:
    from lasem_tui.store.database import Database

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the command line; the message is already in the user's language."""


def console() -> Console:
    """Standard error, where messages go: standard output stays the command's result."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """Standard output, for what a command prints as its result."""
    return Console(highlight=False, soft_wrap=True)


def fail(message: str) -> int:
    """Say why in one line on standard error and return the bad-input status."""
    # Assembled, not marked up: a path or a typed value with "[" in it stays as it is.
    console().print(Text.assemble(("lasem:", "bold red"), " ", message))
    return EXIT_BAD_INPUT


def warn(message: str) -> None:
    """A warning that does not stop the command (a backup that could not be made)."""
    console().print(Text.assemble(("lasem:", "yellow"), " ", message))


def message_of(exc: Exception) -> str:
    """The user's words for an error the store or the domain raised."""
    if isinstance(exc, DatabaseError):
        params = getattr(exc, "params", None) or {"detail": exc.detail}
        return i18n.t(exc.code, **params)
    if isinstance(exc, StoreError | DecisionError):
        return i18n.t(exc.code, **exc.params)
    if isinstance(exc, AmountError):
        return f"{i18n.t(exc.code)}: {exc.text!r}"
    return str(exc)


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        fail(f"{self.prog}: {message}")
        raise SystemExit(EXIT_BAD_INPUT)


def common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--db`` and ``--lang``, accepted before and after the subcommand."""
    # On subcommands the defaults are suppressed so that `lasem --db X demo` keeps X.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", default=default, help="SQLite path or SQLAlchemy URL (default: the user data dir)"
    )
    parser.add_argument(
        "--lang", default=default, choices=i18n.LANGUAGES, help="interface language (id, en)"
    )


#: Databases this run opened; all closed when the command ends.
_opened: list[Database] = []


def open_db(db_arg: str | None, *, read_only: bool = False, create: bool = True) -> Database:
    """Open ``--db``; ``read_only`` for a process beside the desk, which must neither
    create the database nor migrate it under the desks that use it. Without ``create``
    (a command that needs a meeting already there) a mistyped path is said instead of
    leaving an empty database file behind; only the app and the demo start one."""
    from lasem_tui.store.database import open_database

    db = open_database(db_arg, read_only=read_only, create=create)
    _opened.append(db)
    say_fixed_modes()
    return db


def fixed_modes_line() -> str | None:
    """Files an older version left readable by others, tightened now: said once."""
    fixed = take_fixed()
    return i18n.t("perm.fixed", paths=", ".join(str(path) for path in fixed)) if fixed else None


def say_fixed_modes() -> None:
    """``fixed_modes_line`` printed (before the interface, or without one)."""
    line = fixed_modes_line()
    if line:
        warn(line)


def close_all() -> None:
    """Close every connection: the last one out folds SQLite's WAL back into the main
    file, so that the ``.db`` alone is the whole meeting when it is copied afterwards."""
    from sqlalchemy.exc import SQLAlchemyError

    while _opened:
        # A checkpoint that cannot be written now is done by the next opening.
        with contextlib.suppress(SQLAlchemyError, sqlite3.Error, OSError):
            _opened.pop().dispose()


def read_only_meeting_id(db: Database) -> int:
    """The meeting the desk has open, found without writing anything."""
    from lasem_tui.store import queries

    with db.read() as session:
        meeting_id = queries.current_meeting_id(session)
    if meeting_id is None:
        raise UsageError(i18n.t("no_meeting"))
    return meeting_id


def has_meeting(db: Database) -> bool:
    """Whether the database holds a meeting already (one worth backing up)."""
    from lasem_tui.store import queries

    with db.read() as session:
        return queries.current_meeting_id(session) is not None


def backup_in_background(db: Database, reason: str = "open") -> Callable[[], str | None]:
    """Start the backup of a meeting being opened; the returned call waits for it and
    gives the warning for the desk to show (None when all went well), including any
    file whose permissions were tightened meanwhile. It may be called more than once."""
    from lasem_tui.store.backup import BackgroundBackup

    backup = BackgroundBackup(db, reason)

    def notice() -> str | None:
        failed = backup.outcome()
        said = [i18n.t("backup_warning_desk", detail=failed.detail)] if failed else []
        fixed = fixed_modes_line()
        if fixed:
            said.append(fixed)
        return "\n".join(said) or None

    return notice


def backup_failure(db: Database, reason: str = "open") -> str | None:
    """A backup each time a meeting is opened; failing to make one is not fatal (the
    meeting goes on, the database itself was not touched). Returns the warning for the
    desk to show: printed before the interface starts, it was never seen."""
    from lasem_tui.store.backup import BackupError, take_backup

    try:
        take_backup(db, reason)
        say_fixed_modes()
    except BackupError as exc:
        return i18n.t("backup_warning_desk", detail=exc.detail)
    return None
