"""Look at a SQLite file before SQLite opens it for writing.

What someone brings on a USB stick may be a photo renamed ``.db``, a copy cut short, a
database of another program, or sit on a read-only stick. Each is recognised here from
the file itself (its 100-byte header, its size, the permissions of file and folder), so
that opening it never changes a byte of it: no WAL file appears next to a photo, and a
stranger's database is not switched to WAL mode.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lasem_tui.store.engine import DatabaseError, sqlite_failure

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class FileState:
    """What the file allows: writing, or only reading (and how)."""

    exists: bool
    writable: bool
    #: Readable only if SQLite is told nobody can change the file (see ``make_engine``).
    needs_immutable: bool = False


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def has_wal_frames(path: Path) -> bool:
    wal = wal_path(path)
    return wal.exists() and wal.stat().st_size > 0


def _can_write(path: Path) -> bool:
    return os.access(path, os.W_OK)


def check_header(path: Path) -> bytes:
    """Read and check the header; raise ``db_not_database`` / ``db_truncated`` / ``db_damaged``.

    Returns the header (empty for an empty file, which SQLite treats as a new database).
    """
    size = path.stat().st_size
    if size == 0:
        return b""
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if header[: len(MAGIC)] != MAGIC[: len(header)]:
        raise DatabaseError("db_not_database", str(path))
    if len(header) < HEADER_SIZE:
        raise DatabaseError("db_truncated", f"{path}: {size} B")
    raw_page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseError("db_damaged", f"{path}: page size {raw_page_size}")
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    # The page count in the header is trusted by SQLite when it was written by a
    # version that keeps it (then ``valid_for`` equals the change counter). Pages still
    # in the WAL may lie beyond the main file, so only a file without a WAL is measured.
    expected = page_count * page_size
    if valid_for == change_counter and expected > size and not has_wal_frames(path):
        raise DatabaseError("db_truncated", f"{path}: {size} / {expected} B")
    return header


def _failure(exc: sqlite3.Error) -> DatabaseError:
    return sqlite_failure(exc) or DatabaseError("db_unreadable", str(exc))


def _foreign_tables(path: Path) -> list[str] | None:
    """The tables of a non-WAL database, read without changing it; None if it is ours."""
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _failure(exc) from exc
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
    except sqlite3.Error as exc:
        raise _failure(exc) from exc
    finally:
        connection.close()
    if not names or "alembic_version" in names:
        return None
    return names


def probe(path: Path) -> FileState:
    """Check the file (and its folder) before opening; raise ``DatabaseError`` when it
    cannot be a Lasem desk database, and say whether it can be written."""
    folder = path.parent
    if not path.exists():
        if not folder.is_dir():
            raise DatabaseError("db_folder_missing", str(folder))
        if not _can_write(folder):
            raise DatabaseError("db_folder_unwritable", str(folder))
        return FileState(exists=False, writable=True)
    if path.is_dir():
        raise DatabaseError("db_not_database", str(path))
    if not os.access(path, os.R_OK):
        raise DatabaseError("db_cannot_open", str(path))
    header = check_header(path)
    if header and header[18] == 1:
        # Rollback-journal mode: never opened by this app (it switches to WAL), or a
        # backup. Look before SQLite's WAL switch would touch another program's file.
        tables = _foreign_tables(path)
        if tables is not None:
            raise DatabaseError("db_not_lasem", ", ".join(tables[:5]))
    writable = _can_write(path) and _can_write(folder)
    if writable:
        return FileState(exists=True, writable=True)
    # Read-only. A WAL database needs its shared-memory file; where that can neither be
    # found nor made, SQLite reads it only as immutable, which is safe only when no
    # committed pages wait in a WAL it would then ignore.
    wal_mode = bool(header) and header[18] == 2
    shm_missing = not shm_path(path).exists() or not wal_path(path).exists()
    if wal_mode and shm_missing and not _can_write(folder):
        if has_wal_frames(path):
            raise DatabaseError("db_wal_unreadable", str(path))
        return FileState(exists=True, writable=False, needs_immutable=True)
    return FileState(exists=True, writable=False)
