"""The projector: what the whole pendopo reads from three to ten metres away.

The same screen serves two ways: on top of the desk (key ``p``), and alone in a second,
read-only process (``lasem projector``) on the same database. Either way it reads the
desk from the database and polls a cheap change marker every second in a thread
(``ui/watcher.py``, shared with the desk and the regency overview), so a decision at any desk
shows within the second; when the database cannot be read it keeps the last picture and
says it is reconnecting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from lasem_tui import settings
from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.dates import format_clock, format_date_long, local
from lasem_tui.i18n import get_language, t
from lasem_tui.store import fit_queries, queries
from lasem_tui.store import projector as projector_store
from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS, DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.fit_queries import FitPicture
from lasem_tui.store.views import DeskState, ProposalRow
from lasem_tui.ui import themes
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.clock import clock_of, start_ticking
from lasem_tui.ui.context import DeskContext, Seat
from lasem_tui.ui.screens.message_dialog import MessageDialog
from lasem_tui.ui.watcher import Watched, Watcher
from lasem_tui.ui.widgets.big_digits import BigDigits
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.projector import (
    BigMessage,
    MoneyFigure,
    StateCounts,
    TimerFigure,
    discussion_lines,
    end_lines,
    meeting_over,
    next_villages,
    proposal_list,
    state_counts,
    village_lines,
    village_results,
)

if TYPE_CHECKING:
    from sqlmodel import Session

Marker = tuple[int, int, int | None]


def _read(session: Session, meeting_id: int) -> tuple[DeskState, FitPicture]:
    """The desk's state and the fit of the village at the desk, in one transaction."""
    state = queries.desk_state(session, meeting_id)
    village_id = state.village.id if state.village else None
    return state, fit_queries.fit_picture(session, meeting_id, village_id)


def under_discussion(state: DeskState) -> ProposalRow | None:
    """The proposal highlighted at the desk, or the village's first undecided one."""
    saved = state.meeting.cursor_proposal_id
    for row in state.proposals:
        if row.id == saved:
            return row
    return queries.first_undecided(state.proposals)


