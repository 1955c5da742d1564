"""``lasem plan``: the pagu line of a village, as the desk's fit view shows it.

Prints each pending proposal in the chosen order with its amount, the running total and
whether it fits, then what is left; ``--json`` prints the same for other tools. It only
reads: the plan decides nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lasem_tui import i18n
from lasem_tui.cli.common import UsageError, common, open_db, read_only_meeting_id
from lasem_tui.domain.fit import Fit, FitOrder
from lasem_tui.domain.money import format_number, format_rupiah
from lasem_tui.domain.text import clean_text
from lasem_tui.store import fit_queries, queries


def register(sub: Any) -> None:
    """Add ``plan`` to the CLI's subcommands."""
    plan = sub.add_parser("plan", help="the pagu line of the village at the desk (or one named)")
    common(plan)
    plan.add_argument("--village", help="the village (default: the one at the desk)")
    plan.add_argument(
        "--by",
        choices=[order.value for order in FitOrder],
        default=FitOrder.PRIORITY.value,
        help="order: priority (default), score or number",
    )
    plan.add_argument("--json", action="store_true", help="print JSON for other tools")


def fit_json(village: str, fit: Fit) -> dict[str, Any]:
    """The plan as ``--json`` prints it; ``remaining`` is null when no ceiling applies."""
    return {
        "village": village,
        "remaining": fit.remaining,
        "order": fit.order.value,
        "rows": [
            {
                "ref": row.candidate.ref,
                "title": row.candidate.title,
                "requested": row.candidate.requested,
                "cumulative": row.cumulative,
                "fits": row.fits,
            }
            for row in fit.rows
        ],
    }


def _find_village(villages, name: str | None, usage_error: type[Exception]):  # type: ignore[no-untyped-def]
    if name is None:
        found = queries.village_at_desk(villages)
        if found is None:
            raise usage_error(i18n.t("plan.no_village"))
        return found
    wanted = " ".join(clean_text(name).split()).casefold()
    for village in villages:
        if wanted in (" ".join(village.name.split()).casefold(), village.code.casefold()):
            return village
    raise usage_error(i18n.t("plan.village_unknown", name=name))


def _table(village: str, fit: Fit) -> Table:
    order = i18n.t(f"fit.order.{fit.order.value}")
    if fit.remaining is None:
        title = i18n.t("plan.heading_no_ceiling", village=village, order=order)
    else:
        title = i18n.t(
            "plan.heading", village=village, remaining=format_rupiah(fit.remaining), order=order
        )
    table = Table(title=title, title_justify="left")
    for key, justify in (
        ("fit.col_rank", "right"),
        ("fit.col_ref", "left"),
        ("fit.col_title", "left"),
        ("fit.col_requested", "right"),
        ("fit.col_cumulative", "right"),
        ("fit.col_fits", "left"),
    ):
        table.add_column(
            i18n.t(key),
            justify=justify,  # type: ignore[arg-type]
            no_wrap=key != "fit.col_title",
        )
    drawn = False
    for row in fit.rows:
        if not row.fits and not drawn:
            drawn = True
            table.add_row(
                "", "", Text(f"─── {i18n.t('fit.line')} ───", style="bold red"), "", "", ""
            )
        c = row.candidate
        table.add_row(
            "" if c.priority is None else str(c.priority),
            Text(c.ref),
            Text(c.title),
            format_number(c.requested),
            format_number(row.cumulative),
            i18n.t("plan.fits") if row.fits else Text(i18n.t("plan.below"), style="dim"),
            style=None if row.fits else "dim",
        )
    return table


def run(args: argparse.Namespace) -> int:
    """The body of ``lasem plan``."""
    db = open_db(args.db, read_only=True, create=False)
    meeting_id = read_only_meeting_id(db)
    order = FitOrder(args.by)
    with db.read() as session:
        village = _find_village(queries.villages(session, meeting_id), args.village, UsageError)
        fit = fit_queries.village_fit(session, meeting_id, village.id, order)
    if args.json:
        json.dump(fit_json(village.name, fit), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    console = Console(highlight=False)
    if not fit.rows:
        console.print(Text(f"{village.name}: {i18n.t('fit.empty')}"))
        return 0
    console.print(_table(village.name, fit))
    if fit.left_after_above is not None:
        console.print(Text(i18n.t("plan.left_after", left=format_rupiah(fit.left_after_above))))
    return 0
