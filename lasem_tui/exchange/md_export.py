"""The minutes as Markdown: the notulis's text with the generated parts as of now."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.exchange.minutes import document_text
from lasem_tui.exchange.record import DEMO_NOTICE, MeetingRecord, ProgressCallback, no_progress


def markdown_text(record: MeetingRecord) -> str:
    text = document_text(record)
    if record.meeting.is_demo and DEMO_NOTICE not in text:
        text = f"> **{DEMO_NOTICE}**\n\n{text}"
    return text if text.endswith("\n") else text + "\n"


def write_markdown(
    record: MeetingRecord, path: Path, *, progress: ProgressCallback = no_progress
) -> None:
    Path(path).write_text(markdown_text(record), encoding="utf-8", newline="\n")
    progress(1, 1)
