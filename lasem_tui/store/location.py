"""Typing a proposal's coordinates at the desk: one logged command."""

from __future__ import annotations

from lasem_tui.domain import geo
from lasem_tui.domain.states import EventKind
from lasem_tui.store import events, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Proposal


def set_location(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    latitude: float | None,
    longitude: float | None,
    *,
    reviewer_id: int | None,
) -> None:
    """Store (or, with both None, clear) a proposal's point; refused off the Earth."""
    if (latitude is None) != (longitude is None):
        raise StoreError("import.sipd_coordinate_invalid", value=f"{latitude}, {longitude}")
    if latitude is not None and longitude is not None and not geo.valid(latitude, longitude):
        raise StoreError("import.sipd_coordinate_invalid", value=f"{latitude}, {longitude}")
    with db.write() as session:
        guard.meeting(session, meeting_id)
        guard.reviewer(session, meeting_id, reviewer_id, required=False)
        proposal = session.get(Proposal, proposal_id)
        if proposal is None or proposal.meeting_id != meeting_id:
            raise StoreError("proposal_missing")
        before = {"latitude": proposal.latitude, "longitude": proposal.longitude}
        proposal.latitude, proposal.longitude = latitude, longitude
        proposal.version += 1
        session.add(proposal)
        events.record(
            session,
            meeting_id,
            EventKind.UPDATE_MEETING,
            reviewer_id,
            proposal_id=proposal_id,
            village_id=proposal.village_id,
            before={"change": "location", **before},
            after={"change": "location", "latitude": latitude, "longitude": longitude},
        )
