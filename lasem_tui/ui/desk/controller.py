"""The desk's state and its commands, without Textual.

The screen turns keys into calls on this controller and shows what it holds; the
controller reads and writes through the store and keeps the desk's state as frozen views.
It can run in a worker thread (a write waiting for another desk's lock must not freeze
the screen): every command sets ``state`` in one assignment at its end, and a read that
began before a local change is recognised by ``generation`` and dropped.

See docs in the package ``__init__`` for how a key becomes a row and a repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.decisions import Decision
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import apply_change
from lasem_tui.store import desk as commands
from lasem_tui.store import desk_pause, queries
from lasem_tui.store import projector as projector_store
from lasem_tui.store.cancel import WriteToken, cancellable
from lasem_tui.store.database import Database
from lasem_tui.store.engine import READ_ERRORS, DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import DeskState, ProposalDetail, ProposalRow
from lasem_tui.ui.clock import clock_of
from lasem_tui.ui.desk.folding import shifted_village

if TYPE_CHECKING:
    from sqlmodel import Session

#: Failures the desk waits out (a server restarting, a lock held elsewhere); anything
#: else wrong with the database ends the app with its message.
OUT_OF_REACH = ("db_unreachable", "db_busy")


class NotReadBack(Exception):
    """A write committed, but reading it back failed (the database went out of reach
    just after): the change is on disk; the watcher shows it once the database is back."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


@dataclass(frozen=True)
class Outcome:
    """What a command changed: the row (for the notice) and where the highlight goes."""

    row: ProposalRow | None = None
    highlight: int | None = None
    village_id: int | None = None


