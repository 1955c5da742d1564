"""``lasem import``: the preview and the commit told to a person, with rich tables.

Problems go to standard error as a table (row, column, what is wrong) followed by a
one-line summary; the exit status is 2 and the database is untouched. A good file
gets a short per-village summary on standard output.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from lasem_tui import i18n
from lasem_tui.cli import import_sipd_report as sipd_report
from lasem_tui.domain.importing.model import (
    ImportPreview,
    Problem,
    VillageSummary,
)
from lasem_tui.domain.money import format_rupiah
from lasem_tui.exchange.importing import words
from lasem_tui.exchange.importing.commit import commit
from lasem_tui.exchange.importing.preview import preview
from lasem_tui.exchange.importing.problems_csv import write_problems
from lasem_tui.exchange.importing.rows import village_key
from lasem_tui.store import importing as store_importing
from lasem_tui.store.database import Database
from lasem_tui.store.errors import ImportRefusedError

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class ImportUsageError(Exception):
    """A bad option (unknown meeting, village or reviewer); the message is translated."""


def problems_table(problems: tuple[Problem, ...], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column(i18n.t("import.col_row"), justify="right", no_wrap=True)
    table.add_column(i18n.t("import.col_column"), overflow="fold")
    table.add_column(i18n.t("import.col_problem"), overflow="fold")
    for problem in problems:
        column = f"{problem.column} ({problem.letter})" if problem.letter else problem.column
        table.add_row(
            "" if problem.row is None else str(problem.row), column, words.message(problem)
        )
    return table


def villages_table(villages: tuple[VillageSummary, ...]) -> Table:
    table = Table(show_footer=len(villages) > 1)
    total_rows = sum(v.rows for v in villages)
    total = sum(v.requested for v in villages)
    table.add_column(i18n.t("import.col_village"), footer=i18n.t("import.col_total"))
    table.add_column(i18n.t("import.col_rows"), justify="right", footer=str(total_rows))
    table.add_column(i18n.t("import.col_requested"), justify="right", footer=format_rupiah(total))
    for village in villages:
        table.add_row(village.name, str(village.rows), format_rupiah(village.requested))
    return table


def meeting_of(db: Database, meeting_id: int | None) -> int:
    """``--meeting`` (or the current meeting), refused in one line when there is none."""
    found = store_importing.meeting_of(db, meeting_id)
    if found is None:
        raise ImportUsageError(i18n.t("no_meeting" if meeting_id is None else "meeting_missing"))
    return found


def _village(db: Database, meeting_id: int, name: str | None) -> int | None:
    if not name:
        return None
    for village_id, village_name in store_importing.village_names(db, meeting_id):
        if village_key(village_name) == village_key(name):
            return village_id
    raise ImportUsageError(f"{i18n.t('village_missing')}: {name}")


def reviewer_named(db: Database, meeting_id: int, name: str | None) -> int | None:
    """``--reviewer``: the meeting's reviewer of that name (None when not given)."""
    if not name:
        return None
    for reviewer_id, reviewer_name in store_importing.reviewer_names(db, meeting_id):
        if reviewer_name.casefold().strip() == name.casefold().strip():
            return reviewer_id
    raise ImportUsageError(f"{i18n.t('no_reviewer')}: {name}")


#: The problems printed on the terminal; the rest are counted (all: ``--problems``).
SHOWN_PROBLEMS = 100


def _refuse(
    err: Console,
    result: ImportPreview | None,
    problems: tuple[Problem, ...],
    problems_file: str | None = None,
) -> int:
    name = result.file_name if result else ""
    errors = tuple(p for p in problems if p.is_error)
    err.print(problems_table(errors[:SHOWN_PROBLEMS], i18n.t("import.problems_title", file=name)))
    if len(errors) > SHOWN_PROBLEMS:
        err.print(i18n.t("import.more_problems", count=len(errors) - SHOWN_PROBLEMS), markup=False)
    if problems_file:
        _write_problems(err, problems_file, problems)
    if any(p.code == "column_missing" for p in errors):
        # The headings not understood are most likely the missing column, misworded.
        ignored = tuple(p for p in problems if p.code == "column_ignored")
        if ignored:
            err.print(problems_table(ignored, i18n.t("import.warnings_title", file=name)))
    refused = ImportRefusedError(problems)
    err.print(f"[bold red]lasem:[/] {i18n.t(refused.code, **refused.params)}")
    return EXIT_BAD_INPUT


def _write_problems(err: Console, path: str, problems: tuple[Problem, ...]) -> None:
    try:
        count = write_problems(path, problems)
    except (OSError, ValueError) as exc:
        detail = i18n.os_reason(exc) if isinstance(exc, OSError) else str(exc)
        err.print(i18n.t("import.problems_unwritable", path=path, detail=detail), markup=False)
        return
    err.print(i18n.t("import.problems_written", count=count, path=path), markup=False)


def run(
    db: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    sheet: str | None = None,
    village: str | None = None,
    reviewer: str | None = None,
    meeting_id: int | None = None,
    problems_file: str | None = None,
    out: Console,
    err: Console,
    apply_changes: bool = False,
    link_kamus: bool = False,
) -> int:
    """Preview the file, then (unless ``dry_run``) commit it; returns the exit status.

    ``apply_changes`` and ``link_kamus``: see ``commit`` (a SIPD re-import's changes,
    the kamus suggestions); what they would do is printed first (``sipd_report``)."""
    meeting = meeting_of(db, meeting_id)
    village_id = _village(db, meeting, village)
    reviewer_id = reviewer_named(db, meeting, reviewer)
    result = preview(db, meeting, path, sheet=sheet, village_id=village_id)
    if result.source.format == "xlsx":
        # Which sheet was read, and the others, whatever the outcome.
        err.print(i18n.t("import.sheet_read", sheet=result.source.sheet), markup=False)
        for note in (p for p in result.warnings if p.code == "sheet_others"):
            err.print(words.message(note), markup=False)
    if not result.ok:
        return _refuse(err, result, result.problems, problems_file)
    warnings = tuple(p for p in result.warnings if p.code != "sheet_others")
    if warnings:
        err.print(problems_table(warnings, i18n.t("import.warnings_title", file=result.file_name)))
    if problems_file:
        _write_problems(err, problems_file, result.problems)
    summary = {
        "count": len(result.rows),
        "file": result.file_name,
        "villages": i18n.counted("count.villages", len(result.villages)),
        "total": format_rupiah(result.total_requested),
    }
    sipd_report.print_preview(out, result, apply_changes=apply_changes, link_kamus=link_kamus)
    if dry_run:
        out.print(villages_table(result.villages))
        out.print(i18n.t("import.dry_run", **summary))
        return EXIT_OK
    try:
        done = commit(
            db,
            result,
            reviewer_id=reviewer_id,
            apply_changes=apply_changes,
            link_kamus=link_kamus,
        )
    except ImportRefusedError as exc:
        return _refuse(err, result, exc.problems, problems_file)
    out.print(villages_table(done.villages))
    out.print(i18n.t("import.done", **summary))
    sipd_report.print_done(out, done)
    return EXIT_OK
