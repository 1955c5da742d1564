"""The recap for SIPD entry as an Excel workbook (openpyxl, write-only for speed).

Sheets: ``Usulan`` (every proposal, Indonesian headings, filters, amounts as numbers in a
rupiah format; one row per proposal and nothing else inside the filtered range, so
that sorting, filtering and a pivot table or SUM over a column come out right; the
meeting's totals follow below it), ``Ringkasan`` (per village, per OPD and per
strategic issue) and ``Tidak Diterima`` (rejected, deferred and redirected proposals with
their reasons and targets).

Text typed by users is always a text cell: a title starting with ``=``, ``+``, ``-`` or
``@`` is written as a string with Excel's quote prefix, so it never runs as a formula.
The totals under the table are ``SUBTOTAL(109, ...)`` formulas, so that they follow a
filter (one village, one OPD); the per-village subtotals are in ``Ringkasan``. Every sheet
prints landscape, fit to the page's width, with its header row repeated on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lasem_tui.domain.dates import local
from lasem_tui.domain.tally import Tally
from lasem_tui.exchange.record import (
    DEMO_NOTICE,
    SOURCE_WORDS,
    STATUS_WORDS,
    MeetingRecord,
    ProgressCallback,
    no_progress,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.views import ProposalRow

RUPIAH = '"Rp "#,##0;[Red]-"Rp "#,##0'
DATETIME = "dd/mm/yyyy hh:mm"
_FORMULA_START = ("=", "+", "-", "@")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_NOTICE = Font(bold=True, color="C00000")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")

PROPOSAL_HEADER = (
    (document_t("doc.column.number"), 6),
    (document_t("doc.recap.village_code"), 15),
    (document_t("doc.column.village"), 16),
    (document_t("doc.recap.proposal_code"), 10),
    (document_t("doc.column.proposal"), 42),
    (document_t("doc.recap.problem"), 40),
    (document_t("doc.column.location"), 28),
    (document_t("doc.recap.volume_requested"), 10),
    (document_t("doc.recap.volume_approved"), 10),
    (document_t("doc.recap.unit"), 9),
    (document_t("doc.recap.kind"), 11),
    (document_t("doc.column.priority"), 9),
    (document_t("doc.recap.agency"), 34),
    (document_t("doc.recap.issues"), 34),
    (document_t("doc.column.requested"), 17),
    (document_t("doc.column.approved"), 17),
    (document_t("doc.column.decision"), 24),
    (document_t("doc.recap.funding_source"), 18),
    (document_t("doc.recap.reason_note"), 40),
    (document_t("doc.recap.decided_by"), 24),
    (document_t("doc.recap.decided_at"), 17),
    (document_t("doc.recap.latitude"), 11),
    (document_t("doc.recap.longitude"), 11),
)
REQUESTED_COLUMN = 15  # 1-based, "Diminta (Rp)"
APPROVED_COLUMN = 16
#: The heading row: tall enough for two-line headings like "Volume Disetujui".
HEADER_HEIGHT = 32


@lru_cache(maxsize=8192)
def clean_text(value: str | None) -> str:
    """The text without the control characters a worksheet cannot hold (openpyxl
    refuses them). Cached: names, OPDs and units repeat over thousands of rows."""
    text: str = ILLEGAL_CHARACTERS_RE.sub("", value or "")
    return text


def excel_time(value: datetime | None) -> datetime | None:
    """The laptop's local time without a zone, as a worksheet holds times."""
    return None if value is None else local(value).replace(tzinfo=None)


class ColumnCell:
    """One styled cell that a column of a write-only sheet reuses row after row.

    A write-only sheet writes each row out as it is appended, so the same cell can carry
    the next row's value: making and styling a new cell for every amount and time cost
    a tenth of the export at 18,000 proposals. Each column needs its own (a row holds
    the cells it is given until it is appended).
    """

    def __init__(self, ws: WriteOnlyWorksheet, number_format: str) -> None:
        self.cell = WriteOnlyCell(ws)
        self.cell.number_format = number_format

    def __call__(self, value: object) -> object:
        if value is None:
            return None
        self.cell.value = value
        return self.cell


