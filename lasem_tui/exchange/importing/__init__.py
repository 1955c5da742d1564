"""Importing the villages' recaps (CSV or XLSX) into a meeting: preview, then commit.

The UI and the CLI call two functions::

    result = preview(db, meeting_id, path)          # reads and checks; writes nothing
    if result.ok:
        done = commit(db, result, reviewer_id=rid)  # one transaction, one IMPORT event

One module per job: ``source`` (CSV or XLSX?), ``csv_reader``, ``xlsx_reader``,
``headings`` (which row, which column), ``rows`` (each row checked against the
meeting), ``preview`` and ``commit`` (which hands the check to the store's command,
``store.importing``, so the rows are checked again inside its transaction). No
session and no SQLAlchemy here: what a file is checked against is read by the store.
"""

from lasem_tui.domain.importing.model import (
    Column,
    Headings,
    ImportFileError,
    ImportPreview,
    ImportResult,
    ImportRow,
    Problem,
    Severity,
    SourceTable,
    VillageSummary,
)
from lasem_tui.exchange.importing.commit import commit
from lasem_tui.exchange.importing.preview import check, preview, preview_bytes
from lasem_tui.exchange.importing.source import read_bytes, read_source
from lasem_tui.store.errors import ImportRefusedError

__all__ = [
    "Column",
    "Headings",
    "ImportFileError",
    "ImportPreview",
    "ImportRefusedError",
    "ImportResult",
    "ImportRow",
    "Problem",
    "Severity",
    "SourceTable",
    "VillageSummary",
    "check",
    "commit",
    "preview",
    "preview_bytes",
    "read_bytes",
    "read_source",
]
