"""``lasem export``: the meeting's documents, written without changing the database."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

from lasem_tui import i18n
from lasem_tui.cli.common import UsageError, common, console, open_db, read_only_meeting_id

if TYPE_CHECKING:
    from lasem_tui.exchange.exports import ExportResult
    from lasem_tui.store.database import Database

FORMATS = (
    "md",
    "docx",
    "pdf",
    "xlsx",
    "csv",
    "attendance",
    "minutes",
    "slips",
    "forum-opd",
    "sipd",
    "geojson",
)


def register(sub: Any) -> None:
    """Add ``export`` to the subcommands."""
    export = sub.add_parser("export", help="export the meeting's documents")
    common(export)
    export.add_argument("format", choices=FORMATS)
    export.add_argument(
        "-o",
        "--output",
        help="file or folder to write (default: the documents folder; csv: standard output)",
    )
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--paper", choices=("a4", "f4"), default="a4", help="docx/pdf paper")
    export.add_argument("--excel", action="store_true", help="csv for Excel: semicolons, UTF-8 BOM")
    export.add_argument("--opd", help="forum-opd: only this OPD (agency)")


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem export``."""
    from lasem_tui.exchange.exports import ExportError, export

    # Read-only: an export never creates, migrates or changes a byte of the database.
    db = open_db(args.db, read_only=True)
    if args.format == "forum-opd":
        return _export_forum(db, args)
    meeting_id = read_only_meeting_id(db)
    if args.format == "csv" and args.output is None:
        _csv_to_stdout(db, meeting_id, excel=args.excel)
        return 0
    err = console()
    try:
        if err.is_terminal and args.format in ("docx", "pdf", "xlsx"):
            result = _export_with_bar(err, db, meeting_id, args)
        else:
            result = export(
                db,
                meeting_id,
                args.format,
                args.output,
                paper=args.paper,
                force=args.force,
                excel=args.excel,
            )
    except ExportError as exc:
        raise UsageError(i18n.t(exc.code, path=exc.path, detail=exc.detail)) from exc
    for path in result.paths:
        err.print(i18n.t("export.written", path=path), highlight=False)
    if result.unprintable:
        err.print(
            i18n.t("export.unprintable", count=len(result.unprintable), chars=result.unprintable),
            highlight=False,
            markup=False,
        )
    return 0


def _export_forum(db: Database, args: argparse.Namespace) -> int:
    """Every meeting in the database, per OPD: exchange/forum_opd."""
    from lasem_tui.exchange.exports import ExportError
    from lasem_tui.exchange.forum_opd import command

    try:
        command.run(db, args.output, agency=args.opd, force=args.force, console=console())
    except ExportError as exc:
        raise UsageError(i18n.t(exc.code, path=exc.path, detail=exc.detail)) from exc
    return 0


def _csv_to_stdout(db: Database, meeting_id: int, *, excel: bool) -> None:
    """The CSV on standard output. A full disk (``> /dev/full``) is a one-line error like
    any other unwritable target; a reader that left (``| head``) is not (see ``main``)."""
    from lasem_tui.exchange.csv_export import write_csv

    try:
        write_csv(db, meeting_id, sys.stdout, excel=excel)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _drop_stdout()
        raise UsageError(i18n.t("export_stdout_failed", detail=i18n.os_reason(exc))) from exc


def _drop_stdout() -> None:
    """Point standard output at the null device: what is still in its buffer would
    otherwise fail again in Python's last flush at exit, with a traceback after our line."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's capture): nothing is flushed to a disk at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)


def _export_with_bar(
    err: Console, db: Database, meeting_id: int, args: argparse.Namespace
) -> ExportResult:
    """The long exports with a progress bar, when standard error is a terminal."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from lasem_tui.exchange.exports import export

    label = i18n.t("export.progress", format=i18n.t(f"export.format.{args.format}"))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=100)
        return export(
            db,
            meeting_id,
            args.format,
            args.output,
            paper=args.paper,
            force=args.force,
            excel=args.excel,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
