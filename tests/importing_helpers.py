"""Making the test corpus: recaps written the ways villages write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Proposal, ProposalIssue


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    merges: dict[str, Sequence[str]] | None = None,
) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(title, ()):
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


def snapshot(db: Database) -> tuple:
    """Everything an import could touch, to compare before and after a refusal."""
    with db.read() as session:
        proposals = session.exec(select(Proposal).order_by(Proposal.id)).all()
        links = session.exec(select(func.count()).select_from(ProposalIssue)).one()
        event_count = session.exec(select(func.count()).select_from(Event)).one()
        return (
            tuple(tuple(sorted(p.model_dump().items())) for p in proposals),
            links,
            event_count,
        )
