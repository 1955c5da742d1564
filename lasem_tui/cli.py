"""The ``lasem`` command: every subcommand in one place (see DESIGN.md).

The headless commands never import Textual; the UI is imported only to open it.
Exit status 0 on success and 2 on bad input, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from lasem_tui import i18n, settings
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import AmountError
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the command line; the message is already in the user's language."""


def _console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> int:
    _console().print(f"[bold red]lasem:[/] {message}", markup=True)
    return EXIT_BAD_INPUT


def _message_of(exc: Exception) -> str:
    if isinstance(exc, DatabaseError):
        return i18n.t(exc.code, detail=exc.detail)
    if isinstance(exc, StoreError | DecisionError):
        return i18n.t(exc.code, **exc.params)
    if isinstance(exc, AmountError):
        return f"{i18n.t(exc.code)}: {exc.text!r}"
    return str(exc)


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        _fail(f"{self.prog}: {message}")
        raise SystemExit(EXIT_BAD_INPUT)


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # On subcommands the defaults are suppressed so that `lasem --db X demo` keeps X.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", default=default, help="SQLite path or SQLAlchemy URL (default: the user data dir)"
    )
    parser.add_argument(
        "--lang", default=default, choices=i18n.LANGUAGES, help="interface language (id, en)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lasem", description="Lasem desk: Musrenbang desk sessions")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write the Lasem demo meeting and open it")
    _common(demo)
    demo.add_argument("--stage", choices=("fresh", "midway", "done"), default="fresh")
    demo.add_argument("--no-open", action="store_true", help="write the demo and exit")

    export = sub.add_parser("export", help="export the meeting's documents")
    _common(export)
    export.add_argument("format", choices=("csv",))
    export.add_argument("-o", "--output", help="file to write (default: standard output for csv)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--excel", action="store_true", help="csv for Excel: semicolons, UTF-8 BOM")

    imp = sub.add_parser("import", help="import a village recap (CSV or XLSX), all or nothing")
    _common(imp)
    imp.add_argument("file", help="the recap: .csv (comma or semicolon) or .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="check the file and write nothing")
    imp.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")
    imp.add_argument("--village", help="the village of a recap without a village column")
    imp.add_argument("--reviewer", help="who imports (default: the reviewer at the keyboard)")
    imp.add_argument("--meeting", type=int, help="the meeting's id (default: the current one)")
    return parser


def _open(db_arg: str | None):  # type: ignore[no-untyped-def]
    from lasem_tui.store.database import open_database

    return open_database(db_arg)


def _meeting_id(db) -> int:  # type: ignore[no-untyped-def]
    from lasem_tui.store import meetings

    meeting_id = meetings.open_meeting(db)
    if meeting_id is None:
        raise UsageError(i18n.t("no_meeting"))
    return meeting_id


def cmd_open(args: argparse.Namespace) -> int:
    from lasem_tui.store import meetings

    db = _open(args.db)
    # No meeting yet: the app offers the Lasem template, an empty meeting or the demo.
    return _run_app(db, meetings.open_meeting(db))


def _run_app(db, meeting_id: int | None) -> int:  # type: ignore[no-untyped-def]
    from lasem_tui.ui.app import LasemApp

    LasemApp(db, meeting_id).run()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from lasem_tui.store import demo

    target = args.db
    if not target:
        folder = Path(tempfile.mkdtemp(prefix="lasem-demo-"))
        target = str(folder / "lasem-demo.db")
    db = _open(target)
    meeting_id = demo.write_demo(db, demo.Stage(args.stage))
    if args.no_open:
        _console().print(f"{db.url}")
        return 0
    return _run_app(db, meeting_id)


def cmd_export(args: argparse.Namespace) -> int:
    from lasem_tui.exchange.csv_export import write_csv

    db = _open(args.db)
    meeting_id = _meeting_id(db)
    if args.output is None:
        write_csv(db, meeting_id, sys.stdout, excel=args.excel)
        return 0
    path = Path(args.output)
    if path.exists() and not args.force:
        raise UsageError(f"{path}: sudah ada; pakai --force untuk menimpa")
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            count = write_csv(db, meeting_id, out, excel=args.excel)
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    _console().print(f"{count} usulan -> {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from lasem_tui.exchange.importing import report

    db = _open(args.db)
    try:
        return report.run(
            db,
            args.file,
            dry_run=args.dry_run,
            sheet=args.sheet,
            village=args.village,
            reviewer=args.reviewer,
            meeting_id=args.meeting,
            out=Console(highlight=False, soft_wrap=True),
            err=_console(),
        )
    except report.ImportUsageError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_open,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage error (already printed) or --help
        return int(exc.code or 0)
    i18n.set_language(args.lang or settings.load().lang)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        return _fail(str(exc))
    except (DatabaseError, StoreError, DecisionError, AmountError) as exc:
        return _fail(_message_of(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `lasem export csv | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return 0
