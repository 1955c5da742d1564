"""The preview: read the file and check every row against the meeting; write nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import MappingProxyType

from lasem_tui import i18n
from lasem_tui.domain.importing.model import (
    ImportFileError,
    ImportPreview,
    Problem,
    Severity,
    SourceTable,
)
from lasem_tui.exchange.importing import headings as heading_rules
from lasem_tui.exchange.importing import sipd
from lasem_tui.exchange.importing.csv_shape import shape_problems
from lasem_tui.exchange.importing.limits import scale_problems
from lasem_tui.exchange.importing.rows import (
    heading_problems,
    validate,
)
from lasem_tui.exchange.importing.source import read_bytes, read_source
from lasem_tui.store import importing as store_importing
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.importing import ContextReader


def check(
    reader: ContextReader,
    table: SourceTable,
    *,
    default_village_id: int | None = None,
) -> ImportPreview:
    """Check a table already read against the meeting as ``reader``'s transaction sees
    it (the preview's read, or the commit's write: ``store.importing``)."""
    meeting_id = reader.meeting_id
    context = reader.meeting()
    if default_village_id is not None and all(v.id != default_village_id for v in context.villages):
        raise StoreError("village_missing")
    found = heading_rules.find_headings(table.rows, table.merges)
    if found is None:
        problems = _no_headings(table, default_village_id is not None)
        return ImportPreview(meeting_id, table, None, (), problems, 0, default_village_id)
    shape = shape_problems(table, found)
    if shape:
        # Rows read wrongly are not checked as proposals: nothing of the file is taken.
        return ImportPreview(meeting_id, table, found, (), shape, 0, default_village_id)
    # SIPD's columns, coordinates, a re-import by SIPD id, kamus suggestions.
    is_sipd = sipd.recognise(found).is_sipd
    extra = reader.sipd(sipd_export=is_sipd)
    if is_sipd:
        context = sipd.narrowed(context, extra)
    rows, problems, read = validate(table, found, context, default_village_id=default_village_id)
    rows, problems, outcome = sipd.apply(table, found, rows, problems, extra)
    existing = Counter(e.village_id for e in context.existing)
    problems = (*problems, *scale_problems(rows, existing), *sheet_notes(table))
    return ImportPreview(
        meeting_id, table, found, rows, problems, read, default_village_id, sipd=outcome
    )


def sheet_notes(table: SourceTable) -> tuple[Problem, ...]:
    """An XLSX file's other sheets, named (the hidden ones marked), so that reading one
    sheet of several is never done without a word."""
    others = [name for name in table.sheets if name != table.sheet]
    if table.format != "xlsx" or not others:
        return ()
    marked = [
        i18n.t("import.sheet_hidden_mark", sheet=name) if name in table.hidden_sheets else name
        for name in others
    ]
    return (
        Problem(
            row=None,
            column="",
            code="sheet_others",
            params=MappingProxyType({"others": ", ".join(marked)}),
            severity=Severity.WARNING,
        ),
    )


def _no_headings(table: SourceTable, has_default_village: bool) -> tuple[Problem, ...]:
    """Why no heading row was found: the columns missing from the likeliest row, or
    (when no row names any field) that none was found."""
    likeliest = heading_rules.likeliest_headings(table.rows)
    if likeliest is None:
        return (Problem(row=None, column="", code="no_headings"),)
    return tuple(heading_problems(likeliest, has_default_village))


def _file_problem(exc: ImportFileError) -> Problem:
    return Problem(
        row=None,
        column="",
        code=exc.code,
        params=MappingProxyType(dict(exc.params)),
        severity=Severity.ERROR,
    )


def preview(
    db: Database,
    meeting_id: int,
    path: str | Path,
    *,
    sheet: str | None = None,
    village_id: int | None = None,
) -> ImportPreview:
    """Read ``path`` (CSV or XLSX) and check it against the meeting, writing nothing.

    A file that cannot be read at all gives a preview with that one problem. With
    ``village_id`` a file without a village column (one village's own recap) goes to
    that village.
    """
    try:
        table = read_source(path, sheet=sheet)
    except ImportFileError as exc:
        empty = SourceTable(name=Path(path).name, format="", rows=())
        return ImportPreview(meeting_id, empty, None, (), (_file_problem(exc),), 0, village_id)
    return _checked(db, meeting_id, table, village_id)


def preview_bytes(
    db: Database,
    meeting_id: int,
    data: bytes,
    name: str,
    *,
    sheet: str | None = None,
    village_id: int | None = None,
) -> ImportPreview:
    """``preview`` for a file already in memory; ``name`` is shown in messages."""
    try:
        table = read_bytes(data, name, sheet=sheet)
    except ImportFileError as exc:
        empty = SourceTable(name=name, format="", rows=())
        return ImportPreview(meeting_id, empty, None, (), (_file_problem(exc),), 0, village_id)
    return _checked(db, meeting_id, table, village_id)


def _checked(
    db: Database, meeting_id: int, table: SourceTable, village_id: int | None
) -> ImportPreview:
    with store_importing.reading(db, meeting_id) as reader:
        return check(reader, table, default_village_id=village_id)
