"""Reads for fitting the proposals to the pagu: criteria, levels, OPD ceilings and the
fit of a village, as plain values for the desk, the projector and ``lasem plan``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from lasem_tui.domain.fit import Fit, FitCandidate, FitOrder, compute_fit, what_is_left
from lasem_tui.domain.scoring import Criterion
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import queries
from lasem_tui.store.models import (
    AgencyCeiling,
    Meeting,
    Proposal,
    ProposalLevel,
    ScoringCriterion,
    Village,
)
from lasem_tui.store.views import ProposalRow


def _labels(text: str) -> tuple[str, str, str, str, str]:
    try:
        values = [str(v) for v in json.loads(text or "[]")]
    except ValueError:
        values = []
    values = (values + [""] * 5)[:5]
    return (values[0], values[1], values[2], values[3], values[4])


def criterion_of(row: ScoringCriterion) -> Criterion:
    return Criterion(row.id or 0, row.name, row.weight, _labels(row.labels))


def criteria(session: Session, meeting_id: int) -> tuple[Criterion, ...]:
    """The meeting's scoring criteria in order (empty: the meeting does not score)."""
    rows = session.exec(
        select(ScoringCriterion)
        .where(ScoringCriterion.meeting_id == meeting_id)
        .order_by(col(ScoringCriterion.position), col(ScoringCriterion.id))
    ).all()
    return tuple(criterion_of(row) for row in rows)


def levels(session: Session, proposal_id: int) -> dict[int, int]:
    """A proposal's level per criterion id."""
    rows = session.exec(
        select(ProposalLevel.criterion_id, ProposalLevel.level).where(
            ProposalLevel.proposal_id == proposal_id
        )
    ).all()
    return {int(c): int(level) for c, level in rows}


def agency_ceilings(session: Session, meeting_id: int) -> dict[str, int]:
    """Each OPD's ceiling, by OPD name, in name order."""
    rows = session.exec(
        select(AgencyCeiling.agency, AgencyCeiling.ceiling)
        .where(AgencyCeiling.meeting_id == meeting_id)
        .order_by(AgencyCeiling.agency)
    ).all()
    return {agency: int(ceiling) for agency, ceiling in rows}


@dataclass(frozen=True)
class AgencyFigures:
    """One OPD in the tally: approved against its ceiling."""

    agency: str
    ceiling: int
    approved: int

    @property
    def remaining(self) -> int:
        return self.ceiling - self.approved

    @property
    def over(self) -> int:
        return max(0, self.approved - self.ceiling)

    @property
    def is_over(self) -> bool:
        return self.over > 0


_APPROVED = case(
    (
        col(Proposal.status).in_((ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED)),
        func.coalesce(Proposal.approved, 0),
    ),
    else_=0,
)


def agency_approved(session: Session, meeting_id: int) -> dict[str, int]:
    rows = session.exec(
        select(Proposal.agency, func.coalesce(func.sum(_APPROVED), 0))
        .where(Proposal.meeting_id == meeting_id)
        .group_by(Proposal.agency)
    ).all()
    return {agency: int(total) for agency, total in rows}


def agency_tally(session: Session, meeting_id: int) -> tuple[AgencyFigures, ...]:
    """Per OPD with a ceiling: approved against it ("melebihi pagu" when over)."""
    ceilings = agency_ceilings(session, meeting_id)
    if not ceilings:
        return ()
    approved = agency_approved(session, meeting_id)
    return tuple(
        AgencyFigures(agency, ceiling, approved.get(agency, 0))
        for agency, ceiling in ceilings.items()
    )


def candidate_of(row: ProposalRow | Proposal) -> FitCandidate:
    return FitCandidate(
        id=row.id or 0,
        seq=row.seq,
        priority=row.priority,
        score=row.score,
        ref=row.ref,
        title=row.title,
        requested=row.requested,
        agency=row.agency,
    )


def fit_from_rows(
    proposals: Sequence[ProposalRow],
    order: FitOrder,
    remaining: int | None,
    agency_remaining: dict[str, int],
) -> Fit:
    """The fit of already-read rows (the desk has them): no query."""
    pending = [candidate_of(p) for p in proposals if p.status is ProposalStatus.PENDING]
    return compute_fit(pending, order, remaining, agency_remaining)


@dataclass(frozen=True)
class FitBasis:
    """What the fit of a village is measured against, read in one go."""

    remaining: int | None
    agency_remaining: dict[str, int]


def fit_basis(session: Session, meeting_id: int, village_id: int) -> FitBasis:
    """What is left for a village: its own ceiling less its approved where set, else the
    meeting's; and what is left of each OPD's ceiling."""
    meeting = session.get(Meeting, meeting_id)
    village = session.get(Village, village_id)
    if meeting is None or village is None or village.meeting_id != meeting_id:
        raise LookupError(f"village {village_id}")
    village_approved = 0
    meeting_approved = 0
    if village.ceiling is not None:
        village_approved = int(
            session.exec(
                select(func.coalesce(func.sum(_APPROVED), 0)).where(
                    Proposal.village_id == village_id
                )
            ).one()
        )
    elif meeting.ceiling is not None:
        meeting_approved = queries.approved_total(session, meeting_id)
    remaining = what_is_left(meeting.ceiling, meeting_approved, village.ceiling, village_approved)
    ceilings = agency_ceilings(session, meeting_id)
    agency_remaining: dict[str, int] = {}
    if ceilings:
        approved = agency_approved(session, meeting_id)
        agency_remaining = {a: c - approved.get(a, 0) for a, c in ceilings.items()}
    return FitBasis(remaining, agency_remaining)


def village_fit(session: Session, meeting_id: int, village_id: int, order: FitOrder) -> Fit:
    """The fit of a village's pending proposals, as it stands in the database."""
    basis = fit_basis(session, meeting_id, village_id)
    rows = session.exec(
        select(Proposal).where(
            Proposal.village_id == village_id, Proposal.status == ProposalStatus.PENDING.value
        )
    ).all()
    return compute_fit(
        [candidate_of(p) for p in rows], order, basis.remaining, basis.agency_remaining
    )


def merged_from(session: Session, proposal_id: int) -> tuple[str, ...]:
    """The refs of the proposals merged into this one (the other way of the link)."""
    rows = session.exec(
        select(Proposal.ref)
        .where(Proposal.merged_into_id == proposal_id)
        .order_by(col(Proposal.village_id), col(Proposal.seq))
    ).all()
    return tuple(rows)


def scoring_on(session: Session, meeting_id: int) -> bool:
    """Whether the meeting scores at all (has criteria)."""
    return (
        session.exec(
            select(func.count())
            .select_from(ScoringCriterion)
            .where(ScoringCriterion.meeting_id == meeting_id)
        ).one()
        > 0
    )


@dataclass(frozen=True)
class FitPicture:
    """What the projector adds to the desk state: whether the meeting scores, and the
    fit of the village at the desk by priority (None when nobody is at the desk)."""

    scoring: bool
    fit: Fit | None


def fit_picture(session: Session, meeting_id: int, village_id: int | None) -> FitPicture:
    fit = None
    if village_id is not None:
        fit = village_fit(session, meeting_id, village_id, FitOrder.PRIORITY)
    return FitPicture(scoring_on(session, meeting_id), fit)
