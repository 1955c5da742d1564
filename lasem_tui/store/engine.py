"""Opening a database: the URL, the engine with its SQLite pragmas, and the schema check.

SQLite runs in WAL mode so that the projector (a second process) reads while the desk
writes; ``synchronous=FULL`` so a committed decision survives a power cut; write
transactions start with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout
instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool
from sqlmodel import create_engine

from lasem_tui.store import cancel
from lasem_tui.store.locations import default_database_path

BUSY_TIMEOUT_MS = 15_000
IMMEDIATE = "lasem_immediate"


class DatabaseError(Exception):
    """A database that cannot be opened as asked; ``code`` is an i18n key."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    #: Set on some errors only (an invalid URL: what and which), read with getattr.
    params: dict[str, object]


#: What a failed read looks like, whatever the back end: the screens keep what they
#: show and say they are offline instead of stopping.
READ_ERRORS: tuple[type[Exception], ...] = (
    SQLAlchemyError,
    DatabaseError,
    OSError,
    LookupError,
)


#: SQLSTATEs of a server that is busy rather than gone: a deadlock, a serialisation
#: failure, a lock or statement timeout. Nothing was written; trying again is safe.
_BUSY_STATES = ("40001", "40P01", "55P03", "57014")
#: Wait this long for a row another desk holds before saying "busy, try again".
LOCK_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5


def server_failure(exc: DBAPIError) -> DatabaseError | None:
    """What a client/server database's failure means to the desk, or None for SQLite's.

    A lost connection (server stopped, network gone, connection refused) is
    ``db_unreachable``; the pool reconnects on its own once the server is back.
    """
    if exc.orig is None or type(exc.orig).__module__.startswith("sqlite3"):
        return None
    state = getattr(exc.orig, "sqlstate", None) or ""
    first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
    if state in _BUSY_STATES:
        return DatabaseError("db_busy", first_line)
    if (
        exc.connection_invalidated
        or isinstance(exc, OperationalError | InterfaceError)
        or state.startswith(("08", "57P"))
    ):
        return DatabaseError("db_unreachable", first_line)
    return None


#: SQLite's primary result codes (``sqlite_errorname`` minus any extended suffix) and
#: what each means to the person at the desk.
_SQLITE_CODES = {
    "SQLITE_NOTADB": "db_not_database",
    "SQLITE_CORRUPT": "db_damaged",
    "SQLITE_READONLY": "db_unwritable",
    "SQLITE_PERM": "db_unwritable",
    "SQLITE_AUTH": "db_unwritable",
    "SQLITE_FULL": "db_disk_full",
    "SQLITE_BUSY": "db_busy",
    "SQLITE_LOCKED": "db_busy",
    "SQLITE_IOERR": "db_io_error",
    "SQLITE_CANTOPEN": "db_cannot_open",
}
#: The same, from the message, for a driver that gives no error name.
_SQLITE_MESSAGES = (
    ("not a database", "db_not_database"),
    ("file is encrypted", "db_not_database"),
    ("malformed", "db_damaged"),
    ("readonly", "db_unwritable"),
    ("read-only", "db_unwritable"),
    ("disk is full", "db_disk_full"),
    ("locked", "db_busy"),
    ("busy", "db_busy"),
    ("disk i/o error", "db_io_error"),
    ("unable to open", "db_cannot_open"),
)


