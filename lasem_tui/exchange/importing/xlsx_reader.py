"""Reading an XLSX recap: the sheet Excel shows (or one named), merged cells filled down.

The sheet is streamed in openpyxl's read-only mode, within ``file_limits``: a recap
is never larger than a few megabytes, and a crafted one must not take the memory.

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
from typing import TYPE_CHECKING, Any

from lasem_tui.domain.importing.model import (
    Cell,
    ImportFileError,
    Merge,
    SourceRow,
    SourceTable,
)
from lasem_tui.exchange.importing import file_limits
from lasem_tui.exchange.importing.limits import RowCounter

if TYPE_CHECKING:
    from openpyxl.worksheet.cell_range import CellRange

_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def _plain(value: Cell) -> Cell:
    """Numbers stay numbers; whole floats become ints; text stays text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def _merged_ranges(worksheet: Any) -> list[CellRange]:
    """A read-only sheet's merged ranges, streamed from its XML (openpyxl keeps them
    only in its full, in-memory mode)."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.xml.functions import iterparse

    ranges: list[CellRange] = []
    with worksheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag == _MERGE_TAG:
                ranges.append(CellRange(element.get("ref")))
            # Rows are read by openpyxl's own parser: drop them here as they pass.
            element.clear()
    return ranges


def _default_sheet(workbook: Any) -> Any:
    """The sheet Excel shows on opening (the active one), if it is a visible worksheet;
    else the first visible one. A hidden or very hidden sheet (last year's rows kept out
    of sight) is read only when named."""
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if not visible:
        raise ImportFileError("sheet_none_visible")
    active = workbook.active
    return active if any(active is ws for ws in visible) else visible[0]


def read_xlsx(data: bytes, name: str, sheet: str | None = None) -> SourceTable:
    """The sheet's rows, streamed (openpyxl's read-only mode) within the file limits."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            file_limits.check_xlsx_parts(archive)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
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
        return _table(worksheet, name, names, hidden)
    except (KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        # A sheet whose XML is broken shows only now, while it is streamed.
        raise ImportFileError("file_xlsx_broken", detail=str(exc) or type(exc).__name__) from exc
    finally:
        workbook.close()


def _table(
    worksheet: Any, name: str, names: tuple[str, ...], hidden: tuple[str, ...]
) -> SourceTable:
    # The size a sheet declares (a <dimension> up to XFD1048576) is not believed:
    # rows are as long as their cells, and as many as the sheet holds.
    worksheet.reset_dimensions()
    merged_ranges = _merged_ranges(worksheet)
    # The values merged down, by row then column: copied into the rows below the top.
    filled: dict[int, dict[int, Cell]] = {}
    tops = {(r.min_row, r.min_col): r for r in merged_ranges}
    rows = []
    counter = RowCounter()
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        file_limits.check_row(worksheet.title, number, values)
        counter.add(values)
        for column, value in enumerate(values, start=1):
            merged = tops.get((number, column))
            if merged is not None:
                for row in range(merged.min_row + 1, merged.max_row + 1):
                    filled.setdefault(row, {})[merged.min_col] = value
        cells = list(values)
        for column, value in filled.pop(number, {}).items():
            if column > len(cells):
                cells.extend([None] * (column - len(cells)))
            cells[column - 1] = value
        cells = [_plain(value) for value in cells]
        while cells and cells[-1] in (None, ""):
            cells.pop()
        rows.append(SourceRow(number, tuple(cells)))
    merges = tuple(Merge(r.min_row, r.max_row, r.min_col - 1, r.max_col - 1) for r in merged_ranges)
    return SourceTable(
        name=name,
        format="xlsx",
        rows=tuple(rows),
        sheet=worksheet.title,
        sheets=names,
        merges=merges,
        hidden_sheets=hidden,
    )
