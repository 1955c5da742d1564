"""The figures the desk holds, shifted by one committed change instead of read again:
a village's queue figures, and each OPD's approved amount against its ceiling (the
meeting's and the village's tallies shift with ``domain.tally.apply_change``). The
watcher still reads what other desks changed."""

from __future__ import annotations

from dataclasses import replace

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import approved_amount
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.views import ProposalRow, VillageRow


def shifted_village(village: VillageRow, old: ProposalRow, new: ProposalRow) -> VillageRow:
    """A village's figures after one of its proposals changed from ``old`` to ``new``."""
    pending = (new.status is ProposalStatus.PENDING) - (old.status is ProposalStatus.PENDING)
    approved = approved_amount(new.status, new.approved) - approved_amount(old.status, old.approved)
    return replace(
        village,
        pending=village.pending + pending,
        requested=village.requested + new.requested - old.requested,
        approved=village.approved + approved,
    )


def shifted_agencies(
    agencies: tuple[AgencyFigures, ...], old: ProposalRow, new: ProposalRow
) -> tuple[AgencyFigures, ...]:
    """The OPD figures after one proposal changed from ``old`` to ``new`` (its amount
    may have moved to another OPD when the decision re-routed it)."""
    if not agencies:
        return agencies
    delta: dict[str, int] = {}
    delta[old.agency] = delta.get(old.agency, 0) - approved_amount(old.status, old.approved)
    delta[new.agency] = delta.get(new.agency, 0) + approved_amount(new.status, new.approved)
    if not any(delta.values()):
        return agencies
    return tuple(
        replace(a, approved=a.approved + delta[a.agency]) if delta.get(a.agency) else a
        for a in agencies
    )
