"""`lasem kamus import FILE` and `lasem kamus list [--search WORD]`: the kamus usulan of
the current meeting (or ``--meeting N``), from the command line.

The import is all or nothing, as the recap import is: with any problem it prints every
one (file row, column, what is wrong) and changes nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from lasem_tui import i18n
from lasem_tui.cli.common import common, console, open_db, out_console
from lasem_tui.domain.money import format_rupiah

if TYPE_CHECKING:  # the parser is built on every run: the store is imported only to run
    from lasem_tui.store import kamus
    from lasem_tui.store.database import Database

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``kamus import`` and ``kamus list`` to the ``lasem`` parser."""
    parser = sub.add_parser("kamus", help="the kamus usulan of the meeting (import, list)")
    common(parser)
    actions = parser.add_subparsers(dest="kamus_action", required=True)
    imp = actions.add_parser("import", help="replace the kamus from a file (XLSX/CSV)")
    common(imp)
    imp.add_argument("file", help="kode, nama kegiatan, satuan, harga satuan, OPD, jenis")
    imp.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")
    imp.add_argument("--reviewer", help="who imports (default: nobody named)")
    imp.add_argument("--meeting", type=int, help="the meeting's id (default: the current one)")
    imp.add_argument("--dry-run", action="store_true", help="check the file and write nothing")
    listing = actions.add_parser("list", help="print the kamus")
    common(listing)
    listing.add_argument("--search", default="", help="only entries with this word")
    listing.add_argument("--meeting", type=int, help="the meeting's id (default: the current one)")


def kamus_table(entries: tuple[kamus.KamusView, ...], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(i18n.t("kamus.col_code"), no_wrap=True)
    table.add_column(i18n.t("kamus.col_name"), overflow="fold")
    table.add_column(i18n.t("kamus.col_unit"), no_wrap=True)
    table.add_column(i18n.t("kamus.col_price"), justify="right", no_wrap=True)
    table.add_column(i18n.t("kamus.col_agency"), overflow="fold")
    table.add_column(i18n.t("kamus.col_kind"), no_wrap=True)
    for entry in entries:
        table.add_row(
            entry.code,
            entry.name,
            entry.unit,
            format_rupiah(entry.unit_price),
            entry.agency,
            entry.kind,
        )
    return table


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem kamus``; returns the exit status."""
    return run_on(open_db(args.db, create=False), args, out=out_console(), err=console())


def run_on(db: Database, args: argparse.Namespace, *, out: Console, err: Console) -> int:
    """``lasem kamus`` on an open database, printing to ``out`` and ``err``."""
    from lasem_tui.cli.import_report import (
        ImportUsageError,
        meeting_of,
        problems_table,
        reviewer_named,
    )
    from lasem_tui.exchange.kamus_file import read_kamus
    from lasem_tui.store import kamus

    try:
        meeting_id = meeting_of(db, args.meeting)
        if args.kamus_action == "list":
            with db.read() as session:
                found = kamus.entries(session, meeting_id, args.search)
                total = len(kamus.entries(session, meeting_id))
            if not total:
                out.print(i18n.t("kamus.empty"))
                return EXIT_OK
            out.print(kamus_table(found, i18n.t("kamus.title", count=len(found))))
            return EXIT_OK
        reviewer_id = reviewer_named(db, meeting_id, args.reviewer)
    except ImportUsageError as exc:
        err.print(f"[bold red]lasem:[/] {exc}", markup=True, highlight=False)
        return EXIT_BAD_INPUT
    read = read_kamus(args.file, sheet=args.sheet)
    if not read.ok:
        errors = tuple(p for p in read.problems if p.is_error)
        err.print(problems_table(errors, i18n.t("kamus.problems_title", file=read.name)))
        err.print(f"[bold red]lasem:[/] {i18n.t('kamus.refused', count=len(errors))}")
        return EXIT_BAD_INPUT
    new = [
        kamus.NewEntry(r.code, r.name, r.unit, r.unit_price, r.agency, r.kind) for r in read.rows
    ]
    if args.dry_run:
        out.print(kamus_table(_as_views(new), i18n.t("kamus.title", count=len(new))))
        return EXIT_OK
    done = kamus.replace_kamus(db, meeting_id, new, file_name=read.name, reviewer_id=reviewer_id)
    out.print(i18n.t("kamus.imported", count=done.count, file=read.name, replaced=done.replaced))
    return EXIT_OK


def _as_views(new: list[kamus.NewEntry]) -> tuple[kamus.KamusView, ...]:
    from lasem_tui.store import kamus

    return tuple(
        kamus.KamusView(0, e.code, e.name, e.unit, e.unit_price, e.agency, e.kind) for e in new
    )
