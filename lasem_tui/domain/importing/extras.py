"""What an import reads beyond a recap's core columns: SIPD's fields, coordinates, the
re-import's changes and the kamus suggestions. Plain frozen values, as in ``model``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: The stored proposal fields a SIPD re-import compares, in the order a change lists them.
COMPARED = (
    "title",
    "problem",
    "location",
    "volume",
    "unit",
    "requested",
    "agency",
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
)


@dataclass(frozen=True)
class ProposalExtras:
    """A row's fields past the recap's: from SIPD's columns and from coordinates."""

    sipd_id: str = ""
    agency_origin: str = ""
    spending_kind: str = ""
    sub_activity: str = ""
    proposer: str = ""
    proposer_profile: str = ""
    proposed_on: date | None = None
    usulan_ke: str = ""
    latitude: float | None = None
    longitude: float | None = None
    #: JSON text: SIPD's Status, Catatan, Kabupaten, Kecamatan and every recommendation.
    sipd_data: str = "{}"

    def columns(self) -> dict[str, Any]:
        """The proposal columns these fill."""
        return {
            "sipd_id": self.sipd_id,
            "agency_origin": self.agency_origin,
            "spending_kind": self.spending_kind,
            "sub_activity": self.sub_activity,
            "proposer": self.proposer,
            "proposer_profile": self.proposer_profile,
            "proposed_on": self.proposed_on,
            "usulan_ke": self.usulan_ke,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "sipd_data": self.sipd_data,
        }


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SipdChange:
    """A row whose SIPD id is already a proposal of the meeting, with other values now."""

    row: int
    proposal_id: int
    sipd_id: str
    ref: str
    title: str
    village: str
    changes: tuple[FieldChange, ...]
    #: Already decided at the desk: confirming changes leaves it alone (said so).
    decided: bool
    #: The new values, as the proposal columns take them.
    values: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class KamusSuggestion:
    """The kamus entry closest to a new row's title and unit."""

    row: int
    entry_id: int
    code: str
    name: str
    unit: str
    unit_price: int
    likeness: float


@dataclass(frozen=True)
class SipdOutcome:
    """What the SIPD pass of a preview found, next to the rows to add."""

    is_sipd: bool = False
    #: Rows whose SIPD id is already stored with the same values: skipped.
    unchanged: tuple[tuple[int, str, str], ...] = ()  # (file row, SIPD id, title)
    changes: tuple[SipdChange, ...] = ()
    kamus: tuple[KamusSuggestion, ...] = field(default=())

    @property
    def applicable_changes(self) -> tuple[SipdChange, ...]:
        return tuple(c for c in self.changes if not c.decided)
