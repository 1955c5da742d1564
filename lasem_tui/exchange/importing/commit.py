"""The import's commit: the store's command (``store.importing.commit``), handed the
file rules so that it checks the rows again inside its own write transaction."""

from __future__ import annotations

from functools import partial

from lasem_tui.domain.importing.model import ImportPreview, ImportResult
from lasem_tui.exchange.importing.preview import check
from lasem_tui.store import importing as store_importing
from lasem_tui.store.database import Database
from lasem_tui.store.importing import ContextReader


def _recheck(preview: ImportPreview, reader: ContextReader) -> ImportPreview:
    return check(reader, preview.source, default_village_id=preview.default_village_id)


def commit(
    db: Database,
    preview: ImportPreview,
    *,
    reviewer_id: int | None = None,
    apply_changes: bool = False,
    link_kamus: bool = False,
) -> ImportResult:
    """Write the previewed rows as pending proposals and log the import, all or nothing.

    ``reviewer_id`` defaults to the reviewer at the keyboard. Raises
    ``ImportRefusedError`` with the problems when any row is in error, now or at preview
    time; see ``store.importing.commit``.
    """
    return store_importing.commit(
        db,
        preview,
        partial(_recheck, preview),
        reviewer_id=reviewer_id,
        apply_changes=apply_changes,
        link_kamus=link_kamus,
    )
