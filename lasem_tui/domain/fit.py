"""The pagu line: which pending proposals still fit in what is left, in the order chosen.

The desk, the projector and ``lasem plan`` show the same fit, so it is computed here from
plain numbers. The line is drawn after the last proposal that still fits when taken in
order: walking down the list, the first proposal that would take the running total past
what is left (or its OPD's running total past what is left of the OPD's ceiling) draws
the line, and it and every proposal after it are below it, even a smaller one that on
its own would still fit: the room decides in order, and the line says where the money
runs out in that order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar


class FitOrder(StrEnum):
    """How the review table, the projector and the fit are ordered; ``o`` cycles them."""

    PRIORITY = "priority"
    SCORE = "score"
    NUMBER = "number"

    def next(self) -> FitOrder:
        members = list(FitOrder)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class Orderable:
    """What ordering needs of a proposal."""

    id: int
    seq: int
    priority: int | None
    score: int | None


class Ranked(Protocol):
    """What ordering reads of a proposal, read-only: a ``FitCandidate`` or the desk's
    frozen ``ProposalRow`` alike."""

    @property
    def id(self) -> int: ...
    @property
    def seq(self) -> int: ...
    @property
    def priority(self) -> int | None: ...
    @property
    def score(self) -> int | None: ...


_LAST = 1 << 62


def sort_key(order: FitOrder, item: Ranked) -> tuple[int, ...]:
    """Priority 1 first (unranked last); score highest first (unscored last, then by
    priority); number by the proposal's number. Ties fall back to the number, so the
    order is the same on every desk."""
    priority = item.priority if item.priority is not None else _LAST
    if order is FitOrder.PRIORITY:
        return (priority, item.seq, item.id)
    if order is FitOrder.SCORE:
        score = -item.score if item.score is not None else _LAST
        return (score, priority, item.seq, item.id)
    return (item.seq, item.id)


T = TypeVar("T", bound=Ranked)


def ordered(items: Sequence[T], order: FitOrder) -> list[T]:
    """``items`` in ``order`` (a new list)."""
    return sorted(items, key=lambda item: sort_key(order, item))


@dataclass(frozen=True)
class FitCandidate(Orderable):
    """A pending proposal as the fit sees it."""

    ref: str = ""
    title: str = ""
    requested: int = 0
    agency: str = ""


@dataclass(frozen=True)
class FitRow:
    candidate: FitCandidate
    cumulative: int
    fits: bool


@dataclass(frozen=True)
class Fit:
    """The fit of one village: its pending proposals in order, and where the line is.

    ``remaining`` is None when no ceiling applies (then everything fits and there is no
    line). ``line_after`` is how many rows are above the line.
    """

    order: FitOrder
    remaining: int | None
    rows: tuple[FitRow, ...]
    agency_remaining: Mapping[str, int]

    @property
    def line_after(self) -> int:
        return sum(1 for row in self.rows if row.fits)

    @property
    def above(self) -> tuple[FitRow, ...]:
        return tuple(row for row in self.rows if row.fits)

    @property
    def above_total(self) -> int:
        return sum(row.candidate.requested for row in self.above)

    @property
    def has_line(self) -> bool:
        """Whether a line is drawn: some proposal does not fit."""
        return any(not row.fits for row in self.rows)

    @property
    def left_after_above(self) -> int | None:
        """What is left once every proposal above the line is accepted as requested."""
        return None if self.remaining is None else self.remaining - self.above_total

    def is_above(self, proposal_id: int) -> bool:
        return any(row.fits and row.candidate.id == proposal_id for row in self.rows)


def what_is_left(
    meeting_ceiling: int | None,
    meeting_approved: int,
    village_ceiling: int | None,
    village_approved: int,
) -> int | None:
    """The village's own ceiling where one is set, otherwise the meeting's, less what is
    already approved against it; None when neither has a ceiling."""
    if village_ceiling is not None:
        return village_ceiling - village_approved
    if meeting_ceiling is not None:
        return meeting_ceiling - meeting_approved
    return None


def compute_fit(
    candidates: Sequence[FitCandidate],
    order: FitOrder,
    remaining: int | None,
    agency_remaining: Mapping[str, int] | None = None,
) -> Fit:
    """The fit of ``candidates`` (pending proposals) against ``remaining`` and, for each
    OPD with a ceiling, what is left of it (``agency_remaining``, by OPD name)."""
    limits = dict(agency_remaining or {})
    spent: dict[str, int] = {}
    cumulative = 0
    open_ = True
    rows: list[FitRow] = []
    for candidate in ordered(candidates, order):
        cumulative += candidate.requested
        if open_:
            within = remaining is None or cumulative <= remaining
            limit = limits.get(candidate.agency)
            if limit is not None:
                spent_here = spent.get(candidate.agency, 0) + candidate.requested
                within = within and spent_here <= limit
            if within:
                spent[candidate.agency] = spent.get(candidate.agency, 0) + candidate.requested
            else:
                open_ = False
        rows.append(FitRow(candidate, cumulative, open_))
    return Fit(order, remaining, tuple(rows), limits)


def left_after_amount(fit: Fit, proposal_id: int, amount: int) -> tuple[int | None, int]:
    """For the adjust dialog: what is left after approving ``amount`` for one proposal,
    and where the line would then be (rows above it, the proposal itself counted at
    ``amount``)."""
    replaced = [
        FitCandidate(
            id=row.candidate.id,
            seq=row.candidate.seq,
            priority=row.candidate.priority,
            score=row.candidate.score,
            ref=row.candidate.ref,
            title=row.candidate.title,
            requested=amount if row.candidate.id == proposal_id else row.candidate.requested,
            agency=row.candidate.agency,
        )
        for row in fit.rows
    ]
    moved = compute_fit(replaced, fit.order, fit.remaining, fit.agency_remaining)
    left = None if fit.remaining is None else fit.remaining - amount
    return left, moved.line_after
