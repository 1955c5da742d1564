"""The SIPD part of an import's transaction: changes asked for, kamus links asked for.

Confirming an SIPD re-import adds the new rows; the changed rows are written over their
proposals only when the user asked for it (``--apply-changes``, or the preview's
switch), and then only over proposals still undecided: a decision was made on the old
values, so a decided proposal keeps them and the change is said, not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from lasem_tui.domain.importing.model import ImportPreview
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store.models import KamusEntry, Proposal


@dataclass(frozen=True)
class SipdWritten:
    changed_ids: tuple[int, ...] = ()
    changes: tuple[dict[str, Any], ...] = ()
    kamus_linked: int = 0
    unchanged: int = 0
    changes_offered: int = 0

    def log(self) -> dict[str, Any]:
        """The import event's SIPD part (empty for a plain recap)."""
        if not (self.changes_offered or self.unchanged or self.kamus_linked):
            return {}
        return {
            "sipd_unchanged": self.unchanged,
            "sipd_changes_offered": self.changes_offered,
            "sipd_changes": list(self.changes),
            "kamus_linked": self.kamus_linked,
        }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def write(
    session: Session,
    preview: ImportPreview,
    new_ids: tuple[int, ...],
    *,
    apply_changes: bool,
    link_kamus: bool,
) -> SipdWritten:
    """Apply what was asked for, inside the import's transaction."""
    outcome = preview.sipd
    changed: list[int] = []
    logged: list[dict[str, Any]] = []
    if apply_changes:
        for change in outcome.applicable_changes:
            proposal = session.get(Proposal, change.proposal_id)
            if proposal is None or proposal.status != ProposalStatus.PENDING.value:
                continue
            before = {name: _plain(getattr(proposal, name)) for name, _ in change.values}
            for name, value in change.values:
                setattr(proposal, name, value)
            proposal.version += 1
            session.add(proposal)
            changed.append(proposal.id or 0)
            logged.append(
                {
                    "proposal_id": proposal.id,
                    "sipd_id": change.sipd_id,
                    "before": before,
                    "after": {name: _plain(value) for name, value in change.values},
                }
            )
    linked = 0
    if link_kamus and outcome.kamus:
        by_row = dict(zip((row.row for row in preview.rows), new_ids, strict=True))
        valid = set(
            session.exec(
                select(KamusEntry.id).where(KamusEntry.meeting_id == preview.meeting_id)
            ).all()
        )
        for suggestion in outcome.kamus:
            proposal_id = by_row.get(suggestion.row)
            if proposal_id is None or suggestion.entry_id not in valid:
                continue
            proposal = session.get(Proposal, proposal_id)
            if proposal is not None:
                proposal.kamus_entry_id = suggestion.entry_id
                session.add(proposal)
                linked += 1
    session.flush()
    return SipdWritten(
        changed_ids=tuple(changed),
        changes=tuple(logged),
        kamus_linked=linked,
        unchanged=len(outcome.unchanged),
        changes_offered=len(outcome.changes),
    )
