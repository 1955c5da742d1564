"""The meeting's proposals with everything SIPD and a map need, for the exports.

One query, ordered by village (queue order) and number, so that each village's rows
come together for the operator who enters them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.store.models import Meeting, Proposal, Village, table_of
from lasem_tui.store.queries import source_of, status_of


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
    if not text or text == "{}":
        return {}  # most rows: no SIPD data, no carried-over recommendation
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


#: The proposal's columns a ``SipdProposal`` is made of, after the village's name and
#: code. Read as plain rows: ORM objects cost seconds for a regency's 18,000 proposals.
_COLUMNS = (
    "ref",
    "title",
    "problem",
    "location",
    "volume",
    "unit",
    "requested",
    "approved",
    "status",
    "reason",
    "note",
    "funding_source",
    "agency",
    "sipd_id",
    "agency_origin",
    "spending_kind",
    "sub_activity",
    "proposer",
    "proposer_profile",
    "proposed_on",
    "usulan_ke",
    "latitude",
    "longitude",
    "sipd_data",
    "prior_recommendation",
)


def _proposal(values: Sequence[Any]) -> SipdProposal:
    (
        village,
        village_code,
        ref,
        title,
        problem,
        location,
        volume,
        unit,
        requested,
        approved,
        status,
        reason,
        note,
        source,
        agency,
        sipd_id,
        agency_origin,
        spending_kind,
        sub_activity,
        proposer,
        proposer_profile,
        proposed_on,
        usulan_ke,
        latitude,
        longitude,
        sipd_data,
        prior,
    ) = values
    return SipdProposal(
        village=village,
        village_code=village_code,
        ref=ref,
        title=title,
        problem=problem,
        location=location,
        volume=volume,
        unit=unit,
        requested=requested,
        approved=approved,
        status=status_of(status),
        reason=reason,
        note=note,
        funding_source=source_of(source),
        agency=agency,
        sipd_id=sipd_id,
        agency_origin=agency_origin,
        spending_kind=spending_kind,
        sub_activity=sub_activity,
        proposer=proposer,
        proposer_profile=proposer_profile,
        proposed_on=proposed_on,
        usulan_ke=usulan_ke,
        latitude=latitude,
        longitude=longitude,
        sipd_data=_json(sipd_data),
        prior=_json(prior),
    )


def sipd_meeting(session: Session, meeting_id: int) -> SipdMeeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        from lasem_tui.store.errors import StoreError

        raise StoreError("meeting_missing")
    proposal, village = table_of(Proposal), table_of(Village)
    rows = (
        session.connection()
        .execute(
            select(village.c.name, village.c.code, *(proposal.c[name] for name in _COLUMNS))
            .join_from(proposal, village, village.c.id == proposal.c.village_id)
            .where(proposal.c.meeting_id == meeting_id)
            .order_by(village.c.position, village.c.id, proposal.c.seq, proposal.c.id)
        )
        .all()
    )
    return SipdMeeting(
        title=meeting.title,
        kind=meeting.kind,
        kecamatan=meeting.kecamatan,
        kabupaten=meeting.kabupaten,
        year=meeting.held_on.year,
        is_demo=meeting.is_demo,
        proposals=tuple(_proposal(row) for row in rows),
    )
