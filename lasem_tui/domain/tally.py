"""The running tally against the ceiling.

The store aggregates in SQL and hands plain numbers here, so the same rules serve the
desk, the projector, the minutes and the exports; ``tally_of`` does the same from
individual proposals, which is what the property tests compare against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from lasem_tui.domain.states import ProposalStatus


@dataclass(frozen=True)
class Tally:
    """Approved and requested totals, the ceiling, and the count per state."""

    approved: int = 0
    requested: int = 0
    ceiling: int | None = None
    counts: Mapping[ProposalStatus, int] = field(default_factory=dict)

    @property
    def remaining(self) -> int | None:
        """Ceiling minus approved; negative when over (``None`` when no ceiling is set)."""
        if self.ceiling is None:
            return None
        return self.ceiling - self.approved

    @property
    def over(self) -> int:
        """How much the approved total exceeds the ceiling (0 when within it)."""
        remaining = self.remaining
        return -remaining if remaining is not None and remaining < 0 else 0

    @property
    def is_over(self) -> bool:
        return self.over > 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def decided(self) -> int:
        return self.total - self.counts.get(ProposalStatus.PENDING, 0)

    @property
    def ratio(self) -> float:
        """Approved as a share of the ceiling, for progress bars (may exceed 1)."""
        if not self.ceiling:
            return 0.0
        return self.approved / self.ceiling

    def count(self, status: ProposalStatus) -> int:
        return self.counts.get(status, 0)


@dataclass(frozen=True)
class ProposalFigures:
    """The few fields of a proposal the tally needs."""

    status: ProposalStatus
    requested: int
    approved: int | None


class Figures(Protocol):
    """What the tally reads of a proposal, read-only: a ``ProposalFigures`` or the
    frozen ``ProposalRow`` of the UI and the exports alike."""

    @property
    def status(self) -> ProposalStatus: ...
    @property
    def requested(self) -> int: ...
    @property
    def approved(self) -> int | None: ...


def approved_amount(status: ProposalStatus, approved: int | None) -> int:
    """What a proposal contributes to the approved total."""
    return (approved or 0) if status.is_approved else 0


def tally_of(proposals: Iterable[Figures], ceiling: int | None = None) -> Tally:
    """Compute the tally directly from proposals."""
    counts: dict[ProposalStatus, int] = {s: 0 for s in ProposalStatus}
    approved = requested = 0
    for p in proposals:
        counts[p.status] += 1
        requested += p.requested
        approved += approved_amount(p.status, p.approved)
    return Tally(approved=approved, requested=requested, ceiling=ceiling, counts=counts)


def with_ceiling(tally: Tally, ceiling: int | None) -> Tally:
    """The same figures against another ceiling (a village's own, say)."""
    return Tally(tally.approved, tally.requested, ceiling, tally.counts)


def would_exceed(current_approved: int, delta: int, ceiling: int | None) -> bool:
    """Whether adding ``delta`` to the approved total goes over a hard ceiling."""
    return ceiling is not None and delta > 0 and current_approved + delta > ceiling


def apply_change(tally: Tally, before: Figures, after: Figures) -> Tally:
    """The tally after one proposal changed from ``before`` to ``after``.

    Lets the desk show its own decision without rescanning every proposal; the periodic
    refresh from the database still brings in what other desks did.
    """
    counts = dict(tally.counts)
    counts[before.status] = counts.get(before.status, 0) - 1
    counts[after.status] = counts.get(after.status, 0) + 1
    approved = (
        tally.approved
        - approved_amount(before.status, before.approved)
        + approved_amount(after.status, after.approved)
    )
    requested = tally.requested - before.requested + after.requested
    return Tally(approved=approved, requested=requested, ceiling=tally.ceiling, counts=counts)
