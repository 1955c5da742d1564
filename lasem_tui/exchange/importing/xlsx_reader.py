"""Reading an XLSX recap: the sheet shown on opening or one named, merged cells filled down.

A village's recap often has a title block above the headings (merged across the
columns) and the village name merged down over its proposals. A merged range's value
is copied down its first column, so each proposal row carries its village and the
lower row of a two-row heading repeats the headings merged down over both rows. The
merged ranges are kept with the table: a heading merged across ("Volume" over
"Jumlah | Satuan") is how ``headings`` knows the row below holds its sub-headings.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time
from typing import Any

from lasem_tui.exchange.importing.limits import RowCounter
from lasem_tui.exchange.importing.model import (
    Cell,
    ImportFileError,
    Merge,
    SourceRow,
    SourceTable,
)


def _plain(value: Cell) -> Cell:
    """Numbers stay numbers; whole floats become ints; text stays text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def _default_sheet(workbook: Any) -> Any:  # openpyxl's Workbook and Worksheet: untyped
    """The sheet Excel shows on opening (the active one), if it is a visible worksheet;
    else the first visible one. A hidden or very hidden sheet (last year's rows kept out
    of sight) is read only when named."""
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if not visible:
        raise ImportFileError("sheet_none_visible")
    active = workbook.active
    return active if any(active is ws for ws in visible) else visible[0]


def read_xlsx(data: bytes, name: str, sheet: str | None = None) -> SourceTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError("file_xlsx_broken", detail=str(exc) or type(exc).__name__) from exc
    try:
        names = tuple(workbook.sheetnames)
        hidden = tuple(ws.title for ws in workbook.worksheets if ws.sheet_state != "visible")
        if sheet is None:
            worksheet = _default_sheet(workbook)
        else:
            wanted = sheet.strip().casefold()
            matches = [ws for ws in workbook.worksheets if ws.title.strip().casefold() == wanted]
            if not matches:
                raise ImportFileError("sheet_missing", sheet=sheet, sheets=", ".join(names))
            worksheet = matches[0]
        filled: dict[tuple[int, int], Cell] = {}
        for merged in worksheet.merged_cells.ranges:
            top = worksheet.cell(merged.min_row, merged.min_col).value
            for row in range(merged.min_row + 1, merged.max_row + 1):
                filled[(row, merged.min_col)] = top
        rows = []
        counter = RowCounter()
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            counter.add(values)
            cells = [
                _plain(filled.get((number, column), value))
                for column, value in enumerate(values, start=1)
            ]
            while cells and cells[-1] in (None, ""):
                cells.pop()
            rows.append(SourceRow(number, tuple(cells)))
        merges = tuple(
            Merge(r.min_row, r.max_row, r.min_col - 1, r.max_col - 1)
            for r in worksheet.merged_cells.ranges
        )
        return SourceTable(
            name=name,
            format="xlsx",
            rows=tuple(rows),
            sheet=worksheet.title,
            sheets=names,
            merges=merges,
            hidden_sheets=hidden,
        )
    finally:
        workbook.close()
