"""The desk's kamus usulan and coordinates (mixed into ``DeskScreen``).

``K`` links the highlighted proposal to an entry of the meeting's kamus (or unlinks
it) through ``KamusPicker``; ``L`` types its coordinates through ``LocationDialog``.
Both dialogs write one logged command themselves and are handed their context; the
desk reads the village back after either, so the table's mark and the detail show it.

The kamus's prices are read once per village load, not per repaint: the review table's
marks, the detail panel's lines and the adjust dialog's unit price all come from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lasem_tui.domain import geo
from lasem_tui.i18n import t
from lasem_tui.store import kamus as kamus_store
from lasem_tui.store.engine import READ_ERRORS
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import DeskState, ProposalRow

if TYPE_CHECKING:
    # For the checker: the fit mixin, whose `adjust_dialog` this one extends.
    from lasem_tui.ui.desk.fit_flows import DeskFit as _Host
    from lasem_tui.ui.kamus.location import Point
    from lasem_tui.ui.kamus.picker import KamusPicked
    from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
else:
    _Host = object

#: The prices were never read (or must be read again): no village id is this.
_UNREAD = object()


class DeskKamus(_Host):
    """The kamus keys, the prices they and the panels read, and the adjust dialog's
    unit price."""

    _kamus_read_for: object = _UNREAD

    # --- the prices, once per village ---------------------------------------------------

    def forget_kamus(self) -> None:
        """The next state shown reads the prices again (a reload: a kamus may have been
        imported meanwhile, in setup or from the command line)."""
        self._kamus_read_for = _UNREAD

    def read_kamus_for(self, state: DeskState) -> None:
        """Read the prices when the village at the desk is another than last read for;
        the table gets them before its rows, so each row paints with its mark once."""
        village_id = state.village.id if state.village else None
        if village_id == self._kamus_read_for:
            return
        try:
            with self.context.db.read() as session:
                prices = kamus_store.prices(session, self.context.meeting_id)
        except READ_ERRORS as exc:
            self._lost_database(exc)
            return
        self._kamus_read_for = village_id
        self._table.kamus = prices
        self.kamus = prices

    def linked_entry(self, proposal: ProposalRow) -> KamusView | None:
        entry_id = proposal.kamus_entry_id
        return self.kamus.get(entry_id) if entry_id is not None else None

    def adjust_dialog(self, proposal: ProposalRow) -> AdjustDialog:
        """The adjust dialog handed the fit (``DeskFit``) and the linked entry's unit
        price and unit, so a typed volume recomputes the amount without the dialog
        reading the database."""
        dialog: AdjustDialog = super().adjust_dialog(proposal)
        entry = self.linked_entry(proposal)
        if entry is not None:
            dialog.unit_price = entry.unit_price
            dialog.kamus_unit = entry.unit or dialog.kamus_unit
        return dialog

    # --- K: link to the kamus ------------------------------------------------------------

    def action_kamus_link(self) -> None:
        if not self._reachable():
            return

        def open_picker(proposal: ProposalRow) -> None:
            def picked(result: KamusPicked | None) -> None:
                if result is None:
                    return
                if result.entry_id is None:
                    said = t("kamus.unlinked", title=proposal.title)
                else:
                    said = t("kamus.linked", title=proposal.title, entry=result.label)
                self._read_back(proposal.id, said)

            from lasem_tui.ui.kamus.picker import KamusPicker  # when first used

            context = self.context
            dialog = KamusPicker(context.db, context.meeting_id, self.desk.reviewer_id, proposal)
            self.app.push_screen(dialog, picked)

        self._act_on_highlighted(open_picker)

    # --- L: the coordinates --------------------------------------------------------------

    def action_location(self) -> None:
        if not self._reachable():
            return

        def open_dialog(proposal: ProposalRow) -> None:
            def typed(point: Point | None) -> None:
                if point is None:
                    return
                latitude, longitude = point
                if latitude is None or longitude is None:
                    said = t("kamus_desk.location_cleared", title=proposal.title)
                else:
                    said = t(
                        "kamus_desk.location_saved",
                        title=proposal.title,
                        point=geo.format_point(latitude, longitude),
                    )
                self._read_back(proposal.id, said)

            from lasem_tui.ui.kamus.location import LocationDialog  # when first used

            context = self.context
            dialog = LocationDialog(context.db, context.meeting_id, self.desk.reviewer_id, proposal)
            self.app.push_screen(dialog, typed)

        self._act_on_highlighted(open_dialog)

    def _read_back(self, proposal_id: int, said: str) -> None:
        """After a dialog's commit: the village read again (the row's new version, its
        mark), the highlight kept on the proposal, and what was done said."""
        if not self.is_attached:
            return
        self.reload(self.desk.village_id)
        self.highlight_proposal(proposal_id)
        self.notify(said, timeout=4, markup=False)
