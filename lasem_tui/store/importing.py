"""The import's side of the database: what a file is checked against, and its commit.

The file is read and checked in ``exchange/importing`` (no session there); what it is
checked against (the meeting's villages, issues, proposals, its SIPD rows and kamus)
is read here, and the commit is one store command: every row in one transaction with
its IMPORT event, or nothing. The rows are checked again inside the write transaction,
against the meeting as it is then: another desk may have added a proposal or removed a
village since the preview. The check itself is handed in (``recheck``), so that the
store never imports the file rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, func, select

from lasem_tui.domain.importing.extras import COMPARED
from lasem_tui.domain.importing.model import ImportPreview, ImportResult
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.store import events, guard, import_sipd, queries
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import ImportRefusedError, StoreError
from lasem_tui.store.models import (
    KamusEntry,
    Meeting,
    Proposal,
    ProposalIssue,
    Reviewer,
    StrategicIssue,
    Village,
)

# --- what a file is checked against --------------------------------------------------


@dataclass(frozen=True)
class VillageRef:
    id: int
    name: str
    code: str = ""


@dataclass(frozen=True)
class IssueRef:
    id: int
    code: str
    name: str
    position: int


@dataclass(frozen=True)
class ExistingProposal:
    village_id: int
    ref: str
    title: str
    location: str


@dataclass(frozen=True)
class MeetingContext:
    """What rows are checked against: the meeting's villages, issues and proposals."""

    villages: tuple[VillageRef, ...]
    issues: tuple[IssueRef, ...] = ()
    existing: tuple[ExistingProposal, ...] = ()


@dataclass(frozen=True)
class StoredSipd:
    """A proposal already stored with a SIPD id, as a re-import compares it."""

    proposal_id: int
    ref: str
    title: str
    village_id: int
    location: str
    decided: bool
    values: MappingProxyType[str, Any]


@dataclass(frozen=True)
class SipdContext:
    """What the pass checks rows against: the meeting's region, its SIPD proposals and
    its kamus."""

    kecamatan: str = ""
    kabupaten: str = ""
    stored: MappingProxyType[str, StoredSipd] = field(default_factory=lambda: MappingProxyType({}))
    kamus: tuple[KamusEntry, ...] = ()


def sipd_context(session: Session, meeting_id: int, *, sipd_export: bool) -> SipdContext:
    """The meeting's kecamatan and kabupaten, its kamus and (for an SIPD export, which
    is the only file that names them) its proposals with a SIPD id."""
    meeting = session.get(Meeting, meeting_id)
    stored: dict[str, StoredSipd] = {}
    wanted = (
        select(Proposal).where(Proposal.meeting_id == meeting_id, col(Proposal.sipd_id) != "")
        if sipd_export
        else select(Proposal).where(col(Proposal.id).is_(None))
    )
    for proposal in session.exec(wanted).all():
        stored[proposal.sipd_id] = StoredSipd(
            proposal_id=proposal.id or 0,
            ref=proposal.ref,
            title=proposal.title,
            village_id=proposal.village_id,
            location=proposal.location,
            decided=proposal.status != ProposalStatus.PENDING.value,
            values=MappingProxyType({name: getattr(proposal, name) for name in COMPARED}),
        )
    kamus = tuple(
        session.exec(
            select(KamusEntry)
            .where(KamusEntry.meeting_id == meeting_id)
            .order_by(col(KamusEntry.position), col(KamusEntry.id))
        ).all()
    )
    return SipdContext(
        kecamatan=meeting.kecamatan if meeting else "",
        kabupaten=meeting.kabupaten if meeting else "",
        stored=MappingProxyType(stored),
        kamus=kamus,
    )


