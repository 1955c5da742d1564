"""The regency overview: every meeting in the database with its approved total against
its ceiling, and the totals per OPD, per strategic issue and per funding source of the
redirected ones, across every kecamatan.

Read-only and live through the same watcher as the desk and the projector
(``ui/watcher.py``): a decision at any desk on
the server, or a kecamatan's push, shows within the second. On the desk (F5) Enter
opens the highlighted meeting (the screen dismisses with its id); as ``lasem projector
--regency`` it only shows.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from lasem_tui.i18n import t
from lasem_tui.store import regency
from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.store.regency import RegencyOverview
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.regency import figures
from lasem_tui.ui.watcher import Watched, Watcher
from lasem_tui.ui.widgets.key_footer import KeyFooter

#: Below this width the tables drop columns and shorten amounts.
NARROW_BELOW = 110


class RegencyScreen(Localized, Screen[int | None]):
    """Dismisses with the id of the meeting to open, or None."""

    CSS_PATH = Path(__file__).with_name("regency.tcss")

    BINDINGS = [
        key("question_mark,f1", "app.help", "help"),
        key("escape,f5", "close", "back_to_desk"),
        # Before the table's own Enter, so the footer shows what Enter does here.
        key("enter", "open_meeting", "open_meeting", priority=True),
    ]

    state: reactive[RegencyOverview | None] = reactive(None, always_update=True)
    offline: reactive[bool] = reactive(False)

    def __init__(
        self, db: Database, *, current_meeting_id: int | None = None, read_only: bool = False
    ) -> None:
        super().__init__()
        self.db = db
        self.current_meeting_id = current_meeting_id
        self.read_only = read_only
        self.watcher: Watcher[tuple[int, int, int], RegencyOverview] = Watcher(
            self,
            db,
            marker=regency.change_marker,
            read=regency.overview,
            deliver=self._delivered,
            online=self._online,
        )
        self.narrow = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="rg-top"):
            yield Static("", id="rg-title")
            yield Static("", id="rg-status")
        yield Static("", id="rg-totals")
        table: DataTable[Text] = DataTable(id="rg-meetings", cursor_type="row", zebra_stripes=True)
        yield table
        with Horizontal(id="rg-breakdowns"):
            yield Static("", id="rg-agency")
            yield Static("", id="rg-issue")
            yield Static("", id="rg-funding")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW_BELOW
        self._add_columns()
        self._label_panels()
        self._read_now()
        self.watcher.start()
        self.query_one("#rg-meetings", DataTable).focus()

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_BELOW
        if narrow != self.narrow:
            self.narrow = narrow
            self._add_columns()
            self.state = self.state

    def _add_columns(self) -> None:
        table = self.query_one("#rg-meetings", DataTable)
        table.clear(columns=True)
        for name in figures.NARROW_COLUMNS if self.narrow else figures.COLUMNS:
            table.add_column(t(f"regency.col.{name}"), key=name)

    def _label_panels(self) -> None:
        self.query_one("#rg-meetings", DataTable).border_title = t("regency.meetings")
        self.query_one("#rg-agency", Static).border_title = t("regency.by_agency")
        self.query_one("#rg-issue", Static).border_title = t("regency.by_issue")
        self.query_one("#rg-funding", Static).border_title = t("regency.by_funding")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The projector in the room of the Musrenbang Kabupaten only shows.
        return not (self.read_only and action in ("close", "open_meeting"))

    # --- reading (ui/watcher.py polls) ---------------------------------------------------

    def _read_now(self) -> None:
        try:
            overview = self.watcher.read_now()
        except READ_ERRORS:
            self.offline = True
            return
        self.offline = False
        self.state = overview

    @on(Watched)
    def _watched(self, message: Watched) -> None:
        self.watcher.handle(message)

    def _online(self, online: bool) -> None:
        self.offline = not online

    def _delivered(self, overview: RegencyOverview, _marker: object, _generation: int) -> None:
        self.state = overview

    # --- showing -------------------------------------------------------------------------

    def watch_state(self, overview: RegencyOverview | None) -> None:
        if overview is None:
            return
        table = self.query_one("#rg-meetings", DataTable)
        keep = self._highlighted()
        table.clear()
        for meeting in overview.meetings:
            table.add_row(*figures.meeting_cells(meeting, narrow=self.narrow), key=str(meeting.id))
        target = keep if keep is not None else self.current_meeting_id
        for index, meeting in enumerate(overview.meetings):
            if meeting.id == target:
                table.move_cursor(row=index, animate=False)
                break
        self.query_one("#rg-totals", Static).update(figures.totals_line(overview))
        self.query_one("#rg-agency", Static).update(
            figures.breakdown(
                overview.by_agency,
                empty=t("regency.none_approved"),
                amount_heading=t("regency.col.approved"),
                narrow=self.narrow,
            )
        )
        self.query_one("#rg-issue", Static).update(
            figures.breakdown(
                overview.by_issue,
                empty=t("regency.none_tagged"),
                amount_heading=t("regency.col.approved"),
                narrow=self.narrow,
            )
        )
        self.query_one("#rg-funding", Static).update(
            figures.breakdown(
                figures.funding_shares(overview.by_funding),
                empty=t("regency.none_redirected"),
                amount_heading=t("regency.col.requested"),
                narrow=self.narrow,
            )
        )
        self._show_status()

    def watch_offline(self, _offline: bool) -> None:
        self._show_status()

    def _show_status(self) -> None:
        self.query_one("#rg-title", Static).update(Text(t("regency.title"), style="bold"))
        status = self.query_one("#rg-status", Static)
        status.update(
            Text(f" {t('projector.reconnecting')} ", style="bold reverse") if self.offline else ""
        )

    def _highlighted(self) -> int | None:
        table = self.query_one("#rg-meetings", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    # --- keys ----------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        if self.read_only:
            return
        chosen = self._highlighted()
        if chosen is not None:
            self.dismiss(chosen)

    def action_close(self) -> None:
        if not self.read_only:
            self.dismiss(None)

    def relocalize(self) -> None:
        """Show everything again in the language just chosen."""
        self.localize_bindings()
        self._add_columns()
        self._label_panels()
        self.state = self.state
        self.refresh_bindings()