class DeskController:
    """One desk: its meeting, the reviewer at its keyboard, what it shows.

    ``reviewer_id`` is this desk's seat: each desk keeps its own reviewer at the keyboard.
    The meeting row remembers the last one chosen (for reopening), but with several desks
    on one meeting that is whoever switched last, anywhere; a state read back from the
    database never hands this desk's keyboard to another desk's reviewer.
    """

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        reviewer_id: int | None = None,
        *,
        on_seat: Callable[[int | None], None] | None = None,
    ) -> None:
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self._on_seat = on_seat
        self.state: DeskState | None = None
        #: Bumped by every local change, so that a background read that began before it
        #: is dropped instead of undoing what the screen just showed.
        self.generation = 0
        self.seen: queries.ChangeMarker = (0, 0)
        self.cursor_saved: int | None = None
        #: The token of the write in flight (None when none is): one at a time.
        self.pending: WriteToken | None = None

    # --- reading -----------------------------------------------------------------------

    def load(self, village_id: int | None = None) -> DeskState:
        """Read the whole desk (on open, after a village switch or a conflict)."""
        self.generation += 1
        with self.db.read() as session:
            seen = queries.change_marker(session, self.meeting_id)
            state = queries.desk_state(session, self.meeting_id, village_id)
        self.seen = seen
        self.state = self._seated(state)
        return self.state

    def reload(self) -> DeskState:
        return self.load(self.village_id)

    @property
    def village_id(self) -> int | None:
        state = self.state
        return state.village.id if state and state.village else None

    def read_changes(self, session: Session) -> DeskState:
        """For the watcher (in its thread): the desk as another desk left it, read in
        the watcher's own session (named only for the type checker, as in ``watcher``)."""
        return queries.desk_state(session, self.meeting_id, self.village_id)

    def adopt(self, state: DeskState, marker: queries.ChangeMarker, generation: int) -> bool:
        """Take a background read, unless a local change came after it began."""
        if generation != self.generation:
            return False
        self.seen = marker
        self.state = self._seated(state)
        return True

    def detail(self, proposal_id: int) -> ProposalDetail:
        with self.db.read() as session:
            return queries.proposal_detail(session, proposal_id)

    def probe(self) -> None:
        """A cheap read: raises when the database is out of reach."""
        with self.db.read() as session:
            queries.last_event_id(session, self.meeting_id)

    def clock(self, at: datetime | None = None) -> DeskClock | None:
        return clock_of(self.state, at) if self.state is not None else None

    def proposal(self, proposal_id: int | None) -> ProposalRow | None:
        if proposal_id is None or self.state is None:
            return None
        return next((p for p in self.state.proposals if p.id == proposal_id), None)

    def initial_highlight(self) -> int | None:
        """The saved highlight if it is in the village at the desk, else the first
        undecided proposal, else the first."""
        state = self.state
        if state is None:
            return None
        saved = state.meeting.cursor_proposal_id
        if saved is not None and any(p.id == saved for p in state.proposals):
            self.cursor_saved = saved
            return saved
        return self.first_pending_or_top()

    def first_pending_or_top(self) -> int | None:
        if self.state is None or not self.state.proposals:
            return None
        first = queries.first_undecided(self.state.proposals)
        return (first or self.state.proposals[0]).id

    def _seated(self, state: DeskState) -> DeskState:
        own = self.reviewer_id
        if own is None:
            self._seat(state.meeting.current_reviewer_id)
        elif state.meeting.current_reviewer_id != own:
            state = replace(state, meeting=replace(state.meeting, current_reviewer_id=own))
        return state

    def _seat(self, reviewer_id: int | None) -> None:
        self.reviewer_id = reviewer_id
        if self._on_seat is not None:
            self._on_seat(reviewer_id)

    @property
    def has_reviewer(self) -> bool:
        return self.state is not None and self.state.reviewer is not None

    # --- writes: one at a time, cancellable while they wait for a lock -----------------

    @property
    def local(self) -> bool:
        """SQLite: a write can try the lock without waiting (see ``WriteToken.nowait``)."""
        return bool(self.db.engine.dialect.name == "sqlite")

    def begin_write(self, *, nowait: bool = False) -> WriteToken | None:
        """Claim the desk for one write; None while another is in flight."""
        if self.pending is not None:
            return None
        self.pending = WriteToken(nowait=nowait)
        self.generation += 1
        return self.pending

    def end_write(self, token: WriteToken) -> None:
        if self.pending is token:
            self.pending = None

    def decide(
        self, proposal: ProposalRow, decision: Decision, token: WriteToken | None = None
    ) -> Outcome:
        """Write the decision, then fold it into the state; the highlight moves on to
        the next undecided proposal."""
        with cancellable(token):
            decided = commands.decide_logged(
                self.db,
                self.meeting_id,
                proposal.id,
                decision,
                reviewer_id=self.reviewer_id,
                expected_version=proposal.version,
            )
        row = decided.row
        self._fold(row, decided.event_id)
        following = queries.first_undecided(self._proposals(), after_id=row.id)
        return Outcome(row=row, highlight=following.id if following else row.id)

    def undo(self, token: WriteToken | None = None) -> Outcome:
        return self._history(commands.undo, token)

    def redo(self, token: WriteToken | None = None) -> Outcome:
        return self._history(commands.redo, token)

    def _history(self, command: Callable[..., ProposalRow], token: WriteToken | None) -> Outcome:
        # Within the village at the desk: after n, u must not reopen the village just
        # finished behind the desk's back (it is called back from the queue to change
        # it), nor, with several desks on one meeting, take back another desk's decision.
        if self.village_id is None:
            raise StoreError("no_village_at_desk")
        with cancellable(token):
            row = command(
                self.db,
                self.meeting_id,
                reviewer_id=self.reviewer_id,
                village_id=self.village_id,
            )
        self._fold(row)
        return Outcome(row=row, highlight=self.next_undecided(row))

    def next_undecided(self, row: ProposalRow) -> int:
        """Where the highlight goes after an undo or a redo: the row itself when it is
        undecided again, else the next undecided one (so that the next key does not
        overwrite the decision just restored), else the row."""
        current = self.proposal(row.id) or row
        if current.status is ProposalStatus.PENDING:
            return row.id
        following = queries.first_undecided(self._proposals(), after_id=row.id)
        return following.id if following else row.id

    def _proposals(self) -> tuple[ProposalRow, ...]:
        return self.state.proposals if self.state else ()

    def _fold(self, row: ProposalRow, event_id: int | None = None) -> None:
        """Fold a committed change into the state: the row, and its village and the
        tallies shifted by it in memory, not read back. ``event_id``: the one event the
        change logged, when the command said (else the marker is read)."""
        try:
            self._fold_in(row, event_id)
        except READ_ERRORS as exc:
            raise NotReadBack(exc) from exc

    def _fold_in(self, row: ProposalRow, event_id: int | None) -> None:
        state = self.state
        self.generation += 1
        old = next((p for p in state.proposals if p.id == row.id), None) if state else None
        if state is None or state.village is None or old is None:
            self.load(row.village_id)
            return
        if event_id is None:
            with self.db.read() as session:
                self._seen_own_event(queries.change_marker(session, self.meeting_id))
        else:  # the marker as it is if our event is the only one since ``seen``
            self._seen_own_event((max(self.seen[0], event_id), self.seen[1] + 1))
        village = shifted_village(state.village, old, row)
        self.state = replace(
            state,
            proposals=tuple(row if p.id == row.id else p for p in state.proposals),
            villages=tuple(village if v.id == village.id else v for v in state.villages),
            village=village,
            tally=apply_change(state.tally, old, row),
            village_tally=state.village_tally and apply_change(state.village_tally, old, row),
        )

    def _seen_own_event(self, marker: queries.ChangeMarker) -> None:
        """After folding in a command that logged one event: when the event count moved
        by exactly that one since the state shown, nobody else wrote meanwhile, and the
        watcher need not read the whole desk again to find our own change (events are
        never deleted, so another desk's write would have moved the count further; then
        ``seen`` stays, and the watcher reads it all). One made up from our event's id
        is the same bet unread: had anybody else written, the database's differs."""
        if marker[1] == self.seen[1] + 1:
            self.seen = marker

    # --- the queue ---------------------------------------------------------------------

    def _end_pause(self) -> None:
        """A village leaving the desk ends a pause first, so that its time at the desk
        leaves the break out (the next village is called after the break)."""
        if self.state is not None and self.state.paused_at is not None:
            desk_pause.toggle_pause(self.db, self.meeting_id, reviewer_id=self.reviewer_id)

    def call_next(self, token: WriteToken | None = None) -> Outcome:
        with cancellable(token):
            self._end_pause()
            village_id = commands.call_next(
                self.db,
                self.meeting_id,
                reviewer_id=self.reviewer_id,
                current_village_id=self.village_id,
            )
        return self._switched(village_id)

    def mark_absent(self, token: WriteToken | None = None) -> Outcome:
        if self.village_id is None:
            raise StoreError("no_village_at_desk")
        with cancellable(token):
            self._end_pause()
            village_id = commands.mark_absent(
                self.db, self.meeting_id, reviewer_id=self.reviewer_id, village_id=self.village_id
            )
        return self._switched(village_id)

    def call_village(self, village_id: int, token: WriteToken | None = None) -> Outcome:
        with cancellable(token):
            called = commands.call_village(
                self.db,
                self.meeting_id,
                village_id,
                reviewer_id=self.reviewer_id,
                current_village_id=self.village_id,
            )
        return self._switched(called)

    def _switched(self, village_id: int | None) -> Outcome:
        try:
            self.load(village_id)
        except READ_ERRORS as exc:
            raise NotReadBack(exc) from exc
        return Outcome(highlight=self.first_pending_or_top(), village_id=village_id)

    def move_village(self, village_id: int, step: int, token: WriteToken | None = None) -> Outcome:
        with cancellable(token):
            commands.move_village(
                self.db, self.meeting_id, village_id, step, reviewer_id=self.reviewer_id
            )
        try:
            self.reload()
        except READ_ERRORS as exc:
            raise NotReadBack(exc) from exc
        return Outcome(village_id=village_id)

    def toggle_pause(self, token: WriteToken | None = None) -> Outcome:
        """Pause the desk clock for a break, or resume it (logged either way)."""
        with cancellable(token):
            desk_pause.toggle_pause(self.db, self.meeting_id, reviewer_id=self.reviewer_id)
        try:
            self.reload()
        except READ_ERRORS as exc:
            raise NotReadBack(exc) from exc
        return Outcome(village_id=self.village_id)

    # --- reviewers, the projector message, the highlight -------------------------------

    def suggested_reviewer(self) -> int | None:
        state = self.state
        if state is None:
            return None
        return commands.next_reviewer_id(
            [(r.id, r.position) for r in state.reviewers], self.reviewer_id
        )

    def choose_reviewer(self, choice: int | str) -> None:
        """Seat a reviewer: an existing one by id, or a new one by name."""
        reviewer_id = choice
        if isinstance(choice, str):
            reviewer_id = commands.add_reviewer(
                self.db, self.meeting_id, choice, reviewer_id=self.reviewer_id
            )
        commands.switch_reviewer(self.db, self.meeting_id, int(reviewer_id))
        self._seat(int(reviewer_id))
        with self.db.read() as session:
            meeting = queries.get_meeting(session, self.meeting_id)
            reviewers = queries.reviewers(session, self.meeting_id)
        if self.state is not None:
            self.state = self._seated(replace(self.state, meeting=meeting, reviewers=reviewers))

    def set_message(self, text: str) -> str:
        stored = projector_store.set_message(
            self.db, self.meeting_id, text, reviewer_id=self.reviewer_id
        )
        if self.state is not None:
            meeting = replace(self.state.meeting, projector_message=stored)
            self.state = replace(self.state, meeting=meeting)
        return stored

    def save_cursor(self, proposal_id: int | None) -> None:
        """Remember the highlight (the projector shows it; reopening lands on it). A
        failure is not worth a word: the highlight is saved again when it moves."""
        if proposal_id == self.cursor_saved:
            return
        try:
            # Never behind another desk's lock: skipped then, and saved on the next move.
            with cancellable(WriteToken(nowait=True)):
                commands.save_cursor(self.db, self.meeting_id, proposal_id)
        except (DatabaseError, StoreError):
            return
        self.cursor_saved = proposal_id


def is_out_of_reach(exc: Exception) -> bool:
    """A failure to wait out rather than to end the app for."""
    return not isinstance(exc, DatabaseError) or exc.code in OUT_OF_REACH
