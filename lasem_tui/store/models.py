"""The tables. Money is whole rupiah (``int``, a 64-bit column: a kecamatan's ceiling is
already past PostgreSQL's 32-bit ``integer``); states are the domain's enum values.

Times are stored timezone-aware (SQLModel keeps them in UTC) and shown in the laptop's
local time, WIB at the pendopo, so desks on one PostgreSQL agree on what happened when.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel

from lasem_tui.domain.dates import now


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind: str = "pra_musrenbang"
    kecamatan: str = ""
    kabupaten: str = ""
    held_on: date
    venue: str = ""
    desk_starts_at: datetime | None = None
    desk_ends_at: datetime | None = None
    ceiling: int | None = Field(default=None, sa_type=BigInteger)
    hard_ceiling: bool = False
    sipd_deadline: date | None = None
    next_meeting_on: date | None = None
    next_meeting_name: str = ""
    office_address: str = ""
    is_demo: bool = False
    closed_at: datetime | None = None
    current_reviewer_id: int | None = None
    cursor_proposal_id: int | None = None
    last_opened_at: datetime | None = None
    origin_meeting_id: int | None = None
    #: One line the facilitator puts over the projector ("Istirahat 10 menit").
    projector_message: str = ""
    created_at: datetime = Field(default_factory=now)
    #: Optimistic lock for settings edits and the hard-ceiling check.
    version: int = 0


class Village(SQLModel, table=True):
    __table_args__ = (Index("ix_village_meeting_position", "meeting_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    code: str = ""
    name: str
    position: int = 0
    state: str = "waiting"
    ceiling: int | None = Field(default=None, sa_type=BigInteger)
    branding: str = ""
    desk_started_at: datetime | None = None
    desk_seconds: float = 0.0
    finished_at: datetime | None = None


class Proposal(SQLModel, table=True):
    __table_args__ = (
        Index("ix_proposal_village_seq", "village_id", "seq"),
        # Covering index: the tally is one scan of it, however many proposals there are.
        Index("ix_proposal_tally", "meeting_id", "status", "approved", "requested"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    village_id: int = Field(foreign_key="village.id")
    seq: int = 0
    ref: str = ""
    title: str
    problem: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    location: str = ""
    volume: float | None = None
    unit: str = ""
    requested: int = Field(default=0, sa_type=BigInteger)
    approved: int | None = Field(default=None, sa_type=BigInteger)
    agency: str = ""
    priority: int | None = None
    category: str = ""
    status: str = "pending"
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    funding_source: str | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="reviewer.id")
    decided_at: datetime | None = None
    origin_proposal_id: int | None = None
    #: Bumped on every change; a write that expected another version is a conflict.
    version: int = 0
    # --- from SIPD (issue 17): what the regency's system records of an usulan -----------
    #: SIPD's own id of the usulan ("ID Usulan"); a re-import recognises a proposal by it.
    sipd_id: str = ""
    #: The OPD first proposed ("OPD Tujuan Awal"); ``agency`` is the one finally responsible.
    agency_origin: str = ""
    spending_kind: str = ""  # Jenis Belanja
    sub_activity: str = ""  # Sub Kegiatan
    proposer: str = ""  # Pengusul
    proposer_profile: str = ""  # Profil
    proposed_on: date | None = None  # Tanggal Usul
    usulan_ke: str = ""  # Usulan Ke
    latitude: float | None = None
    longitude: float | None = None
    kamus_entry_id: int | None = Field(default=None, foreign_key="kamusentry.id")
    #: SIPD's Status, Catatan and the recommendation of every level, as JSON, so that
    #: nothing read from the file is dropped.
    sipd_data: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    #: The Pra Musrenbang's recommendation of a carried-over proposal (JSON), kept apart
    #: from this meeting's own decision so that an export can give each level's.
    prior_recommendation: str = Field(
        default="{}", sa_column=Column(Text, nullable=False, default="{}")
    )


class KamusEntry(SQLModel, table=True):
    """One activity of the kamus usulan, SIPD's catalogue: what a proposal should be."""

    __table_args__ = (Index("ix_kamusentry_meeting_position", "meeting_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    position: int = 0
    code: str = ""
    name: str
    unit: str = ""
    unit_price: int = Field(default=0, sa_type=BigInteger)
    agency: str = ""
    kind: str = ""  # "fisik" or "non fisik"


class StrategicIssue(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    code: str = ""
    name: str
    position: int = 0


class ProposalIssue(SQLModel, table=True):
    proposal_id: int = Field(foreign_key="proposal.id", primary_key=True)
    issue_id: int = Field(foreign_key="strategicissue.id", primary_key=True, index=True)


class Reviewer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    name: str
    role: str = ""
    position: int = 0


class Attendee(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    name: str = ""
    jabatan: str = ""
    institution: str = ""
    group: str = ""
    present: bool = False


class Minutes(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime | None = None
    version: int = 0


class Event(SQLModel, table=True):
    """The append-only log: rows are inserted, never updated or deleted."""

    __table_args__ = (
        Index("ix_event_meeting_kind", "meeting_id", "kind", "id"),
        # The newest event of a meeting: how other desks and the projector notice change.
        Index("ix_event_meeting_id", "meeting_id", "id"),
        Index("ix_event_ref", "ref_event_id"),
        Index("ix_event_proposal", "proposal_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    at: datetime = Field(default_factory=now)
    reviewer_id: int | None = Field(default=None, foreign_key="reviewer.id")
    kind: str
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    village_id: int | None = Field(default=None, foreign_key="village.id")
    ref_event_id: int | None = None
    before: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    after: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
