"""Backups of a SQLite database: taken automatically, listed, and brought back.

A backup is taken with SQLite's online backup API through the app's own engine, so it
is a consistent picture of the database (WAL included) even while a desk is writing,
and it works on a database opened read-only. It is written under a temporary name,
synced, and only then renamed into place, so a power cut never leaves half a backup in
the list. The last ``KEEP`` backups of each database taken when it was opened or made
final roll over; those taken before an import or a restore (``KEPT``) are kept apart
and never pruned: ten restarts would otherwise push the one copy from before a bad
import out of the list. All are in ``locations.backups_dir()``; their names sort by time (UTC) and say where they came
from::

    20230217T020512.123456Z--lasem--3fa9c1b2e0--open.db   (+ .json: the full source path)

Restoring puts the current file aside first (next to it, with its WAL), never while
another process has the database open, and only after the backup passed SQLite's own
check. PostgreSQL is not handled here: ``pg_dump`` is the tool for that.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from lasem_tui.store import file_modes, locations
from lasem_tui.store.engine import DatabaseError, database_url
from lasem_tui.store.errors import Phrase
from lasem_tui.store.sqlite_file import shm_path, wal_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from lasem_tui.store.database import Database

#: How many rolling backups (opened, final, manual) of each database are kept.
KEEP = 10
#: Why a backup was taken; each has its words in ``i18n/faults.py`` (``backup.reason.*``).
REASONS = ("open", "final", "import", "restore", "manual")
#: Backups taken before a change that cannot be undone otherwise: never pruned.
KEPT = frozenset({"import", "restore"})
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)--(.*)--([0-9a-f]{10})--([a-z]+)\.db$")
_PARTIAL_MAX_AGE_S = 3600


class BackupError(DatabaseError):
    """A backup that could not be taken, found or restored; ``code`` is an i18n key."""

    def __init__(self, code: str, detail: str = "", **params: object) -> None:
        super().__init__(code, detail)
        self.params = {"detail": detail, **params}


class RestoreCancelled(Exception):
    """The person at the keyboard said no; nothing was changed."""


@dataclass(frozen=True)
class Backup:
    number: int
    path: Path
    taken_at: datetime
    size: int
    reason: str
    source: str


@dataclass(frozen=True)
class Restored:
    backup: Backup
    target: Path
    #: The file that was in place before, kept aside (None when there was none).
    aside: Path | None


# --- which database --------------------------------------------------------------------


def sqlite_target(db_arg: str | None) -> Path:
    """The SQLite file named by ``--db`` (or the default one), without opening it."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url(db_arg))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise BackupError("backup_sqlite_only")
    return Path(url.database)