class _Sheet:
    """A write-only sheet with the few cell kinds the recap needs."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.rows = 0

    def text(self, value: str, font: Font | None = None) -> object:
        value = clean_text(value)
        if font is None and not value.startswith(_FORMULA_START):
            # An empty string would still cost a cell; read back, both are no value.
            return value or None
        cell = WriteOnlyCell(self.ws, value=value)
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        if font is not None:
            cell.font = font
        return cell

    def money(self, value: int | None, font: Font | None = None) -> object:
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value=value)
        cell.number_format = RUPIAH
        if font is not None:
            cell.font = font
        return cell

    def styled(
        self, value: object, font: Font | None = None, fill: PatternFill | None = None
    ) -> object:
        if isinstance(value, str):
            value = clean_text(value)
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(_FORMULA_START):
                cell.quotePrefix = True
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def append(self, row: Sequence[object]) -> int:
        self.ws.append(list(row))
        self.rows += 1
        return self.rows

    def header(self, names: Sequence[str]) -> int:
        row = []
        for name in names:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.font = _BOLD
            cell.fill = _HEAD_FILL
            cell.alignment = _WRAP
            row.append(cell)
        return self.append(row)

    def widths(self, widths: Sequence[float]) -> None:
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width


def _title(sheet: _Sheet, record: MeetingRecord, text: str) -> None:
    title = document_t("doc.recap.title", text=text, name=record.name, year=record.year)
    sheet.append([sheet.styled(title, _TITLE)])
    if record.meeting.is_demo:
        sheet.append([sheet.styled(DEMO_NOTICE, _NOTICE)])
    else:
        sheet.append([])


def _number(value: float | None) -> object:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _jenis(p: ProposalRow) -> str | None:
    """``fisik`` or ``non fisik`` as SIPD asks; whatever else was typed, as typed."""
    word = (p.category or "").strip().lower().replace("-", " ")
    if not word:
        return None
    return "non fisik" if word.startswith("non") else word


def _print_setup(sheet: _Sheet, header_row: int) -> None:
    """Landscape, fit to the width of the paper, the header row on every page."""
    ws = sheet.ws
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.row_dimensions[header_row].height = HEADER_HEIGHT


def _proposals_sheet(wb: Workbook, record: MeetingRecord, progress: ProgressCallback) -> None:
    sheet = _Sheet(wb.create_sheet(document_t("doc.recap.sheet_proposals")))
    sheet.widths([width for _, width in PROPOSAL_HEADER])
    sheet.ws.freeze_panes = "F4"
    _print_setup(sheet, 3)  # before any row: a write-only sheet streams its rows out
    _title(sheet, record, document_t("doc.recap.proposals_title"))
    header_row = sheet.header([name for name, _ in PROPOSAL_HEADER])
    requested_amount, approved_amount = ColumnCell(sheet.ws, RUPIAH), ColumnCell(sheet.ws, RUPIAH)
    decided_time = ColumnCell(sheet.ws, DATETIME)
    number = 0
    total = len(record.villages) or 1
    for index, village in enumerate(record.villages):
        proposals = record.by_village.get(village.id, [])
        label = village.name
        for p in proposals:
            number += 1
            approved = p.approved if p.status.is_approved else None
            detail = p.reason if p.status.needs_reason else p.note
            sheet.append(
                (
                    number,
                    sheet.text(village.code),
                    sheet.text(label),
                    sheet.text(p.ref),
                    sheet.text(p.title),
                    sheet.text(p.problem),
                    sheet.text(p.location),
                    _number(p.requested_volume),
                    _number(p.volume) if p.status.is_approved else None,
                    sheet.text(p.unit),
                    _jenis(p),
                    p.priority,
                    sheet.text(p.agency),
                    sheet.text("; ".join(record.issues_of.get(p.id, ()))),
                    requested_amount(p.requested),
                    approved_amount(approved),
                    STATUS_WORDS[p.status],
                    SOURCE_WORDS[p.funding_source] if p.funding_source else None,
                    sheet.text(detail),
                    sheet.text(p.decided_by),
                    decided_time(excel_time(p.decided_at)),
                    p.latitude,
                    p.longitude,
                )
            )
        if index % 20 == 0:
            progress(index, total)
    last = sheet.rows
    sheet.ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(PROPOSAL_HEADER))}{last}"
    sheet.append([])
    tally = record.tally
    first = header_row + 1
    requested_col = get_column_letter(REQUESTED_COLUMN)
    approved_col = get_column_letter(APPROVED_COLUMN)
    total_row = sheet.rows + 1
    lines: list[tuple[str, object, object]] = [
        (
            document_t("doc.recap.total_filtered"),
            f"=SUBTOTAL(109,{requested_col}{first}:{requested_col}{last})",
            f"=SUBTOTAL(109,{approved_col}{first}:{approved_col}{last})",
        )
    ]
    if tally.ceiling is not None:
        lines.append((document_t("doc.recap.ceiling"), None, tally.ceiling))
        lines.append(
            (
                document_t("doc.recap.ceiling_left"),
                None,
                f"={approved_col}{total_row + 1}-{approved_col}{total_row}",
            )
        )
    for label, requested_cell, approved_cell in lines:
        row: list[object] = [None] * len(PROPOSAL_HEADER)
        row[4] = sheet.styled(label, _BOLD)
        row[REQUESTED_COLUMN - 1] = _money_or_formula(sheet, requested_cell)
        row[APPROVED_COLUMN - 1] = _money_or_formula(sheet, approved_cell)
        sheet.append(row)
    progress(total, total)


def _money_or_formula(sheet: _Sheet, value: object) -> object:
    if value is None:
        return None
    cell = WriteOnlyCell(sheet.ws, value=value)
    cell.number_format = RUPIAH
    cell.font = _BOLD
    return cell


def _summary_block(
    sheet: _Sheet,
    heading: str,
    first: str,
    rows: Sequence[tuple[str, Tally]],
    *,
    with_ceiling: bool,
    total: Tally | None,
) -> None:
    sheet.append([sheet.styled(heading, _TITLE)])
    names = [
        first,
        document_t("doc.column.proposal"),
        document_t("doc.column.requested"),
        document_t("doc.column.approved"),
    ]
    if with_ceiling:
        names += [document_t("doc.recap.ceiling_column"), document_t("doc.recap.balance_column")]
    names += [STATUS_WORDS[s].capitalize() for s in STATUS_WORDS]
    sheet.header(names)
    sum_label = document_t("doc.recap.sum")
    for name, tally in [*rows, *([(sum_label, total)] if total is not None else [])]:
        font = _BOLD if name == sum_label and total is not None else None
        cells: list[object] = [
            sheet.styled(name, font) if font else sheet.text(name),
            tally.total,
            sheet.money(tally.requested, font),
            sheet.money(tally.approved, font),
        ]
        if with_ceiling:
            cells += [sheet.money(tally.ceiling, font), sheet.money(tally.remaining, font)]
        cells += [tally.count(s) for s in STATUS_WORDS]
        sheet.append(cells)
    sheet.append([])


def _summary_sheet(wb: Workbook, record: MeetingRecord) -> None:
    sheet = _Sheet(wb.create_sheet(document_t("doc.recap.sheet_summary")))
    sheet.widths([40, 9, 19, 19, 19, 22, 10, 12, 10, 10, 10, 10])
    _print_setup(sheet, 4)
    _title(sheet, record, document_t("doc.recap.summary_title"))
    villages = [(v.name, record.village_tallies[v.id]) for v in record.villages]
    _summary_block(
        sheet,
        document_t("doc.recap.per_village"),
        document_t("doc.column.village"),
        villages,
        with_ceiling=True,
        total=record.tally,
    )
    _summary_block(
        sheet,
        document_t("doc.recap.per_agency"),
        document_t("doc.recap.agency"),
        record.per_agency(),
        with_ceiling=False,
        total=record.tally,
    )
    _summary_block(
        sheet,
        document_t("doc.recap.per_issue"),
        document_t("doc.recap.issue"),
        record.per_issue(),
        with_ceiling=False,
        total=None,
    )


REFUSED_HEADER = (
    (document_t("doc.column.number"), 6),
    (document_t("doc.column.village"), 16),
    (document_t("doc.recap.proposal_code"), 10),
    (document_t("doc.column.proposal"), 42),
    (document_t("doc.recap.agency"), 34),
    (document_t("doc.column.requested"), 17),
    (document_t("doc.column.decision"), 14),
    (document_t("doc.recap.funding_source"), 20),
    (document_t("doc.column.reason"), 50),
    (document_t("doc.recap.decided_by"), 24),
    (document_t("doc.recap.decided_at"), 17),
    (document_t("doc.recap.latitude"), 11),
    (document_t("doc.recap.longitude"), 11),
)


def _refused_sheet(wb: Workbook, record: MeetingRecord) -> None:
    sheet = _Sheet(wb.create_sheet(document_t("doc.recap.sheet_refused")))
    sheet.widths([width for _, width in REFUSED_HEADER])
    sheet.ws.freeze_panes = "A4"
    _print_setup(sheet, 3)
    _title(sheet, record, document_t("doc.recap.refused_title"))
    header_row = sheet.header([name for name, _ in REFUSED_HEADER])
    names = {v.id: v.name for v in record.villages}
    requested_amount, decided_time = ColumnCell(sheet.ws, RUPIAH), ColumnCell(sheet.ws, DATETIME)
    for number, p in enumerate(record.refused, start=1):
        sheet.append(
            (
                number,
                sheet.text(names.get(p.village_id, "")),
                sheet.text(p.ref),
                sheet.text(p.title),
                sheet.text(p.agency),
                requested_amount(p.requested),
                STATUS_WORDS[p.status],
                SOURCE_WORDS[p.funding_source] if p.funding_source else None,
                sheet.text(p.reason),
                sheet.text(p.decided_by),
                decided_time(excel_time(p.decided_at)),
            )
        )
    sheet.ws.auto_filter.ref = (
        f"A{header_row}:{get_column_letter(len(REFUSED_HEADER))}{max(sheet.rows, header_row)}"
    )


def build_workbook(record: MeetingRecord, progress: ProgressCallback = no_progress) -> Workbook:
    wb = Workbook(write_only=True)
    _proposals_sheet(wb, record, lambda d, t: progress(8 * d // max(t, 1), 10))
    _summary_sheet(wb, record)
    _refused_sheet(wb, record)
    progress(9, 10)
    return wb


def write_xlsx(
    record: MeetingRecord, path: Path, *, progress: ProgressCallback = no_progress
) -> None:
    build_workbook(record, progress).save(str(path))
    progress(10, 10)
