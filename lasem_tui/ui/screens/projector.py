"""The projector: what the whole pendopo reads from three to ten metres away.

The same screen serves two ways: on top of the desk (key ``p``), and alone in a second,
read-only process (``lasem projector``) on the same database. Either way it reads the
desk from the database and polls a cheap change marker every second in a thread, so a
decision made at any desk shows within the second; when the database cannot be read it
keeps the last picture and says it is reconnecting.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from lasem_tui import settings
from lasem_tui.domain.clock import DeskClock, desk_clock
from lasem_tui.domain.dates import format_clock, format_date_long, local, now
from lasem_tui.i18n import get_language, t
from lasem_tui.store import projector as projector_store
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS, DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import DeskState, ProposalRow
from lasem_tui.ui import themes
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.screens.message_dialog import MessageDialog
from lasem_tui.ui.widgets.big_digits import BigDigits
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.projector import (
    MoneyFigure,
    StateCounts,
    TimerFigure,
    discussion_lines,
    next_villages,
    proposal_list,
    state_counts,
    village_lines,
)

Marker = tuple[int, int, int | None]


class ProjectorRead(Message):
    """A background read finished: the new state (None when nothing changed)."""

    def __init__(self, state: DeskState | None, marker: Marker | None, *, online: bool) -> None:
        super().__init__()
        self.state = state
        self.marker = marker
        self.online = online


def under_discussion(state: DeskState) -> ProposalRow | None:
    """The proposal highlighted at the desk, or the village's first undecided one."""
    saved = state.meeting.cursor_proposal_id
    for row in state.proposals:
        if row.id == saved:
            return row
    return queries.first_undecided(state.proposals)


def clock_of(state: DeskState) -> DeskClock:
    village = state.village
    return desk_clock(
        now=now(),
        planned_end=state.meeting.desk_ends_at,
        waiting=state.waiting,
        current_started_at=village.desk_started_at if village else None,
        current_spent_seconds=village.desk_seconds if village else 0.0,
        done_durations=state.done_durations,
    )


class ProjectorScreen(Localized, Screen):
    CSS_PATH = Path(__file__).with_name("projector.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall"), (50, "-huge")]

    BINDINGS = [
        key("question_mark,f1", "app.help", "help"),
        key("p,escape", "close", "close_projector"),
        key("b", "message", "message"),
        key("t", "switch_theme", "projector_theme"),
    ]

    #: Poll the database for changes this often (seconds).
    POLL_SECONDS = 1.0

    state: reactive[DeskState | None] = reactive(None, always_update=True)
    offline: reactive[bool] = reactive(False)

    def __init__(self, db: Database, meeting_id: int, *, read_only: bool = False) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.read_only = read_only
        self._marker: Marker | None = None
        self._previous_theme: str | None = None

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="pj-message")
        with Horizontal(id="pj-top"):
            yield Static("", id="pj-title")
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
            yield Static("", id="pj-list")
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
        self.set_interval(1.0, self._tick)
        self.set_interval(self.POLL_SECONDS, self._poll)

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

    # --- reading -----------------------------------------------------------------------

    def _read_now(self) -> None:
        try:
            with self.db.read() as session:
                marker = projector_store.change_marker(session, self.meeting_id)
                state = queries.desk_state(session, self.meeting_id)
        except READ_ERRORS:
            self.offline = True
            return
        self._marker = marker
        self.offline = False
        self.state = state

    def _poll(self) -> None:
        self._read_in_background(self._marker)

    @work(thread=True, exclusive=True, group="projector-poll")
    def _read_in_background(self, seen: Marker | None) -> None:
        """Read again only when the marker moved; never touches widgets."""
        try:
            with self.db.read() as session:
                marker = projector_store.change_marker(session, self.meeting_id)
                if marker == seen:
                    self.post_message(ProjectorRead(None, marker, online=True))
                    return
                state = queries.desk_state(session, self.meeting_id)
        except READ_ERRORS:
            self.post_message(ProjectorRead(None, None, online=False))
            return
        self.post_message(ProjectorRead(state, marker, online=True))

    @on(ProjectorRead)
    def _read_done(self, message: ProjectorRead) -> None:
        self.offline = not message.online
        if message.state is not None:
            self._marker = message.marker
            self.state = message.state

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
        self.query_one("#pj-village", Vertical).border_title = t("projector.at_desk")
        self.query_one("#pj-village-lines", Static).update(
            village_lines(village, state.village_tally)
        )
        current = under_discussion(state)
        self.query_one("#pj-discussion", Static).update(discussion_lines(current))
        listing = self.query_one("#pj-list", Static)
        listing.border_title = t("projector.proposals", name=village.name) if village else ""
        listing.update(proposal_list(state.proposals, current.id if current else None))
        self.query_one("#pj-next", Static).update(next_villages(state.villages, limit=8))
        self.query_one("#pj-counts", StateCounts).items = state_counts(tally, state.villages)

        message = self.query_one("#pj-message", Static)
        message.update(state.meeting.projector_message)
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
        self.query_one("#pj-timer", TimerFigure).show(clock, state.village)
        self.query_one("#pj-title", Static).update(self._title_line(state))
        self.query_one("#pj-time", Static).update(self._time_line(clock))

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
        parts.extend(
            [
                (meeting.title, "bold"),
                ("  ·  ", "$pj-muted"),
                format_date_long(meeting.held_on, get_language()),
            ]
        )
        return Content.assemble(*parts)

    def _time_line(self, clock: DeskClock | None) -> Content:
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
        if clock.planned_end is not None:
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
        reviewer = self.app.reviewer_id()  # type: ignore[attr-defined]
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
