"""The village queue: every village with its state and figures, the one at the desk marked."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable

from lasem_tui.i18n import t
from lasem_tui.store.views import DeskState, VillageRow
from lasem_tui.ui.desk.amounts import compact, over_ceiling
from lasem_tui.ui.messages import VillageChosen, VillageHighlighted
from lasem_tui.ui.widgets.labels import VILLAGE_MARK, VILLAGE_STYLE
from lasem_tui.ui.widgets.row_table import RowTable


class VillageQueue(RowTable[Text]):
    """Enter calls the highlighted village to the desk."""

    #: Home/End go to the first and the last village (DataTable's scroll sideways).
    BINDINGS = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    # repaint=False: the watchers update the cells and lines that changed, which repaint
    # themselves; a repaint of the whole widget would render every one of them again.
    state: reactive[DeskState | None] = reactive(None, always_update=True, repaint=False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._shown: dict[int, VillageRow] = {}
        #: The village to put the cursor on once the queue has a height (``show_village``).
        self._wanted: int | None = None

    def on_mount(self) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_column(t("queue.village"), key="name", width=12)
        self.add_column(t("queue.count"), key="count", width=5)
        self.add_column(t("queue.amounts"), key="amounts", width=13)
        self.border_title = t("queue.title")
        self.watch_state(self.state)

    def _cells(self, row: VillageRow) -> tuple[Text, Text, Text, Text]:
        style = VILLAGE_STYLE[row.state]
        count = f"{row.proposals - row.pending}/{row.proposals}"
        # With their unit ("186 jt/1,1 M"): bare millions were not read as rupiah.
        amounts = f"{compact(row.approved)}/{compact(row.requested)}"
        amount_style = "dim" if not row.approved else ""
        mark = Text(VILLAGE_MARK[row.state], style=style)
        if over_ceiling(row.approved, row.ceiling):
            # Over its own ceiling: loud on the village's row, not only in the tally.
            mark = Text("!", style="bold white on red")
            amount_style = "bold red"
        return (
            mark,
            Text(row.name, style=style),
            Text(count, justify="right"),
            Text(amounts, style=amount_style, justify="right"),
        )

    def watch_state(self, state: DeskState | None) -> None:
        if state is None or not self.columns:
            return
        if self.held and [v.id for v in state.villages] == list(self._shown):
            return  # drawn by ``catch_up``, before the queue shows again
        self._show(state.villages)
        if state.village is not None:
            self.show_village(state.village.id)

    def catch_up(self) -> None:
        self.watch_state(self.state)

    def _show(self, villages: tuple[VillageRow, ...]) -> None:
        same_order = [v.id for v in villages] == list(self._shown)
        if same_order:
            for row in villages:
                # After a decision every row but one is the very object shown: ``is``
                # first spares comparing 300 villages field by field.
                shown = self._shown.get(row.id)
                if shown is not row and shown != row:
                    columns = ("mark", "name", "count", "amounts")
                    self.update_row(str(row.id), zip(columns, self._cells(row), strict=True))
        else:
            cursor_key = self._cursor_village()
            self.clear()
            for row in villages:
                self.add_row(*self._cells(row), key=str(row.id))
            if cursor_key is not None:
                self.show_village(cursor_key)
        self._shown = {v.id: v for v in villages}

    def _cursor_village(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return int(key.value) if key.value else None

    def show_village(self, village_id: int) -> None:
        """Move the cursor to a village without choosing it."""
        try:
            index = self.get_row_index(str(village_id))
        except Exception:
            return
        if not self.size.height:
            # Not laid out yet (the queue mounts a frame after the review table), or
            # hidden on a narrow screen: the cursor's scroll would be measured against a
            # view of no height, and that offset would stay. Moved once laid out.
            self._wanted = village_id
            return
        self._wanted = None
        top = round(self.scroll_y)
        rows = self.scrollable_content_region.height - (
            self.header_height if self.show_header else 0
        )
        self.move_cursor(row=index, animate=False)
        if not top <= index < top + rows:
            # Out of view: brought near the top, the village before it above, so that
            # the villages still to come are in view below it (once the rows are sized).
            self.call_after_refresh(self.scroll_to, y=max(0, index - 1), animate=False)

    def on_resize(self) -> None:
        if self._wanted is not None and self.size.height:
            self.show_village(self._wanted)

    @property
    def highlighted_village(self) -> int | None:
        return self._wanted if self._wanted is not None else self._cursor_village()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(VillageChosen(int(event.row_key.value)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(
            VillageHighlighted(int(event.row_key.value) if event.row_key.value else None)
        )
