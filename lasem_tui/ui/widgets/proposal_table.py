"""The review table: the proposals of the village at the desk."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from lasem_tui.domain.money import format_volume
from lasem_tui.i18n import t
from lasem_tui.store import kamus as kamus_store
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.kamus.flags import short_mark
from lasem_tui.ui.messages import ProposalHighlighted
from lasem_tui.ui.widgets.labels import amount_cell, status_text

#: Most important first: at 80 columns the number, title, amounts and state are in view;
#: volume, location and agency follow on wider screens (or scroll into view).
COLUMNS = ("no", "title", "requested", "approved", "status", "volume", "location", "agency")
WIDTHS = {
    "no": 5,
    "title": 24,
    "requested": 11,
    "approved": 11,
    "status": 13,
    "volume": 10,
    "location": 16,
    "agency": 18,
}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ProposalTable(DataTable):
    """Rows keyed by proposal id; a changed proposal updates its cells in place."""

    proposals: reactive[tuple[ProposalRow, ...]] = reactive((), always_update=True)
    #: The meeting's kamus by entry id, set by the desk once per village: each title
    #: carries its kamus mark ("≠K", "∉K").
    kamus: reactive[dict[int, KamusView]] = reactive(dict)

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._shown: dict[int, ProposalRow] = {}

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(
                t("table.title_col" if column == "title" else f"table.{column}"),
                key=column,
                width=WIDTHS[column],
            )

    def _title(self, row: ProposalRow) -> Text:
        # Text, not str: DataTable reads a str cell as markup, and titles are typed.
        mark = short_mark(kamus_store.flag_for(row, self.kamus))
        if not mark:
            return Text(_short(row.title, WIDTHS["title"]))
        title = Text(_short(row.title, WIDTHS["title"] - len(mark) - 1) + " ")
        return title.append_text(mark)

    def _cells(self, row: ProposalRow) -> tuple[Text | str, ...]:
        volume = f"{format_volume(row.volume)} {row.unit}".strip()
        cells = {
            "no": Text(row.ref or str(row.seq)),
            "title": self._title(row),
            "requested": amount_cell(row.requested),
            "approved": amount_cell(row.approved),
            "status": status_text(row.status, short=True),
            "volume": Text(_short(volume, WIDTHS["volume"]), justify="right"),
            "location": Text(_short(row.location, WIDTHS["location"])),
            "agency": Text(_short(row.agency.removeprefix("Dinas "), WIDTHS["agency"])),
        }
        return tuple(cells[c] for c in COLUMNS)

    def watch_proposals(self, proposals: tuple[ProposalRow, ...]) -> None:
        if not self.columns:
            return
        if [p.id for p in proposals] == list(self._shown):
            for row in proposals:
                if self._shown.get(row.id) != row:
                    for column, cell in zip(COLUMNS, self._cells(row), strict=True):
                        self.update_cell(str(row.id), column, cell)
        else:
            self.clear()
            for row in proposals:
                self.add_row(*self._cells(row), key=str(row.id))
        self._shown = {p.id: p for p in proposals}

    def watch_kamus(self) -> None:
        """Another kamus (a village called, a kamus imported): the marks are read again."""
        for row in self._shown.values():
            self.update_cell(str(row.id), "title", self._title(row))

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
