"""The desk screen: the queue, the review table, the detail, the tally and the clock.

The screen owns the desk's behaviour. Keys become store commands; a decision is shown
as done only after its transaction has committed, then the affected figures are read
back (one village, the tally) rather than the whole meeting.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.lazy import Lazy
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from lasem_tui.domain import decisions
from lasem_tui.domain.clock import DeskClock, desk_clock
from lasem_tui.domain.dates import format_clock, local, now
from lasem_tui.domain.decisions import Decision
from lasem_tui.domain.money import format_rupiah
from lasem_tui.domain.tally import ProposalFigures, apply_change
from lasem_tui.i18n import counted, get_language, t
from lasem_tui.store import desk as commands
from lasem_tui.store import projector as projector_store
from lasem_tui.store import queries
from lasem_tui.store.engine import READ_ERRORS, DatabaseError
from lasem_tui.store.errors import ConflictError, NoReviewerError, NothingToDoError, StoreError
from lasem_tui.store.views import DeskState, ProposalDetail, ProposalRow
from lasem_tui.ui.bindings import Localized, key
from lasem_tui.ui.messages import DeskRefreshed, ProposalHighlighted, VillageChosen
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog, DeferDialog, RejectDialog
from lasem_tui.ui.screens.message_dialog import MessageDialog
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from lasem_tui.ui.widgets.desk_clock import DeskClockPanel
from lasem_tui.ui.widgets.desk_header import DeskHeader
from lasem_tui.ui.widgets.key_footer import KeyFooter
from lasem_tui.ui.widgets.proposal_detail import ProposalDetailPanel
from lasem_tui.ui.widgets.proposal_table import ProposalTable
from lasem_tui.ui.widgets.tally_panel import TallyPanel
from lasem_tui.ui.widgets.village_queue import VillageQueue

if TYPE_CHECKING:
    from lasem_tui.ui.app import LasemApp

#: Failures the desk waits out (a server restarting, a lock held elsewhere); anything
#: else wrong with the database ends the app with its message.
OUT_OF_REACH = ("db_unreachable", "db_busy")


class DeskScreen(Localized, Screen):
    CSS_PATH = Path(__file__).with_name("desk.tcss")
    AUTO_FOCUS = "#proposals"

    BINDINGS = [
        # Help comes first so that it stays in view on an 80-column footer.
        key("question_mark,f1", "app.help", "help"),
        key("a", "accept", "accept"),
        key("e", "adjust", "adjust"),
        key("r", "reject", "reject"),
        key("d", "defer", "defer"),
        key("u,ctrl+z", "undo", "undo"),
        key("ctrl+y", "redo", "redo", show=False),
        key("n", "next_village", "next"),
        key("s", "absent", "absent"),
        # Setup, meetings and import: in the help and the palette; the footer is full.
        key("i", "import_recap", "import", show=False),
        key("f3", "setup", "setup", show=False),
        key("f4", "meetings", "meetings", show=False),
        key("v", "toggle_queue", "queue", show=False),
        key("ctrl+up", "move_village(-1)", "move_up", show=False),
        key("ctrl+down", "move_village(1)", "move_down", show=False),
        key("tab", "app.focus_next", "focus", show=False),
        key("w", "switch_reviewer", "reviewer"),
        key("m", "open_minutes", "minutes"),
        key("h", "open_attendance", "attendance", show=False),
        key("x", "export", "export", show=False),
        key("p", "projector", "projector"),
        key("b", "projector_message", "message", show=False),
    ]

    state: reactive[DeskState | None] = reactive(None, always_update=True)
    detail: reactive[ProposalDetail | None] = reactive(None)
    clock: reactive[DeskClock | None] = reactive(None)

    #: Poll the database for other desks' changes this often (seconds).
    POLL_SECONDS = 1.0
    #: Save the highlight this long after it stops moving, so the projector follows it.
    CURSOR_SAVE_DELAY = 0.3

    offline: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self._cursor_saved: int | None = None
        # Bumped by every local change, so a background read that began before it is
        # recognised as stale and dropped instead of undoing what the screen just showed.
        self._generation = 0
        self._seen_event: queries.ChangeMarker = (0, 0)
        self._reload_on_resume = False
        self._cursor_timer: Timer | None = None
        self._language = get_language()

    @property
    def lasem(self) -> LasemApp:
        return self.app  # type: ignore[return-value]

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="header").data_bind(
            DeskScreen.state, DeskScreen.clock, DeskScreen.offline
        )
        # The review table paints first; the panels around it follow a frame later
        # (Lazy), which keeps the desk's start close to a bare one-table app.
        with Horizontal(id="upper"):
            yield Lazy(VillageQueue(id="queue").data_bind(DeskScreen.state))
            yield ProposalTable(id="proposals")
        yield Lazy(
            Horizontal(
                ProposalDetailPanel(id="detail").data_bind(DeskScreen.detail),
                TallyPanel(id="tally").data_bind(DeskScreen.state),
                DeskClockPanel(id="clock").data_bind(DeskScreen.clock),
                id="lower",
            )
        )
        yield KeyFooter(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.query_one("#proposals", ProposalTable).border_title = t("table.title")
        self.reload()
        self.highlight_proposal(self._initial_cursor())
        self.set_interval(1.0, self._tick)
        self.set_interval(10.0, self.save_cursor)
        self.set_interval(self.POLL_SECONDS, self._poll)
        if self.lasem.db.read_only:
            self.notify(t("db_read_only_notice"), severity="warning", timeout=30, markup=False)

    # --- state -------------------------------------------------------------------------

    def reload(self, village_id: int | None = None) -> None:
        """Read the whole desk (on open, after a village switch or a conflict)."""
        self._generation += 1
        try:
            with self.lasem.db.read() as session:
                seen = queries.change_marker(session, self.lasem.meeting_id)
                state = queries.desk_state(session, self.lasem.meeting_id, village_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return
        self._seen_event = seen
        self.state = state

    def _lost_database(self, exc: Exception) -> None:
        """A read failed (the server went away, the USB stick was pulled): the desk keeps
        what it shows and says it is offline; the poll notices when the database is back
        and reloads. Decisions are refused meanwhile by their own error handling.

        A database that is damaged (rather than out of reach) is not waited for: the
        app's last-resort handler ends with its message and the way to a backup."""
        if isinstance(exc, DatabaseError) and exc.code not in OUT_OF_REACH:
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
            with self.lasem.db.read() as session:
                queries.last_event_id(session, self.lasem.meeting_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return False
        return True

    # --- other desks -------------------------------------------------------------------

    def _poll(self) -> None:
        state = self.state
        if state is None:
            return
        self._refresh_in_background(state.village.id if state.village else None, self._generation)

    @work(thread=True, exclusive=True, group="desk-poll")
    def _refresh_in_background(self, village_id: int | None, generation: int) -> None:
        """Notice what other desks (or processes) wrote, off the UI thread."""
        try:
            with self.lasem.db.read() as session:
                newest = queries.change_marker(session, self.lasem.meeting_id)
                if newest == self._seen_event:
                    self.post_message(DeskRefreshed(None, generation, newest, online=True))
                    return
                state = queries.desk_state(session, self.lasem.meeting_id, village_id)
        except READ_ERRORS:
            self.post_message(DeskRefreshed(None, generation, (0, 0), online=False))
            return
        self.post_message(DeskRefreshed(state, generation, newest, online=True))

    @on(DeskRefreshed)
    def _refreshed(self, message: DeskRefreshed) -> None:
        if self.offline and message.online:
            self.notify(t("desk.reconnected"), markup=False)
        self.offline = not message.online
        if message.state is None or message.generation != self._generation:
            return
        self._seen_event = message.newest
        highlighted = self.highlighted
        self.state = message.state
        if highlighted is not None:
            self.query_one("#proposals", ProposalTable).highlight(highlighted.id)
        self._show_detail(highlighted.id if highlighted else None)

    def validate_state(self, state: DeskState | None) -> DeskState | None:
        """Each desk keeps its own reviewer at the keyboard. The meeting row remembers the
        last one chosen (for reopening), but with several desks on one meeting that is
        whoever switched last, anywhere; a state read back from the database must not
        hand this desk's keyboard to another desk's reviewer."""
        if state is None:
            return None
        own = self.lasem.desk_reviewer_id
        if own is None:
            self.lasem.desk_reviewer_id = state.meeting.current_reviewer_id
        elif state.meeting.current_reviewer_id != own:
            state = replace(state, meeting=replace(state.meeting, current_reviewer_id=own))
        return state

    def watch_state(self, state: DeskState | None) -> None:
        if state is None:
            return
        table = self.query_one("#proposals", ProposalTable)
        table.proposals = state.proposals
        village_name = state.village.name if state.village else ""
        # Text: a border title given as str is read as markup, and names are typed.
        table.border_title = Text(
            f"{t('table.title')} · Desa {village_name}" if village_name else t("table.title")
        )
        self._tick()

    def _tick(self) -> None:
        state = self.state
        if state is None:
            return
        village = state.village
        self.clock = desk_clock(
            now=now(),
            planned_end=state.meeting.desk_ends_at,
            waiting=state.waiting,
            current_started_at=village.desk_started_at if village else None,
            current_spent_seconds=village.desk_seconds if village else 0.0,
            done_durations=state.done_durations,
        )

    def _initial_cursor(self) -> int | None:
        state = self.state
        if state is None:
            return None
        saved = state.meeting.cursor_proposal_id
        if saved is not None and any(p.id == saved for p in state.proposals):
            self._cursor_saved = saved
            return saved
        first = queries.first_undecided(state.proposals)
        return first.id if first else (state.proposals[0].id if state.proposals else None)

    def highlight_proposal(self, proposal_id: int | None) -> None:
        self.query_one("#proposals", ProposalTable).highlight(proposal_id)
        # The detail is secondary: it follows one frame after the table and the tally.
        self.call_after_refresh(self._show_detail_if_current, proposal_id)

    def _show_detail_if_current(self, proposal_id: int | None) -> None:
        if not self.is_attached:
            return  # renewed (a language switch) before this frame came
        current = self.highlighted
        if current is not None and current.id != proposal_id:
            return
        self._show_detail(proposal_id)

    def _show_detail(self, proposal_id: int | None) -> None:
        if proposal_id is None:
            self.detail = None
            return
        try:
            with self.lasem.db.read() as session:
                self.detail = queries.proposal_detail(session, proposal_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)

    @on(ProposalHighlighted)
    def _proposal_highlighted(self, message: ProposalHighlighted) -> None:
        if self.detail is None or self.detail.proposal.id != message.proposal_id:
            self._show_detail(message.proposal_id)
        self._save_cursor_soon()

    def _save_cursor_soon(self) -> None:
        """Save the highlight once it rests (the projector shows it as under discussion)."""
        if self._cursor_timer is not None:
            self._cursor_timer.stop()
        self._cursor_timer = self.set_timer(self.CURSOR_SAVE_DELAY, self._save_cursor_now)

    def _save_cursor_now(self) -> None:
        self._cursor_timer = None
        proposal = self.highlighted
        proposal_id = proposal.id if proposal else None
        if proposal_id != self._cursor_saved:
            self._save_cursor_in_background(proposal_id)

    @work(thread=True, exclusive=True, group="desk-cursor")
    def _save_cursor_in_background(self, proposal_id: int | None) -> None:
        try:
            commands.save_cursor(self.lasem.db, self.lasem.meeting_id, proposal_id)
        except (DatabaseError, StoreError, SQLAlchemyError):
            return
        self._cursor_saved = proposal_id

    @property
    def highlighted(self) -> ProposalRow | None:
        table = self.query_one("#proposals", ProposalTable)
        proposal_id = table.highlighted_id
        if proposal_id is None or self.state is None:
            return None
        return next((p for p in self.state.proposals if p.id == proposal_id), None)

    def save_cursor(self) -> None:
        """Remember the highlight so that reopening lands on it."""
        proposal = self.highlighted
        proposal_id = proposal.id if proposal else None
        if proposal_id == self._cursor_saved:
            return
        try:
            commands.save_cursor(self.lasem.db, self.lasem.meeting_id, proposal_id)
            self._cursor_saved = proposal_id
        except (DatabaseError, StoreError):
            pass

    # --- errors ------------------------------------------------------------------------

    def report(self, exc: Exception) -> None:
        """Say why a command was refused, in the user's language, loudly enough."""
        if isinstance(exc, ConflictError):
            when = format_clock(local(exc.when)) if exc.when else "?"
            self.notify(
                t("conflict", who=exc.who or "?", when=when),
                severity="warning",
                timeout=8,
                markup=False,
            )
            self.reload(self.state.village.id if self.state and self.state.village else None)
            return
        if isinstance(exc, DatabaseError):
            # The detail is a path or SQLite's words: plain text, never markup.
            self.notify(t(exc.code, detail=exc.detail), severity="error", timeout=10, markup=False)
            return
        if isinstance(exc, StoreError):
            params = dict(exc.params)
            if "over" in params:
                params["over"] = format_rupiah(int(params["over"]))  # type: ignore[arg-type]
            self.notify(t(exc.code, **params), severity="error", timeout=6, markup=False)
            return
        raise exc

    # --- decisions ---------------------------------------------------------------------

    def _with_reviewer(self, then) -> None:  # type: ignore[no-untyped-def]
        """No decision without a reviewer: ask first, then carry on."""
        if self.state is not None and self.state.reviewer is not None:
            then()
            return

        def chosen(result: int | str | None) -> None:
            if self._apply_reviewer_choice(result):
                then()

        self._open_picker(chosen)

    def _decide(self, decision: Decision, proposal: ProposalRow) -> None:
        state = self.state
        if state is None:
            return
        try:
            row = commands.decide(
                self.lasem.db,
                self.lasem.meeting_id,
                proposal.id,
                decision,
                reviewer_id=state.meeting.current_reviewer_id,
                expected_version=proposal.version,
            )
        except NoReviewerError:
            self._with_reviewer(lambda: self._decide(decision, proposal))
            return
        except (StoreError, DatabaseError) as exc:
            self.report(exc)
            return
        self._after_change(row, advance=True)

    def _after_change(self, row: ProposalRow, *, advance: bool) -> None:
        """Fold a committed change into the state: the row, its village, the tally."""
        state = self.state
        if state is None:
            return
        self._generation += 1
        old = next((p for p in state.proposals if p.id == row.id), None)
        try:
            with self.lasem.db.read() as session:
                if state.village is None or old is None:
                    self.state = queries.desk_state(session, self.lasem.meeting_id, row.village_id)
                else:
                    village, village_tally = queries.village_with_tally(session, row.village_id)
                    proposals = tuple(row if p.id == row.id else p for p in state.proposals)
                    self.state = replace(
                        state,
                        proposals=proposals,
                        villages=tuple(
                            village if v.id == village.id else v for v in state.villages
                        ),
                        village=village,
                        tally=apply_change(
                            state.tally,
                            ProposalFigures(old.status, old.requested, old.approved),
                            ProposalFigures(row.status, row.requested, row.approved),
                        ),
                        village_tally=village_tally,
                    )
        except READ_ERRORS as exc:
            # Committed, but not read back: the poll shows it once the database is back.
            self._lost_database(exc)
            return
        assert self.state is not None
        target: int | None = row.id
        if advance:
            following = queries.first_undecided(self.state.proposals, after_id=row.id)
            target = following.id if following else row.id
        self.highlight_proposal(target)

    def _act_on_highlighted(self, build) -> None:  # type: ignore[no-untyped-def]
        proposal = self.highlighted
        if proposal is None:
            self.notify(t("desk.no_proposal"), severity="warning", markup=False)
            return

        def go() -> None:
            build(proposal)

        self._with_reviewer(go)

    def action_accept(self) -> None:
        self._act_on_highlighted(lambda p: self._decide(decisions.accept(p.requested, p.volume), p))

    def _dialog(self, dialog_class) -> None:  # type: ignore[no-untyped-def]
        def open_dialog(proposal: ProposalRow) -> None:
            def done(decision: Decision | None) -> None:
                if decision is not None:
                    self._decide(decision, proposal)

            self.app.push_screen(dialog_class(proposal), done)

        self._act_on_highlighted(open_dialog)

    def action_adjust(self) -> None:
        self._dialog(AdjustDialog)

    def action_reject(self) -> None:
        self._dialog(RejectDialog)

    def action_defer(self) -> None:
        self._dialog(DeferDialog)

    def _history_command(self, command) -> None:  # type: ignore[no-untyped-def]
        def go() -> None:
            state = self.state
            if state is None:
                return
            if state.village is None:
                self.report(NothingToDoError("no_village_at_desk"))
                return
            try:
                # Within the village at the desk: after n, u must not reopen the
                # village just finished behind the desk's back (it is called back
                # from the queue to change it), nor, with several desks on one
                # meeting, take back another desk's decision.
                row = command(
                    self.lasem.db,
                    self.lasem.meeting_id,
                    reviewer_id=state.meeting.current_reviewer_id,
                    village_id=state.village.id,
                )
            except (StoreError, DatabaseError) as exc:
                self.report(exc)
                return
            self._after_change(row, advance=False)
            self.notify(
                f"{t('desk.undone' if command is commands.undo else 'desk.redone')}: {row.ref} {row.title}",
                markup=False,
            )

        self._with_reviewer(go)

    def action_undo(self) -> None:
        self._history_command(commands.undo)

    def action_redo(self) -> None:
        self._history_command(commands.redo)

    # --- the queue ---------------------------------------------------------------------

    def _queue_command(self, run) -> None:  # type: ignore[no-untyped-def]
        state = self.state
        if state is None:
            return
        try:
            village_id = run(state)
        except (StoreError, DatabaseError) as exc:
            self.report(exc)
            return
        self.reload(village_id)
        self.highlight_proposal(self._first_pending_or_top())
        self.save_cursor()

    def _first_pending_or_top(self) -> int | None:
        if self.state is None or not self.state.proposals:
            return None
        first = queries.first_undecided(self.state.proposals)
        return (first or self.state.proposals[0]).id

    def action_next_village(self) -> None:
        def run(state: DeskState) -> int | None:
            return commands.call_next(
                self.lasem.db,
                self.lasem.meeting_id,
                reviewer_id=state.meeting.current_reviewer_id,
                current_village_id=state.village.id if state.village else None,
            )

        self._queue_command(run)

    def action_absent(self) -> None:
        def run(state: DeskState) -> int | None:
            if state.village is None:
                raise StoreError("no_village_at_desk")
            return commands.mark_absent(
                self.lasem.db,
                self.lasem.meeting_id,
                reviewer_id=state.meeting.current_reviewer_id,
                village_id=state.village.id,
            )

        self._queue_command(run)

    @on(VillageChosen)
    def _village_chosen(self, message: VillageChosen) -> None:
        def run(state: DeskState) -> int | None:
            return commands.call_village(
                self.lasem.db,
                self.lasem.meeting_id,
                message.village_id,
                reviewer_id=state.meeting.current_reviewer_id,
                current_village_id=state.village.id if state.village else None,
            )

        self._queue_command(run)
        self.set_class(False, "-show-queue")
        self.query_one("#proposals", ProposalTable).focus()

    def action_toggle_queue(self) -> None:
        """The queue, to call a village or move one: beside the table on a wide screen,
        in its place on a narrow one (80x24), where it is otherwise hidden."""
        showing = not self.has_class("-show-queue")
        self.set_class(showing, "-show-queue")
        self.query_one("#queue" if showing else "#proposals").focus()

    def action_move_village(self, step: int) -> None:
        queue = self.query_one("#queue", VillageQueue)
        village_id = queue.highlighted_village
        if village_id is None and self.state and self.state.village:
            village_id = self.state.village.id
        if village_id is None or self.state is None:
            return
        try:
            commands.move_village(
                self.lasem.db,
                self.lasem.meeting_id,
                village_id,
                step,
                reviewer_id=self.state.meeting.current_reviewer_id,
            )
        except (StoreError, DatabaseError) as exc:
            self.report(exc)
            return
        self.reload(self.state.village.id if self.state.village else None)
        queue.show_village(village_id)

    # --- the other screens ------------------------------------------------------------

    def action_open_minutes(self) -> None:
        from lasem_tui.ui.screens.minutes import MinutesScreen

        if not self._reachable():
            return
        self.save_cursor()
        self._reload_on_resume = True
        self.app.push_screen(MinutesScreen())

    def action_open_attendance(self) -> None:
        from lasem_tui.ui.screens.attendance import AttendanceScreen

        if not self._reachable():
            return
        self._reload_on_resume = True
        self.app.push_screen(AttendanceScreen())

    def action_export(self) -> None:
        from lasem_tui.ui.screens.export_dialog import ExportDialog

        if self._reachable():
            self.app.push_screen(ExportDialog())

    def on_screen_resume(self) -> None:
        """Back from another screen. The language may have been switched there (F2): the
        desk renews itself in it. Back from the minutes or the attendance, the meeting may
        have been closed."""
        if get_language() != self._language:
            self.save_cursor()
            self.app.switch_screen(DeskScreen())
            return
        if self._reload_on_resume and self.state is not None:
            self._reload_on_resume = False
            self.reload(self.state.village.id if self.state.village else None)

    # --- reviewers ---------------------------------------------------------------------

    def _open_picker(self, callback) -> None:  # type: ignore[no-untyped-def]
        state = self.state
        if state is None:
            return
        current = state.meeting.current_reviewer_id
        suggested = commands.next_reviewer_id(
            [(r.id, r.position) for r in state.reviewers], current
        )
        self.app.push_screen(ReviewerPicker(state.reviewers, current, suggested), callback)

    def _apply_reviewer_choice(self, result: int | str | None) -> bool:
        if result is None or self.state is None:
            return False
        try:
            reviewer_id = result
            if isinstance(result, str):
                reviewer_id = commands.add_reviewer(
                    self.lasem.db,
                    self.lasem.meeting_id,
                    result,
                    reviewer_id=self.state.meeting.current_reviewer_id,
                )
            commands.switch_reviewer(self.lasem.db, self.lasem.meeting_id, int(reviewer_id))
        except (StoreError, DatabaseError) as exc:
            self.report(exc)
            return False
        self.lasem.desk_reviewer_id = int(reviewer_id)
        try:
            with self.lasem.db.read() as session:
                meeting = queries.get_meeting(session, self.lasem.meeting_id)
                reviewers = queries.reviewers(session, self.lasem.meeting_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return False
        self.state = replace(self.state, meeting=meeting, reviewers=reviewers)
        reviewer = self.state.reviewer
        self.notify(t("desk.reviewer_now", name=reviewer.name if reviewer else "?"), markup=False)
        return True

    def action_switch_reviewer(self) -> None:
        self._open_picker(self._apply_reviewer_choice)

    # --- the projector -----------------------------------------------------------------

    def action_projector(self) -> None:
        """Show the room's view; it follows the highlight saved here."""
        # Imported on first use, like the first-run screen in the app: the desk's start
        # does not wait for screens it does not show.
        from lasem_tui.ui.screens.projector import ProjectorScreen

        self.save_cursor()
        self.app.push_screen(ProjectorScreen(self.lasem.db, self.lasem.meeting_id))

    def action_projector_message(self) -> None:
        current = self.state.meeting.projector_message if self.state else ""
        self.app.push_screen(MessageDialog(current), self._message_chosen)

    def _message_chosen(self, text: str | None) -> None:
        state = self.state
        if text is None or state is None:
            return
        try:
            stored = projector_store.set_message(
                self.lasem.db,
                self.lasem.meeting_id,
                text,
                reviewer_id=state.meeting.current_reviewer_id,
            )
        except (StoreError, DatabaseError) as exc:
            self.report(exc)
            return
        self.state = replace(state, meeting=replace(state.meeting, projector_message=stored))
        self.notify(t("message.shown" if stored else "message.cleared"), timeout=3, markup=False)

    # --- setting up, other meetings, importing -------------------------------------------

    def open_setup(self) -> None:
        """The setup screen of this meeting; the desk reloads when it closes."""
        from lasem_tui.ui.screens.setup import SetupScreen

        def closed(changed: bool | None) -> None:
            if not self.is_attached:
                return
            village = self.state.village if self.state else None
            self.reload(village.id if village else None)
            self.highlight_proposal(self._first_pending_or_top())

        self.app.push_screen(SetupScreen(), closed)

    def action_setup(self) -> None:
        if not self._reachable():
            return
        self.save_cursor()
        self.open_setup()

    def action_meetings(self) -> None:
        from lasem_tui.ui.screens.meeting_picker import MeetingChoice, MeetingPicker

        def chosen(choice: MeetingChoice | None) -> None:
            if choice is None:
                return
            try:
                self.lasem.open_meeting(choice.meeting_id, setup=choice.setup)
            except (StoreError, DatabaseError) as exc:
                self.report(exc)

        if not self._reachable():
            return
        self.save_cursor()
        self.app.push_screen(MeetingPicker(), chosen)

    def action_import_recap(self) -> None:
        from lasem_tui.exchange.importing import ImportResult
        from lasem_tui.ui.screens.import_dialog import ImportDialog, ImportRequest
        from lasem_tui.ui.screens.import_preview import ImportPreviewScreen

        def imported(result: ImportResult | None) -> None:
            if result is None:
                return
            self.reload(self.state.village.id if self.state and self.state.village else None)
            self.highlight_proposal(self._first_pending_or_top())
            self.notify(
                t(
                    "import_ui.done",
                    count=result.count,
                    file=result.file_name,
                    villages=counted("count.villages", len(result.villages)),
                    amount=format_rupiah(result.total_requested),
                ),
                timeout=8,
                markup=False,
            )

        def asked(request: ImportRequest | None) -> None:
            if request is None or self.state is None:
                return
            self.app.push_screen(
                ImportPreviewScreen(
                    request.path,
                    request.sheet,
                    village_id=request.village_id,
                    reviewer_id=self.state.meeting.current_reviewer_id,
                ),
                imported,
            )

        def ask() -> None:
            villages = [(v.name, v.id) for v in self.state.villages] if self.state else []
            self.app.push_screen(ImportDialog(villages=villages), asked)

        # An import is logged with who made it, as a decision is: ask first if nobody is.
        self._with_reviewer(ask)
