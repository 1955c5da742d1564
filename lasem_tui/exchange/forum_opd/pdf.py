"""The Forum Perangkat Daerah as PDF (landscape): the summary per OPD, then each OPD's
proposals with the total of each kecamatan. Uses the Berita Acara's fast table layout
(``pdf_export._Layout``) so 18,000 proposals stay within seconds."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from lasem_tui.domain.money import format_number
from lasem_tui.exchange import official
from lasem_tui.exchange.forum_opd.book import COLUMNS, ForumBook, cells
from lasem_tui.exchange.pdf_export import _Layout
from lasem_tui.exchange.record import DEMO_NOTICE, ProgressCallback
from lasem_tui.i18n import document_counted, document_t

Cell = tuple[str, str, str, int]


def _head(layout: _Layout, book: ForumBook, text: str) -> None:
    layout.centered(
        [
            official.Line(text.upper(), bold=True, size=13),
            official.Line(book.title, size=12),
        ],
        after=2,
    )
    if book.is_demo:
        layout.pdf.set_text_color(192, 0, 0)
        layout.paragraph([(DEMO_NOTICE, "B")], size=10)
        layout.pdf.set_text_color(0, 0, 0)


def build(book: ForumBook, progress: ProgressCallback) -> FPDF:
    layout = _Layout("a4")
    layout.pdf.set_title(book.title)
    layout.new_page(landscape=True)
    _head(layout, book, document_t("doc.forum.summary_heading"))
    widths = [layout.width * share for share in (0.05, 0.55, 0.1, 0.3)]
    head = [
        [
            (document_t("doc.column.number"), "B", "right", 1),
            (document_t("doc.forum.agency"), "B", "left", 1),
            (document_t("doc.forum.count"), "B", "right", 1),
            (document_t("doc.forum.sum_amount"), "B", "right", 1),
        ]
    ]
    rows: list[list[Cell]] = [
        [
            (str(number), "", "right", 1),
            (section.agency, "", "left", 1),
            (str(section.count), "", "right", 1),
            (format_number(section.total), "", "right", 1),
        ]
        for number, section in enumerate(book.agencies, start=1)
    ]
    rows.append(
        [
            (document_t("doc.forum.sum"), "B", "left", 2),
            (str(book.count), "B", "right", 1),
            (format_number(book.total), "B", "right", 1),
        ]
    )
    layout.table(widths, head, rows)
    total = len(book.agencies) or 1
    widths = [layout.width * share for _, share, _ in COLUMNS]
    header = [[(name, "B", "right" if right else "left", 1) for name, _, right in COLUMNS]]
    for index, section in enumerate(book.agencies):
        layout.new_page()
        _head(layout, book, section.agency)
        body: list[list[Cell]] = []
        fills: list[bool] = []
        number = 0
        for group in section.groups:
            for line in group.lines:
                number += 1
                body.append(
                    [
                        (text, "", "right" if COLUMNS[i][2] else "left", 1)
                        for i, text in enumerate(cells(number, line))
                    ]
                )
                fills.append(False)
            body.append(
                [
                    (
                        document_t("doc.forum.kecamatan_total", kecamatan=group.kecamatan),
                        "B",
                        "left",
                        6,
                    ),
                    (format_number(group.total), "B", "right", 1),
                    (document_counted("doc.forum.proposals", len(group.lines)), "", "left", 3),
                ]
            )
            fills.append(True)
        body.append(
            [
                (document_t("doc.forum.agency_total", agency=section.agency), "B", "left", 6),
                (format_number(section.total), "B", "right", 1),
                (document_counted("doc.forum.proposals", section.count), "B", "left", 3),
            ]
        )
        fills.append(True)
        layout.table(widths, header, body, fills=fills)
        progress(index + 1, total)
    return layout.pdf


def write_pdf(book: ForumBook, path: Path, progress: ProgressCallback) -> None:
    build(book, progress).output(str(path))
