"""The tables. Money is whole rupiah (``int``, a 64-bit column: a kecamatan's ceiling is
already past PostgreSQL's 32-bit ``integer``); states are the domain's enum values.

Times are stored timezone-aware (SQLModel keeps them in UTC) and shown in the laptop's
local time, WIB at the pendopo, so desks on one PostgreSQL agree on what happened when.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import BigInteger, Column, Index, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lasem_tui.domain.dates import now


def new_uuid() -> str:
    """A meeting's or an event's global identity, the same in every database it is
    copied to (``lasem push``/``pull``)."""
    return str(uuid4())


def _uuid_field() -> str:
    # A column default as well as a model default: bulk inserts through Core get one too.
    # Field() is typed Any (it stands for the column's value in a class body).
    field: str = Field(
        default_factory=new_uuid,
        max_length=36,
        unique=True,
        index=True,
        sa_column_kwargs={"default": new_uuid},
    )
    return field


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model: SQLModel sets ``__table__`` without declaring it."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _refers_to(table: str) -> int | None:
    """An id of another row kept without a foreign key (a cycle, or a row that may be
    in another meeting); the push/pull copier translates it as it does foreign keys."""
    field: int | None = Field(default=None, sa_column_kwargs={"info": {"refers_to": table}})
    return field


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
    #: Letterhead and numbering of the Berita Acara (setup, F3).
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str = ""
    doc_number: str = ""
    #: The RKPD year the meeting plans for: 2024 for the 2023 meeting.
    rkpd_year: int | None = None
    #: The meeting's own zone, WIB / WITA / WIT: documents print its times in it.
    timezone: str = "WIB"
    is_demo: bool = False
    closed_at: datetime | None = None
    current_reviewer_id: int | None = _refers_to("reviewer")
    cursor_proposal_id: int | None = _refers_to("proposal")
    last_opened_at: datetime | None = None
    origin_meeting_id: int | None = _refers_to("meeting")
    #: One line the facilitator puts over the projector ("Istirahat 10 menit").
    projector_message: str = ""
    created_at: datetime = Field(default_factory=now)
    #: Optimistic lock for settings edits and the hard-ceiling check.
    version: int = 0
    #: The same meeting wherever it is copied (a laptop, the regency's server).
    uuid: str = _uuid_field()


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
    #: The approved volume (an adjustment changes it); ``requested_volume`` keeps what the
    #: village asked for, so "310 m diminta, 155 m disetujui" can both be printed.
    volume: float | None = None
    requested_volume: float | None = None
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
    origin_proposal_id: int | None = _refers_to("proposal")
    #: Bumped on every change; a write that expected another version is a conflict.
    version: int = 0
    #: The weighted 0-100 score from its criterion levels (None: not scored).
    score: int | None = None
    #: The proposal this one was merged into (status ``merged``).
    merged_into_id: int | None = _refers_to("proposal")
    #: The OPD the proposal was first addressed to; ``agency`` is the one responsible now.
    agency_origin: str = ""
    # --- from SIPD (issue 17): what the regency's system records of an usulan -----------
    #: SIPD's own id of the usulan ("ID Usulan"); a re-import recognises a proposal by it.
    sipd_id: str = ""
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


class Signatory(SQLModel, table=True):
    """Who signs the documents, by role (``chair``, ``bappeda``, ``notulis``, ``camat``,
    ``village``); set in setup, so a Berita Acara comes out with names and NIPs."""

    __table_args__ = (Index("ix_signatory_meeting_role", "meeting_id", "role", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    role: str
    name: str = ""
    jabatan: str = ""
    nip: str = ""


class Delegate(SQLModel, table=True):
    """A delegate to the Forum Perangkat Daerah / Musrenbang Kabupaten (Lampiran IV)."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    name: str = ""
    jabatan: str = ""
    institution: str = ""


class Minutes(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime | None = None
    version: int = 0


class ScoringCriterion(SQLModel, table=True):
    """One criterion of a meeting's scoring: a name, a weight, a label per level 1-5."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    name: str
    weight: int = 1
    #: The five level labels as a JSON list of strings.
    labels: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))


class ProposalLevel(SQLModel, table=True):
    """The level (1-5) a proposal was given on one criterion."""

    proposal_id: int = Field(foreign_key="proposal.id", primary_key=True)
    criterion_id: int = Field(foreign_key="scoringcriterion.id", primary_key=True, index=True)
    level: int


class AgencyCeiling(SQLModel, table=True):
    """A ceiling per OPD (pagu per perangkat daerah), besides the meeting's and villages'."""

    __table_args__ = (
        Index("ix_agencyceiling_meeting_agency", "meeting_id", "agency", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    agency: str
    ceiling: int = Field(default=0, sa_type=BigInteger)


class Event(SQLModel, table=True):
    """The append-only log: rows are inserted, never updated or deleted."""

    __table_args__ = (
        Index("ix_event_meeting_kind", "meeting_id", "kind", "id"),
        # The newest event of a meeting: how other desks and the projector notice change.
        Index("ix_event_meeting_id", "meeting_id", "id"),
        Index("ix_event_ref", "ref_event_id"),
        Index("ix_event_proposal", "proposal_id"),
        Index("ix_event_step", "step_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    at: datetime = Field(default_factory=now)
    reviewer_id: int | None = Field(default=None, foreign_key="reviewer.id")
    kind: str
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    village_id: int | None = Field(default=None, foreign_key="village.id")
    ref_event_id: int | None = _refers_to("event")
    #: JSON; its ``*_id`` keys are row ids, which the push/pull copier translates.
    before: str = Field(
        default="{}", sa_column=Column(Text, nullable=False, default="{}", info={"json_ids": True})
    )
    after: str = Field(
        default="{}", sa_column=Column(Text, nullable=False, default="{}", info={"json_ids": True})
    )
    #: The same event wherever the meeting is copied: what push and pull compare.
    uuid: str = _uuid_field()
    #: Events written as one step (a bulk accept, a merge, a rank move) share the id of
    #: the step's first event here, so that one undo takes them all back.
    step_id: int | None = None


class SyncKey(SQLModel, table=True):
    """Which row of another database a row here is a copy of (``lasem push``/``pull``).

    A row made here has no entry: its key is ``<this database's instance>:<id>``. A row
    copied in keeps the key it had where it came from, so a meeting pushed, pulled and
    pushed again lands on the same rows.
    """

    __table_args__ = (
        UniqueConstraint("table_name", "row_key", name="uq_synckey_key"),
        Index("ix_synckey_row", "table_name", "row_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    table_name: str
    row_id: int
    row_key: str


class SyncInstance(SQLModel, table=True):
    """This database's own identity, the prefix of the keys of rows made here; one row,
    made with the schema (migration 0007), so that pushing never writes to its source."""

    id: int = Field(default=1, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, max_length=36)
