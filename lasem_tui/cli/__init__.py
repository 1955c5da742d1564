"""The ``lasem`` command, one module per subcommand (see docs/architecture.md).

Each module registers its arguments (``register``) and runs them (``run``); this one
builds the parser from them and turns the store's and the domain's refusals into one
line and exit status 2. The headless commands never import Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence

from lasem_tui import i18n, settings
from lasem_tui.cli import backup, export, importing, kamus, opening, plan, projector, sync
from lasem_tui.cli.common import (
    EXIT_BAD_INPUT,
    Parser,
    UsageError,
    close_all,
    common,
    fail,
    message_of,
)
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import AmountError
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "UsageError", "build_parser", "main"]

#: What each subcommand runs; ``None`` is the bare ``lasem`` (open the desk).
COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: opening.run_open,
    "demo": opening.run_demo,
    "export": export.run,
    "import": importing.run,
    "projector": projector.run_projector,
    "serve": projector.run_serve,
    "push": sync.main,
    "pull": sync.main,
    "plan": plan.run,
    "backup": backup.run,
    "kamus": kamus.run,
}


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, each subcommand added by its own module."""
    parser = Parser(prog="lasem", description="Lasem desk: Musrenbang desk sessions")
    common(parser, top=True)
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for module in (opening, export, importing, kamus, projector, sync, plan, backup):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``lasem`` command; the exit status is the return value."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage error (already printed) or --help
        return int(exc.code or 0)
    i18n.set_language(args.lang or settings.load().lang)
    if args.command is not None:
        # Held by the entry point (lasem_tui/__main__.py) for the desk's start only;
        # the desk lets it go once it runs (LasemApp.run).
        gc.enable()
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        return fail(str(exc))
    except (DatabaseError, StoreError, DecisionError, AmountError) as exc:
        return fail(message_of(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `lasem export csv | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return 0
    finally:
        close_all()
