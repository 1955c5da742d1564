"""One object to hand around: the engine, and sessions for reading and for writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from lasem_tui.store import schema
from lasem_tui.store.engine import (
    DatabaseError,
    database_url,
    make_engine,
    server_failure,
    writer,
)


class Database:
    """An opened, migrated database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = writer(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; its snapshot ends with the block."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except DBAPIError as exc:
                failure = server_failure(exc)
                if failure is None:
                    raise
                raise failure from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One command's transaction: committed at the end of the block, or not at all."""
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as exc:
                session.rollback()
                failure = server_failure(exc)
                if failure is None and not isinstance(exc, OperationalError):
                    raise
                raise (failure or _write_failure(exc)) from exc
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def _write_failure(exc: OperationalError) -> DatabaseError:
    message = str(exc.orig).lower() if exc.orig else str(exc).lower()
    if "readonly" in message or "read-only" in message or "query_only" in message:
        return DatabaseError("db_unwritable", str(exc.orig))
    if "full" in message:
        return DatabaseError("db_disk_full", str(exc.orig))
    if "locked" in message or "busy" in message:
        return DatabaseError("db_busy", str(exc.orig))
    return DatabaseError("db_unreachable", str(exc.orig))


def open_database(db: str | None = None) -> Database:
    """Open (creating and migrating as needed) the database named by ``--db``."""
    engine = make_engine(database_url(db))
    try:
        schema.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)