def sqlite_failure(exc: BaseException) -> DatabaseError | None:
    """What a failure of SQLite itself means to the desk, or None when it is not one.

    Accepts the driver's ``sqlite3.Error`` or SQLAlchemy's wrapper of it. Constraint and
    programming errors are bugs, not faults of the file or the disk: they stay as raised.
    """
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error) or isinstance(
        orig, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return None
    detail = str(orig)
    name = getattr(orig, "sqlite_errorname", "") or ""
    primary = "_".join(name.split("_")[:2])
    if primary in _SQLITE_CODES:
        return DatabaseError(_SQLITE_CODES[primary], detail)
    lowered = detail.lower()
    for needle, code in _SQLITE_MESSAGES:
        if needle in lowered:
            return DatabaseError(code, detail)
    return DatabaseError("db_unreadable", detail)


def database_url(db: str | None) -> str:
    """Turn ``--db`` (a path, a URL or nothing) into a SQLAlchemy URL."""
    if not db:
        return f"sqlite:///{default_database_path()}"
    if "://" in db:
        from lasem_tui.store.db_url import checked_url

        return checked_url(db).render_as_string(hide_password=False)
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine (None for memory or other back ends)."""
    if not is_sqlite(engine) or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def make_engine(
    url: str, *, read_only: bool = False, immutable: bool = False, file_writable: bool = False
) -> Engine:
    """Create the engine with the pragmas and transaction handling described above.

    ``read_only`` opens a SQLite file for viewing only: it is never created, every write
    is refused (``query_only``) and the file's journal mode is left alone. On a read-only
    file, folder or medium SQLite opens it read-only itself. Where the file can be
    written (``file_writable``: the projector, reading beside the desk) it is opened
    read-write but never created, so that the last connection out, often the projector's,
    still folds the WAL back into the file as the desk's would. ``immutable``
    additionally tells SQLite that nobody can change the file, for a WAL database in a
    folder where not even the shared-memory file can be made.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if read_only and parsed.database and parsed.database != ":memory:":
            # The URI form is the only way to ask SQLite not to create the file, or for
            # read-only; the path is quoted so that a folder named "#1" or "50%" stays
            # part of it.
            mode = "rw" if file_writable else "ro"
            uri = f"file:{quote(parsed.database)}?mode={mode}" + (
                "&immutable=1" if immutable else ""
            )

            def connect() -> sqlite3.Connection:
                return sqlite3.connect(
                    uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )

            engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
            _configure_sqlite(engine, read_only=True)
            return engine
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _configure_sqlite(engine)
        return engine
    engine = create_engine(
        url,
        # A connection the server dropped is noticed and replaced before it is used.
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args=_server_connect_args(parsed.query),
    )

    @event.listens_for(engine, "begin")
    def _on_server_begin(conn: Connection) -> None:
        # A cancellable write (see store/cancel.py) can be cancelled on the server
        # while it waits for a row another desk holds.
        token = cancel.current()
        if token is not None:
            token.waiting_on(conn.connection.driver_connection)

    return engine


def _server_connect_args(query: Mapping[str, object]) -> dict[str, object]:
    """libpq settings so that a desk never hangs on a server that has gone away, nor
    waits forever for a row another desk holds; a setting in the URL wins."""
    wanted = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
    }
    return {key: value for key, value in wanted.items() if key not in query}


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of the driver's own guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            cursor.close()
            return
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
        if mode and str(mode[0]).lower() != "wal":
            # A read-only folder cannot hold the WAL files; fall back quietly to reading.
            cursor.execute("PRAGMA query_only=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if not conn.get_execution_options().get(IMMEDIATE):
            conn.exec_driver_sql("BEGIN")
            return
        token = cancel.current()
        if token is None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            _begin_cancellable(conn, token)


#: A cancellable write looks at its token this often while another desk holds the lock.
CANCEL_STEP_MS = 50


def _begin_cancellable(conn: Connection, token: cancel.WriteToken) -> None:
    """``BEGIN IMMEDIATE`` in short waits, so that the desk can call the write off (and
    say it is waiting) instead of freezing for the whole busy timeout. Failures other
    than a held lock go on as SQLAlchemy's, for ``Database.write`` to name."""
    raw = conn.connection.driver_connection
    assert raw is not None, "a connection inside a transaction has its driver's"
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw.execute(f"PRAGMA busy_timeout={0 if token.nowait else CANCEL_STEP_MS}")
    try:
        while True:
            if token.cancelled:
                raise DatabaseError(cancel.CANCELLED)
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except OperationalError as exc:
                message = str(exc.orig).lower()
                if "locked" not in message and "busy" not in message:
                    raise
                if token.nowait:
                    raise DatabaseError(cancel.WOULD_WAIT, str(exc.orig)) from exc
                if time.monotonic() >= deadline:
                    raise DatabaseError("db_busy", str(exc.orig)) from exc
                token.mark_blocked()
                continue
            break
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at once (SQLite)."""
    return engine.execution_options(**{IMMEDIATE: True})
