"""What ``lasem push`` and ``lasem pull`` print around ``store.sync.copier``.

Push takes a meeting from ``--db`` (the laptop) to ``--to`` (the regency's server);
pull takes one from ``--from`` to ``--db``. Same copy, same rules, the other way round.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from lasem_tui import i18n
from lasem_tui.cli.common import UsageError, open_db
from lasem_tui.domain.dates import local
from lasem_tui.store.database import Database
from lasem_tui.store.sync.copier import (
    EventLine,
    MeetingNotFound,
    SyncConflict,
    SyncResult,
    copy_meeting,
    find_meeting,
)

#: Exit status of a refused copy (as for any refusal: nothing was written).
EXIT_REFUSED = 2


@dataclass(frozen=True)
class Direction:
    """push or pull: the words around the same copy."""

    name: str
    source_side: str
    target_side: str


PUSH = Direction("push", "laptop", "server")
PULL = Direction("pull", "server", "laptop")


def kind_label(table: str) -> str:
    """The table's name for people ("usulan"); a table added later shows its own name."""
    key = f"sync.kind.{table}"
    return i18n.t(key) if i18n.has(key) else table


def run(
    direction: Direction,
    source: Database,
    target: Database,
    meeting: str | None,
    *,
    dry_run: bool,
    out: Console,
    err: Console,
) -> int:
    """Copy, print what was sent (or why not), and return the exit status."""
    try:
        _, uuid, title = find_meeting(source, meeting)
    except MeetingNotFound as exc:
        if not exc.wanted:
            raise UsageError(i18n.t("sync.no_meeting", db=source.url)) from exc
        raise UsageError(
            i18n.t("sync.meeting_unknown", wanted=exc.wanted, known="; ".join(exc.candidates))
        ) from exc
    out.print(
        Text(
            i18n.t(
                f"sync.{direction.name}.start",
                title=title,
                uuid=uuid,
                source=source.url,
                target=target.url,
            )
        )
    )
    try:
        result = _copy_with_bar(source, target, uuid, dry_run=dry_run, console=err)
    except SyncConflict as conflict:
        _print_conflict(direction, conflict, out)
        err.print(Text.assemble(("lasem:", "bold red"), " ", i18n.t("sync.refused")))
        return EXIT_REFUSED
    _print_result(result, out)
    return 0


def _copy_with_bar(
    source: Database, target: Database, uuid: str, *, dry_run: bool, console: Console
) -> SyncResult:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(i18n.t("sync.progress", kind=""), total=None)

        def progress(kind: str, done: int, total: int) -> None:
            bar.update(
                task,
                completed=done,
                total=total,
                description=i18n.t("sync.progress", kind=kind_label(kind)),
            )

        return copy_meeting(source, target, uuid, dry_run=dry_run, progress=progress)


def _print_result(result: SyncResult, out: Console) -> None:
    if result.unchanged:
        out.print(Text(i18n.t("sync.unchanged")))
        return
    table = Table(title_justify="left", box=None, pad_edge=False)
    table.add_column(i18n.t("sync.col.kind"))
    table.add_column(i18n.t("sync.col.new"), justify="right")
    table.add_column(i18n.t("sync.col.changed"), justify="right")
    table.add_column(i18n.t("sync.col.removed"), justify="right")
    for name, count in result.counts.items():
        table.add_row(kind_label(name), str(count.new), str(count.changed), str(count.removed))
    out.print(table)
    if result.dry_run:
        out.print(Text(i18n.t("sync.dry_run")))
    elif result.created:
        out.print(Text(i18n.t("sync.done_new")))
    else:
        out.print(Text(i18n.t("sync.done")))


def _print_conflict(direction: Direction, conflict: SyncConflict, out: Console) -> None:
    out.print(Text(i18n.t(f"sync.conflict.{direction.name}", title=conflict.title), style="bold"))
    for side, lines in (
        (direction.source_side, conflict.only_source),
        (direction.target_side, conflict.only_target),
    ):
        out.print(Text(i18n.t(f"sync.only_on.{side}", count=len(lines))))
        if lines:
            out.print(_event_table(lines))
    if not conflict.only_source:
        # The source is only behind: taking the other side's copy loses nothing.
        out.print(Text(i18n.t(f"sync.hint.{direction.name}")))


def _event_table(lines: list[EventLine]) -> Table:
    table = Table(box=None, pad_edge=False, show_header=True)
    for heading in ("time", "kind", "reviewer", "village", "proposal"):
        table.add_column(i18n.t(f"sync.event.{heading}"), overflow="fold")
    for line in lines:
        moment = local(line.at)
        kind_key = f"sync.event_kind.{line.kind}"
        table.add_row(
            f"{moment:%Y-%m-%d %H.%M.%S}",
            i18n.t(kind_key) if i18n.has(kind_key) else line.kind,
            Text(line.reviewer),
            Text(line.village),
            Text(line.proposal),
        )
    return table


def _backup_before_pull(target: Database, err: Console) -> None:
    """A pull writes into the laptop's file: kept as it was first, as an import does."""
    from lasem_tui.store.backup import backup_before_import

    failure = backup_before_import(target)
    if failure is not None:
        err.print(
            Text.assemble(
                ("lasem:", "yellow"), " ", i18n.t("backup_warning", detail=failure.detail)
            )
        )


def main(args: argparse.Namespace) -> int:
    """The body of ``lasem push`` and ``lasem pull`` (``cli/sync.py`` parses them)."""
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if args.command == "push":
        direction = PUSH
        # The laptop's file must be there; the server gets the tables if it has none.
        source = open_db(getattr(args, "db", None), create=False)
        target = open_db(args.to)
    else:
        direction = PULL
        source = open_db(args.source, create=False)
        target = open_db(getattr(args, "db", None))
    if source.url == target.url:
        raise UsageError(i18n.t("sync.same_database", db=source.url))
    if direction is PULL and not args.dry_run:
        _backup_before_pull(target, err)
    return run(
        direction,
        source,
        target,
        args.meeting,
        dry_run=args.dry_run,
        out=out,
        err=err,
    )
