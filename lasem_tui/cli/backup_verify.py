"""``lasem backup verify``: a table of every backup of the database and its check."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lasem_tui import i18n
from lasem_tui.domain.dates import format_date_plain

EXIT_OK = 0
EXIT_BAD = 2


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    local = moment.astimezone()
    return f"{format_date_plain(local.date(), i18n.get_language())} {local:%H.%M.%S}"


def run(target: Path) -> int:
    """Check every backup of ``target``; exit status 2 when any fails."""
    from datetime import UTC

    from lasem_tui.store import backup
    from lasem_tui.store.backup_verify import verify

    backups = backup.list_backups(target)
    out = Console(highlight=False, soft_wrap=True)
    if not backups:
        out.print(i18n.t("backup_none", detail=target), markup=False)
        return EXIT_OK
    verdicts = verify(backups)
    table = Table(title=i18n.t("backup.verify_title", source=target), title_justify="left")
    table.add_column(i18n.t("backup.col.number"), justify="right")
    table.add_column(i18n.t("backup.col.time"))
    table.add_column(i18n.t("backup.verify_col_meeting"), overflow="fold")
    table.add_column(i18n.t("backup.verify_col_status"), overflow="fold")
    for verdict in verdicts:
        meetings = "\n".join(
            f"{m.title} ({m.held_on}"
            + (
                f"; {_when(m.last_change.replace(tzinfo=m.last_change.tzinfo or UTC))}"
                if m.last_change
                else ""
            )
            + ")"
            for m in verdict.meetings
        )
        if verdict.ok:
            status = Text(i18n.t("backup.verify_ok"), style="green")
        else:
            status = Text(i18n.t(verdict.problem or "", detail=verdict.detail), style="bold red")
        table.add_row(
            str(verdict.backup.number), _when(verdict.backup.taken_at), Text(meetings), status
        )
    out.print(table)
    bad = sum(1 for v in verdicts if not v.ok)
    if bad:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text.assemble(("lasem:", "bold red"), " ", i18n.t("backup.verify_bad_count", count=bad))
        )
        return EXIT_BAD
    out.print(i18n.t("backup.verify_all_ok", count=len(verdicts)), markup=False)
    return EXIT_OK
