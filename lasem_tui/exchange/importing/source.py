"""Opening an import file: CSV or XLSX, told apart by content rather than by name."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.domain.importing.model import ImportFileError, SourceTable
from lasem_tui.exchange.importing.csv_reader import read_csv
from lasem_tui.exchange.importing.file_limits import read_limited
from lasem_tui.exchange.importing.xlsx_reader import read_xlsx

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


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
    """Read a CSV or XLSX file from disk: a regular file only, within the size limit."""
    data = read_limited(path)
    return read_bytes(data, Path(path).name, sheet=sheet)
