"""The desk's fitting keys (issue 15), mixed into ``DeskScreen``.

- ``o`` cycles the review table's order (priority, score, number);
- ``k`` scores the highlighted proposal (``ScoringDialog``);
- ``f`` shows the fit view in the table's place: the pending proposals in order with
  their running total and the "garis pagu"; decisions made in it redraw it;
- ``A`` in the fit view accepts everything above the line (``BulkAcceptDialog``);
- ``g`` merges the highlighted proposal into another (``MergePicker``);
- ``ctrl+up`` / ``ctrl+down`` with a table focused move the proposal's rank (with the
  queue focused they still move the village);
- ``e`` hands the adjust dialog the fit, so it shows what is left and where the line
  moves.

The dialogs commit their own transaction and dismiss with the rows committed; the desk
folds those rows in through ``write`` (one at a time, as every other change). Handlers
here are named ``on_<message>``: ``@on`` is not seen on a mixin.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.widgets import DataTable

from lasem_tui.domain.fit import Fit
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.i18n import t
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.desk import flows
from lasem_tui.ui.desk.controller import Outcome
from lasem_tui.ui.fit.fit_view import FitTable, FitView
from lasem_tui.ui.fit.rows import LINE_KEY
from lasem_tui.ui.widgets.village_queue import VillageQueue

if TYPE_CHECKING:
    # For the checker: the highlight mixin, whose `highlighted` this one extends.
    from lasem_tui.ui.desk.highlight import DeskHighlight as _Host
    from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
else:
    _Host = object


class DeskFit(_Host):
    """The fitting keys and the fit view of the desk screen."""

    fit_view: FitView | None = None
    #: The fit view's cursor row before its last move (to step over the line row).
    _fit_row: int = 0
    _fit_on: bool = False

    # --- the highlight, from whichever table is shown ----------------------------------

    @property
    def fit_shown(self) -> bool:
        return self.fit_view is not None and self._fit_on

    def show_queue(self, showing: bool) -> None:
        """``v``: the queue in view (beside the table or the fit view, or in the table's
        place on a narrow screen) or not."""
        self.set_class(showing, "-show-queue")
        self._place_fit()

    def _place_fit(self) -> None:
        """The fit view in the table's place (the queue making room for it unless ``v``
        asked for it), or the table back, by each widget's own ``display``: a class on
        their container would restyle every widget in it, and a restyled table draws
        all its cells again. Cleared, a widget's display is the stylesheet's (the queue
        on a narrow screen, the table once every village is done)."""
        on = self.fit_shown
        # Out of view, the table and the queue hold their rows' changes back (a
        # decision in the fit view would otherwise redraw them too), and draw them now.
        self._table.hold(on)
        self._table.styles.display = "none" if on else None
        if self.fit_view is not None:
            self.fit_view.styles.display = None if on else "none"
        hide_queue = on and not self.has_class("-show-queue")
        for queue in self.query("#queue").results(VillageQueue):  # mounted late (Lazy)
            queue.hold(hide_queue)
            queue.styles.display = "none" if hide_queue else None

    @property
    def highlighted(self) -> ProposalRow | None:
        if self.fit_shown:
            assert self.fit_view is not None
            return self.desk.proposal(self.fit_view.highlighted_id)
        return super().highlighted

    def highlight_proposal(self, proposal_id: int | None) -> None:
        super().highlight_proposal(proposal_id)
        if self.fit_shown and proposal_id is not None:
            assert self.fit_view is not None
            self.fit_view.highlight(proposal_id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The fit view's cursor moved: the review table follows (so the detail, the
        projector's highlight and the table after ``f`` again are on the same row)."""
        table = event.data_table
        if not isinstance(table, FitTable):
            return
        key = event.row_key.value
        previous, self._fit_row = self._fit_row, event.cursor_row
        if key == LINE_KEY:
            # The line is not a proposal: the cursor steps over it, on the way it went.
            step = -1 if event.cursor_row < previous else 1
            target = event.cursor_row + step
            if not 0 <= target < table.row_count:
                target = event.cursor_row - step
            if 0 <= target < table.row_count:
                table.move_cursor(row=target, animate=False)
            return
        if key:
            self._table.highlight(int(key))

    # --- what the state feeds ------------------------------------------------------------

    def show_fit_state(self) -> None:
        """After every change of the state: the table's columns, the OPD figures and,
        when shown, the fit view (called by ``watch_state``)."""
        self._table.show_score(self.desk.scoring)
        self.agencies = self.desk.agencies
        if self.fit_shown:
            self._draw_fit()

    def _draw_fit(self) -> None:
        view = self.fit_view
        fit = self.desk.fit()
        if view is None or fit is None:
            return
        view.show(fit)
        state = self.desk.state
        village = state.village.name if state and state.village else ""
        title = t("fit.title", village=f"Desa {village}" if village else "")
        if view.border_title != title:  # a new title lays the screen out again
            view.border_title = title

    def adjust_dialog(self, proposal: ProposalRow) -> AdjustDialog:
        """``e``: for a pending proposal the dialog is handed the fit, so it shows what is
        left after the typed amount and where the line would then fall."""
        from lasem_tui.ui.screens.decision_dialogs import AdjustDialog  # when first used

        fit: Fit | None = None
        if proposal.status is ProposalStatus.PENDING:
            fit = self.desk.fit()
        return AdjustDialog(proposal, fit)

    # --- o: the order -----------------------------------------------------------------

    def action_cycle_order(self) -> None:
        if self.desk.state is None:
            return
        current = self.highlighted
        order = self.desk.cycle_order()
        self.state = self.desk.state
        if current is not None:
            self.highlight_proposal(current.id)
        self.notify(t("fit.order_label", order=t(f"fit.order.{order.value}")), markup=False)

    # --- f: the fit view --------------------------------------------------------------

    async def action_toggle_fit(self) -> None:
        if self.fit_shown:
            current = self.highlighted
            self._fit_on = False
            self._place_fit()
            if current is not None:
                self._table.highlight(current.id)
            self._table.focus()
            return
        if self.desk.state is None or self.desk.state.village is None:
            self.notify(t("fit_desk.no_village"), severity="warning", markup=False)
            return
        current = self.highlighted
        view = self.fit_view
        compact = self.has_class("-narrow")
        if view is None or view.scoring != self.desk.scoring or view.compact != compact:
            if view is not None:
                await view.remove()
            view = FitView(scoring=self.desk.scoring, compact=compact, id="fit-view")
            view.display = False  # until it is drawn, below
            await self.query_one("#upper").mount(view)
            self.fit_view = view
        self._fit_on = True
        self._place_fit()
        self._draw_fit()
        if current is not None:
            view.highlight(current.id)
        view.query_one(FitTable).focus()

    # --- A: accept everything above the line --------------------------------------------

    def action_bulk_accept(self) -> None:
        if not self.fit_shown:
            self.notify(t("fit_desk.bulk_in_fit_view"), severity="warning", markup=False)
            return
        if self.refuse_while_pending():
            return
        flows.with_reviewer(self, self._open_bulk)

    def _open_bulk(self) -> None:
        from lasem_tui.ui.fit.bulk_accept import BulkAcceptDialog

        village_id = self.desk.village_id
        if village_id is None:
            return

        dialog = BulkAcceptDialog(
            self.context.db,
            self.desk.meeting_id,
            self.desk.reviewer_id,
            village_id,
            self.desk.order,
        )

        def closed(rows: tuple[ProposalRow, ...] | None) -> None:
            if rows:
                count = len(rows)

                def accepted_all(outcome: Outcome) -> None:
                    self.highlight_proposal(outcome.highlight)
                    self.notify(t("bulk.done", count=count), timeout=6, markup=False)

                self.write(partial(self.desk.took_bulk, rows), accepted_all)

        self.app.push_screen(dialog, closed)

    # --- k: the score -------------------------------------------------------------------

    def action_score(self) -> None:
        if not self.desk.scoring:
            self.notify(t("fit.no_criteria"), severity="warning", markup=False)
            return

        def open_dialog(proposal: ProposalRow) -> None:
            def closed(row: ProposalRow | None) -> None:
                if row is not None:
                    self.write(partial(self.desk.took_score, row), scored)

            def scored(outcome: Outcome) -> None:
                self.highlight_proposal(outcome.highlight)
                row = outcome.row
                if row is not None:
                    score = "-" if row.score is None else str(row.score)
                    self.notify(t("score.saved", ref=row.ref, score=score), markup=False)

            from lasem_tui.ui.fit.scoring_dialog import ScoringDialog  # when first used

            dialog = ScoringDialog(
                self.context.db, self.desk.meeting_id, self.desk.reviewer_id, proposal
            )
            self.app.push_screen(dialog, closed)

        self._act_on_highlighted(open_dialog)

    # --- g: merge -----------------------------------------------------------------------

    def action_merge(self) -> None:
        from lasem_tui.ui.fit.merge_picker import MergePicker, MergeResult

        def open_picker(proposal: ProposalRow) -> None:
            def closed(result: MergeResult | None) -> None:
                if result is None:
                    return
                merged, target = result

                def done(outcome: Outcome) -> None:
                    self.highlight_proposal(outcome.highlight)
                    self.notify(
                        t("merge.done", ref=merged.ref, target=target.ref), timeout=6, markup=False
                    )

                self.write(partial(self.desk.took_merge, merged, target), done)

            picker = MergePicker(
                self.context.db, self.desk.meeting_id, self.desk.reviewer_id, proposal
            )
            self.app.push_screen(picker, closed)

        self._act_on_highlighted(open_picker)

    # --- ctrl+up / ctrl+down: the rank --------------------------------------------------

    def action_move_rank(self, step: int) -> None:
        """With a table focused; otherwise the key goes on to move the village."""
        focused = self.focused
        if focused is not self._table and not isinstance(focused, FitTable):
            raise SkipAction()

        def move(proposal: ProposalRow) -> None:
            def moved(outcome: Outcome) -> None:
                self.highlight_proposal(outcome.highlight)
                row = self.desk.proposal(outcome.highlight)
                if outcome.row is not None and row is not None:
                    self.notify(
                        t("fit_desk.rank_now", ref=row.ref, rank=row.priority or "-"), markup=False
                    )

            self.write(partial(self.desk.move_rank, proposal.id, step), moved)

        self._act_on_highlighted(move)
