"""``lasem projector`` (the read-only wall view) and ``lasem serve`` (it, or the desk,
in a web browser through textual-serve)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import subprocess
import sys
from typing import Any

from lasem_tui import i18n
from lasem_tui.cli.common import UsageError, common, open_db, read_only_meeting_id

LOOPBACK = "127.0.0.1"


def register(sub: Any) -> None:
    """Add ``projector`` and ``serve`` to the subcommands."""
    projector = sub.add_parser(
        "projector", help="the read-only projector view, live from the database"
    )
    common(projector)
    projector.add_argument(
        "--regency", action="store_true", help="the regency overview: every meeting at once"
    )

    serve = sub.add_parser(
        "serve", help="serve the projector (or with --desk the desk) in a web browser"
    )
    common(serve)
    serve.add_argument(
        "--host", default=LOOPBACK, help="address to listen on (default: this computer only)"
    )
    serve.add_argument("--port", type=port, default=8000, help="port (default: 8000)")
    serve.add_argument("--desk", action="store_true", help="serve the full desk, not the projector")
    serve.add_argument(
        "--public", action="store_true", help="the projector without the secret, for room screens"
    )
    serve.add_argument("--max-sessions", type=int, default=3, help="sessions at once (default: 3)")
    serve.add_argument(
        "--idle-minutes", type=int, default=30, help="close a desk session unused this long"
    )


def port(text: str) -> int:
    """``--port``: a TCP port, said in one line when it is not one."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {text!r}")
    return number


def run_projector(args: argparse.Namespace) -> int:
    """The body of ``lasem projector``: it only reads the database."""
    db = open_db(args.db, read_only=True)
    if args.regency:
        from lasem_tui.ui.regency.projector import RegencyProjectorApp

        RegencyProjectorApp(db).run()
        return 0
    meeting_id = read_only_meeting_id(db)
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
    """Whether only this computer can reach ``host`` (anything else gets a warning)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    """The body of ``lasem serve``."""
    from lasem_tui.store.engine import database_url

    url = database_url(args.db)
    # The served desk opens (and migrates) the database itself, as `lasem` does; the
    # projector only reads it, so it is checked here as the projector will open it.
    # Neither is served from a database that is not there: serving needs its meeting.
    db = open_db(url, read_only=not args.desk, create=False)
    try:
        read_only_meeting_id(db)
    finally:
        db.dispose()
    from lasem_tui.cli import serve_guard

    command = serve_command(url, i18n.get_language(), desk=args.desk)
    try:
        return serve_guard.run(args, command, url, loopback=is_loopback(args.host))
    except serve_guard.ServeError as exc:
        raise UsageError(str(exc)) from exc
