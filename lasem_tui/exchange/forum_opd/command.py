"""``lasem export forum-opd``: the export with a progress bar on a terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from lasem_tui import i18n
from lasem_tui.exchange.forum_opd import export_forum
from lasem_tui.exchange.pdf_fonts import noting_missing
from lasem_tui.store.database import Database


def run(
    db: Database, output: str | None, *, agency: str | None, force: bool, console: Console
) -> Path:
    """Write the document and say where (and which characters no font could print);
    ``ExportError`` for the caller to report."""
    with (
        noting_missing() as missing,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task(i18n.t("forum.progress"), total=100)
        path = export_forum(
            db,
            output,
            agency=agency,
            force=force,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    console.print(i18n.t("export.written", path=path), highlight=False)
    if missing:
        chars = "".join(sorted(missing))
        console.print(
            i18n.t("export.unprintable", count=len(chars), chars=chars),
            highlight=False,
            markup=False,
        )
    return path
