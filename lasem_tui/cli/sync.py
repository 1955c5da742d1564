"""``lasem push`` and ``lasem pull``: a meeting copied between a laptop and the server."""

from __future__ import annotations

import argparse
from typing import Any

from lasem_tui.cli.common import UsageError, common, open_db


def register(sub: Any) -> None:
    """Add ``push`` and ``pull`` to the subcommands."""
    push = sub.add_parser("push", help="copy a laptop's meeting to the regency's server")
    common(push)
    push.add_argument("--to", required=True, help="the server's URL (or another SQLite file)")
    push.add_argument("--meeting", help="title or UUID (default: the meeting opened last)")
    push.add_argument("--dry-run", action="store_true", help="show what would be sent")
    pull = sub.add_parser("pull", help="copy a meeting from the regency's server to --db")
    common(pull)
    pull.add_argument("--from", dest="source", required=True, help="the server's URL")
    pull.add_argument("--meeting", required=True, help="title or UUID of the meeting")
    pull.add_argument("--dry-run", action="store_true", help="show what would be taken")


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem push`` and ``lasem pull``."""
    from lasem_tui.exchange.sync import command

    try:
        return command.main(args, open_db)
    except command.SyncUsageError as exc:
        raise UsageError(str(exc)) from exc
