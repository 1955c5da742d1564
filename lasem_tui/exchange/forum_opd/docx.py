"""The Forum Perangkat Daerah as DOCX (landscape): the summary per OPD, then each OPD's
proposals with the total of each kecamatan, each OPD on a page of its own. Built with
the Berita Acara's table helpers, which splice the body in as text (fast at 18,000)."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.domain.money import format_number
from lasem_tui.exchange import official
from lasem_tui.exchange.docx_export import (
    _Builder,
    _cell_text,
    _new_document,
    _para,
    _row,
    _run,
    _table,
)
from lasem_tui.exchange.forum_opd.book import COLUMNS, ForumBook, cells
from lasem_tui.exchange.record import DEMO_NOTICE, ProgressCallback
from lasem_tui.i18n import document_counted, document_t

_SHADE = "F2F2F2"
_HEAD = "E7E6E6"


def _heading(builder: _Builder, book: ForumBook, text: str) -> None:
    builder.lines(
        [
            official.Line(text.upper(), bold=True, size=13),
            official.Line(book.title, size=12),
        ]
    )
    if book.is_demo:
        builder.add(_para(_run(DEMO_NOTICE, "B", 10)))


def _summary_header() -> tuple[str, ...]:
    return (
        document_t("doc.column.number"),
        document_t("doc.forum.agency"),
        document_t("doc.forum.count"),
        document_t("doc.forum.sum_amount"),
    )


def write_docx(book: ForumBook, path: Path, progress: ProgressCallback) -> None:
    doc = _new_document("a4", landscape=True)
    builder = _Builder(doc, "a4")
    width = builder.landscape_width
    _heading(builder, book, document_t("doc.forum.summary_heading"))
    grid = [int(width * share) for share in (0.05, 0.55, 0.1, 0.3)]
    rows = [
        _row(
            "".join(
                _cell_text(text, grid[i], style="B", shade=_HEAD, right=i != 1)
                for i, text in enumerate(_summary_header())
            ),
            header=True,
        )
    ]
    for number, section in enumerate(book.agencies, start=1):
        values = (str(number), section.agency, str(section.count), format_number(section.total))
        rows.append(
            _row("".join(_cell_text(v, grid[i], right=i != 1) for i, v in enumerate(values)))
        )
    rows.append(
        _row(
            _cell_text(document_t("doc.forum.sum"), grid[0] + grid[1], style="B", span=2)
            + _cell_text(str(book.count), grid[2], style="B", right=True)
            + _cell_text(format_number(book.total), grid[3], style="B", right=True)
        )
    )
    builder.add(_table(grid, rows))
    grid = [int(width * share) for _, share, _ in COLUMNS]
    head = "".join(
        _cell_text(name, grid[i], style="B", shade=_HEAD, right=right)
        for i, (name, _, right) in enumerate(COLUMNS)
    )
    total = len(book.agencies) or 1
    for index, section in enumerate(book.agencies):
        builder.page_break()
        _heading(builder, book, section.agency)
        rows = [_row(head, header=True)]
        number = 0
        for group in section.groups:
            for line in group.lines:
                number += 1
                rows.append(
                    _row(
                        "".join(
                            _cell_text(text, grid[i], right=COLUMNS[i][2])
                            for i, text in enumerate(cells(number, line))
                        )
                    )
                )
            rows.append(
                _total_row(
                    grid,
                    document_t("doc.forum.kecamatan_total", kecamatan=group.kecamatan),
                    group.total,
                    len(group.lines),
                    bold_count=False,
                )
            )
        rows.append(
            _total_row(
                grid,
                document_t("doc.forum.agency_total", agency=section.agency),
                section.total,
                section.count,
                bold_count=True,
            )
        )
        builder.add(_table(grid, rows))
        progress(index + 1, total)
    builder.save(path)


def _total_row(grid: list[int], label: str, amount: int, count: int, *, bold_count: bool) -> str:
    return _row(
        _cell_text(label, sum(grid[:6]), style="B", span=6, shade=_SHADE)
        + _cell_text(format_number(amount), grid[6], style="B", right=True, shade=_SHADE)
        + _cell_text(
            document_counted("doc.forum.proposals", count),
            sum(grid[7:]),
            style="B" if bold_count else "",
            span=3,
            shade=_SHADE,
        )
    )
