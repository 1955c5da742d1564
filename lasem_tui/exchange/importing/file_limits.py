"""What an import file may be, before and while it is read: a regular file, of a size
a recap has, whose spreadsheet parts inflate to a size a recap has.

A crafted file must end in one line and exit status 2, never a hang or a MemoryError:
a symbolic link to ``/dev/zero`` is read without end, a named pipe blocks ``open``
until a writer comes, and a small XLSX can inflate to gigabytes or declare a cell at
XFD1048576. So the path is resolved and ``stat``-ed before it is opened (a pipe or a
device is refused there, without blocking), opened non-blocking and checked again on
the open file (it may have been swapped meanwhile), and read only up to the limit: the
limit applies to what is read, not to what ``stat`` said. An XLSX's parts are inflated
and counted, in chunks, before openpyxl sees them.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from lasem_tui.domain.importing.model import ImportFileError

#: The largest file read: a recap of thousands of proposals is a few megabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: The largest inflated part of an XLSX (a sheet, the shared strings).
MAX_PART_BYTES = 64 * 1024 * 1024
#: A sheet's rows and columns, and a cell's characters: far above any recap.
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
_CHUNK = 1024 * 1024


def _not_regular(file: Path, real: Path) -> ImportFileError:
    if file.is_symlink():
        return ImportFileError("file_link_outside", name=str(file), target=str(real))
    return ImportFileError("file_not_regular", name=str(file))


def read_limited(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises ImportFileError for a missing file, a folder, anything not a regular file
    (a pipe, a device, a socket, a link to one), a file over the limit and one that
    cannot be read.
    """
    file = Path(path)
    try:
        real = file.resolve(strict=True)
        info = os.stat(real)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFileError("file_is_folder", name=str(file))
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(file, real)
        if info.st_size > limit:
            raise ImportFileError("file_too_big", name=file.name)
        # O_NONBLOCK: should a pipe have taken the file's place since the stat, open
        # returns at once instead of waiting for a writer; fstat then refuses it.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as exc:
        raise ImportFileError("file_missing", name=str(file)) from exc
    except RuntimeError as exc:  # a loop of symbolic links
        raise ImportFileError("file_unreadable", name=str(file), detail=str(exc)) from exc
    except OSError as exc:
        raise ImportFileError("file_unreadable", name=str(file), detail=exc.strerror) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_regular(file, real)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ImportFileError("file_too_big", name=file.name)
        return b"".join(chunks)
    except OSError as exc:
        raise ImportFileError("file_unreadable", name=str(file), detail=exc.strerror) from exc
    finally:
        os.close(fd)


def check_xlsx_parts(archive: zipfile.ZipFile, limit: int = MAX_PART_BYTES) -> None:
    """Refuse an XLSX any part of which inflates beyond ``limit``.

    The sizes the zip declares are checked first (cheap), then each part is inflated
    in chunks and counted, since a crafted file can declare less than it holds.
    """
    for info in archive.infolist():
        if info.file_size > limit:
            raise _part_too_big(info.filename, info.file_size, limit)
    for info in archive.infolist():
        size = 0
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _part_too_big(info.filename, size, limit)


def _part_too_big(part: str, size: int, limit: int) -> ImportFileError:
    mb = 1024 * 1024
    return ImportFileError(
        "xlsx_part_too_big", part=part, size=max(1, round(size / mb)), limit=limit // mb
    )


def check_row(sheet: str, number: int, values: tuple[object, ...]) -> None:
    """Refuse a sheet row beyond the row or column limit, or with a cell too long."""
    from lasem_tui.exchange.importing.headings import column_letter

    if number > MAX_ROWS:
        raise ImportFileError(
            "xlsx_too_many_rows", sheet=sheet, limit=f"{MAX_ROWS:,}".replace(",", ".")
        )
    width = len(values)
    while width and values[width - 1] is None:
        width -= 1
    if width > MAX_COLUMNS:
        raise ImportFileError("xlsx_too_many_columns", sheet=sheet, limit=MAX_COLUMNS)
    for index, value in enumerate(values[:width]):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise ImportFileError(
                "cell_too_long",
                cell=f"{column_letter(index)}{number}",
                length=f"{len(value):,}".replace(",", "."),
                limit=f"{MAX_CELL_CHARS:,}".replace(",", "."),
            )
