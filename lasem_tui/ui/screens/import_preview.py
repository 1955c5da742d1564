"""Import, step two: what the file would add, read and checked before anything is
written, and the one button that writes it.

Reading and checking (about half a second for a regency's 18,000 rows) and the commit
(about a second and a half) run in a thread worker behind a loading indicator; the
worker never touches a widget, it posts ``Read`` or ``Written`` back. With any error
the import button stays disabled and the screen says why; nothing is written until
the user presses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, LoadingIndicator, Static

from lasem_tui.domain.money import format_number, format_rupiah, format_volume
from lasem_tui.exchange.importing import (
    ImportPreview,
    ImportRefusedError,
    ImportResult,
    Problem,
    commit,
    preview,
    words,
)
from lasem_tui.i18n import counted, t
from lasem_tui.store import backup
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.screens.import_sipd import SipdImportOptions
from lasem_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext


def _message(problem: Problem, village_id: int | None) -> str:
    """The problem in words; a missing village column, in the app, says where the
    village can be chosen rather than naming an internal column."""
    column = str(problem.params.get("column", "")).lower()
    if problem.code == "column_missing" and village_id is None and column in ("desa", "village"):
        return t("import_ui.village_column_missing")
    return words.message(problem)


#: The problems' "kind" column: "kesalahan" / "catatan" whole, never broken in two.
KIND_WIDTH = 9


class ImportPreviewScreen(Localized, Screen[ImportResult | None]):
    CSS_PATH = Path(__file__).with_name("import_preview.tcss")
    #: Rows listed in the preview (a regency's file has thousands; the counts say all).
    ROWS_SHOWN = 500

    BINDINGS = [
        key("escape", "cancel", "import_cancel"),
        key("ctrl+s", "confirm", "import_confirm"),
    ]

    class Read(Message):
        """The worker read and checked the file (or could not: ``failure``)."""

        def __init__(self, preview: ImportPreview | None, failure: str = "") -> None:
            super().__init__()
            self.preview = preview
            self.failure = failure

    class Written(Message):
        """The worker committed the import, or it was refused (``problems``) or failed."""

        def __init__(
            self,
            result: ImportResult | None,
            problems: tuple[Problem, ...] = (),
            failure: str = "",
        ) -> None:
            super().__init__()
            self.result = result
            self.problems = problems
            self.failure = failure

    def __init__(
        self,
        context: DeskContext,
        path: Path,
        sheet: str | None = None,
        *,
        village_id: int | None = None,
    ) -> None:
        """``village_id`` for a recap without a village column; the reviewer at the
        keyboard (``context``'s seat) is who the import's log entry names."""
        super().__init__()
        self.context = context
        self.path = path
        self.sheet = sheet
        self.village_id = village_id
        self.reviewer_id = context.reviewer_id
        self.preview: ImportPreview | None = None
        self.busy = False

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Text(t("import_ui.preview_title", file=self.path.name)), id="import-title")
        yield Static("", id="import-summary")
        with Horizontal(id="import-busy"):
            yield LoadingIndicator()
            yield Static("", id="import-busy-text")
        with Vertical(id="import-rows-box"):
            yield Static(t("import_ui.rows_caption"), classes="import-caption")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="import-rows")
        with Horizontal(id="import-tables"):
            with Vertical(id="import-villages-box"):
                yield Static(t("import_ui.per_village"), classes="import-caption")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="import-villages")
            with Vertical(id="import-problems-box"):
                yield Static("", id="import-problems-caption", classes="import-caption")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="import-problems")
        yield SipdImportOptions(id="import-sipd")
        yield Static("", id="import-verdict")
        with Horizontal(id="import-buttons"):
            yield Button(t("import_ui.confirm"), variant="success", id="confirm", disabled=True)
            yield Button(t("cancel"), id="cancel")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        villages = self.query_one("#import-villages", DataTable)
        villages.add_column(t("import.col_village"), width=14, key="village")
        villages.add_column(t("import.col_rows"), width=7, key="rows")
        villages.add_column(t("import.col_requested"), width=16, key="requested")
        rows = self.query_one("#import-rows", DataTable)
        rows.add_column(t("import.col_row"), width=6, key="row")
        rows.add_column(t("import.col_village"), width=14, key="village")
        rows.add_column(t("import_ui.col_title"), width=44, key="title")
        rows.add_column(t("import_ui.col_volume"), width=12, key="volume")
        rows.add_column(t("import.col_requested"), width=16, key="requested")
        self._problem_columns(40)
        self._busy(t("import_ui.reading", file=self.path.name))
        self._read(self.context.meeting_id)

    def _problem_columns(self, message_width: int) -> None:
        """The problems' columns; the message column as wide as the table allows, so
        that a long message wraps within its row instead of running off the screen."""
        problems = self.query_one("#import-problems", DataTable)
        problems.clear(columns=True)
        problems.add_column(t("import.col_row"), width=6, key="row")
        problems.add_column(t("import.col_column"), width=14, key="column")
        problems.add_column(t("import_ui.col_kind"), width=KIND_WIDTH, key="kind")
        problems.add_column(t("import.col_problem"), width=message_width, key="problem")

    def _busy(self, text: str) -> None:
        self.busy = True
        self.query_one("#import-busy-text", Static).update(text)
        self.query_one("#import-busy").display = True
        self.query_one("#confirm", Button).disabled = True
        self.refresh_bindings()

    def _idle(self) -> None:
        self.busy = False
        self.query_one("#import-busy").display = False
        self.refresh_bindings()

    # --- workers (no widgets in here) --------------------------------------------------

    @work(thread=True, exclusive=True, group="import")
    def _read(self, meeting_id: int) -> None:
        try:
            result = preview(
                self.context.db, meeting_id, self.path, sheet=self.sheet, village_id=self.village_id
            )
        except (StoreError, DatabaseError) as exc:
            self.post_message(self.Read(None, refusal_text(exc)))
            return
        self.post_message(self.Read(result))

    @work(thread=True, exclusive=True, group="import")
    def _write(
        self,
        checked: ImportPreview,
        reviewer_id: int | None,
        *,
        apply_changes: bool = False,
        link_kamus: bool = False,
    ) -> None:
        # Hundreds of rows at once: kept as they were first, as `lasem import` does.
        # A failed backup is said; the import goes on (the database is untouched by it).
        failure = backup.backup_before_import(self.context.db)
        if failure is not None:
            self.app.call_from_thread(
                self.notify,
                t("backup_import_warning", detail=failure.detail),
                severity="warning",
                timeout=10,
                markup=False,
            )
        try:
            result = commit(
                self.context.db,
                checked,
                reviewer_id=reviewer_id,
                apply_changes=apply_changes,
                link_kamus=link_kamus,
            )
        except ImportRefusedError as exc:
            self.post_message(self.Written(None, problems=exc.problems))
            return
        except (StoreError, DatabaseError) as exc:
            self.post_message(self.Written(None, failure=refusal_text(exc)))
            return
        self.post_message(self.Written(result))

    # --- what the workers found ----------------------------------------------------------

    @on(Read)
    def _shown_read(self, message: Read) -> None:
        self._idle()
        if message.preview is None:
            self._verdict(message.failure, error=True)
            return
        self.preview = message.preview
        self._show_preview(message.preview)

    def _show_preview(
        self, checked: ImportPreview, problems: tuple[Problem, ...] | None = None
    ) -> None:
        source = checked.source
        details = [source.format.upper()] if source.format else []
        if source.sheet:
            details.append(t("import_ui.sheet_named", sheet=source.sheet))
        if source.encoding:
            details.append(source.encoding)
        if source.delimiter:
            details.append(t("import_ui.delimiter", delimiter=source.delimiter))
        summary = Text()
        summary.append(f"{t('import_ui.file')}: ", style="bold")
        summary.append(source.name or self.path.name)
        if details:
            summary.append(f"  ({', '.join(details)})", style="dim")
        if checked.headings is not None:
            summary.append("  ·  " + t("import.heading_at", row=checked.headings.row))
        summary.append("\n")
        summary.append(f"{t('import_ui.rows_read')}: ", style="bold")
        summary.append(format_number(checked.rows_read))
        summary.append(f"   {t('import_ui.rows_ready')}: ", style="bold")
        summary.append(format_number(len(checked.rows)))
        summary.append(f"   {t('import_ui.villages')}: ", style="bold")
        summary.append(format_number(len(checked.villages)))
        summary.append(f"   {t('import.col_total')}: ", style="bold")
        summary.append(format_rupiah(checked.total_requested))
        self.query_one("#import-summary", Static).update(summary)
        self.query_one(SipdImportOptions).show(checked)

        # The rows read, as they will be written: what the reviewer checks by eye. A file
        # with none (unreadable, refused whole) gives the room to its problems instead.
        self.query_one("#import-rows-box").display = bool(checked.rows)
        rows = self.query_one("#import-rows", DataTable)
        rows.clear()
        for row in checked.rows[: self.ROWS_SHOWN]:
            volume = f"{format_volume(row.volume)} {row.unit}".strip() if row.volume else ""
            rows.add_row(
                str(row.row),
                Text(row.village),
                Text(row.title),
                Text(volume),
                Text(format_rupiah(row.requested), justify="right"),
            )
        if len(checked.rows) > self.ROWS_SHOWN:
            rows.add_row(
                "",
                "",
                Text(
                    t("import_ui.rows_more", count=len(checked.rows) - self.ROWS_SHOWN),
                    style="dim",
                ),
                "",
                "",
            )

        villages = self.query_one("#import-villages", DataTable)
        villages.clear()
        for village in checked.villages:
            villages.add_row(
                Text(village.name),
                Text(format_number(village.rows), justify="right"),
                Text(format_rupiah(village.requested), justify="right"),
                key=str(village.village_id),
            )
        if checked.villages:
            villages.add_row(
                Text(t("import.col_total"), style="bold"),
                Text(format_number(len(checked.rows)), justify="right", style="bold"),
                Text(format_rupiah(checked.total_requested), justify="right", style="bold"),
                key="total",
            )

        shown = checked.problems if problems is None else problems
        errors = [p for p in shown if p.is_error]
        table = self.query_one("#import-problems", DataTable)
        # Each column has one cell of padding either side; one more for the scroll bar.
        self._problem_columns(
            max(30, table.scrollable_content_region.width - (6 + 14 + KIND_WIDTH) - 9)
        )
        for problem in (*errors, *(p for p in shown if not p.is_error)):
            column = f"{problem.column} ({problem.letter})" if problem.letter else problem.column
            table.add_row(
                "-" if problem.row is None else str(problem.row),
                Text(column or "-"),
                Text(
                    t("import_ui.error") if problem.is_error else t("import_ui.warning"),
                    style="bold red" if problem.is_error else "yellow",
                ),
                Text(_message(problem, self.village_id)),
                height=None,
            )
        caption = self.query_one("#import-problems-caption", Static)
        caption.update(
            t(
                "import_ui.problems",
                errors=counted("count.errors", len(errors)),
                warnings=counted("count.notes", len(shown) - len(errors)),
            )
        )
        if errors:
            bad_rows = len({p.row for p in errors if p.row is not None})
            # A whole-file problem (unreadable, no headings) is on no row: say so.
            blocked = "import_ui.blocked" if bad_rows else "import_ui.blocked_file"
            self._verdict(
                t(blocked, count=len(errors), rows=counted("count.rows", bad_rows)), error=True
            )
            table.focus()
            return
        self._verdict(
            t(
                "import_ui.ready",
                count=len(checked.rows),
                villages=counted("count.villages", len(checked.villages)),
                amount=format_rupiah(checked.total_requested),
            ),
            error=False,
        )
        confirm = self.query_one("#confirm", Button)
        confirm.disabled = False
        confirm.label = t("import_ui.confirm_count", count=format_number(len(checked.rows)))
        confirm.focus()
        self.refresh_bindings()

    def _verdict(self, text: str, *, error: bool) -> None:
        verdict = self.query_one("#import-verdict", Static)
        verdict.update(Text(text))
        verdict.set_class(error, "-error")
        verdict.set_class(not error, "-ready")

    @on(Written)
    def _shown_written(self, message: Written) -> None:
        self._idle()
        if message.result is not None:
            self.dismiss(message.result)
            return
        if message.problems and self.preview is not None:
            # Another desk changed the meeting since the preview: show what is wrong now.
            self._show_preview(self.preview, message.problems)
            self.preview = None
            return
        self._verdict(message.failure, error=True)
        self.query_one("#confirm", Button).disabled = self.preview is None
        self.refresh_bindings()

    # --- keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return None if self.busy or self.preview is None or not self.preview.ok else True
        return True

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        checked = self.preview
        if self.busy or checked is None or not checked.ok:
            return
        self._busy(t("import_ui.writing", count=format_number(len(checked.rows))))
        options = self.query_one(SipdImportOptions)
        self._write(
            checked,
            self.reviewer_id,
            apply_changes=options.apply_changes,
            link_kamus=options.link_kamus,
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.busy and self.preview is not None:
            # The commit is under way: it finishes (or not) as one transaction; wait for it.
            self.notify(t("import_ui.wait"), severity="warning", markup=False)
            return
        self.workers.cancel_group(self, "import")
        self.dismiss(None)
