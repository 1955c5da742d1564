"""The meeting's proposals with everything SIPD and a map need, for the exports.

One query, ordered by village (queue order) and number, so that each village's rows
come together for the operator who enters them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.store.models import Meeting, Proposal, Village


@dataclass(frozen=True)
class SipdProposal:
    village: str
    village_code: str
    ref: str
    title: str
    problem: str
    location: str
    volume: float | None
    unit: str
    requested: int
    approved: int | None
    status: ProposalStatus
    reason: str
    note: str
    funding_source: FundingSource | None
    agency: str
    sipd_id: str
    agency_origin: str
    spending_kind: str
    sub_activity: str
    proposer: str
    proposer_profile: str
    proposed_on: date | None
    usulan_ke: str
    latitude: float | None
    longitude: float | None
    #: SIPD's Status, Catatan and the file's recommendations (see ``importing.sipd``).
    sipd_data: dict[str, Any]
    #: The Pra Musrenbang's recommendation of a carried-over proposal, or {}.
    prior: dict[str, Any]


@dataclass(frozen=True)
class SipdMeeting:
    title: str
    kind: str
    kecamatan: str
    kabupaten: str
    year: int
    is_demo: bool
    proposals: tuple[SipdProposal, ...]


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def sipd_meeting(session: Session, meeting_id: int) -> SipdMeeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        from lasem_tui.store.errors import StoreError

        raise StoreError("meeting_missing")
    rows = session.exec(
        select(Proposal, Village.name, Village.code)
        .join(Village, col(Village.id) == Proposal.village_id)
        .where(Proposal.meeting_id == meeting_id)
        .order_by(col(Village.position), col(Village.id), col(Proposal.seq), col(Proposal.id))
    ).all()
    proposals = tuple(
        SipdProposal(
            village=name,
            village_code=code,
            ref=p.ref,
            title=p.title,
            problem=p.problem,
            location=p.location,
            volume=p.volume,
            unit=p.unit,
            requested=p.requested,
            approved=p.approved,
            status=ProposalStatus(p.status),
            reason=p.reason,
            note=p.note,
            funding_source=FundingSource(p.funding_source) if p.funding_source else None,
            agency=p.agency,
            sipd_id=p.sipd_id,
            agency_origin=p.agency_origin,
            spending_kind=p.spending_kind,
            sub_activity=p.sub_activity,
            proposer=p.proposer,
            proposer_profile=p.proposer_profile,
            proposed_on=p.proposed_on,
            usulan_ke=p.usulan_ke,
            latitude=p.latitude,
            longitude=p.longitude,
            sipd_data=_json(p.sipd_data),
            prior=_json(p.prior_recommendation),
        )
        for p, name, code in rows
    )
    return SipdMeeting(
        title=meeting.title,
        kind=meeting.kind,
        kecamatan=meeting.kecamatan,
        kabupaten=meeting.kabupaten,
        year=meeting.held_on.year,
        is_demo=meeting.is_demo,
        proposals=proposals,
    )
