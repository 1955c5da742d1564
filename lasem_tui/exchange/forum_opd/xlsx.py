"""The Forum Perangkat Daerah as an Excel workbook: a summary sheet first (per OPD and
per kecamatan), then one sheet per OPD with its proposals and the total of each
kecamatan. Amounts are numbers in a rupiah format; typed text stays text."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lasem_tui.exchange.forum_opd.book import ForumBook, recommendation
from lasem_tui.exchange.record import DEMO_NOTICE, ProgressCallback
from lasem_tui.exchange.xlsx_export import _NOTICE, _TITLE, _Sheet
from lasem_tui.i18n import document_counted, document_t

_BOLD = Font(bold=True)
WIDTHS = (6, 16, 18, 44, 28, 10, 9, 17, 10, 8, 36)
HEADER = (
    document_t("doc.column.number"),
    document_t("doc.forum.kecamatan"),
    document_t("doc.forum.village"),
    document_t("doc.column.activity"),
    document_t("doc.column.location"),
    document_t("doc.column.volume"),
    document_t("doc.recap.unit"),
    document_t("doc.forum.amount"),
    document_t("doc.column.priority"),
    document_t("doc.forum.score"),
    document_t("doc.forum.recommendation"),
)
_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(agencies: list[str]) -> list[str]:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\, all different
    (a long OPD name is cut and numbered); the full name is the sheet's title."""
    names: list[str] = []
    taken = {document_t("doc.forum.sheet_summary").lower()}
    for agency in agencies:
        base = _SHEET_CHARS.sub(" ", agency).strip().strip("'") or "OPD"
        base = base.removeprefix("Dinas ").strip() or base
        name = base[:31].rstrip(" ,")
        number = 2
        while name.lower() in taken:
            suffix = f" ({number})"
            name = base[: 31 - len(suffix)].rstrip(" ,") + suffix
            number += 1
        taken.add(name.lower())
        names.append(name)
    return names


def _title(sheet: _Sheet, book: ForumBook, text: str) -> None:
    sheet.append([sheet.styled(text, _TITLE)])
    sheet.append([sheet.styled(book.title, _BOLD)])
    sheet.append([sheet.styled(DEMO_NOTICE, _NOTICE)] if book.is_demo else [])


def write_xlsx(book: ForumBook, path: Path, progress: ProgressCallback) -> None:
    wb = Workbook(write_only=True)
    _summary(wb, book)
    names = sheet_names([section.agency for section in book.agencies])
    total = len(book.agencies) or 1
    for index, (section, name) in enumerate(zip(book.agencies, names, strict=True)):
        sheet = _Sheet(wb.create_sheet(name))
        sheet.widths(WIDTHS)
        sheet.ws.freeze_panes = "E5"
        _title(sheet, book, section.agency)
        header_row = sheet.header(HEADER)
        number = 0
        for group in section.groups:
            for line in group.lines:
                number += 1
                volume = line.volume
                if volume is not None and float(volume).is_integer():
                    volume = int(volume)
                sheet.append(
                    (
                        number,
                        sheet.text(line.kecamatan),
                        sheet.text(line.village),
                        sheet.text(line.activity),
                        sheet.text(line.location),
                        volume,
                        sheet.text(line.unit),
                        sheet.money(line.amount),
                        line.priority,
                        round(line.score, 2) if line.score is not None else None,
                        sheet.text(recommendation(line)),
                    )
                )
        last = sheet.rows
        sheet.ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(HEADER))}{last}"
        sheet.append([])
        # Totals below the filtered range, so sorting or filtering never mixes them in.
        for group in section.groups:
            sheet.append(
                [
                    None,
                    sheet.styled(
                        document_t("doc.forum.kecamatan_total", kecamatan=group.kecamatan), _BOLD
                    ),
                ]
                + [None] * 5
                + [
                    sheet.money(group.total, _BOLD),
                    None,
                    None,
                    document_counted("doc.forum.proposals", len(group.lines)),
                ]
            )
        sheet.append(
            [
                None,
                sheet.styled(document_t("doc.forum.agency_total", agency=section.agency), _BOLD),
            ]
            + [None] * 5
            + [
                sheet.money(section.total, _BOLD),
                None,
                None,
                document_counted("doc.forum.proposals", section.count),
            ]
        )
        progress(index + 1, total)
    wb.save(str(path))


def _summary(wb: Workbook, book: ForumBook) -> None:
    sheet = _Sheet(wb.create_sheet(document_t("doc.forum.sheet_summary")))
    sheet.widths((6, 44, *(16 for _ in book.kecamatan), 18, 10))
    _title(sheet, book, document_t("doc.forum.summary_title"))
    sheet.header(
        (
            document_t("doc.column.number"),
            document_t("doc.forum.agency"),
            *book.kecamatan,
            document_t("doc.forum.sum_amount"),
            document_t("doc.forum.count"),
        )
    )
    for number, section in enumerate(book.agencies, start=1):
        by_kecamatan = {group.kecamatan: group.total for group in section.groups}
        sheet.append(
            (
                number,
                sheet.text(section.agency),
                *(sheet.money(by_kecamatan.get(k)) for k in book.kecamatan),
                sheet.money(section.total, _BOLD),
                section.count,
            )
        )
    totals = {k: 0 for k in book.kecamatan}
    for section in book.agencies:
        for group in section.groups:
            totals[group.kecamatan] += group.total
    sheet.append(
        (
            None,
            sheet.styled(document_t("doc.forum.sum"), _BOLD),
            *(sheet.money(totals[k], _BOLD) for k in book.kecamatan),
            sheet.money(book.total, _BOLD),
            book.count,
        )
    )
    if not book.agencies:
        sheet.append([None, sheet.text(document_t("doc.forum.none_accepted"))])
