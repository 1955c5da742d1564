"""``lasem import``: a village recap (CSV or XLSX), all or nothing."""

from __future__ import annotations

import argparse
from typing import Any

from lasem_tui import i18n
from lasem_tui.cli.common import (
    UsageError,
    common,
    console,
    open_db,
    out_console,
    say_fixed_modes,
    warn,
)


def register(sub: Any) -> None:
    """Add ``import`` to the subcommands."""
    imp = sub.add_parser("import", help="import a village recap (CSV or XLSX), all or nothing")
    common(imp)
    imp.add_argument("file", help="the recap: .csv (comma or semicolon) or .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="check the file and write nothing")
    imp.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")
    imp.add_argument("--village", help="the village of a recap without a village column")
    imp.add_argument("--reviewer", help="who imports (default: the reviewer at the keyboard)")
    imp.add_argument("--meeting", type=int, help="the meeting's id (default: the current one)")
    imp.add_argument("--problems", metavar="FILE", help="write every problem found to this CSV")
    imp.add_argument(
        "--apply-changes",
        action="store_true",
        help="SIPD re-import: write the changed rows over their undecided proposals",
    )
    imp.add_argument(
        "--link-kamus", action="store_true", help="link each new row to its closest kamus entry"
    )


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem import``; the report prints what was read and written."""
    from lasem_tui.cli import import_report as report
    from lasem_tui.store.backup import backup_before_import

    db = open_db(args.db, create=False)
    if not args.dry_run:
        failure = backup_before_import(db)
        say_fixed_modes()
        if failure is not None:
            warn(i18n.t("backup_warning_desk", detail=failure.detail))
    try:
        return report.run(
            db,
            args.file,
            dry_run=args.dry_run,
            sheet=args.sheet,
            village=args.village,
            reviewer=args.reviewer,
            meeting_id=args.meeting,
            problems_file=args.problems,
            out=out_console(),
            err=console(),
            apply_changes=args.apply_changes,
            link_kamus=args.link_kamus,
        )
    except report.ImportUsageError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
