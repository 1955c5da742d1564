"""One object to hand around: the engine, and sessions for reading and for writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from lasem_tui.store import cancel, file_modes, schema, sqlite_file
from lasem_tui.store.disk_space import disk_full
from lasem_tui.store.engine import (
    DatabaseError,
    database_url,
    make_engine,
    server_failure,
    sqlite_failure,
    writer,
)


class Database:
    """An opened, migrated database.

    ``read_only`` is set when a SQLite file (or its folder) cannot be written, or when
    it was asked for (the projector, a second process beside the desk): the meeting can
    be shown, and every write is refused with ``db_read_only`` before it starts.
    ``path`` is the SQLite file (None on PostgreSQL).
    """

    def __init__(
        self, engine: Engine, *, path: Path | None = None, read_only: bool = False
    ) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        self._writer = writer(engine)

    @property
    def url(self) -> str:
        if self.path is not None:
            return f"sqlite:///{self.path}"
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; its snapshot ends with the block."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except DBAPIError as exc:
                failure = server_failure(exc) or sqlite_failure(exc)
                if failure is None:
                    raise
                raise failure from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One command's transaction: committed at the end of the block, or not at all."""
        if self.read_only:
            raise DatabaseError("db_read_only", str(self.path or self.url))
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as exc:
                _rollback(session)
                token = cancel.current()
                if token is not None and token.cancelled:
                    raise DatabaseError(cancel.CANCELLED) from exc
                failure = server_failure(exc) or sqlite_failure(exc)
                if failure is None and not isinstance(exc, OperationalError):
                    raise
                raise (failure or _write_failure(exc)) from exc
            except BaseException:
                _rollback(session)
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def _rollback(session: Session) -> None:
    """Roll back, without letting a second failure (a vanished disk) hide the first."""
    with suppress(DBAPIError):
        session.rollback()


def _write_failure(exc: OperationalError) -> DatabaseError:
    message = str(exc.orig).lower() if exc.orig else str(exc).lower()
    if "readonly" in message or "read-only" in message or "query_only" in message:
        return DatabaseError("db_unwritable", str(exc.orig))
    if "full" in message:
        return DatabaseError("db_disk_full", str(exc.orig))
    if "locked" in message or "busy" in message:
        return DatabaseError("db_busy", str(exc.orig))
    return DatabaseError("db_unreachable", str(exc.orig))


def open_database(
    db: str | None = None, *, read_only: bool = False, create: bool = True
) -> Database:
    """Open (creating and migrating as needed) the database named by ``--db``.

    A SQLite file is looked at first (``sqlite_file.probe``): one that is not a
    database, is cut short or belongs to another program is refused untouched, and one
    that cannot be written is opened read-only, for viewing, when its schema is current.

    ``read_only`` (the projector) creates and migrates nothing, on SQLite or on a server
    that running desks share: a missing file is refused, and so is a schema older or
    newer than this app's, which only the desk of the matching version may change.
    Without ``create`` (an import) the database is migrated as by the desk, but a
    missing file is refused all the same: only the desk and the demo start one.
    On a full disk (``disk_space``) a writer is refused with ``db_disk_full_open`` and a
    reader opens the file as immutable when no WAL frames wait, so that it still reads.
    """
    url = database_url(db)
    path = sqlite_file_path(url)
    immutable = file_writable = False
    outdated = "db_outdated_open_desk"
    full = False
    if path is not None:
        if read_only or not create:
            _refuse_missing(path)
        state = sqlite_file.probe(path)
        if read_only and state.exists and path.stat().st_size == 0:
            # Zero bytes hold no meeting; reading must not write a schema into them.
            raise DatabaseError("db_empty_file", str(path))
        full = disk_full(path.parent)
        if full and not read_only:
            raise DatabaseError("db_disk_full_open", str(path.parent))
        if not state.writable:
            outdated = "db_read_only_outdated"
        read_only = read_only or not state.writable
        immutable = state.needs_immutable
        file_writable = state.writable
        if full and not sqlite_file.has_wal_frames(path):
            # Nothing waits in a WAL: read the file as it is, with no -shm to make.
            immutable, file_writable = True, False
        if not read_only:
            # Made 600 before SQLite makes it (with the umask), or tightened if older.
            file_modes.create_private(path)
            file_modes.tighten_database(path)
    engine = make_engine(url, read_only=read_only, immutable=immutable, file_writable=file_writable)
    try:
        if read_only:
            schema.check_current(engine, outdated=outdated)
        else:
            schema.upgrade(engine)
    except DatabaseError as exc:
        engine.dispose()
        if path is not None and exc.code in _DISK_CODES and (full or disk_full(path.parent)):
            raise DatabaseError("db_disk_full_open", str(path.parent)) from exc
        raise
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, path=path, read_only=read_only)


#: What SQLite says when the disk is full before it can say SQLITE_FULL.
_DISK_CODES = ("db_io_error", "db_cannot_open", "db_unreadable", "db_disk_full")


def _refuse_missing(path: Path) -> None:
    """Reading cannot start a database: a new empty file would only hide a mistyped
    ``--db`` (and the desk would later find a stray file there). A missing folder is
    named as such, as when the desk opens the path."""
    if path.exists():
        return
    if not path.parent.is_dir():
        raise DatabaseError("db_folder_missing", str(path.parent))
    raise DatabaseError("db_missing", str(path))


def sqlite_file_path(url: str) -> Path | None:
    """The file a SQLite URL names (None for PostgreSQL and in-memory databases)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
