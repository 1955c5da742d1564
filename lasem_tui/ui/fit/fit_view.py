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
from textual.widgets import Static

from lasem_tui.domain.fit import Fit
from lasem_tui.domain.money import format_number
from lasem_tui.i18n import t
from lasem_tui.ui.fit.rows import LINE_KEY, FitTableRow, fit_table_rows, summary
from lasem_tui.ui.widgets.row_table import RowTable


class FitTable(RowTable[Text]):
    """The table of the fit view (its cursor skips the line row)."""


TITLE_WIDTH = 40

#: Column widths: roomy, and compact for an 80-column desk (the line's words and the
#: running total still in view).
WIDTHS = {
    False: {
        "rank": 4,
        "score": 4,
        "ref": 8,
        "title": TITLE_WIDTH,
        "requested": 14,
        "cumulative": 15,
        "fits": 14,
    },
    True: {
        "rank": 4,
        "score": 4,
        "ref": 5,
        "title": 16,
        "requested": 11,
        "cumulative": 13,
        "fits": 8,
    },
}


def _short(text: str, width: int) -> str:
    """Cut to the column: the table then draws each cell without wrapping it first."""
    return text if len(text) <= width else text[: width - 1] + "…"


#: The styles of the fit view: a screen showing it adds this to its ``CSS_PATH``.
FIT_CSS = Path(__file__).with_name("fit.tcss")


class FitView(Widget):
    def __init__(
        self, *, scoring: bool = False, compact: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.scoring = scoring
        self.compact = compact
        self.widths = WIDTHS[compact]
        self.fit: Fit | None = None
        self.rows: list[FitTableRow] = []
        # Held, not queried: a decision in the view draws it again.
        self.summary_line = Static("", classes="fit-summary", id="fit-summary")
        self.summary_text = ""
        self.table = FitTable(id="fit-table", cursor_type="row", zebra_stripes=False)

    def compose(self) -> ComposeResult:
        yield self.summary_line
        yield self.table

    def on_mount(self) -> None:
        table = self.table
        # Fixed widths: the table need not measure every cell of every row on each draw.
        names = ["rank", "score", "ref", "title", "requested", "cumulative", "fits"]
        #: The row field each column shows, in column order ("fits" shows ``below``).
        self._names = [
            "below" if name == "fits" else name for name in names if name != "score" or self.scoring
        ]
        for name in names:
            if name != "score" or self.scoring:
                table.add_column(
                    t(f"fit.col_{name}"), key=f"fit.col_{name}", width=self.widths[name]
                )

    def show(self, fit: Fit) -> None:
        """Draw ``fit``, keeping the cursor on the same proposal where it still is."""
        keep = self.highlighted_id
        old = self.rows
        self.fit = fit
        self.rows = fit_table_rows(fit, scoring=self.scoring)
        text = summary(fit) if self.rows else t("fit.empty")
        if text != self.summary_text:
            self.summary_text = text
            self.summary_line.update(Text(text), layout=False)  # one line, always
        table = self.table
        if not self._update_in_place(table, old, self.rows):
            table.clear()
            for row in self.rows:
                table.add_row(*self._cells(row), key=row.key)
        if keep is not None:
            self.highlight(keep)

    def _update_in_place(
        self, table: FitTable, old: list[FitTableRow], new: list[FitTableRow]
    ) -> bool:
        """After a decision the rows are usually the same, one fewer, in the same order
        (the line where it was): then only the cells that changed are redrawn (the
        running totals below the decided row), not the whole table. False when the
        table must be filled again (the line moved, the order changed)."""
        if not old or not new:
            return False
        remaining = iter(row.key for row in old)
        if not all(row.key in remaining for row in new):
            return False
        kept = {row.key for row in new}
        for row in old:
            if row.key not in kept:
                table.remove_row(row.key)
        before = {row.key: row for row in old}
        columns = list(table.columns)
        for row in new:
            was = before[row.key]
            if row == was and not row.is_line:
                continue
            if row.is_line or row.below != was.below:
                table.update_row(row.key, zip(columns, self._cells(row), strict=True))
                continue
            # Only the cells that differ (after an accept: the running total), and only
            # those are made.
            table.update_row(
                row.key,
                [
                    (column, self._cell(row, name))
                    for column, name in zip(columns, self._names, strict=True)
                    if getattr(row, name) != getattr(was, name)
                ],
            )
        return True

    def _cells(self, row: FitTableRow) -> list[Text]:
        if row.is_line:
            red = "bold red"
            if self.compact:
                # Narrow: the line's words in the title column, what is left under the
                # running total.
                line = Text(f"━━ {t('fit.line')} ━━", style=red)
                cells = [Text("")] * (2 if self.scoring else 1) + [Text("━━", style=red), line]
                left = self.fit.left_after_above if self.fit is not None else None
                amount = "" if left is None else format_number(left)
                return [
                    *cells,
                    Text(t("fit.left_short"), style=red, justify="right"),
                    Text(amount, style=red, justify="right"),
                    Text("━━", style=red),
                ]
            line = Text(_short(f"━━ {row.title} ━━", TITLE_WIDTH), style=red)
            cells = [Text("")] * (2 if self.scoring else 1) + [Text("━━", style=red), line]
            return cells + [Text("━━━━", style=red)] * 3
        return [self._cell(row, name) for name in self._names]

    def _cell(self, row: FitTableRow, name: str) -> Text:
        """One cell of a proposal's row (``name`` as in ``_names``)."""
        style = "dim" if row.below else ""
        if name == "title":
            return Text(_short(row.title, self.widths["title"]), style=style)
        if name == "ref":
            return Text(row.ref, style=style)
        if name == "below":
            below = t("fit.below_short" if self.compact else "fit.below")
            return Text(below if row.below else "✓", style=style)
        return Text(getattr(row, name), style=style, justify="right")

    @property
    def highlighted_id(self) -> int | None:
        """The proposal under the cursor (None on the line row or an empty table)."""
        table = self.table
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].proposal_id

    def highlight(self, proposal_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.proposal_id == proposal_id:
                self.table.move_cursor(row=index)
                return

    @property
    def line_index(self) -> int | None:
        """Where the line row is in the table, if drawn."""
        return next((i for i, row in enumerate(self.rows) if row.key == LINE_KEY), None)
