"""A CSV's rows checked for shape before their cells are read as proposals.

A hand-edited CSV with one quote too many (``"Pipa 3"" air bersih``) is still valid CSV
to Python's reader: the open quote swallows the line ends up to the next quote, and the
rows in between become one cell of one row. The import then took "3 proposals", one of
them a title holding three rows' text and another row's amount. Two signs give it away:
a cell running across line ends that holds whole rows (or does so where no other row of
the file has a cell over several lines), and a row with more or fewer fields than the
heading row. Either is a problem named by its row, and nothing is imported.
"""

from __future__ import annotations

from types import MappingProxyType

from lasem_tui.domain.importing.model import Cell, Headings, Problem, SourceRow, SourceTable


def _lines(cell: Cell) -> list[str]:
    return str(cell).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_multiline(row: SourceRow) -> bool:
    return any(len(_lines(cell)) > 1 for cell in row.cells)


def _swallows_rows(row: SourceRow, delimiter: str, width: int, alone: bool) -> bool:
    """Whether a cell over several lines holds what looks like rows of the file: a
    continuation line with a row's worth of separators, or (where no other row of the
    file has a cell over several lines) half a row's worth. Not fewer: SIPD's
    recommendation cells run over lines and hold a decimal comma ("Koefisien : 1,5 km")."""
    half = max(2, (width - 1) // 2)
    for cell in row.cells:
        for line in _lines(cell)[1:]:
            separators = line.count(delimiter)
            if separators >= max(1, width - 1) or (alone and separators >= half):
                return True
    return False


def _width(row: SourceRow, expected: int) -> int:
    """The row's field count; empty fields trailing past the headings' width aside (a
    spreadsheet writes them for a column formatted but left empty)."""
    cells = list(row.cells)
    while len(cells) > expected and cells[-1] in (None, ""):
        cells.pop()
    return len(cells)


def shape_problems(table: SourceTable, headings: Headings) -> tuple[Problem, ...]:
    """The rows below the headings whose shape says the file was read wrongly."""
    if table.format != "csv":
        return ()
    expected = len(table.rows[headings.position].cells)
    data = range(headings.data_position, len(table.rows))
    multiline = [index for index in data if _is_multiline(table.rows[index])]
    problems: list[Problem] = []
    for index in data:
        row = table.rows[index]
        if all(str(cell).strip() == "" for cell in row.cells):
            continue
        if index in multiline and _swallows_rows(
            row, table.delimiter or ",", expected, alone=len(multiline) == 1
        ):
            first, last = _span(table, index)
            problems.append(_problem(row.number, "csv_quote_spans_lines", first=first, last=last))
            continue
        found = _width(row, expected)
        if found != expected:
            problems.append(
                _problem(
                    row.number,
                    "csv_field_count",
                    found=found,
                    expected=expected,
                    delimiter=table.delimiter or ",",
                )
            )
    return tuple(problems)


def _span(table: SourceTable, index: int) -> tuple[int, int]:
    if index < len(table.line_spans):
        return table.line_spans[index]
    number = table.rows[index].number
    return number, number


def _problem(row: int, code: str, **params: object) -> Problem:
    return Problem(row=row, column="", code=code, params=MappingProxyType({"row": row, **params}))
