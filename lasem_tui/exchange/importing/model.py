"""The plain values an import passes around: the table read, the problems, the preview.

Everything here is a frozen dataclass with no database or Textual in it, so that the
CLI prints it and a preview screen shows it from a worker thread alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from lasem_tui import i18n
from lasem_tui.store.errors import StoreError

#: A cell as read: text from a CSV; text, numbers, dates or None from a spreadsheet.
Cell = Any


class Severity(StrEnum):
    ERROR = "error"  # blocks the import
    WARNING = "warning"  # said, then imported anyway


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: where (file row, column) and what (an i18n key).

    ``row`` is the row number a spreadsheet shows (1 for the first line of the file);
    None when the problem is the file as a whole. ``column`` is the heading as written
    in the file, or for a missing column the name the import looks for; ``letter`` is
    the spreadsheet column letter when the column exists.
    """

    row: int | None
    column: str
    code: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    severity: Severity = Severity.ERROR
    letter: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self) -> str:
        """What is wrong, in the current language."""
        return i18n.t(f"import.{self.code}", **dict(self.params))

    def where(self) -> str:
        """``baris 7, kolom Anggaran (F)``, or the file as a whole."""
        if self.row is None and not self.column:
            return i18n.t("import.where_file")
        column = f"{self.column} ({self.letter})" if self.letter else self.column
        if self.row is None:
            return i18n.t("import.where_column", column=column)
        if not column:
            return i18n.t("import.where_row", row=self.row)
        return i18n.t("import.where_cell", row=self.row, column=column)


@dataclass(frozen=True)
class SourceRow:
    number: int  # the row number the file shows
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Merge:
    """A spreadsheet's merged range: file row numbers, and column indexes from 0 as in
    ``SourceRow.cells``. Kept so that a heading merged across its sub-headings is known."""

    first_row: int
    last_row: int
    first_column: int
    last_column: int

    def spans(self, row: int, index: int) -> bool:
        """Whether this range runs across columns and covers the cell (row, index)."""
        return (
            self.last_column > self.first_column
            and self.first_row <= row <= self.last_row
            and self.first_column <= index <= self.last_column
        )


@dataclass(frozen=True)
class SourceTable:
    """A file's first sheet (or the one named) as rows of cells, before any meaning."""

    name: str  # the file name, for messages and the event log
    format: str  # "csv" or "xlsx"
    rows: tuple[SourceRow, ...]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    merges: tuple[Merge, ...] = ()  # an XLSX sheet's merged ranges


@dataclass(frozen=True)
class Column:
    index: int  # position in the row, from 0
    letter: str  # A, B, ... as a spreadsheet names it
    heading: str  # as written in the file
    field: str | None  # the proposal field it feeds, or None when not recognised


@dataclass(frozen=True)
class Headings:
    """The heading row found in a table and what each of its columns means.

    Headings may take two rows ("Volume" over "Jumlah | Satuan"); ``row`` and
    ``position`` are then the upper one's and ``depth`` is 2.
    """

    row: int  # file row number
    position: int  # index of that row in ``SourceTable.rows``
    columns: tuple[Column, ...]
    own_export: bool = False  # the exact header ``lasem export csv`` writes
    depth: int = 1  # how many rows the headings take

    @property
    def data_position(self) -> int:
        """Index in ``SourceTable.rows`` of the first row below the headings."""
        return self.position + self.depth

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.field == name:
                return column
        return None


@dataclass(frozen=True)
class ImportRow:
    """One proposal ready to be written, with the village and issues already matched."""

    row: int
    village_id: int
    village: str
    ref: str
    title: str
    problem: str = ""
    location: str = ""
    volume: float | None = None
    unit: str = ""
    requested: int = 0
    agency: str = ""
    priority: int | None = None
    category: str = ""
    issue_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class VillageSummary:
    village_id: int
    name: str
    rows: int
    requested: int


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, read without writing anything."""

    meeting_id: int
    source: SourceTable
    headings: Headings | None
    rows: tuple[ImportRow, ...]
    problems: tuple[Problem, ...]
    rows_read: int
    default_village_id: int | None = None

    @property
    def file_name(self) -> str:
        return self.source.name

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """True when the import can be committed."""
        return not self.errors

    @property
    def villages(self) -> tuple[VillageSummary, ...]:
        """Per village (in the order first met in the file): rows and requested total."""
        order: dict[int, list] = {}
        for row in self.rows:
            entry = order.setdefault(row.village_id, [row.village, 0, 0])
            entry[1] += 1
            entry[2] += row.requested
        return tuple(
            VillageSummary(village_id, name, count, total)
            for village_id, (name, count, total) in order.items()
        )

    @property
    def total_requested(self) -> int:
        return sum(row.requested for row in self.rows)

    @property
    def rows_with_errors(self) -> int:
        return len({p.row for p in self.errors if p.row is not None})


@dataclass(frozen=True)
class ImportResult:
    """What a committed import wrote."""

    meeting_id: int
    file_name: str
    proposal_ids: tuple[int, ...]
    villages: tuple[VillageSummary, ...]
    total_requested: int
    event_id: int
    warnings: tuple[Problem, ...] = ()

    @property
    def count(self) -> int:
        return len(self.proposal_ids)


class ImportFileError(Exception):
    """The file cannot be read as a table at all (missing, not CSV/XLSX, no such sheet)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ImportRefusedError(StoreError):
    """The import found errors (at commit time, too); nothing was written."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        errors = tuple(p for p in problems if p.is_error)
        rows = len({p.row for p in errors if p.row is not None})
        # "in 0 rows" says nothing when the file as a whole is the problem.
        code = "import.refused" if rows else "import.refused_file"
        super().__init__(code, count=len(errors), rows=i18n.counted("count.rows", rows))
        self.problems = problems
