"""Whether the disk holding a database has room left, asked before SQLite is.

On a full disk SQLite's first failure is often not SQLITE_FULL but a "disk I/O error"
from making its shared-memory file, which the desk then blamed on a pulled-out stick.
The free space is asked first instead: the desk, an import and the demo are told the
disk is full, and the reading commands (an export, the projector) open the file as
immutable, which needs no file of SQLite's beside it, so they still work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: Less free space than this is a full disk: SQLite cannot even make its WAL files.
LOW_SPACE = 256 * 1024


def disk_full(folder: Path) -> bool:
    """True when ``folder``'s file system has (almost) no space left for us."""
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False  # cannot tell: let SQLite say what is wrong
