"""Writing an import: every row in one transaction, or nothing.

The rows are checked again inside the write transaction, against the meeting as it is
then: another desk may have added a proposal or removed a village since the preview.
"""

from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.exchange.importing import sipd_commit
from lasem_tui.exchange.importing.model import ImportPreview, ImportRefusedError, ImportResult
from lasem_tui.exchange.importing.preview import check
from lasem_tui.store import events
from lasem_tui.store.database import Database
from lasem_tui.store.errors import MeetingClosedError, NoReviewerError, StoreError
from lasem_tui.store.models import Meeting, Proposal, ProposalIssue, Reviewer, Village


def _reviewer(session: Session, meeting: Meeting, reviewer_id: int | None) -> Reviewer | None:
    chosen = reviewer_id if reviewer_id is not None else meeting.current_reviewer_id
    if chosen is None:
        return None
    reviewer = session.get(Reviewer, chosen)
    if reviewer is None or reviewer.meeting_id != meeting.id:
        raise NoReviewerError()
    return reviewer


def _ref(village: Village, seq: int) -> str:
    prefix = village.code[-2:] if len(village.code) >= 2 else f"{village.position:02d}"
    return f"{prefix}.{seq:02d}"


def commit(
    db: Database,
    preview: ImportPreview,
    *,
    reviewer_id: int | None = None,
    apply_changes: bool = False,
    link_kamus: bool = False,
) -> ImportResult:
    """Write the previewed rows as pending proposals and log the import.

    A SIPD re-import's changed rows are written over their proposals only with
    ``apply_changes`` (and never over one already decided), and the kamus entries the
    preview suggested are linked only with ``link_kamus`` (``importing.sipd_commit``).

    ``reviewer_id`` defaults to the reviewer at the keyboard (it may be None from the
    command line before anyone has taken the keyboard). Raises ``ImportRefusedError``
    with the problems when any row is in error, now or at preview time.
    """
    if not preview.ok:
        raise ImportRefusedError(preview.problems)
    with db.write() as session:
        # Locked (on PostgreSQL) so that two desks importing at once check and write
        # one after the other; SQLite's write transaction already serialises them.
        meeting = session.exec(
            select(Meeting).where(Meeting.id == preview.meeting_id).with_for_update()
        ).first()
        if meeting is None:
            raise StoreError("meeting_missing")
        if meeting.closed_at is not None:
            raise MeetingClosedError()
        reviewer = _reviewer(session, meeting, reviewer_id)
        fresh = check(
            session,
            preview.meeting_id,
            preview.source,
            default_village_id=preview.default_village_id,
        )
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
                .group_by(Proposal.village_id)
            ).all()
        }
        # A file without ``prioritas`` ranks its proposals in the recap's row order,
        # after the ranks the village already has (and those the file gives).
        next_rank = {
            village_id: int(top or 0)
            for village_id, top in session.exec(
                select(Proposal.village_id, func.max(Proposal.priority))
                .where(Proposal.meeting_id == meeting.id)
                .group_by(Proposal.village_id)
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
        extra = sipd_commit.write(
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
