"""How states and amounts read on screen: the words and colours every widget shares."""

from __future__ import annotations

from rich.text import Text

from lasem_tui.domain.money import format_number
from lasem_tui.domain.states import ProposalStatus, VillageState
from lasem_tui.i18n import t

STATUS_STYLE = {
    ProposalStatus.PENDING: "dim",
    ProposalStatus.ACCEPTED: "bold green",
    ProposalStatus.ADJUSTED: "bold cyan",
    ProposalStatus.REJECTED: "bold red",
    ProposalStatus.DEFERRED: "bold yellow",
    ProposalStatus.REDIRECTED: "bold magenta",
    ProposalStatus.MERGED: "italic blue",
}

VILLAGE_STYLE = {
    VillageState.WAITING: "",
    VillageState.AT_DESK: "bold reverse",
    VillageState.DONE: "green",
    VillageState.ABSENT: "dim italic",
}

VILLAGE_MARK = {
    VillageState.WAITING: " ",
    VillageState.AT_DESK: "▶",
    VillageState.DONE: "✓",
    VillageState.ABSENT: "–",
}


def status_text(status: ProposalStatus, *, short: bool = False) -> Text:
    """The state's word; ``short`` for table columns ("disesuaikan")."""
    prefix = "status_short" if short else "status"
    return Text(t(f"{prefix}.{status.value}"), style=STATUS_STYLE[status])


def village_state_text(state: VillageState) -> Text:
    return Text(t(f"village.{state.value}"), style=VILLAGE_STYLE[state])


def amount_cell(amount: int | None) -> Text:
    """Right-aligned digits grouped the Indonesian way (the column says Rp)."""
    return Text("-" if amount is None else format_number(amount), justify="right")