def source_key(path: Path) -> str:
    """A short fingerprint of the database's full path: two ``lasem.db`` in different
    folders have different backups."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _safe_stem(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem).strip("._-") or "db"
    return stem[:40]


# --- taking a backup -------------------------------------------------------------------


def take_backup(db: Database, reason: str) -> Path | None:
    """Back up the database of ``db`` (a ``Database``) now; returns the backup's path.

    Returns None for a database that is not a SQLite file (PostgreSQL: use pg_dump).
    Raises ``BackupError`` when the backup cannot be written (a full disk, say); the
    database itself is never touched. Call it after a commit, not inside a transaction.
    """
    if reason not in REASONS:
        raise ValueError(reason)
    path = getattr(db, "path", None)
    if path is None:
        return None
    folder = _backups_folder()
    taken_at = datetime.now(UTC)
    name = f"{taken_at.strftime(_STAMP)}--{_safe_stem(path)}--{source_key(path)}--{reason}.db"
    final = folder / name
    partial = folder / f".{name}.{os.getpid()}.partial"
    try:
        _copy_database(db.engine, partial)
        _fsync(partial)
        os.replace(partial, final)
        _fsync_folder(folder)
        _write_sidecar(final, path, reason, taken_at)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError("backup_failed", _describe(exc)) from exc
    _prune(folder, source_key(path))
    return final


class BackgroundBackup:
    """A backup taken on its own thread while the desk starts.

    The copy waits on the disk (SQLite's page copy, two fsyncs) rather than on Python,
    so it runs beside the interface's imports and first paint instead of before them
    (issue 13, first paint). ``outcome`` waits for it: the desk asks once it has painted,
    and the command asks again before it closes the database, so a backup is never cut
    short by an early quit.
    """

    def __init__(self, db: Database, reason: str) -> None:
        if reason not in REASONS:
            raise ValueError(reason)
        self._error: BackupError | None = None
        self._crash: BaseException | None = None
        self._thread = threading.Thread(
            target=self._take, args=(db, reason), name="lasem-backup", daemon=False
        )
        self._thread.start()

    def _take(self, db: Database, reason: str) -> None:
        try:
            take_backup(db, reason)
        except BackupError as exc:
            self._error = exc
        except BaseException as exc:  # re-raised on the thread that asks
            self._crash = exc

    def outcome(self) -> BackupError | None:
        """The backup's failure (None when it was written), once it has finished."""
        self._thread.join()
        if self._crash is not None:
            crash, self._crash = self._crash, None
            raise crash
        return self._error


def _copy_database(engine: Engine, target: Path) -> None:
    raw = engine.raw_connection()
    try:
        # The copy holds what the database does: readable by its owner only.
        file_modes.create_private(target)
        destination = sqlite3.connect(target)
        try:
            source = raw.driver_connection
            assert source is not None, "a pooled connection that is open"
            source.backup(destination)
            # A backup stands alone: rollback-journal mode, so that reading or checking
            # it never leaves -wal/-shm files in the backups folder. Opening a restored
            # backup switches it back to WAL.
            destination.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            destination.close()
    finally:
        raw.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return str(exc)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _write_sidecar(backup: Path, source: Path, reason: str, taken_at: datetime) -> None:
    data = {"source": str(source), "reason": reason, "taken_at": taken_at.isoformat()}
    temporary = backup.with_name(f".{backup.name}.json.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    with os.fdopen(file_modes.open_private(temporary), "w", encoding="utf-8") as out:
        out.write(json.dumps(data, ensure_ascii=False))
    os.replace(temporary, _sidecar(backup))


def _prune(folder: Path, key: str) -> None:
    """Keep the newest ``KEEP`` rolling backups of this database and every one in
    ``KEPT``; clear leftovers of crashes."""
    rolling = [b for b in _scan(folder, key) if b.reason not in KEPT]
    for backup in rolling[KEEP:]:
        with contextlib.suppress(OSError):
            backup.path.unlink()
            _sidecar(backup.path).unlink(missing_ok=True)
    cutoff = time.time() - _PARTIAL_MAX_AGE_S
    for leftover in folder.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


# --- listing ---------------------------------------------------------------------------


def _backups_folder() -> Path:
    """The backups folder, made on first use; a data folder that cannot be written (a
    locked-down laptop, a full disk) is a ``BackupError`` with its reason, not a crash."""
    try:
        return locations.backups_dir()
    except OSError as exc:
        raise BackupError("backup_failed", _describe(exc)) from exc


def list_backups(path: Path) -> list[Backup]:
    """The backups of the database at ``path``, newest first, numbered from 1."""
    return _scan(_backups_folder(), source_key(path))


def _scan(folder: Path, key: str) -> list[Backup]:
    found = []
    for entry in folder.glob(f"*--{key}--*.db"):
        match = _NAME.match(entry.name)
        if match is None or match.group(3) != key:
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        found.append((taken_at, entry, size, match.group(4), _source_of(entry, match.group(2))))
    found.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return [
        Backup(number, entry, taken_at, size, reason, source)
        for number, (taken_at, entry, size, reason, source) in enumerate(found, start=1)
    ]


def _source_of(backup: Path, stem: str) -> str:
    try:
        return str(json.loads(_sidecar(backup).read_text(encoding="utf-8"))["source"])
    except (OSError, ValueError, KeyError, TypeError):
        return stem


def choose(path: Path, number: str) -> Backup:
    """The backup numbered ``number`` (as typed) among those of ``path``."""
    backups = list_backups(path)
    text = (number or "").strip()
    index = int(text) if text.isascii() and text.isdigit() else 0
    if not backups:
        raise BackupError("backup_bad_number_none", text)
    if not 1 <= index <= len(backups):
        raise BackupError("backup_bad_number", text, count=len(backups))
    return backups[index - 1]


# --- restoring -------------------------------------------------------------------------


def check_backup(backup: Path) -> None:
    """A backup must pass SQLite's full integrity check, be a Lasem database of a known
    schema revision, and hold a meeting (``lasem backup verify`` runs the same check)."""
    from lasem_tui.store.backup_verify import inspect

    problem, detail, _ = inspect(backup)
    if problem == "backup.verify_too_new":
        raise DatabaseError("db_too_new", detail)
    if problem is not None:
        # Worded where it is shown: the store knows no language.
        words = Phrase(problem, {"detail": detail}, prefix=f"{backup.name}: ")
        error = BackupError("backup_unusable", f"{backup.name}: {problem} {detail}".rstrip())
        error.params["detail"] = words
        raise error


def in_use(path: Path) -> bool:
    """Whether another process has the (WAL) database open.

    Every SQLite connection to a WAL database holds a shared lock on one byte of the
    ``-shm`` file (the "DMS" slot, offset 128) for as long as it is open; if an
    exclusive lock on it cannot be had, someone else is connected. POSIX locks are per
    process, so the caller must hold no connection of its own to the file: closing
    our descriptor would drop SQLite's locks too. Windows refuses to replace an open
    file instead, which the restore reports.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        return False
    shm = shm_path(path)
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        # No -shm: nobody has it open. An -shm we may not write: neither may we
        # replace the database beside it, which the restore then reports.
        return False
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)


def restore(target: Path, number: str, *, confirm: Callable[[Backup], bool]) -> Restored:
    """Put backup ``number`` in place of ``target``, keeping the current file aside.

    Refuses (``BackupError``) a bad number, a backup that fails SQLite's check and a
    database another process has open; ``confirm`` is asked last and may cancel.
    """
    backup = choose(target, number)
    check_backup(backup.path)
    if in_use(target):
        raise BackupError("backup_in_use", str(target))
    if not confirm(backup):
        raise RestoreCancelled()
    _backup_before_restore(target)
    try:
        aside = _set_aside(target)
    except OSError as exc:
        raise BackupError("backup_restore_failed", _describe(exc)) from exc
    try:
        _put_in_place(backup.path, target)
    except OSError as exc:
        raise BackupError("backup_restore_failed", _describe(exc)) from exc
    return Restored(backup, target, aside)


def _backup_before_restore(target: Path) -> None:
    """The file about to be replaced, into the backups folder as a kept "restore"
    backup (besides the copy set aside next to it). A file SQLite cannot read (the
    damage that made the restore necessary) is only set aside."""
    if not target.exists():
        return
    folder = _backups_folder()
    taken_at = datetime.now(UTC)
    name = f"{taken_at.strftime(_STAMP)}--{_safe_stem(target)}--{source_key(target)}--restore.db"
    partial = folder / f".{name}.{os.getpid()}.partial"
    try:
        source = sqlite3.connect(f"file:{quote(str(target))}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                destination.close()
        finally:
            source.close()
        _fsync(partial)
        os.replace(partial, folder / name)
        _fsync_folder(folder)
        _write_sidecar(folder / name, target, "restore", taken_at)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _set_aside(target: Path) -> Path | None:
    """Copy the current file (and its WAL, which holds the latest commits) next to it."""
    if not target.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix or '.db'}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = target.with_name(
            f"{target.stem}.before-restore-{stamp}-{counter}{target.suffix or '.db'}"
        )
    _copy_file(target, aside)
    wal = wal_path(target)
    if wal.exists():
        _copy_file(wal, wal_path(aside))
    _fsync_folder(target.parent)
    return aside


def _copy_file(source: Path, destination: Path) -> None:
    # Exclusive create: an existing file is never overwritten.
    with (
        source.open("rb") as reader,
        os.fdopen(file_modes.open_private(destination), "wb") as writer,
    ):
        while chunk := reader.read(1 << 20):
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())


def _put_in_place(backup: Path, target: Path) -> None:
    staging = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        staging.unlink(missing_ok=True)
        _copy_file(backup, staging)
        # The old WAL and shared memory belong to the old file: left next to the new
        # one, SQLite would replay the old frames into it. They are copied aside.
        for leftover in (wal_path(target), shm_path(target)):
            leftover.unlink(missing_ok=True)
        os.replace(staging, target)
        _fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            staging.unlink(missing_ok=True)


def backup_before_import(db) -> DatabaseError | None:  # type: ignore[no-untyped-def]
    """The rule for every write of many rows at once (an import, a pull): keep the
    meeting as it was first. A database with no meeting yet has nothing to keep. The
    failure (a ``BackupError``, or the database unreadable) is returned, not raised: the
    import goes on or fails on its own, and the caller says it in its own place (a
    console line, a toast)."""
    from lasem_tui.store import queries

    try:
        with db.read() as session:
            if queries.current_meeting_id(session) is None:
                return None
        take_backup(db, "import")
    except DatabaseError as exc:
        return exc
    return None
