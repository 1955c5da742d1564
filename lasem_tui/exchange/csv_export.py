"""The machine-readable record: every proposal of a meeting as CSV.

The header and its order are fixed, as the desk issue gives them (other tools and our
own import read them): the machine-readable record of the decisions. The problem
statements, priorities, jenis and issue tags are not in it; the XLSX carries them. With
``excel=True`` the file is what Excel in an Indonesian locale opens correctly:
semicolons, UTF-8 with a BOM and decimal commas.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from lasem_tui.exchange.inert import inert_cell
from lasem_tui.exchange.record import MeetingRecord
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.views import ProposalRow

HEADER = (
    "village",
    "ref",
    "title",
    "location",
    "volume",
    "unit",
    "requested",
    "approved",
    "agency",
    "status",
    "funding_source",
    "reason",
    "decided_by",
    "decided_at",
    # Appended, never inserted: tools reading the first fourteen by position go on working.
    "requested_volume",
    "priority",
    "score",
    "agency_origin",
    "merged_into",
    # From SIPD (issue 17): SIPD's id and the point, after the columns above.
    "sipd_id",
    "latitude",
    "longitude",
)


def _volume(value: float | None, *, excel: bool = False) -> str:
    """``2.5`` for other tools; ``2,5`` for Excel, which in an Indonesian locale reads
    a decimal comma and reads ``2.5`` as something other than two and a half."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return text.replace(".", ",") if excel else text


def _number(value: float | None, *, excel: bool = False) -> str:
    return _volume(value, excel=excel)


def _degree(value: float | None, *, excel: bool = False) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",") if excel else str(value)


def write_csv(db: Database, meeting_id: int, out: TextIO, *, excel: bool = False) -> int:
    """Write the meeting's proposals; returns the number of rows written."""
    with db.read() as session:
        rows = queries.meeting_proposals(session, meeting_id)
    return write_rows(rows, out, excel=excel)


def write_record_csv(record: MeetingRecord, out: TextIO, *, excel: bool = False) -> int:
    """The same from the record an export has read already (the same rows, in the
    same order: the record reads them with ``meeting_proposals``)."""
    names = {village.id: village.name for village in record.villages}
    return write_rows([(names[p.village_id], p) for p in record.proposals], out, excel=excel)


def write_rows(rows: Sequence[tuple[str, ProposalRow]], out: TextIO, *, excel: bool = False) -> int:
    """Write ``(village name, proposal)`` rows; returns the number written."""
    if excel:
        out.write("\ufeff")
    writer = csv.writer(
        out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow(HEADER)
    for village, p in rows:
        writer.writerow(
            (
                inert_cell(village),
                inert_cell(p.ref),
                inert_cell(p.title),
                inert_cell(p.location),
                _volume(p.volume, excel=excel),
                inert_cell(p.unit),
                p.requested,
                "" if p.approved is None else p.approved,
                inert_cell(p.agency),
                p.status.value,
                p.funding_source.value if p.funding_source else "",
                inert_cell(p.reason or p.note),
                inert_cell(p.decided_by),
                p.decided_at.astimezone().isoformat(timespec="seconds") if p.decided_at else "",
                _volume(p.requested_volume, excel=excel),
                "" if p.priority is None else p.priority,
                _number(p.score, excel=excel),
                inert_cell(p.agency_origin),
                inert_cell(p.merged_into_ref),
                inert_cell(p.sipd_id),
                _degree(p.latitude, excel=excel),
                _degree(p.longitude, excel=excel),
            )
        )
    return len(rows)
