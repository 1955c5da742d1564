"""``lasem backup list`` and ``lasem backup restore N``: the automatic SQLite backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.text import Text

from lasem_tui import i18n
from lasem_tui.cli.common import Parser, UsageError, common, console, open_db, out_console


def register(sub: Any) -> None:
    """Add ``backup`` and its two subcommands."""
    backup = sub.add_parser("backup", help="the automatic backups of a SQLite database")
    common(backup)
    backup_sub = backup.add_subparsers(dest="backup_command", parser_class=Parser, required=True)
    listing = backup_sub.add_parser("list", help="list the backups of the database, newest first")
    common(listing)
    verifying = backup_sub.add_parser("verify", help="check every backup, and say what it holds")
    common(verifying)
    restoring = backup_sub.add_parser("restore", help="bring back backup N (see `backup list`)")
    common(restoring)
    restoring.add_argument("number", help="the backup's number in `lasem backup list`")
    restoring.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem backup``."""
    from lasem_tui.store import backup

    target = backup.sqlite_target(args.db)
    if args.backup_command == "list":
        return _backup_list(target)
    if args.backup_command == "verify":
        from lasem_tui.cli import backup_verify

        return backup_verify.run(target)
    return _backup_restore(target, args.number, assume_yes=args.yes)


def _backup_list(target: Path) -> int:
    from rich.table import Table

    from lasem_tui.domain.dates import format_date_plain
    from lasem_tui.store import backup

    backups = backup.list_backups(target)
    out = out_console()
    if not backups:
        out.print(i18n.t("backup_none", detail=target), markup=False)
        return 0
    table = Table(title=i18n.t("backup.title", source=target), title_justify="left")
    table.add_column(i18n.t("backup.col.number"), justify="right")
    table.add_column(i18n.t("backup.col.time"))
    table.add_column(i18n.t("backup.col.size"), justify="right")
    table.add_column(i18n.t("backup.col.reason"))
    table.add_column(i18n.t("backup.col.source"), overflow="fold")
    lang = i18n.get_language()
    for item in backups:
        moment = item.taken_at.astimezone()
        table.add_row(
            str(item.number),
            f"{format_date_plain(moment.date(), lang)} {moment:%H.%M.%S}",
            _size(item.size),
            i18n.t(f"backup.reason.{item.reason}"),
            Text(item.source),
        )
    out.print(table)
    return 0


def _size(size: int) -> str:
    from lasem_tui.domain.money import format_number

    if size >= 1 << 20:
        return f"{format_number(round(size / (1 << 20), 1))} MB"
    return f"{format_number(max(1, round(size / 1024)))} KB"


def _backup_restore(target: Path, number: str, *, assume_yes: bool) -> int:
    from lasem_tui.store import backup

    err = console()

    def confirm(chosen: backup.Backup) -> bool:
        if assume_yes:
            return True
        if not (sys.stdin.isatty() and err.is_terminal):
            raise UsageError(i18n.t("backup_needs_yes"))
        moment = chosen.taken_at.astimezone()
        question = i18n.t(
            "backup_confirm",
            number=chosen.number,
            time=f"{moment:%Y-%m-%d %H.%M.%S}",
            target=target,
        )
        answer = err.input(Text(question))
        return answer.strip().lower() in ("y", "ya", "yes")

    try:
        restored = backup.restore(target, number, confirm=confirm)
    except backup.RestoreCancelled:
        err.print(i18n.t("backup_cancelled"), markup=False)
        return 1
    err.print(i18n.t("backup_restored", number=restored.backup.number, target=target), markup=False)
    if restored.aside is not None:
        err.print(i18n.t("backup_aside", path=restored.aside), markup=False)
    # Open it once: the check that it works, and the migration of an older backup.
    open_db(str(target)).dispose()
    return 0
