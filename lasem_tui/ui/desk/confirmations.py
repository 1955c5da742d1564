"""Asking before one stray key changes a village, a decision or ends the desk.

In front of the pendopo a facilitator's finger slips: ``n`` on a village with proposals
still undecided, ``s`` on a village already half decided, ``a`` on a proposal decided a
minute ago, ``q`` meaning "close this list". Each of these asks first, saying what it
would change (how many undecided, how many decided, the current decision); Enter
confirms, Esc cancels. The normal flow (every proposal decided, nothing decided yet, an
undecided proposal) stays one key. Mixed into ``DeskScreen``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lasem_tui.domain.money import format_rupiah
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.i18n import t
from lasem_tui.store.views import ProposalRow

if TYPE_CHECKING:
    from lasem_tui.ui.desk.host import DeskHost as _Host
else:
    _Host = object


def decision_words(proposal: ProposalRow) -> str:
    """The current decision as the room would say it: "ditolak — <reason>",
    "diterima dengan penyesuaian Rp 150.000.000"."""
    words = t(f"status.{proposal.status.value}")
    if proposal.status in (ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED):
        words += f" {format_rupiah(proposal.approved)}"
    if proposal.reason:
        words += f" — {proposal.reason}"
    return words


class DeskConfirmations(_Host):
    """The questions the desk asks before a change that is easy to make by mistake."""

    def ask(self, title: str, body: str, confirm: str, then: Callable[[], object]) -> None:
        """A Yes/Cancel question; Enter confirms (the focus starts on Yes), Esc cancels.
        On a database opened read-only nothing would change: the write is tried at once
        and refused with its notice, without a question first."""
        if self.context.db.read_only:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes and self.is_attached:
                then()

        from lasem_tui.ui.screens.confirm import ConfirmDialog  # when first asked

        self.app.push_screen(
            ConfirmDialog(title, f"{body}\n\n{t('room_desk.confirm_keys')}", confirm), answered
        )

    # --- the village at the desk -------------------------------------------------------

    def action_next_village(self) -> None:
        state = self.desk.state
        village = state.village if state else None
        undecided = (
            sum(1 for p in state.proposals if p.status is ProposalStatus.PENDING) if state else 0
        )
        if self.refuse_while_pending():
            return
        if village is None or not undecided:
            self.write(self.desk.call_next, self._switched)
            return
        self.ask(
            t("room_desk.next_title", village=village.name),
            t("room_desk.next_body", count=undecided),
            t("room_desk.next_confirm"),
            lambda: self.write(self.desk.call_next, self._switched),
        )

    def action_absent(self) -> None:
        state = self.desk.state
        village = state.village if state else None
        decided = (
            sum(1 for p in state.proposals if p.status is not ProposalStatus.PENDING)
            if state
            else 0
        )
        if self.refuse_while_pending():
            return
        if village is None or not decided:
            self.write(self.desk.mark_absent, self._switched)
            return
        self.ask(
            t("room_desk.absent_title", village=village.name),
            t("room_desk.absent_body", count=decided),
            t("room_desk.absent_confirm"),
            lambda: self.write(self.desk.mark_absent, self._switched),
        )

    # --- a decided proposal ------------------------------------------------------------

    def unless_decided(self, proposal: ProposalRow, then: Callable[[], object]) -> None:
        """Go on at once with an undecided proposal; with a decided one, ask first,
        showing the decision that would be replaced."""
        if proposal.status is ProposalStatus.PENDING:
            then()
            return
        self.ask(
            t("room_desk.redecide_title", ref=proposal.ref or str(proposal.seq)),
            t("room_desk.redecide_body", decision=decision_words(proposal)),
            t("room_desk.redecide_confirm"),
            then,
        )

    # --- leaving -----------------------------------------------------------------------

    def action_back_or_quit(self) -> None:
        """``q`` on the desk asks (the app's ``back_or_quit`` goes back on any other
        screen); ctrl+q still quits at once. Named as the app's action, so that the
        command palette lists one "Keluar"."""
        self.ask(
            t("room_desk.quit_title"),
            t("room_desk.quit_body"),
            t("room_desk.quit_confirm"),
            lambda: self.app.call_later(self.app.action_quit),
        )
