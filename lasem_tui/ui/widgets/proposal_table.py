"""The review table: the proposals of the village at the desk."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import DataTable

from lasem_tui.domain.money import format_volume
from lasem_tui.i18n import t
from lasem_tui.store import kamus as kamus_store
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.desk.amounts import compact
from lasem_tui.ui.desk.layout import plan_columns
from lasem_tui.ui.kamus.flags import short_mark
from lasem_tui.ui.messages import ProposalHighlighted
from lasem_tui.ui.widgets.labels import amount_cell, status_text
from lasem_tui.ui.widgets.row_table import RowTable

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
    "rank": 3,
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


class ProposalTable(RowTable[Text | str]):
    """Rows keyed by proposal id; a changed proposal updates its cells in place."""

    # repaint=False: the watchers update the cells and lines that changed, which repaint
    # themselves; a repaint of the whole widget would render every one of them again.
    proposals: reactive[tuple[ProposalRow, ...]] = reactive((), always_update=True, repaint=False)
    #: The meeting's kamus by entry id, set by the desk once per village: each title
    #: carries its kamus mark ("≠K", "∉K").
    kamus: reactive[dict[int, KamusView]] = reactive(dict, repaint=False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._shown: dict[int, ProposalRow] = {}
        #: The score column shows only when the meeting scores (has criteria).
        self.scoring = False
        # The columns that fit the width (ui/desk/layout.py), re-planned on resize.
        self._plan = plan_columns(0, self._wanted(), WIDTHS, 0)

    def _wanted(self) -> tuple[str, ...]:
        """The score only where the meeting scores (it has criteria)."""
        return tuple(c for c in COLUMNS if c != "score" or self.scoring)

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for column in self._plan.columns:
            self.add_column(
                t("table.title_col" if column == "title" else f"table.{column}"),
                key=column,
                width=self._plan.widths[column],
            )

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """The columns planned for a new width as the layout gives it, before the frame
        is drawn: planned on the resize event, a frame with the columns of the old width
        reached the screen first (the desk's first frame showed the compact columns of
        width 0, the next the real ones)."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized and self.is_mounted and self._fit():
            self.size_new_rows()
        return resized

    def _fit(self) -> bool:
        """Share the width again: the title takes what is free (see ``layout``). Whether
        the columns changed."""
        longest = max((len(p.title) for p in self.proposals), default=0)
        width = self.scrollable_content_region.width
        if not width:
            return False
        plan = plan_columns(width, self._wanted(), WIDTHS, longest)
        if plan == self._plan:
            return False
        self._plan = plan
        highlighted = self.highlighted_id
        self.clear(columns=True)
        self._shown = {}
        self._add_columns()
        self.watch_proposals(self.proposals)
        self.highlight(highlighted)
        return True

    def show_score(self, scoring: bool) -> None:
        """Show or hide the score column (the meeting's criteria were set or removed)."""
        if scoring == self.scoring:
            return
        self.scoring = scoring
        if not self.is_mounted:
            self._plan = plan_columns(0, self._wanted(), WIDTHS, 0)
            return
        self._plan = plan_columns(0, (), WIDTHS, 0)  # so that _fit plans anew
        self._fit()

    def _amount(self, amount: int | None) -> Text:
        if self._plan.compact_amounts and amount is not None:
            return Text(compact(amount), justify="right")
        return amount_cell(amount)

    def _title(self, row: ProposalRow, width: int) -> Text:
        # Text, not str: DataTable reads a str cell as markup, and titles are typed.
        mark = short_mark(kamus_store.flag_for(row, self.kamus))
        if not mark:
            return Text(_short(row.title, width))
        title = Text(_short(row.title, width - len(mark) - 1) + " ")
        return title.append_text(mark)

    def _cells(self, row: ProposalRow) -> tuple[Text | str, ...]:
        volume = f"{format_volume(row.volume)} {row.unit}".strip()
        widths = self._plan.widths
        cells = {
            # Text, not str: DataTable reads a str cell as markup, and titles are typed.
            "rank": Text("" if row.priority is None else str(row.priority), justify="right"),
            "no": Text(row.ref or str(row.seq)),
            "title": self._title(row, widths["title"]),
            "requested": self._amount(row.requested),
            "approved": self._amount(row.approved),
            "status": status_text(row.status, short=True),
            "volume": Text(_short(volume, WIDTHS["volume"]), justify="right"),
            "location": Text(_short(row.location, WIDTHS["location"])),
            "agency": Text(_short(row.agency.removeprefix("Dinas "), WIDTHS["agency"])),
            "score": Text("" if row.score is None else str(row.score), justify="right"),
        }
        return tuple(cells[c] for c in self._plan.columns)

    def watch_proposals(self, proposals: tuple[ProposalRow, ...]) -> None:
        if not self.columns:
            return
        if [p.id for p in proposals] == list(self._shown):
            if self.held:
                return  # drawn by ``catch_up``, before the table shows again
            for row in proposals:
                shown = self._shown.get(row.id)
                if shown is not row and shown != row:  # ``is`` first: most rows are kept
                    self.update_row(
                        str(row.id), zip(self._plan.columns, self._cells(row), strict=True)
                    )
        else:
            self.clear()
            for row in proposals:
                self.add_row(*self._cells(row), key=str(row.id))
            if self.size.width:
                self.call_after_refresh(self._fit)  # another village's titles
        self._shown = {p.id: p for p in proposals}

    def catch_up(self) -> None:
        self.watch_proposals(self.proposals)

    def watch_kamus(self) -> None:
        """Another kamus (a village called, a kamus imported): the marks are read again."""
        for row in self._shown.values():
            self.update_cell(str(row.id), "title", self._title(row, self._plan.widths["title"]))

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
