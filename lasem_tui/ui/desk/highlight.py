"""The desk's highlight: which proposal is under discussion, its detail, and saving it
so that the projector follows and reopening lands on it (mixed into ``DeskScreen``)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.messages import ProposalHighlighted

if TYPE_CHECKING:
    from lasem_tui.ui.desk.host import DeskHost as _Host
else:
    _Host = object


class DeskHighlight(_Host):
    """The highlight, held by the proposal table; the controller knows the rows."""

    #: Save the highlight this long after it stops moving, so the projector follows it.
    CURSOR_SAVE_DELAY = 0.3

    @property
    def highlighted(self) -> ProposalRow | None:
        return self.desk.proposal(self._table.highlighted_id)

    def highlight_proposal(self, proposal_id: int | None) -> None:
        self._table.highlight(proposal_id)
        # The detail is secondary: it follows one frame after the table and the tally.
        self.call_after_refresh(self._show_detail_if_current, proposal_id)

    def _show_detail_if_current(self, proposal_id: int | None) -> None:
        if not self.is_attached:
            return  # renewed (a language switch) before this frame came
        current = self.highlighted
        if current is not None and current.id != proposal_id:
            return
        if self.detail is not None and proposal_id is not None and self.detail.proposal == current:
            return  # already read for this very row (the highlight's own message)
        self._show_detail(proposal_id)

    def _show_detail(self, proposal_id: int | None) -> None:
        if proposal_id is None:
            self.detail = None
            return
        try:
            self.detail = self.desk.detail(proposal_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)

    # A handler by name (``on_<message>``): ``@on`` is not seen on a mixin.
    def on_proposal_highlighted(self, message: ProposalHighlighted) -> None:
        # The detail follows after the frame that shows the table's change: a decision
        # moves the highlight, and the reviewer looks at the row first.
        if self.detail is None or self.detail.proposal.id != message.proposal_id:
            self.call_after_refresh(self._show_detail_if_current, message.proposal_id)
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
        if proposal_id != self.desk.cursor_saved:
            self.run_worker(
                partial(self.desk.save_cursor, proposal_id),
                thread=True,
                exclusive=True,
                group="desk-cursor",
            )

    def save_cursor(self) -> None:
        """Remember the highlight so that reopening lands on it. Not while a write
        waits for the lock: this one would wait too, on the UI thread."""
        if self.desk.pending is None:
            proposal = self.highlighted
            self.desk.save_cursor(proposal.id if proposal else None)
