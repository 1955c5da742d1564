"""The ``lasem`` command: every subcommand in one place (see DESIGN.md).

The headless commands never import Textual; the UI is imported only to open it.
Exit status 0 on success and 2 on bad input, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from lasem_tui import i18n, plan_command, settings
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import AmountError
from lasem_tui.store.engine import DatabaseError

if TYPE_CHECKING:
    from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the command line; the message is already in the user's language."""


def _console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> int:
    # Assembled, not marked up: a path or a typed value with "[" in it stays as it is.
    _console().print(Text.assemble(("lasem:", "bold red"), " ", message))
    return EXIT_BAD_INPUT


def _message_of(exc: Exception) -> str:
    if isinstance(exc, DatabaseError):
        params = getattr(exc, "params", None) or {"detail": exc.detail}
        return i18n.t(exc.code, **params)
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
    export.add_argument(
        "format",
        choices=(
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
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        help="file or folder to write (default: the documents folder; csv: standard output)",
    )
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--paper", choices=("a4", "f4"), default="a4", help="docx/pdf paper")
    export.add_argument("--excel", action="store_true", help="csv for Excel: semicolons, UTF-8 BOM")
    export.add_argument("--opd", help="forum-opd: only this OPD (agency)")

    imp = sub.add_parser("import", help="import a village recap (CSV or XLSX), all or nothing")
    _common(imp)
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
    from lasem_tui import cli_kamus

    cli_kamus.register(sub, _common)
    projector = sub.add_parser(
        "projector", help="the read-only projector view, live from the database"
    )
    _common(projector)
    projector.add_argument(
        "--regency", action="store_true", help="the regency overview: every meeting at once"
    )

    serve = sub.add_parser(
        "serve", help="serve the projector (or with --desk the desk) in a web browser"
    )
    _common(serve)
    serve.add_argument(
        "--host", default=LOOPBACK, help="address to listen on (default: this computer only)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve.add_argument("--desk", action="store_true", help="serve the full desk, not the projector")
    serve.add_argument(
        "--public", action="store_true", help="the projector without the secret, for room screens"
    )
    serve.add_argument("--max-sessions", type=int, default=3, help="sessions at once (default: 3)")
    serve.add_argument(
        "--idle-minutes", type=int, default=30, help="close a desk session unused this long"
    )

    push = sub.add_parser("push", help="copy a laptop's meeting to the regency's server")
    _common(push)
    push.add_argument("--to", required=True, help="the server's URL (or another SQLite file)")
    push.add_argument("--meeting", help="title or UUID (default: the meeting opened last)")
    push.add_argument("--dry-run", action="store_true", help="show what would be sent")
    pull = sub.add_parser("pull", help="copy a meeting from the regency's server to --db")
    _common(pull)
    pull.add_argument("--from", dest="source", required=True, help="the server's URL")
    pull.add_argument("--meeting", required=True, help="title or UUID of the meeting")
    pull.add_argument("--dry-run", action="store_true", help="show what would be taken")
    plan_command.register(sub, _common)

    backup = sub.add_parser("backup", help="the automatic backups of a SQLite database")
    _common(backup)
    backup_sub = backup.add_subparsers(dest="backup_command", parser_class=_Parser, required=True)
    listing = backup_sub.add_parser("list", help="list the backups of the database, newest first")
    _common(listing)
    verifying = backup_sub.add_parser("verify", help="check every backup, and say what it holds")
    _common(verifying)
    restoring = backup_sub.add_parser("restore", help="bring back backup N (see `backup list`)")
    _common(restoring)
    restoring.add_argument("number", help="the backup's number in `lasem backup list`")
    restoring.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    return parser


LOOPBACK = "127.0.0.1"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {text!r}")
    return port


#: Databases this run opened; all closed when the command ends.
_opened: list[Database] = []


def _open(  # type: ignore[no-untyped-def]
    db_arg: str | None, *, read_only: bool = False, create: bool = True
):
    """Open ``--db``; ``read_only`` for a process beside the desk, which must neither
    create the database nor migrate it under the desks that use it. Without ``create``
    (a command that needs a meeting already there) a mistyped path is said instead of
    leaving an empty database file behind; only the app and the demo start one."""
    from lasem_tui.store.database import open_database

    db = open_database(db_arg, read_only=read_only, create=create)
    _opened.append(db)
    _say_fixed_modes()
    return db


def _say_fixed_modes() -> None:
    """Files an older version left readable by others, tightened now: said once."""
    from lasem_tui.store.file_modes import take_fixed

    fixed = take_fixed()
    if fixed:
        paths = ", ".join(str(path) for path in fixed)
        _console().print(
            Text.assemble(("lasem:", "yellow"), " ", i18n.t("perm.fixed", paths=paths))
        )


def _close_all() -> None:
    """Close every connection: the last one out folds SQLite's WAL back into the main
    file, so that the ``.db`` alone is the whole meeting when it is copied afterwards."""
    from sqlalchemy.exc import SQLAlchemyError

    while _opened:
        # A checkpoint that cannot be written now is done by the next opening.
        with contextlib.suppress(SQLAlchemyError, sqlite3.Error, OSError):
            _opened.pop().dispose()


def _meeting_id(db) -> int:  # type: ignore[no-untyped-def]
    from lasem_tui.store import meetings

    meeting_id = meetings.open_meeting(db)
    if meeting_id is None:
        raise UsageError(i18n.t("no_meeting"))
    return meeting_id


def cmd_open(args: argparse.Namespace) -> int:
    from lasem_tui.store import meetings

    db = _open(args.db)
    meeting_id = meetings.open_meeting(db)
    notice = _backup_failure(db) if meeting_id is not None else None
    # No meeting yet: the app offers the Lasem template, an empty meeting or the demo.
    return _run_app(db, meeting_id, notice)


def _backup_failure(db, reason: str = "open") -> str | None:  # type: ignore[no-untyped-def]
    """A backup each time a meeting is opened; failing to make one is not fatal (the
    meeting goes on, the database itself was not touched). Returns the warning for the
    desk to show: printed before the interface starts, it was never seen."""
    from lasem_tui.store.backup import BackupError, take_backup

    try:
        take_backup(db, reason)
        _say_fixed_modes()
    except BackupError as exc:
        return i18n.t("backup_warning_desk", detail=exc.detail)
    return None


def _backup_on_open(db, reason: str = "open") -> None:  # type: ignore[no-untyped-def]
    """The same, for a command without a desk: the warning is printed."""
    notice = _backup_failure(db, reason)
    if notice is not None:
        _console().print(Text.assemble(("lasem:", "yellow"), " ", notice))


def _run_app(db, meeting_id: int | None, notice: str | None = None) -> int:  # type: ignore[no-untyped-def]
    from lasem_tui.ui.app import LasemApp

    LasemApp(db, meeting_id, startup_notice=notice).run()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from lasem_tui.store import demo

    target = args.db
    if not target:
        folder = Path(tempfile.mkdtemp(prefix="lasem-demo-"))
        target = str(folder / "lasem-demo.db")
    db = _open(target)
    notice = None
    if args.db and _has_meeting(db):
        # The demo is added to a database the user named, which may hold a real
        # meeting: back it up first. A throwaway demo file needs no backup.
        notice = _backup_failure(db)
    # Run twice on one file, the second demo is named apart from the first.
    meeting_id = demo.write_demo(db, demo.Stage(args.stage), title=demo.title_apart(db))
    if args.no_open:
        if notice is not None:
            _console().print(Text.assemble(("lasem:", "yellow"), " ", notice))
        _console().print(f"{db.url}")
        return 0
    code = _run_app(db, meeting_id, notice)
    if not args.db:
        _console().print(Text(i18n.t("demo.where", path=target)))
    return code


def cmd_export(args: argparse.Namespace) -> int:
    from lasem_tui.exchange.exports import ExportError, export

    # Read-only: an export never creates, migrates or changes a byte of the database.
    db = _open(args.db, read_only=True)
    if args.format == "forum-opd":
        return _export_forum(db, args)
    meeting_id = _read_only_meeting_id(db)
    if args.format == "csv" and args.output is None:
        _csv_to_stdout(db, meeting_id, excel=args.excel)
        return 0
    console = _console()
    try:
        if console.is_terminal and args.format in ("docx", "pdf", "xlsx"):
            result = _export_with_bar(console, db, meeting_id, args)
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
        console.print(i18n.t("export.written", path=path), highlight=False)
    return 0


def _export_forum(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """Every meeting in the database, per OPD: exchange/forum_opd."""
    from lasem_tui.exchange.exports import ExportError
    from lasem_tui.exchange.forum_opd import command

    try:
        command.run(db, args.output, agency=args.opd, force=args.force, console=_console())
    except ExportError as exc:
        raise UsageError(i18n.t(exc.code, path=exc.path, detail=exc.detail)) from exc
    return 0


def _csv_to_stdout(db, meeting_id: int, *, excel: bool) -> None:  # type: ignore[no-untyped-def]
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


def cmd_import(args: argparse.Namespace) -> int:
    from lasem_tui.exchange.importing import report

    db = _open(args.db, create=False)
    if not args.dry_run and _has_meeting(db):
        # An import writes hundreds of rows at once: keep the meeting as it was before.
        _backup_on_open(db, "import")
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
            out=Console(highlight=False, soft_wrap=True),
            err=_console(),
            apply_changes=args.apply_changes,
            link_kamus=args.link_kamus,
        )
    except report.ImportUsageError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()


def cmd_kamus(args: argparse.Namespace) -> int:
    from lasem_tui import cli_kamus

    db = _open(args.db, create=False)
    return cli_kamus.run(db, args, out=Console(highlight=False, soft_wrap=True), err=_console())


def _export_with_bar(console: Console, db, meeting_id: int, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from lasem_tui.exchange.exports import export

    label = i18n.t("export.progress", format=i18n.t(f"export.format.{args.format}"))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
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


def _read_only_meeting_id(db) -> int:  # type: ignore[no-untyped-def]
    """The meeting the desk has open, found without writing anything."""
    from lasem_tui.store import queries

    with db.read() as session:
        meeting_id = queries.current_meeting_id(session)
    if meeting_id is None:
        raise UsageError(i18n.t("no_meeting"))
    return meeting_id


def cmd_projector(args: argparse.Namespace) -> int:
    db = _open(args.db, read_only=True)
    if args.regency:
        from lasem_tui.ui.regency.projector import RegencyProjectorApp

        RegencyProjectorApp(db).run()
        return 0
    meeting_id = _read_only_meeting_id(db)
    from lasem_tui.ui.projector_app import ProjectorApp

    ProjectorApp(db, meeting_id).run()
    return 0


def serve_command(db_url: str, lang: str, *, desk: bool) -> str:
    """The command textual-serve runs (through the shell) for each browser that connects."""
    argv = [sys.executable, "-m", "lasem_tui", "--db", db_url, "--lang", lang]
    if not desk:
        argv.append("projector")
    if os.name == "nt":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from lasem_tui.store.engine import database_url

    url = database_url(args.db)
    # The served desk opens (and migrates) the database itself, as `lasem` does; the
    # projector only reads it, so it is checked here as the projector will open it.
    # Neither is served from a database that is not there: serving needs its meeting.
    db = _open(url, read_only=not args.desk, create=False)
    try:
        _read_only_meeting_id(db)
    finally:
        db.dispose()
    from lasem_tui import serve_guard

    command = serve_command(url, i18n.get_language(), desk=args.desk)
    try:
        return serve_guard.run(args, command, url, loopback=is_loopback(args.host))
    except serve_guard.ServeError as exc:
        raise UsageError(str(exc)) from exc


def _has_meeting(db) -> bool:  # type: ignore[no-untyped-def]
    from lasem_tui.store import queries

    with db.read() as session:
        return queries.current_meeting_id(session) is not None


def cmd_backup(args: argparse.Namespace) -> int:
    from lasem_tui.store import backup

    target = backup.sqlite_target(args.db)
    if args.backup_command == "list":
        return _backup_list(target)
    if args.backup_command == "verify":
        from lasem_tui import backup_verify_cli

        return backup_verify_cli.run(target)
    return _backup_restore(target, args.number, assume_yes=args.yes)


def _backup_list(target: Path) -> int:
    from rich.table import Table

    from lasem_tui.domain.dates import format_date_plain
    from lasem_tui.store import backup

    backups = backup.list_backups(target)
    out = Console(highlight=False, soft_wrap=True)
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

    console = _console()

    def confirm(chosen: backup.Backup) -> bool:
        if assume_yes:
            return True
        if not (sys.stdin.isatty() and console.is_terminal):
            raise UsageError(i18n.t("backup_needs_yes"))
        moment = chosen.taken_at.astimezone()
        question = i18n.t(
            "backup_confirm",
            number=chosen.number,
            time=f"{moment:%Y-%m-%d %H.%M.%S}",
            target=target,
        )
        answer = console.input(Text(question))
        return answer.strip().lower() in ("y", "ya", "yes")

    try:
        restored = backup.restore(target, number, confirm=confirm)
    except backup.RestoreCancelled:
        console.print(i18n.t("backup_cancelled"), markup=False)
        return 1
    console.print(
        i18n.t("backup_restored", number=restored.backup.number, target=target), markup=False
    )
    if restored.aside is not None:
        console.print(i18n.t("backup_aside", path=restored.aside), markup=False)
    # Open it once: the check that it works, and the migration of an older backup.
    _open(str(target)).dispose()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from lasem_tui.exchange.sync import command

    try:
        return command.main(args, _open)
    except command.SyncUsageError as exc:
        raise UsageError(str(exc)) from exc


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_open,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
    "projector": cmd_projector,
    "serve": cmd_serve,
    "backup": cmd_backup,
    "push": cmd_sync,
    "pull": cmd_sync,
    "plan": plan_command.run,
    "kamus": cmd_kamus,
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
    finally:
        _close_all()
