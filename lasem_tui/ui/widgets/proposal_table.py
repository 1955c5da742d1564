"""The review table: the proposals of the village at the desk."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from lasem_tui.domain.money import format_volume
from lasem_tui.i18n import t
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.messages import ProposalHighlighted
from lasem_tui.ui.widgets.labels import amount_cell, status_text

#: Most important first: at 80 columns the village's rank, the number, title, amounts
#: and state are in view; the score (when the meeting scores), volume, location and
#: agency follow on wider screens (or scroll into view).
COLUMNS = (
    "rank",
    "no",
    "title",
    "requested",
    "approved",
    "status",
    "score",
    "volume",
    "location",
    "agency",
)
WIDTHS = {
    "rank": 4,
    "no": 5,
    "title": 20,
    "requested": 11,
    "approved": 11,
    "status": 13,
    "volume": 10,
    "location": 16,
    "agency": 18,
    "score": 4,
}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ProposalTable(DataTable[Text | str]):
    """Rows keyed by proposal id; a changed proposal updates its cells in place."""

    proposals: reactive[tuple[ProposalRow, ...]] = reactive((), always_update=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._shown: dict[int, ProposalRow] = {}
        #: The score column shows only when the meeting scores (has criteria).
        self.scoring = False
        self._columns: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        self._columns = tuple(c for c in COLUMNS if c != "score" or self.scoring)
        for column in self._columns:
            self.add_column(
                t("table.title_col" if column == "title" else f"table.{column}"),
                key=column,
                width=WIDTHS[column],
            )

    def show_score(self, scoring: bool) -> None:
        """Show or hide the score column (the meeting's criteria were set or removed)."""
        if scoring == self.scoring:
            return
        self.scoring = scoring
        if not self.is_mounted:
            return
        highlighted = self.highlighted_id
        self.clear(columns=True)
        self._shown = {}
        self._add_columns()
        self.watch_proposals(self.proposals)
        self.highlight(highlighted)

    def _cells(self, row: ProposalRow) -> tuple[Text | str, ...]:
        volume = f"{format_volume(row.volume)} {row.unit}".strip()
        cells = {
            # Text, not str: DataTable reads a str cell as markup, and titles are typed.
            "rank": Text("" if row.priority is None else str(row.priority), justify="right"),
            "no": Text(row.ref or str(row.seq)),
            "title": Text(_short(row.title, WIDTHS["title"])),
            "requested": amount_cell(row.requested),
            "approved": amount_cell(row.approved),
            "status": status_text(row.status, short=True),
            "volume": Text(_short(volume, WIDTHS["volume"]), justify="right"),
            "location": Text(_short(row.location, WIDTHS["location"])),
            "agency": Text(_short(row.agency.removeprefix("Dinas "), WIDTHS["agency"])),
            "score": Text("" if row.score is None else str(row.score), justify="right"),
        }
        return tuple(cells[c] for c in self._columns)

    def watch_proposals(self, proposals: tuple[ProposalRow, ...]) -> None:
        if not self.columns:
            return
        if [p.id for p in proposals] == list(self._shown):
            for row in proposals:
                if self._shown.get(row.id) != row:
                    for column, cell in zip(self._columns, self._cells(row), strict=True):
                        self.update_cell(str(row.id), column, cell)
        else:
            self.clear()
            for row in proposals:
                self.add_row(*self._cells(row), key=str(row.id))
        self._shown = {p.id: p for p in proposals}

    def highlight(self, proposal_id: int | None) -> None:
        if proposal_id is None or str(proposal_id) not in self.rows:
            return
        self.move_cursor(row=self.get_row_index(str(proposal_id)), animate=False)

    @property
    def highlighted_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(
            ProposalHighlighted(int(event.row_key.value) if event.row_key.value else None)
        )
