"""``lasem push`` and ``lasem pull``: their arguments; the copy and what it prints are in
``cli/sync_report.py``, imported when one of them runs (the copier and rich's progress
bar are no part of opening the desk, which parses the same command line).

Push takes a meeting from ``--db`` (the laptop) to ``--to`` (the regency's server);
pull takes one from ``--from`` to ``--db``. Same copy, same rules, the other way round.
"""

from __future__ import annotations

import argparse
from typing import Any

from lasem_tui.cli.common import common


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


def main(args: argparse.Namespace) -> int:
    """The body of ``lasem push`` and ``lasem pull``."""
    from lasem_tui.cli import sync_report

    return sync_report.main(args)
