"""What the official documents share, for the DOCX and the PDF writers.

The Berita Acara, the daftar hadir, the notulen and the slips print the same
letterhead, titles, place and date of signing, attendance table and table rows; the
Berita Acara's body and lampiran are in ``agreement.py``. This module says what goes in
them; the writers only lay out. The words are catalog entries (``doc.*``) read with
``i18n.document_t``, so the documents are Indonesian whatever the interface speaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lasem_tui.domain.dates import format_date_long, format_date_plain
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.record import (
    SOURCE_WORDS,
    STATUS_WORDS,
    MeetingRecord,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.attendance import AttendeeRow
from lasem_tui.store.views import ProposalRow

#: Paper sizes in millimetres (portrait): A4, and F4 (folio) as offices in Indonesia use it.
PAPER_MM = {"a4": (210.0, 297.0), "f4": (215.0, 330.0)}

#: Margins in millimetres: top, right, bottom, left (left wide for binding).
MARGINS_PORTRAIT = (20.0, 20.0, 20.0, 30.0)
MARGINS_LANDSCAPE = (20.0, 20.0, 20.0, 20.0)

DOTS = "...................................."


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPER_MM[paper.lower()]
    except KeyError as exc:
        raise ValueError(f"paper {paper!r}: use a4 or f4") from exc


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool = False
    underline: bool = False


def letterhead(record: MeetingRecord) -> list[Line]:
    lines = [
        Line(
            document_t("doc.letterhead.kabupaten", kabupaten=record.kabupaten.upper()),
            14,
            bold=True,
        )
    ]
    if record.kecamatan:
        lines.append(
            Line(
                document_t("doc.letterhead.kecamatan", kecamatan=record.kecamatan.upper()),
                16,
                bold=True,
            )
        )
    meeting = record.meeting
    address = ", ".join(x for x in (meeting.office_address, meeting.postal_code) if x)
    if address:
        lines.append(Line(address, 10))
    contact = "  ".join(
        x
        for x in (
            document_t("doc.letterhead.phone", phone=meeting.phone) if meeting.phone else "",
            document_t("doc.letterhead.email", email=meeting.email) if meeting.email else "",
        )
        if x
    )
    if contact:
        lines.append(Line(contact, 10))
    return lines


def title(record: MeetingRecord) -> list[Line]:
    return [
        Line(document_t("doc.title.berita_acara"), 14, bold=True, underline=True),
        Line(record.name.upper(), 12, bold=True),
        Line(document_t("doc.title.year", year=record.year), 12, bold=True),
        Line(document_t("doc.title.number", number=DOTS), 11),
    ]


def attendance_title(record: MeetingRecord) -> list[Line]:
    meeting = record.meeting
    place = f", {meeting.venue}" if meeting.venue else ""
    return [
        Line(document_t("doc.title.attendance"), 14, bold=True, underline=True),
        Line(
            document_t("doc.title.name_year", name=record.name.upper(), year=record.year),
            12,
            bold=True,
        ),
        Line(f"{format_date_long(meeting.held_on)}{place}", 11),
    ]


def signed_at(record: MeetingRecord) -> str:
    return f"{record.place}, {format_date_plain(record.meeting.held_on)}"


# --- Lampiran I --------------------------------------------------------------------------

ATTENDANCE_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.name"),
    document_t("doc.column.jabatan"),
    document_t("doc.column.institution"),
    document_t("doc.column.signature"),
)
#: Column widths as shares of the text width (the signature column is two halves).
ATTENDANCE_WIDTHS = (0.06, 0.27, 0.25, 0.18, 0.12, 0.12)


def attendance_cells(number: int, row: AttendeeRow) -> tuple[str, str, str, str, str, str]:
    """One row: the signature goes left on odd numbers, right on even ones."""
    mark = f"{number}. ........"
    left, right = (mark, "") if number % 2 else ("", mark)
    return (str(number), row.name, row.jabatan, row.institution, left, right)


# --- Table rows (Lampiran II and III, the slips) -----------------------------------------


@dataclass(frozen=True)
class RecapRow:
    """``kind``: "village" (a heading across the table), "item", "subtotal" or "total"."""

    kind: str
    cells: tuple[str, ...]


def decision_text(p: ProposalRow) -> str:
    word = STATUS_WORDS[p.status]
    if p.status is ProposalStatus.REDIRECTED and p.funding_source is not None:
        word += document_t("doc.decision.to_source", source=SOURCE_WORDS[p.funding_source])
    if p.status is ProposalStatus.MERGED and p.merged_into_ref:
        word += document_t("doc.decision.merged_with", ref=p.merged_into_ref)
    if p.rerouted and p.status.is_approved:
        word += document_t("doc.decision.agency_origin", agency=p.agency_origin)
    merged = p.status is ProposalStatus.MERGED
    detail = p.reason if p.status.needs_reason or merged else p.note
    return document_t("doc.decision.with_detail", word=word, detail=detail) if detail else word


def keep_flags(rows: Sequence[RecapRow]) -> list[bool]:
    """Per row: must it share a page with the next one? A heading with its first row, a
    last item with its subtotal, a subtotal with the subtotals and totals after it: so
    no page starts with a subtotal or ends with a heading."""
    flags = []
    for index, row in enumerate(rows):
        following = rows[index + 1].kind if index + 1 < len(rows) else None
        if row.kind == "village":
            flags.append(following is not None)
        else:
            flags.append(following in ("subtotal", "total"))
    return flags
