"""Plain, frozen snapshots of rows for the UI and the exports.

Widgets get these instead of ORM objects: nothing lazy-loads from a widget, and a
snapshot can cross from a worker thread to the UI safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.domain.tally import Tally


@dataclass(frozen=True)
class MeetingView:
    id: int
    title: str
    kind: str
    kecamatan: str
    kabupaten: str
    held_on: date
    venue: str
    desk_starts_at: datetime | None
    desk_ends_at: datetime | None
    ceiling: int | None
    hard_ceiling: bool
    sipd_deadline: date | None
    next_meeting_on: date | None
    next_meeting_name: str
    office_address: str
    is_demo: bool
    closed_at: datetime | None
    current_reviewer_id: int | None
    cursor_proposal_id: int | None
    projector_message: str
    version: int
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str = ""
    doc_number: str = ""
    rkpd_year: int | None = None
    timezone: str = "WIB"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class ReviewerView:
    id: int
    name: str
    role: str
    position: int


@dataclass(frozen=True)
class VillageRow:
    """A village in the queue, with its figures."""

    id: int
    code: str
    name: str
    position: int
    state: VillageState
    ceiling: int | None
    branding: str
    desk_started_at: datetime | None
    desk_seconds: float
    proposals: int = 0
    pending: int = 0
    requested: int = 0
    approved: int = 0
    finished_at: datetime | None = None


@dataclass(frozen=True)
class ProposalRow:
    id: int
    village_id: int
    seq: int
    ref: str
    title: str
    location: str
    volume: float | None
    unit: str
    requested: int
    approved: int | None
    agency: str
    status: ProposalStatus
    reason: str
    note: str
    funding_source: FundingSource | None
    decided_by: str
    decided_at: datetime | None
    version: int
    problem: str = ""
    priority: int | None = None
    category: str = ""
    #: What the village asked for; ``volume`` is what was approved.
    requested_volume: float | None = None
    score: int | None = None
    merged_into_id: int | None = None
    #: The OPD first proposed ("OPD Tujuan Awal"); ``agency`` is the one responsible now.
    agency_origin: str = ""
    #: The ref of the proposal this one was merged into (filled where a query joins it).
    merged_into_ref: str = ""

    @property
    def origin_agency(self) -> str:
        """The OPD first proposed: the stored origin, or the current OPD when never moved."""
        return self.agency_origin or self.agency

    @property
    def rerouted(self) -> bool:
        return bool(self.agency_origin) and self.agency_origin != self.agency

    # From SIPD and the kamus usulan (issue 17); ``store.kamus.flag_for`` gives the flag.
    sipd_id: str = ""
    latitude: float | None = None
    longitude: float | None = None
    kamus_entry_id: int | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a proposal's decision history: who, when, what."""

    at: datetime
    reviewer: str
    kind: str
    status_before: str | None
    status_after: str | None
    approved_after: int | None
    reason: str


@dataclass(frozen=True)
class ProposalDetail:
    proposal: ProposalRow
    village_name: str
    branding: str
    issues: tuple[str, ...]
    history: tuple[HistoryEntry, ...]
    #: The refs of the proposals merged into this one (the merge link's other way).
    merged_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeskState:
    """Everything the desk screen shows at once, read in one go."""

    meeting: MeetingView
    reviewers: tuple[ReviewerView, ...]
    villages: tuple[VillageRow, ...]
    village: VillageRow | None
    proposals: tuple[ProposalRow, ...]
    tally: Tally
    village_tally: Tally | None
    done_durations: tuple[float, ...] = field(default=())
    #: When the desk clock was paused (a break), or None while it runs.
    paused_at: datetime | None = None

    @property
    def reviewer(self) -> ReviewerView | None:
        for reviewer in self.reviewers:
            if reviewer.id == self.meeting.current_reviewer_id:
                return reviewer
        return None

    @property
    def waiting(self) -> int:
        return sum(1 for v in self.villages if v.state is VillageState.WAITING)
