"""``lasem import``: the preview and the commit told to a person, with rich tables.

Problems go to standard error as a table (row, column, what is wrong) followed by a
one-line summary; the exit status is 2 and the database is untouched. A good file
gets a short per-village summary on standard output.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlmodel import select

from lasem_tui import i18n
from lasem_tui.domain.money import format_rupiah
from lasem_tui.exchange.importing.commit import commit
from lasem_tui.exchange.importing.model import (
    ImportPreview,
    ImportRefusedError,
    Problem,
    VillageSummary,
)
from lasem_tui.exchange.importing.preview import preview
from lasem_tui.exchange.importing.rows import village_key
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting, Reviewer, Village

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
        table.add_row("" if problem.row is None else str(problem.row), column, problem.message())
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


def _meeting(db: Database, meeting_id: int | None) -> int:
    with db.read() as session:
        if meeting_id is None:
            found = queries.current_meeting_id(session)
            if found is None:
                raise ImportUsageError(i18n.t("no_meeting"))
            return found
        if session.get(Meeting, meeting_id) is None:
            raise ImportUsageError(i18n.t("meeting_missing"))
        return meeting_id


def _village(db: Database, meeting_id: int, name: str | None) -> int | None:
    if not name:
        return None
    with db.read() as session:
        for village in session.exec(select(Village).where(Village.meeting_id == meeting_id)):
            if village_key(village.name) == village_key(name):
                return village.id
    raise ImportUsageError(f"{i18n.t('village_missing')}: {name}")


def _reviewer(db: Database, meeting_id: int, name: str | None) -> int | None:
    if not name:
        return None
    with db.read() as session:
        for reviewer in session.exec(select(Reviewer).where(Reviewer.meeting_id == meeting_id)):
            if reviewer.name.casefold().strip() == name.casefold().strip():
                return reviewer.id
    raise ImportUsageError(f"{i18n.t('no_reviewer')}: {name}")


def _refuse(err: Console, result: ImportPreview | None, problems: tuple[Problem, ...]) -> int:
    name = result.file_name if result else ""
    errors = tuple(p for p in problems if p.is_error)
    err.print(problems_table(errors, i18n.t("import.problems_title", file=name)))
    if any(p.code == "column_missing" for p in errors):
        # The headings not understood are most likely the missing column, misworded.
        ignored = tuple(p for p in problems if p.code == "column_ignored")
        if ignored:
            err.print(problems_table(ignored, i18n.t("import.warnings_title", file=name)))
    refused = ImportRefusedError(problems)
    err.print(f"[bold red]lasem:[/] {i18n.t(refused.code, **refused.params)}")
    return EXIT_BAD_INPUT


def run(
    db: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    sheet: str | None = None,
    village: str | None = None,
    reviewer: str | None = None,
    meeting_id: int | None = None,
    out: Console,
    err: Console,
) -> int:
    """Preview the file, then (unless ``dry_run``) commit it; returns the exit status."""
    meeting = _meeting(db, meeting_id)
    village_id = _village(db, meeting, village)
    reviewer_id = _reviewer(db, meeting, reviewer)
    result = preview(db, meeting, path, sheet=sheet, village_id=village_id)
    if not result.ok:
        return _refuse(err, result, result.problems)
    if result.warnings:
        err.print(
            problems_table(result.warnings, i18n.t("import.warnings_title", file=result.file_name))
        )
    summary = {
        "count": len(result.rows),
        "file": result.file_name,
        "villages": i18n.counted("count.villages", len(result.villages)),
        "total": format_rupiah(result.total_requested),
    }
    if dry_run:
        out.print(villages_table(result.villages))
        out.print(i18n.t("import.dry_run", **summary))
        return EXIT_OK
    try:
        done = commit(db, result, reviewer_id=reviewer_id)
    except ImportRefusedError as exc:
        return _refuse(err, result, exc.problems)
    out.print(villages_table(done.villages))
    out.print(i18n.t("import.done", **summary))
    return EXIT_OK
