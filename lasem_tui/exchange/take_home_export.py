"""The notulen and the per-village slips as DOCX and PDF, laid out by the Berita
Acara's own writers so the three documents look like one set."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.exchange import docx_export as word
from lasem_tui.exchange import official, take_home
from lasem_tui.exchange import pdf_export as pdf
from lasem_tui.exchange.markdown import Block
from lasem_tui.exchange.minutes import document_blocks
from lasem_tui.exchange.record import MeetingRecord, ProgressCallback, no_progress
from lasem_tui.i18n import document_t

_HEADER_SHARES = (0.25, 0.75)


def _minutes_title(record: MeetingRecord) -> str:
    return document_t("doc.minutes.title", name=record.name, year=record.year)


def _slips_title(record: MeetingRecord) -> str:
    return document_t("doc.slips.file_title", name=record.name, year=record.year)


def _minutes_blocks(record: MeetingRecord) -> list[Block]:
    return document_blocks(record)


def write_minutes_docx(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    doc = word._new_document(paper, landscape=False)
    word._properties(doc, record, _minutes_title(record))
    word._draft_header(doc, record)
    word.add_logo(doc, record)
    builder = word._Builder(doc, paper)
    builder.lines(official.letterhead(record), after_last=0)
    builder.rule(double=True)
    builder.lines(take_home.minutes_title(record), after_last=200)
    word._demo_notice(builder, record)
    builder.label_table(take_home.minutes_header(record))
    builder.markdown(_minutes_blocks(record), lambda d, t: progress(1 + 7 * d // max(t, 1), 10))
    builder.signatures(record)
    builder.save(path)
    progress(10, 10)


def write_minutes_pdf(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    layout = pdf._Layout(paper, draft=not record.is_final)
    pdf._properties(layout, record, _minutes_title(record))
    layout.new_page(landscape=False)
    pdf._head(layout, record, take_home.minutes_title(record))
    pdf._label_table(layout, take_home.minutes_header(record))
    pdf._markdown(
        layout, _minutes_blocks(record), lambda d, t: progress(1 + 7 * d // max(t, 1), 10)
    )
    pdf._signatures(layout, record)
    layout.pdf.output(str(path))
    progress(10, 10)


def write_slips_docx(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    doc = word._new_document(paper, landscape=True)
    word._properties(doc, record, _slips_title(record))
    word._draft_header(doc, record)
    builder = word._Builder(doc, paper)
    total = len(record.villages) or 1
    for index, village in enumerate(record.villages):
        if index:
            builder.page_break()
        builder.lines(take_home.slip_title(record, village), after_last=120)
        word._demo_notice(builder, record)
        builder.paragraph([(take_home.slip_summary(record, village), "")])
        builder.rows_table(
            take_home.SLIP_HEADER,
            take_home.SLIP_WIDTHS,
            take_home.SLIP_RIGHT,
            take_home.slip_rows(record, village),
        )
        progress(index, total)
    builder.save(path)
    progress(total, total)


def write_slips_pdf(
    record: MeetingRecord,
    path: Path,
    *,
    paper: str = "a4",
    progress: ProgressCallback = no_progress,
) -> None:
    layout = pdf._Layout(paper, draft=not record.is_final)
    pdf._properties(layout, record, _slips_title(record))
    total = len(record.villages) or 1
    for index, village in enumerate(record.villages):
        layout.new_page(landscape=True)
        layout.centered(take_home.slip_title(record, village), after=2)
        pdf._demo_notice(layout, record)
        layout.paragraph([(take_home.slip_summary(record, village), "")], after=2)
        pdf._rows_table(
            layout,
            take_home.SLIP_HEADER,
            take_home.SLIP_WIDTHS,
            take_home.SLIP_RIGHT,
            take_home.slip_rows(record, village),
        )
        progress(index, total)
    if not record.villages:
        layout.new_page(landscape=True)
    layout.pdf.output(str(path))
    progress(total, total)