def meeting_context(session: Session, meeting_id: int) -> MeetingContext:
    """The meeting's villages, strategic issues and proposals, as the rows need them."""
    if session.get(Meeting, meeting_id) is None:
        raise StoreError("meeting_missing")
    villages = session.exec(
        select(Village.id, Village.name, Village.code)
        .where(Village.meeting_id == meeting_id)
        .order_by(col(Village.position), col(Village.id))
    ).all()
    issues = session.exec(
        select(StrategicIssue.id, StrategicIssue.code, StrategicIssue.name, StrategicIssue.position)
        .where(StrategicIssue.meeting_id == meeting_id)
        .order_by(col(StrategicIssue.position), col(StrategicIssue.id))
    ).all()
    existing = session.exec(
        select(Proposal.village_id, Proposal.ref, Proposal.title, Proposal.location).where(
            Proposal.meeting_id == meeting_id
        )
    ).all()
    return MeetingContext(
        villages=tuple(VillageRef(id or 0, name, code) for id, name, code in villages),
        issues=tuple(IssueRef(id or 0, code, name, pos) for id, code, name, pos in issues),
        existing=tuple(ExistingProposal(*row) for row in existing),
    )


@dataclass(frozen=True)
class ContextReader:
    """What a check reads, bound to one transaction: the preview's read, or the commit's
    write (so that the commit checks against the meeting as it is when it writes)."""

    session: Session
    meeting_id: int

    def meeting(self) -> MeetingContext:
        return meeting_context(self.session, self.meeting_id)

    def sipd(self, *, sipd_export: bool) -> SipdContext:
        return sipd_context(self.session, self.meeting_id, sipd_export=sipd_export)


@contextmanager
def _store_errors() -> Iterator[None]:
    """Any SQLAlchemy failure the database layer did not already name, as the store's
    own ``db_unreachable``: the screens catch store errors, never SQLAlchemy's."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseError("db_unreachable", str(exc)) from exc


@contextmanager
def reading(db: Database, meeting_id: int) -> Iterator[ContextReader]:
    """A read transaction for a preview's check."""
    with _store_errors(), db.read() as session:
        yield ContextReader(session, meeting_id)


#: The check of a table against the meeting, from ``exchange.importing.preview``.
Recheck = Callable[[ContextReader], ImportPreview]


# --- what ``lasem import`` looks up by name ---------------------------------------------


def meeting_of(db: Database, meeting_id: int | None) -> int | None:
    """``meeting_id`` if that meeting exists, else None; without one, the current one."""
    with db.read() as session:
        if meeting_id is None:
            return queries.current_meeting_id(session)
        return meeting_id if session.get(Meeting, meeting_id) is not None else None


def village_names(db: Database, meeting_id: int) -> tuple[tuple[int, str], ...]:
    """The meeting's villages as (id, name)."""
    with db.read() as session:
        rows = session.exec(select(Village).where(Village.meeting_id == meeting_id)).all()
        return tuple((village.id or 0, village.name) for village in rows)


def reviewer_names(db: Database, meeting_id: int) -> tuple[tuple[int, str], ...]:
    """The meeting's reviewers as (id, name)."""
    with db.read() as session:
        rows = session.exec(select(Reviewer).where(Reviewer.meeting_id == meeting_id)).all()
        return tuple((reviewer.id or 0, reviewer.name) for reviewer in rows)


# --- the commit ---------------------------------------------------------------------------


def _ref(village: Village, seq: int) -> str:
    prefix = village.code[-2:] if len(village.code) >= 2 else f"{village.position:02d}"
    return f"{prefix}.{seq:02d}"


