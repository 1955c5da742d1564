"""The kamus usulan of a meeting: replaced from a file, listed, carried over, and the
link from a proposal to one of its entries (a logged command).

The kamus belongs to the meeting: the Pra Musrenbang's is copied to the Musrenbang
Kecamatan that follows it, with each carried-over proposal linked to the copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from lasem_tui.domain.kamus import KamusFlag, kamus_flag
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.store import events, guard
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import KamusEntry, Proposal
from lasem_tui.store.views import ProposalRow


@dataclass(frozen=True)
class KamusView:
    id: int
    code: str
    name: str
    unit: str
    unit_price: int
    agency: str
    kind: str

    def label(self) -> str:
        """``1.03.01 Pembangunan jalan usaha tani (km)`` as lists and messages show it."""
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.code} {self.name}{unit}".strip()


@dataclass(frozen=True)
class NewEntry:
    """An entry to store, as a kamus file gives it."""

    code: str
    name: str
    unit: str
    unit_price: int
    agency: str = ""
    kind: str = ""


@dataclass(frozen=True)
class KamusReplaced:
    count: int
    replaced: int
    unlinked: int
    event_id: int


def _view(entry: KamusEntry) -> KamusView:
    return KamusView(
        id=entry.id or 0,
        code=entry.code,
        name=entry.name,
        unit=entry.unit,
        unit_price=entry.unit_price,
        agency=entry.agency,
        kind=entry.kind,
    )


def entries(session: Session, meeting_id: int, search: str = "") -> tuple[KamusView, ...]:
    """The meeting's kamus in its file's order; ``search`` matches any word of code,
    name, unit or OPD (case aside)."""
    query = select(KamusEntry).where(KamusEntry.meeting_id == meeting_id)
    for word in search.split():
        pattern = f"%{word}%"
        query = query.where(
            or_(
                col(KamusEntry.code).ilike(pattern),
                col(KamusEntry.name).ilike(pattern),
                col(KamusEntry.unit).ilike(pattern),
                col(KamusEntry.agency).ilike(pattern),
            )
        )
    rows = session.exec(query.order_by(col(KamusEntry.position), col(KamusEntry.id))).all()
    return tuple(_view(e) for e in rows)


def prices(session: Session, meeting_id: int) -> dict[int, KamusView]:
    """Every entry by id, for the desk's flags (one query for a whole village)."""
    return {view.id: view for view in entries(session, meeting_id)}


def flag_for(row: ProposalRow, kamus: dict[int, KamusView]) -> KamusFlag:
    """The table's and the detail panel's kamus flag for a proposal: "tidak sesuai
    kamus" (MISMATCH), "di luar kamus" (OUTSIDE), or nothing to say."""
    entry = kamus.get(row.kamus_entry_id) if row.kamus_entry_id is not None else None
    decided = row.status not in (ProposalStatus.PENDING,)
    amount = row.approved if decided and row.approved is not None else row.requested
    return kamus_flag(
        has_kamus=bool(kamus),
        unit_price=entry.unit_price if entry else None,
        volume=row.volume,
        amount=amount,
    )


def _match_key(code: str, name: str, unit: str) -> str:
    return code.casefold() if code else f"{name.casefold()}|{unit.casefold()}"


def replace_kamus(
    db: Database,
    meeting_id: int,
    new: Sequence[NewEntry],
    *,
    file_name: str,
    reviewer_id: int | None = None,
) -> KamusReplaced:
    """Make ``new`` the meeting's kamus, in one transaction with one event.

    An entry with the same code (or, without a code, the same name and unit) as one
    already stored is updated in place, so the proposals linked to it stay linked; the
    entries the new file no longer has are removed and their proposals unlinked.
    """
    with db.write() as session:
        guard.meeting(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        old = {
            _match_key(e.code, e.name, e.unit): e
            for e in session.exec(select(KamusEntry).where(KamusEntry.meeting_id == meeting_id))
        }
        replaced = len(old)
        kept: set[int] = set()
        for position, item in enumerate(new):
            entry = old.pop(_match_key(item.code, item.name, item.unit), None) or KamusEntry(
                meeting_id=meeting_id, name=item.name
            )
            entry.position = position
            entry.code = item.code
            entry.name = item.name
            entry.unit = item.unit
            entry.unit_price = item.unit_price
            entry.agency = item.agency
            entry.kind = item.kind
            session.add(entry)
            if entry.id is not None:
                kept.add(entry.id)
        gone = [e.id for e in old.values() if e.id is not None]
        unlinked = 0
        if gone:
            for proposal in session.exec(
                select(Proposal).where(col(Proposal.kamus_entry_id).in_(gone))
            ):
                proposal.kamus_entry_id = None
                proposal.version += 1
                session.add(proposal)
                unlinked += 1
            session.flush()
            for entry in old.values():
                session.delete(entry)
        event = events.record(
            session,
            meeting_id,
            EventKind.KAMUS_IMPORT,
            reviewer,
            before={"entries": replaced},
            after={
                "file": file_name,
                "entries": len(new),
                "removed": len(gone),
                "unlinked": unlinked,
            },
        )
        session.flush()
        return KamusReplaced(len(new), replaced, unlinked, event.id or 0)


def link(
    db: Database,
    meeting_id: int,
    proposal_id: int,
    entry_id: int | None,
    *,
    reviewer_id: int | None,
) -> int | None:
    """Link a proposal to a kamus entry (``None`` unlinks it), logged; returns the
    entry it was linked to before."""
    with db.write() as session:
        guard.meeting(session, meeting_id)
        reviewer = guard.reviewer(session, meeting_id, reviewer_id, required=False)
        proposal = session.get(Proposal, proposal_id)
        if proposal is None or proposal.meeting_id != meeting_id:
            raise StoreError("proposal_missing")
        entry = session.get(KamusEntry, entry_id) if entry_id is not None else None
        if entry_id is not None and (entry is None or entry.meeting_id != meeting_id):
            raise StoreError("kamus.entry_missing")
        before = proposal.kamus_entry_id
        proposal.kamus_entry_id = entry_id
        proposal.version += 1
        session.add(proposal)
        events.record(
            session,
            meeting_id,
            EventKind.KAMUS_LINK,
            reviewer,
            proposal_id=proposal_id,
            village_id=proposal.village_id,
            before={"kamus_entry_id": before},
            after={
                "kamus_entry_id": entry_id,
                "code": entry.code if entry else "",
                "name": entry.name if entry else "",
            },
        )
        return before


def copy_kamus(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    """Copy a meeting's kamus to another (the carry-over); old id -> new id."""
    mapping: dict[int, int] = {}
    for entry in session.exec(
        select(KamusEntry)
        .where(KamusEntry.meeting_id == source_id)
        .order_by(col(KamusEntry.position), col(KamusEntry.id))
    ).all():
        copy = KamusEntry(
            meeting_id=target_id,
            position=entry.position,
            code=entry.code,
            name=entry.name,
            unit=entry.unit,
            unit_price=entry.unit_price,
            agency=entry.agency,
            kind=entry.kind,
        )
        session.add(copy)
        session.flush()
        mapping[entry.id or 0] = copy.id or 0
    return mapping


def linked_entry(session: Session, proposal_id: int) -> KamusView | None:
    """The entry a proposal is linked to, if any (the adjust dialog's unit price)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.kamus_entry_id is None:
        return None
    entry = session.get(KamusEntry, proposal.kamus_entry_id)
    return _view(entry) if entry else None


def with_ids(views: Iterable[KamusView]) -> dict[int, KamusView]:
    return {v.id: v for v in views}
