"""Opening an import file: CSV or XLSX, told apart by content rather than by name."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.exchange.importing.csv_reader import read_csv
from lasem_tui.exchange.importing.model import ImportFileError, SourceTable
from lasem_tui.exchange.importing.xlsx_reader import read_xlsx

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_MAX_BYTES = 50 * 1024 * 1024


def read_bytes(data: bytes, name: str, *, sheet: str | None = None) -> SourceTable:
    """The table in ``data``; ``name`` is the file name shown in messages and the log."""
    if not data.strip():
        raise ImportFileError("file_empty", name=name)
    if data.startswith(_OLE):
        raise ImportFileError("file_xls_old", name=name)
    if data.startswith(_ZIP):
        return read_xlsx(data, name, sheet)
    if Path(name).suffix.casefold() in (".xlsx", ".xlsm"):
        raise ImportFileError("file_xlsx_broken", detail=name)
    return read_csv(data, name)


def read_source(path: str | Path, *, sheet: str | None = None) -> SourceTable:
    """Read a CSV or XLSX file from disk."""
    file = Path(path)
    try:
        if file.is_dir():
            raise ImportFileError("file_is_folder", name=str(file))
        if file.stat().st_size > _MAX_BYTES:
            raise ImportFileError("file_too_big", name=file.name)
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError("file_missing", name=str(file)) from exc
    except OSError as exc:
        raise ImportFileError("file_unreadable", name=str(file), detail=exc.strerror) from exc
    return read_bytes(data, file.name, sheet=sheet)