def commit(
    db: Database,
    preview: ImportPreview,
    recheck: Recheck,
    *,
    reviewer_id: int | None = None,
    apply_changes: bool = False,
    link_kamus: bool = False,
) -> ImportResult:
    """Write the previewed rows as pending proposals and log the import.

    A SIPD re-import's changed rows are written over their proposals only with
    ``apply_changes`` (and never over one already decided), and the kamus entries the
    preview suggested are linked only with ``link_kamus`` (``store.import_sipd``).

    ``reviewer_id`` defaults to the reviewer at the keyboard (it may be None from the
    command line before anyone has taken the keyboard). Raises ``ImportRefusedError``
    with the problems when any row is in error, now or at preview time.
    """
    if not preview.ok:
        raise ImportRefusedError(preview.problems)
    with _store_errors(), db.write() as session:
        # Locked (on PostgreSQL) so that two desks importing at once check and write
        # one after the other; SQLite's write transaction already serialises them.
        meeting = guard.meeting(session, preview.meeting_id, lock=True)
        chosen = guard.reviewer(
            session,
            preview.meeting_id,
            reviewer_id,
            required=False,
            default=meeting.current_reviewer_id,
        )
        reviewer = session.get(Reviewer, chosen) if chosen is not None else None
        fresh = recheck(ContextReader(session, preview.meeting_id))
        if not fresh.ok:
            raise ImportRefusedError(fresh.problems)
        villages = {
            v.id: v
            for v in session.exec(select(Village).where(Village.meeting_id == meeting.id)).all()
        }
        next_seq = {
            village_id: int(top or 0)
            for village_id, top in session.exec(
                select(Proposal.village_id, func.max(Proposal.seq))
                .where(Proposal.meeting_id == meeting.id)
                .group_by(col(Proposal.village_id))
            ).all()
        }
        # A file without ``prioritas`` ranks its proposals in the recap's row order,
        # after the ranks the village already has (and those the file gives).
        next_rank = {
            village_id: int(top or 0)
            for village_id, top in session.exec(
                select(Proposal.village_id, func.max(Proposal.priority))
                .where(Proposal.meeting_id == meeting.id)
                .group_by(col(Proposal.village_id))
            ).all()
        }
        for row in fresh.rows:
            if row.priority is not None:
                next_rank[row.village_id] = max(next_rank.get(row.village_id, 0), row.priority)
        values = []
        for row in fresh.rows:
            village = villages[row.village_id]
            seq = next_seq.get(row.village_id, 0) + 1
            next_seq[row.village_id] = seq
            priority = row.priority
            if priority is None:
                priority = next_rank.get(row.village_id, 0) + 1
                next_rank[row.village_id] = priority
            values.append(
                {
                    "meeting_id": meeting.id or 0,
                    "village_id": row.village_id,
                    "seq": seq,
                    "ref": row.ref or _ref(village, seq),
                    "title": row.title,
                    "problem": row.problem,
                    "location": row.location,
                    "volume": row.volume,
                    "requested_volume": (
                        row.requested_volume if row.requested_volume is not None else row.volume
                    ),
                    "unit": row.unit,
                    "requested": row.requested,
                    "approved": None,
                    "agency": row.agency or row.agency_origin,
                    "agency_origin": row.agency_origin or row.agency,
                    "priority": priority,
                    "score": row.score,
                    "category": row.category,
                    "status": ProposalStatus.PENDING.value,
                    "reason": "",
                    "note": "",
                    "version": 0,
                    **(row.extras.columns() if row.extras else {}),
                }
            )
        # Core inserts: a regency's 18,000 rows go in as a few statements, not 18,000
        # tracked objects; the ids come back in the order of the rows.
        ids: tuple[int, ...] = ()
        if values:  # a SIPD re-import may have nothing new
            inserted = session.execute(
                insert(Proposal).returning(col(Proposal.id), sort_by_parameter_order=True), values
            )
            ids = tuple(int(pid) for pid in inserted.scalars().all())
        extra = import_sipd.write(
            session, fresh, ids, apply_changes=apply_changes, link_kamus=link_kamus
        )
        links = [
            {"proposal_id": pid, "issue_id": issue_id}
            for pid, row in zip(ids, fresh.rows, strict=True)
            for issue_id in row.issue_ids
        ]
        if links:
            session.execute(insert(ProposalIssue), links)
        summary = fresh.villages
        event = events.record(
            session,
            meeting.id or 0,
            EventKind.IMPORT,
            reviewer.id if reviewer else None,
            after={
                "file": fresh.file_name,
                "format": fresh.source.format,
                "sheet": fresh.source.sheet,
                "rows": len(ids),
                "reviewer": reviewer.name if reviewer else "",
                "requested": fresh.total_requested,
                "villages": {v.name: v.rows for v in summary},
                "proposal_ids": list(ids),
                **extra.log(),
            },
        )
        session.flush()
        return ImportResult(
            meeting_id=meeting.id or 0,
            file_name=fresh.file_name,
            proposal_ids=ids,
            villages=summary,
            total_requested=fresh.total_requested,
            event_id=event.id or 0,
            warnings=fresh.warnings,
            unchanged=len(fresh.sipd.unchanged),
            changed_ids=extra.changed_ids,
            kamus_linked=extra.kamus_linked,
        )
