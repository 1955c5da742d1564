"""Who may read the meeting's files: the owner only.

The database and its backups hold names, positions and NIP numbers. Created with the
process umask they were readable by every user of the laptop (files 644, folder 755).
The data folder is made 700 and the database, its WAL and shared memory, and every
backup 600; files made by an older version are tightened when they are next opened,
and what was tightened is collected here so that the command says so once.

SQLite creates a database's -wal and -shm with the mode of the database file itself,
so a database made 600 keeps its companions 600 too.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

#: Paths tightened by this process and not yet told (``take_fixed`` empties it).
_fixed: list[Path] = []


def _loose(mode: int, wanted: int) -> bool:
    return bool(stat.S_IMODE(mode) & ~wanted)


def tighten(path: Path, wanted: int = PRIVATE_FILE, *, say: bool = True) -> bool:
    """Take group and other permissions off ``path``; True when it had any.

    A file we cannot change (read-only medium, someone else's) is left as it is: that
    is not a reason to refuse the meeting. Without ``say`` it is not told (an empty
    file held nothing anyone could have read).
    """
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or not _loose(info.st_mode, wanted):
        return False
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & wanted)
    except OSError:
        return False
    if say:
        _fixed.append(path)
    return True


def private_folder(path: Path) -> Path:
    """Make ``path`` (and missing parents) with mode 700; tighten it if it is looser."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    tighten(path, PRIVATE_FOLDER)
    return path


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 600 unless it exists, so that SQLite opens a
    file that was never readable by others, not one made with the umask."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def open_private(path: Path) -> int:
    """A new file, exclusively created with mode 600, open for writing (a descriptor)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)


def tighten_database(path: Path) -> None:
    """The database file and its WAL and shared-memory files, 600."""
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = False
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        tighten(companion, say=not empty)


def tighten_folder_files(folder: Path) -> None:
    """Every regular file directly in ``folder`` (the backups), 600."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        tighten(entry)


def take_fixed() -> list[Path]:
    """The paths tightened since the last call, to be said once."""
    fixed = list(dict.fromkeys(_fixed))
    _fixed.clear()
    return fixed
