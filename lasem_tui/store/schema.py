"""Bring a database's schema to the version this app expects, with Alembic.

Opening checks the stored revision with one cheap query and imports Alembic only when
there is something to do, which keeps the desk's start-up fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

from lasem_tui.store.engine import DatabaseError, server_failure, sqlite_failure, writer

MIGRATIONS = Path(__file__).with_name("migrations")

#: Every revision this app knows, oldest first; the last is the head.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = KNOWN_REVISIONS[-1]
#: PostgreSQL advisory lock key held while migrating ("lasem" in ASCII).
MIGRATION_LOCK = 0x6C6173656D


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                tables = inspect(conn).get_table_names()
                if tables:
                    raise DatabaseError("db_not_lasem", ", ".join(tables[:5]))
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return row[0] if row else None
    except SADatabaseError as exc:
        raise _classify(exc) from exc


def _classify(exc: SADatabaseError) -> DatabaseError:
    server = server_failure(exc)
    if server is not None:
        return server
    failure = sqlite_failure(exc)
    if failure is not None:
        return failure
    return DatabaseError("db_unreadable", str(exc.orig or exc))


def alembic_config(engine_connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = engine_connection
    return config


def check_current(engine: Engine, *, outdated: str = "db_read_only_outdated") -> None:
    """For a database opened read-only: it must already be at this app's revision,
    since nothing can be created or upgraded in it.

    ``outdated`` is the code for an older (or empty) database: what to do about it
    depends on why it is read-only (a read-only medium, or the projector beside a desk).
    """
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError("db_too_new", revision)
    raise DatabaseError(outdated, revision or "-")


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema; refuse a database written by a newer app."""
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError("db_too_new", revision)
    from alembic import command

    try:
        # Two desks may open a new database at the same moment: the first migrates, the
        # second waits (SQLite's write lock, PostgreSQL's advisory lock) and then finds
        # nothing left to do, as Alembic reads the revision again inside the transaction.
        with writer(engine).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(conn), "head")
    except SADatabaseError as exc:
        raise _classify(exc) from exc
