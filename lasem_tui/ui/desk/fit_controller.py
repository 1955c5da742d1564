"""The desk's fitting state and commands (issue 15), without Textual.

``FitDeskController`` is the desk's controller plus what fitting needs: the order of
the review table (``o``), whether the meeting scores, each OPD's approved figures
against its ceiling, the fit of the village at the desk, and the commands whose
results come back as several rows (a rank move, a bulk accept, a merge, and the undo
or redo of such a step).

The fit is computed from what the desk already holds (the village's rows, its tally,
the meeting's tally, the OPD figures): toggling the fit view and refreshing it after a
decision read nothing from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lasem_tui.domain.fit import Fit, FitOrder, ordered, what_is_left
from lasem_tui.store import desk as commands
from lasem_tui.store import fit as fit_commands
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.cancel import WriteToken, cancellable
from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.store.errors import StoreError
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.views import DeskState, ProposalDetail, ProposalRow
from lasem_tui.ui.desk.controller import DeskController, NotReadBack, Outcome
from lasem_tui.ui.desk.folding import shifted_agencies

if TYPE_CHECKING:
    from sqlmodel import Session

    from lasem_tui.store.database import Database

History = Callable[..., tuple[ProposalRow, ...]]


class FitDeskController(DeskController):
    """The desk controller with the order, the scoring switch, the OPD figures and the
    fit of the village at the desk."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        reviewer_id: int | None = None,
        *,
        on_seat: Callable[[int | None], None] | None = None,
    ) -> None:
        super().__init__(db, meeting_id, reviewer_id, on_seat=on_seat)
        self.order = FitOrder.PRIORITY
        #: Whether the meeting has scoring criteria (then the score column shows).
        self.scoring = False
        #: Each OPD with a ceiling: approved against it (the tally panel's OPD lines).
        self.agencies: tuple[AgencyFigures, ...] = ()
        # What the watcher's thread read besides the state, for ``adopt``.
        self._watched: tuple[DeskState, bool, tuple[AgencyFigures, ...]] | None = None

    # --- reading -----------------------------------------------------------------------

    def _in_order(self, state: DeskState) -> DeskState:
        return replace(state, proposals=tuple(ordered(state.proposals, self.order)))

    def load(self, village_id: int | None = None) -> DeskState:
        super().load(village_id)
        assert self.state is not None
        with self.db.read() as session:
            self.scoring = fit_queries.scoring_on(session, self.meeting_id)
            self.agencies = fit_queries.agency_tally(session, self.meeting_id)
        self.state = self._in_order(self.state)
        return self.state

    def read_changes(self, session: Session) -> DeskState:
        state = super().read_changes(session)
        self._watched = (
            state,
            fit_queries.scoring_on(session, self.meeting_id),
            fit_queries.agency_tally(session, self.meeting_id),
        )
        return state

    def adopt(self, state: DeskState, marker: queries.ChangeMarker, generation: int) -> bool:
        if not super().adopt(state, marker, generation):
            return False
        watched = self._watched
        if watched is not None and watched[0] is state:
            self.scoring, self.agencies = watched[1], watched[2]
        assert self.state is not None
        self.state = self._in_order(self.state)
        return True

    def detail(self, proposal_id: int) -> ProposalDetail:
        """The detail, with the refs merged into this proposal (the link's other way)."""
        with self.db.read() as session:
            detail = queries.proposal_detail(session, proposal_id)
            merged_from = fit_queries.merged_from(session, proposal_id)
        return replace(detail, merged_from=merged_from)

    def cycle_order(self) -> FitOrder:
        """``o``: the next order (priority, score, number; score only when scoring)."""
        order = self.order.next()
        if order is FitOrder.SCORE and not self.scoring:
            order = order.next()
        self.order = order
        if self.state is not None:
            self.generation += 1
            self.state = self._in_order(self.state)
        return order

    def fit(self) -> Fit | None:
        """The fit of the village at the desk, from the rows and figures held."""
        state = self.state
        if state is None or state.village is None:
            return None
        village = state.village
        remaining = what_is_left(
            state.meeting.ceiling, state.tally.approved, village.ceiling, village.approved
        )
        agency_remaining = {a.agency: a.remaining for a in self.agencies}
        return fit_queries.fit_from_rows(state.proposals, self.order, remaining, agency_remaining)

    # --- folding rows back in ----------------------------------------------------------

    def _fold(self, row: ProposalRow, event_id: int | None = None) -> None:
        old = self.proposal(row.id)
        super()._fold(row, event_id)
        if old is not None:
            self.agencies = shifted_agencies(self.agencies, old, row)
        assert self.state is not None
        self.state = self._in_order(self.state)

    def _reload(self) -> None:
        try:
            self.reload()
        except READ_ERRORS as exc:
            raise NotReadBack(exc) from exc

    def _take(self, rows: Sequence[ProposalRow]) -> None:
        """Committed rows into the state: one is folded (its village and the tally read
        back); several (a whole step) reload the desk."""
        if len(rows) == 1:
            self._fold(rows[0])
        elif rows:
            self._reload()

    def _next_after(self, proposal_id: int) -> int:
        following = queries.first_undecided(self._proposals(), after_id=proposal_id)
        return following.id if following else proposal_id

    # --- commands ----------------------------------------------------------------------

    def move_rank(self, proposal_id: int, step: int, token: WriteToken | None = None) -> Outcome:
        """ctrl+up / ctrl+down on the table: the proposal one place up or down its
        village's priorities (a rank changes no figure: the rows are swapped in)."""
        with cancellable(token):
            rows = fit_commands.move_rank(
                self.db, self.meeting_id, proposal_id, step, reviewer_id=self.reviewer_id
            )
        state = self.state
        if rows and state is not None:
            self.generation += 1
            changed = {r.id: r for r in rows}
            proposals = tuple(changed.get(p.id, p) for p in state.proposals)
            self.state = self._in_order(replace(state, proposals=proposals))
        return Outcome(row=rows[0] if rows else None, highlight=proposal_id)

    def took_score(self, row: ProposalRow, token: WriteToken | None = None) -> Outcome:
        """The scoring dialog committed ``row``."""
        self._fold(row)
        return Outcome(row=row, highlight=row.id)

    def took_bulk(self, rows: Sequence[ProposalRow], token: WriteToken | None = None) -> Outcome:
        """The bulk accept committed ``rows`` (one step)."""
        self._reload()
        return Outcome(row=rows[0] if rows else None, highlight=self.first_pending_or_top())

    def took_merge(
        self, merged: ProposalRow, target: ProposalRow, token: WriteToken | None = None
    ) -> Outcome:
        """The merge committed ``merged`` (and maybe ``target``, any village)."""
        self._reload()
        return Outcome(row=merged, highlight=self._next_after(merged.id))

    def undo(self, token: WriteToken | None = None) -> Outcome:
        return self._step(commands.undo_step, token)

    def redo(self, token: WriteToken | None = None) -> Outcome:
        return self._step(commands.redo_step, token)

    def _step(self, command: History, token: WriteToken | None) -> Outcome:
        """Undo or redo a whole step (a bulk accept, a merge, a rank move) within the
        village at the desk (see ``DeskController._history`` for why)."""
        if self.village_id is None:
            raise StoreError("no_village_at_desk")
        with cancellable(token):
            rows = command(
                self.db,
                self.meeting_id,
                reviewer_id=self.reviewer_id,
                village_id=self.village_id,
            )
        self._take(rows)
        return Outcome(row=rows[0], highlight=self.next_undecided(rows[0]))