class ProjectorScreen(Localized, Screen[None]):
    CSS_PATH = Path(__file__).with_name("projector.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall"), (50, "-huge")]

    BINDINGS = [
        key("question_mark,f1", "app.help", "help"),
        key("p,escape", "close", "close_projector"),
        key("b", "message", "message"),
        key("t", "switch_theme", "projector_theme"),
    ]

    state: reactive[DeskState | None] = reactive(None, always_update=True)
    offline: reactive[bool] = reactive(False)

    def __init__(
        self, db: Database, meeting_id: int, *, read_only: bool = False, seat: Seat | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.read_only = read_only
        self.picture: FitPicture | None = None
        #: The reviewer at the desk's keyboard (None in the read-only second process).
        self.seat = seat or Seat()
        self._previous_theme: str | None = None
        self.watcher: Watcher[Marker, tuple[DeskState, FitPicture]] = Watcher(
            self,
            db,
            marker=lambda session: projector_store.change_marker(session, meeting_id),
            read=lambda session: _read(session, meeting_id),
            deliver=self._delivered,
            online=self._online,
        )

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield BigMessage(id="pj-message")
        with Horizontal(id="pj-top"):
            # The title gives way (cut with …); the date and the clock never do.
            yield Static("", id="pj-title")
            yield Static("", id="pj-date")
            yield Static("", id="pj-time")
        with Horizontal(id="pj-money"):
            yield MoneyFigure(id="pj-approved")
            yield MoneyFigure(id="pj-ceiling")
            yield MoneyFigure(id="pj-remaining")
        yield ProgressBar(total=100, show_eta=False, show_percentage=True, id="pj-bar")
        with Horizontal(id="pj-middle"):
            with Vertical(id="pj-village"):
                yield Static("", id="pj-village-lines")
                yield Static("", id="pj-discussion")
            yield TimerFigure(id="pj-timer")
        with Horizontal(id="pj-bottom"):
            # The list takes the free width (the titles); the queue and the counts
            # share one narrow column beside it.
            yield Static("", id="pj-list")
            with Vertical(id="pj-side"):
                yield Static("", id="pj-next")
                yield StateCounts(id="pj-counts")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._previous_theme = self.app.theme
        for theme in themes.PROJECTOR_THEMES:
            if theme.name not in self.app.available_themes:
                self.app.register_theme(theme)
        self._apply_theme()
        self.query_one("#pj-next", Static).border_title = t("projector.next")
        self.query_one("#pj-counts", StateCounts).border_title = t("projector.counts")
        self._read_now()
        start_ticking(self, self._tick)
        self.watcher.start()

    def on_resize(self) -> None:
        # A tall screen (a projector at 240x67) has room for a bigger font.
        height = self.size.height
        scale = 2 if height >= 60 else 1 if height >= 44 else 0
        for digits in self.query(BigDigits):
            digits.max_scale = scale

    def on_screen_resume(self) -> None:
        self._apply_theme()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The second process only reads: it can neither leave for a desk nor write.
        return not (self.read_only and action in ("close", "message"))

    # --- reading (the poll itself: ui/watcher.py) ------------------------------------

    def _read_now(self) -> None:
        try:
            state = self.watcher.read_now()
        except READ_ERRORS:
            self.offline = True
            return
        self.offline = False
        self.picture, self.state = state[1], state[0]

    @on(Watched)
    def _watched(self, message: Watched) -> None:
        self.watcher.handle(message)

    def _online(self, online: bool) -> None:
        self.offline = not online

    def _delivered(
        self, read: tuple[DeskState, FitPicture], _marker: Marker, _generation: int
    ) -> None:
        self.picture, self.state = read[1], read[0]

    # --- showing -----------------------------------------------------------------------

    def watch_state(self, state: DeskState | None) -> None:
        if state is None:
            return
        tally = state.tally
        self.query_one("#pj-approved", MoneyFigure).show(t("projector.approved"), tally.approved)
        self.query_one("#pj-ceiling", MoneyFigure).show(t("projector.ceiling"), tally.ceiling)
        remaining = self.query_one("#pj-remaining", MoneyFigure)
        if tally.is_over:
            remaining.show(t("projector.over"), tally.over, loud=True)
        else:
            remaining.show(t("projector.remaining"), tally.remaining)
        bar = self.query_one("#pj-bar", ProgressBar)
        bar.update(total=100, progress=min(100.0, tally.ratio * 100))
        bar.set_class(tally.is_over, "-over")

        village = state.village
        over = meeting_over(state)
        self.set_class(over, "-meeting-over")
        self.query_one("#pj-village", Vertical).border_title = t(
            "projector.the_meeting" if over else "projector.at_desk"
        )
        listing = self.query_one("#pj-list", Static)
        if over:
            # The end reads as the end: the totals and each village's result, not
            # "nothing discussed yet".
            self.query_one("#pj-village-lines", Static).update(end_lines(state))
            self.query_one("#pj-discussion", Static).update("")
            listing.border_title = t("projector.results")
            listing.update(village_results(state.villages))
            self.query_one("#pj-next", Static).update(
                Content.styled(t("projector.queue_done"), "$pj-muted italic")
            )
        else:
            self.query_one("#pj-village-lines", Static).update(
                village_lines(village, state.village_tally)
            )
            current = under_discussion(state)
            self.query_one("#pj-discussion", Static).update(discussion_lines(current))
            listing.border_title = t("projector.proposals", name=village.name) if village else ""
            picture = self.picture
            listing.update(
                proposal_list(
                    state.proposals,
                    current.id if current else None,
                    scoring=picture.scoring if picture else False,
                    fit=picture.fit if picture else None,
                )
            )
            self.query_one("#pj-next", Static).update(next_villages(state.villages, limit=8))
        self.query_one("#pj-counts", StateCounts).items = state_counts(tally, state.villages)

        message = self.query_one("#pj-message", BigMessage)
        message.text = state.meeting.projector_message
        message.set_class(bool(state.meeting.projector_message), "-shown")
        self._tick()

    def watch_offline(self, _offline: bool) -> None:
        self._tick()

    def _tick(self) -> None:
        state = self.state
        if state is None:
            self.query_one("#pj-time", Static).update(self._time_line(None))
            return
        clock = clock_of(state)
        timer = self.query_one("#pj-timer", TimerFigure)
        if meeting_over(state):
            timer.show_total(sum(state.done_durations), len(state.villages))
        else:
            timer.show(clock, state.village)
        title = self._title_line(state)
        date_text = format_date_long(state.meeting.held_on, get_language())
        time_line = self._time_line(clock)
        # The planned end gives way first when the title would be cut.
        room = self.size.width - 2 - 2 - len(date_text) - 2 - time_line.cell_length
        if title.cell_length > room:
            time_line = self._time_line(clock, with_plan=False)
        self.query_one("#pj-title", Static).update(title)
        self.query_one("#pj-date", Static).update(date_text)
        self.query_one("#pj-time", Static).update(time_line)

    def _title_line(self, state: DeskState) -> Content:
        meeting = state.meeting
        parts: list[Content | tuple[str, str] | str] = []
        if self.offline:
            # First, so that even 80 columns say the picture may be behind.
            parts.extend(
                [(f" {t('projector.reconnecting')} ", "bold $pj-alert-fg on $pj-alert-bg"), " "]
            )
        if meeting.is_demo:
            parts.extend([(f" {t('demo_data')} ", "bold $pj-warn-fg on $pj-warn-bg"), " "])
        parts.append((meeting.title, "bold"))
        return Content.assemble(*parts)

    def _time_line(self, clock: DeskClock | None, *, with_plan: bool = True) -> Content:
        """The clock and the projected end of the desk: always in view."""
        parts: list[Content | tuple[str, str] | str] = []
        if clock is None:
            if self.offline:
                parts.append(
                    (f" {t('projector.reconnecting')} ", "bold $pj-alert-fg on $pj-alert-bg")
                )
            return Content.assemble(*parts)
        parts.append((format_clock(clock.now), "bold"))
        if clock.projected_end is not None:
            late = clock.late_seconds > 0
            parts.extend(
                [
                    ("  ·  ", "$pj-muted"),
                    (f"{t('projector.projected_end')} ", "$pj-muted"),
                    (
                        format_clock(local(clock.projected_end)),
                        "bold $pj-alert-fg on $pj-alert-bg" if late else "bold $pj-good",
                    ),
                ]
            )
        if clock.planned_end is not None and with_plan:
            parts.append(
                (
                    f" ({t('projector.planned_end')} {format_clock(local(clock.planned_end))})",
                    "$pj-muted",
                )
            )
        return Content.assemble(*parts)

    # --- keys --------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        self.app.theme = themes.theme_name(settings.load().projector_theme)

    def action_switch_theme(self) -> None:
        chosen = themes.other(settings.load().projector_theme)
        settings.update(projector_theme=chosen)
        self._apply_theme()
        self.notify(t("projector.theme_now", name=t(f"theme.{chosen}")), timeout=3, markup=False)

    def action_close(self) -> None:
        if self.read_only:
            return
        self._restore_theme()
        self.dismiss()

    def _restore_theme(self) -> None:
        if self._previous_theme is not None:
            self.app.theme = self._previous_theme
            self._previous_theme = None

    def on_unmount(self) -> None:
        self._restore_theme()

    def action_message(self) -> None:
        if self.read_only:
            return
        current = self.state.meeting.projector_message if self.state else ""

        def done(text: str | None) -> None:
            if text is not None:
                self.set_message(text)

        self.app.push_screen(MessageDialog(current), done)

    def set_message(self, text: str) -> None:
        """Write the message (empty clears it) and show it at once."""
        # The reviewer at this desk's keyboard, as for every other change from this desk.
        reviewer = DeskContext(self.db, self.meeting_id, self.seat).reviewer_id
        try:
            stored = projector_store.set_message(
                self.db, self.meeting_id, text, reviewer_id=reviewer
            )
        except DatabaseError as exc:
            self.notify(t(exc.code, detail=exc.detail), severity="error", timeout=8, markup=False)
            return
        except StoreError as exc:
            self.notify(t(exc.code, **exc.params), severity="error", timeout=6, markup=False)
            return
        self._read_now()
        self.notify(t("message.shown" if stored else "message.cleared"), timeout=3, markup=False)

    def relocalize(self) -> None:
        """Show everything again in the language just chosen."""
        self.localize_bindings()
        self.query_one("#pj-next", Static).border_title = t("projector.next")
        self.query_one("#pj-counts", StateCounts).border_title = t("projector.counts")
        self.state = self.state
        self.refresh_bindings()
