"""``f``: the fit view: the village's pending proposals in the chosen order with a
running total against what is left, and the "garis pagu" drawn after the last that
fits; rows below it are dimmed and marked. The view decides nothing.

Given a ``Fit`` (``store.fit_queries.village_fit`` or, from rows the desk already
holds, ``fit_queries.fit_from_rows``) it draws it; ``highlighted_id`` is the proposal
under the cursor, for the desk's keys.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import DataTable, Static

from lasem_tui.domain.fit import Fit
from lasem_tui.i18n import t
from lasem_tui.ui.fit.rows import LINE_KEY, FitTableRow, fit_table_rows, summary


class FitTable(DataTable[Text]):
    """The table of the fit view (its cursor skips the line row)."""


TITLE_WIDTH = 40


def _short(text: str, width: int) -> str:
    """Cut to the column: the table then draws each cell without wrapping it first."""
    return text if len(text) <= width else text[: width - 1] + "…"


#: The styles of the fit view: a screen showing it adds this to its ``CSS_PATH``.
FIT_CSS = Path(__file__).with_name("fit.tcss")


class FitView(Widget):
    def __init__(self, *, scoring: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scoring = scoring
        self.fit: Fit | None = None
        self.rows: list[FitTableRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="fit-summary", id="fit-summary")
        table = FitTable(id="fit-table", cursor_type="row", zebra_stripes=False)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(FitTable)
        # Fixed widths: the table need not measure every cell of every row on each draw.
        columns = [("fit.col_rank", 4)]
        if self.scoring:
            columns.append(("fit.col_score", 4))
        columns += [
            ("fit.col_ref", 8),
            ("fit.col_title", TITLE_WIDTH),
            ("fit.col_requested", 14),
            ("fit.col_cumulative", 15),
            ("fit.col_fits", 14),
        ]
        for key, width in columns:
            table.add_column(t(key), key=key, width=width)

    def show(self, fit: Fit) -> None:
        """Draw ``fit``, keeping the cursor on the same proposal where it still is."""
        keep = self.highlighted_id
        self.fit = fit
        self.rows = fit_table_rows(fit, scoring=self.scoring)
        self.query_one("#fit-summary", Static).update(Text(summary(fit)))
        table = self.query_one(FitTable)
        table.clear()
        for row in self.rows:
            table.add_row(*self._cells(row), key=row.key)
        if not self.rows:
            self.query_one("#fit-summary", Static).update(Text(t("fit.empty")))
        if keep is not None:
            self.highlight(keep)

    def _cells(self, row: FitTableRow) -> list[Text]:
        if row.is_line:
            line = Text(_short(f"━━ {row.title} ━━", TITLE_WIDTH), style="bold red")
            cells = [Text("")] * (2 if self.scoring else 1) + [Text("━━", style="bold red"), line]
            return cells + [Text("━━━━", style="bold red")] * 3
        style = "dim" if row.below else ""
        cells = [Text(row.rank, style=style, justify="right")]
        if self.scoring:
            cells.append(Text(row.score, style=style, justify="right"))
        cells += [
            Text(row.ref, style=style),
            Text(_short(row.title, TITLE_WIDTH), style=style),
            Text(row.requested, style=style, justify="right"),
            Text(row.cumulative, style=style, justify="right"),
            Text(t("fit.below") if row.below else "✓", style=style),
        ]
        return cells

    @property
    def highlighted_id(self) -> int | None:
        """The proposal under the cursor (None on the line row or an empty table)."""
        table = self.query_one(FitTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].proposal_id

    def highlight(self, proposal_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.proposal_id == proposal_id:
                self.query_one(FitTable).move_cursor(row=index)
                return

    @property
    def line_index(self) -> int | None:
        """Where the line row is in the table, if drawn."""
        return next((i for i, row in enumerate(self.rows) if row.key == LINE_KEY), None)
