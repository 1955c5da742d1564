"""The desk screen: the queue, the review table, the detail, the tally and the clock.

Layout, keys and thin actions only. The state and the store calls live in
``DeskController``; writes run off the UI thread (``writes``); the flows through other
screens in ``flows``. A decision is shown as done only after its transaction has
committed, then the affected figures are read back (one village, the tally) and only
the widgets they feed repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from lasem_tui.domain import decisions
from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.decisions import Decision
from lasem_tui.i18n import get_language, t
from lasem_tui.store import queries
from lasem_tui.store.cancel import WriteToken
from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.store.errors import ConflictError
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import DeskState, ProposalDetail, ProposalRow
from lasem_tui.ui import clock as desk_clock
from lasem_tui.ui.bindings import Localized
from lasem_tui.ui.context import DeskContext
from lasem_tui.ui.desk import flows
from lasem_tui.ui.desk.confirmations import DeskConfirmations
from lasem_tui.ui.desk.controller import Outcome, is_out_of_reach
from lasem_tui.ui.desk.end_state import EndOfDesk
from lasem_tui.ui.desk.errors import refusal
from lasem_tui.ui.desk.fit_controller import FitDeskController
from lasem_tui.ui.desk.fit_flows import DeskFit
from lasem_tui.ui.desk.highlight import DeskHighlight
from lasem_tui.ui.desk.kamus_flows import DeskKamus
from lasem_tui.ui.desk.keys import DESK_BINDINGS
from lasem_tui.ui.desk.room import DeskRoom
from lasem_tui.ui.desk.writes import DeskWrites
from lasem_tui.ui.fit.fit_view import FIT_CSS
from lasem_tui.ui.messages import VillageChosen
from lasem_tui.ui.watcher import Watched, Watcher

if TYPE_CHECKING:
    from lasem_tui.ui.screens.decision_dialogs import DecisionDialog
from lasem_tui.ui.widgets.desk_clock import DeskClockPanel
from lasem_tui.ui.widgets.desk_header import DeskHeader
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.lazy_place import LazyPlace
from lasem_tui.ui.widgets.proposal_detail import ProposalDetailPanel
from lasem_tui.ui.widgets.proposal_table import ProposalTable
from lasem_tui.ui.widgets.tally_panel import TallyPanel
from lasem_tui.ui.widgets.village_queue import VillageQueue


class DeskScreen(
    DeskConfirmations,
    DeskRoom,
    DeskKamus,
    DeskFit,
    DeskWrites,
    DeskHighlight,
    Localized,
    Screen[None],
):
    CSS_PATH = [
        Path(__file__).with_name("desk.tcss"),
        FIT_CSS,
        Path(__file__).with_name("fit_desk.tcss"),
    ]
    #: Below 112 columns the queue gives its place to the table (v brings it back).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (112, "-wide")]
    AUTO_FOCUS = "#proposals"

    BINDINGS = DESK_BINDINGS

    # The screen paints nothing itself: its reactives feed the widgets bound to them
    # (``data_bind``), which repaint on their own. ``repaint=False``, because a screen
    # that repaints redraws every widget on it, the unchanged ones too.
    state: reactive[DeskState | None] = reactive(None, always_update=True, repaint=False)
    detail: reactive[ProposalDetail | None] = reactive(None, repaint=False)
    clock: reactive[DeskClock | None] = reactive(None, repaint=False)
    offline: reactive[bool] = reactive(False, repaint=False)
    agencies: reactive[tuple[AgencyFigures, ...]] = reactive((), repaint=False)
    #: The meeting's kamus by entry id, read once per village (``DeskKamus``).
    kamus: reactive[dict[int, KamusView]] = reactive(dict, repaint=False)

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        seat = context.seat
        self.desk = FitDeskController(
            context.db,
            context.meeting_id,
            seat.reviewer_id,
            on_seat=lambda reviewer_id: setattr(seat, "reviewer_id", reviewer_id),
        )
        self.watcher: Watcher[queries.ChangeMarker, DeskState] = Watcher(
            self,
            context.db,
            marker=lambda session: queries.change_marker(session, context.meeting_id),
            read=self.desk.read_changes,
            deliver=self._changed_elsewhere,
            online=self._online,
            generation=lambda: self.desk.generation,
        )
        self.reload_on_resume = False
        self._cursor_timer: Timer | None = None
        self._language = get_language()
        # Held, not queried: a callback that lands while the screen is being replaced
        # (a language switch) still finds its table instead of raising NoMatches.
        self._table = ProposalTable(id="proposals")
        self._table_title = ""

    # --- layout ------------------------------------------------------------------------

    def _width_classes(self) -> None:
        """The width's breakpoint class (``-narrow`` ...) from the start: Textual sets it
        on the screen's first resize, after the first frame, which at 80 columns drew the
        table beside a queue that has no room there and then again without it."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS or []
        wanted = self._get_breakpoint_classes(self.app.size.width, breakpoints)
        for _, name in breakpoints:
            self.set_class(name in wanted, name)

    def compose(self) -> ComposeResult:
        self._width_classes()
        yield DeskHeader(id="header").data_bind(
            DeskScreen.state, DeskScreen.clock, DeskScreen.offline
        )
        yield Static("", id="desk-wait", markup=False)
        # The review table paints first; the panels around it follow a frame later
        # (LazyPlace), in places of their own size meanwhile, so that the table is
        # laid out once, at its final size.
        with Horizontal(id="upper"):
            queue = VillageQueue(id="queue", classes="queue")
            yield LazyPlace(queue.data_bind(DeskScreen.state), classes="queue")
            yield self._table
            yield EndOfDesk(id="end-of-desk")
        yield LazyPlace(
            Horizontal(
                ProposalDetailPanel(id="detail").data_bind(DeskScreen.detail, DeskScreen.kamus),
                TallyPanel(id="tally").data_bind(DeskScreen.state, DeskScreen.agencies),
                DeskClockPanel(id="clock").data_bind(DeskScreen.clock),
                id="lower",
                classes="lower",
            ),
            classes="lower",
        )
        yield KeyFooter(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._table.border_title = t("table.title")
        self.reload()
        self.highlight_proposal(self.desk.initial_highlight())
        desk_clock.start_ticking(self, self._tick)
        self.set_interval(10.0, self.save_cursor)
        self.watcher.start()
        if self.context.db.read_only:
            self.notify(t("db_read_only_notice"), severity="warning", timeout=30, markup=False)

    # --- state -------------------------------------------------------------------------

    def reload(self, village_id: int | None = None) -> None:
        """Read the whole desk (on open, after a village switch or a conflict)."""
        self.forget_kamus()
        try:
            self.state = self.desk.load(village_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return
        self.watcher.seen = self.desk.seen

    def reload_and_highlight(self) -> None:
        self.reload(self.desk.village_id)
        self.highlight_proposal(self.desk.first_pending_or_top())

    def _lost_database(self, exc: Exception) -> None:
        """A read failed (the server went away, the USB stick was pulled): the desk keeps
        what it shows and says it is offline; the watcher notices when the database is
        back and reloads. A database that is damaged (rather than out of reach) is not
        waited for: the app's last-resort handler ends with its message."""
        if not is_out_of_reach(exc):
            raise exc
        if not self.offline:
            self.offline = True
            detail = getattr(exc, "detail", "") or str(exc).splitlines()[0]
            self.notify(
                t("db_unreachable", detail=detail), severity="error", timeout=10, markup=False
            )

    def _reachable(self) -> bool:
        """Before opening a screen that reads at once: is the database there?"""
        if self.offline:
            self.notify(t("desk.offline_wait"), severity="warning", timeout=6, markup=False)
            return False
        try:
            self.desk.probe()
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return False
        return True

    @on(Watched)
    def _watched(self, message: Watched) -> None:
        self.watcher.handle(message)

    def _online(self, online: bool) -> None:
        if self.offline and online:
            self.notify(t("desk.reconnected"), markup=False)
        self.offline = not online

    def _changed_elsewhere(self, state: DeskState, marker: queries.ChangeMarker, gen: int) -> None:
        """Another desk (or process) wrote: show it, keeping the highlight."""
        highlighted = self.highlighted
        if not self.desk.adopt(state, marker, gen):
            return
        self.forget_kamus()  # a kamus imported meanwhile (lasem kamus import) shows too
        self.state = self.desk.state
        if highlighted is not None:
            self._table.highlight(highlighted.id)
        self._show_detail(highlighted.id if highlighted else None)

    def watch_state(self, state: DeskState | None) -> None:
        if state is None:
            return
        # What this state has seen of the database: after our own decision the watcher
        # then does not read the whole desk again to find it (``DeskController._fold``).
        self.watcher.seen = self.desk.seen
        self.read_kamus_for(state)
        self._table.proposals = state.proposals
        self.show_fit_state()
        self.show_end_state(state)
        village_name = state.village.name if state.village else ""
        # Text: a border title given as str is read as markup, and names are typed.
        title = f"{t('table.title')} · Desa {village_name}" if village_name else t("table.title")
        # Set only when it changes: setting it repaints the whole table, which would put
        # every row into the frame that answers a decision key (issue 13).
        if title != self._table_title:
            self._table_title = title
            self._table.border_title = Text(title)
        # The clock follows a frame later (it ticks every second anyway): the frame that
        # answers a key is the changed row's, not the big clock's.
        self.call_after_refresh(self._tick)

    def _tick(self) -> None:
        clock = self.desk.clock()
        if clock is not None:
            self.clock = clock

    # --- errors ------------------------------------------------------------------------

    def report(self, exc: Exception) -> None:
        """Say why a command was refused, in the user's language, loudly enough."""
        said = refusal(exc)
        if said is None:
            raise exc
        message, severity, timeout = said
        self.notify(message, severity=severity, timeout=timeout, markup=False)
        if isinstance(exc, ConflictError):
            self.reload(self.desk.village_id)

    # --- decisions ---------------------------------------------------------------------

    def _act_on_highlighted(self, then: Callable[[ProposalRow], None]) -> None:
        proposal = self.highlighted
        if proposal is None:
            self.notify(t("desk.no_proposal"), severity="warning", markup=False)
            return
        if self.refuse_while_pending():
            return
        flows.with_reviewer(self, lambda: self.unless_decided(proposal, lambda: then(proposal)))

    def decide(self, decision: Decision, proposal: ProposalRow) -> None:
        self.write(
            partial(self.desk.decide, proposal, decision),
            lambda outcome: self.highlight_proposal(outcome.highlight),
        )

    def action_accept(self) -> None:
        self._act_on_highlighted(lambda p: self.decide(decisions.accept(p.requested, p.volume), p))

    def _dialog(self, dialog_class: Callable[[ProposalRow], DecisionDialog]) -> None:
        def open_dialog(proposal: ProposalRow) -> None:
            def done(decision: Decision | None) -> None:
                if decision is not None:
                    self.decide(decision, proposal)

            self.app.push_screen(dialog_class(proposal), done)

        self._act_on_highlighted(open_dialog)

    def action_adjust(self) -> None:
        self._dialog(self.adjust_dialog)

    # The dialogs are imported when first opened: the desk's first paint shows none of
    # them, and importing every dialog's module made up a fifth of its start (issue 13).
    def action_reject(self) -> None:
        from lasem_tui.ui.screens.decision_dialogs import RejectDialog

        self._dialog(RejectDialog)

    def action_defer(self) -> None:
        from lasem_tui.ui.screens.decision_dialogs import DeferDialog

        self._dialog(DeferDialog)

    def _history(self, run: Callable[[WriteToken], Outcome], word: str) -> None:
        def done(outcome: Outcome) -> None:
            self.highlight_proposal(outcome.highlight)
            row = outcome.row
            if row is not None:
                self.notify(f"{t(word)}: {row.ref} {row.title}", markup=False)

        flows.with_reviewer(self, lambda: self.write(run, done))

    def action_undo(self) -> None:
        self._history(self.desk.undo, "desk.undone")

    def action_redo(self) -> None:
        self._history(self.desk.redo, "desk.redone")

    # --- the queue ---------------------------------------------------------------------

    def _switched(self, outcome: Outcome) -> None:
        self.watcher.seen = self.desk.seen
        self.highlight_proposal(outcome.highlight)
        self.save_cursor()

    @on(VillageChosen)
    def _village_chosen(self, message: VillageChosen) -> None:
        self.write(partial(self.desk.call_village, message.village_id), self._switched)
        self.show_queue(False)
        self._table.focus()

    def action_toggle_queue(self) -> None:
        """The queue, to call a village or move one: beside the table on a wide screen,
        in its place on a narrow one (80x24), where it is otherwise hidden."""
        showing = not self.has_class("-show-queue")
        self.show_queue(showing)
        self.query_one("#queue" if showing else "#proposals").focus()

    def action_move_village(self, step: int) -> None:
        queue = self.query_one("#queue", VillageQueue)
        village_id = queue.highlighted_village or self.desk.village_id
        if village_id is None or self.state is None:
            return

        def moved(outcome: Outcome) -> None:
            self.watcher.seen = self.desk.seen
            queue.show_village(village_id)

        self.write(partial(self.desk.move_village, village_id, step), moved)

    # --- the other screens ------------------------------------------------------------

    def action_open_minutes(self) -> None:
        if self._reachable():
            self.save_cursor()
            flows.open_minutes(self)

    def action_open_attendance(self) -> None:
        if self._reachable():
            flows.open_attendance(self)

    def action_export(self) -> None:
        if self._reachable():
            flows.open_export(self)

    def action_setup(self) -> None:
        if self._reachable():
            self.save_cursor()
            flows.open_setup(self)

    def action_meetings(self) -> None:
        if self._reachable():
            self.save_cursor()
            flows.open_meetings(self)

    def action_import_recap(self) -> None:
        flows.open_import(self)

    def action_switch_reviewer(self) -> None:
        flows.open_picker(self, partial(flows.apply_reviewer_choice, self))

    def action_projector(self) -> None:
        self.save_cursor()
        flows.open_projector(self)

    def action_projector_message(self) -> None:
        flows.ask_projector_message(self)

    def on_screen_resume(self) -> None:
        """Back from another screen. The language may have been switched there (F2): the
        desk renews itself in it. Back from the minutes or the attendance, the meeting may
        have been closed."""
        if get_language() != self._language:
            self.save_cursor()
            self.app.switch_screen(DeskScreen(self.context))
            return
        if self.reload_on_resume and self.state is not None:
            self.reload_on_resume = False
            self.reload(self.desk.village_id)
