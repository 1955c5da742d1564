"""``lasem`` (open the desk) and ``lasem demo`` (write the demo meeting, then open it)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from lasem_tui import i18n
from lasem_tui.cli.common import (
    backup_failure,
    backup_in_background,
    common,
    console,
    has_meeting,
    open_db,
    warn,
)

if TYPE_CHECKING:
    from lasem_tui.store.database import Database


def register(sub: Any) -> None:
    """Add ``demo`` to the subcommands (the bare ``lasem`` needs no registration)."""
    demo = sub.add_parser("demo", help="write the Lasem demo meeting and open it")
    common(demo)
    demo.add_argument("--stage", choices=("fresh", "midway", "done"), default="fresh")
    demo.add_argument("--no-open", action="store_true", help="write the demo and exit")


def run_app(
    db: Database,
    meeting_id: int | None,
    notice: str | Callable[[], str | None] | None = None,
) -> int:
    """Run the desk; the only place the CLI imports Textual. ``notice`` may be a call
    that waits for the backup started as the meeting was opened, asked once the desk
    has painted."""
    from lasem_tui.ui.app import LasemApp

    LasemApp(db, meeting_id, startup_notice=notice).run()
    return 0


def run_open(args: argparse.Namespace) -> int:
    """The bare ``lasem``: open the meeting the database holds, backed up as the desk
    starts (on its own thread, beside the interface's start; see ``BackgroundBackup``)."""
    from lasem_tui.store import meetings

    db = open_db(args.db)
    meeting_id = meetings.open_meeting(db)
    notice = backup_in_background(db) if meeting_id is not None else None
    try:
        # No meeting yet: the app offers the Lasem template, an empty meeting or the demo.
        return run_app(db, meeting_id, notice)
    finally:
        if notice is not None:
            notice()  # waits: a backup is never cut short by a quick quit


def run_demo(args: argparse.Namespace) -> int:
    """``lasem demo``: a throwaway database unless ``--db`` names one."""
    from lasem_tui.store import demo

    target = args.db
    if not target:
        folder = Path(tempfile.mkdtemp(prefix="lasem-demo-"))
        target = str(folder / "lasem-demo.db")
    db = open_db(target)
    notice = None
    if args.db and has_meeting(db):
        # The demo is added to a database the user named, which may hold a real
        # meeting: back it up first. A throwaway demo file needs no backup.
        notice = backup_failure(db)
    # Run twice on one file, the second demo is named apart from the first.
    meeting_id = demo.write_demo(db, demo.Stage(args.stage), title=demo.title_apart(db))
    if args.no_open:
        if notice is not None:
            warn(notice)
        console().print(f"{db.url}")
        return 0
    code = run_app(db, meeting_id, notice)
    if not args.db:
        console().print(Text(i18n.t("demo.where", path=target)))
    return code
