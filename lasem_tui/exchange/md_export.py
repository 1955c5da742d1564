"""The minutes as Markdown: the notulis's text with the generated parts as of now."""

from __future__ import annotations

import re
from pathlib import Path

from lasem_tui.exchange.minutes import document_text
from lasem_tui.exchange.record import DEMO_NOTICE, MeetingRecord, ProgressCallback, no_progress

#: A ``<`` or ``&`` not escaped yet: the start of raw HTML or an entity.
_RAW_HTML = re.compile(r"(?<!\\)([<&])")
#: A link whose target runs code or carries a document instead of going to a page.
_SCRIPT_LINK = re.compile(
    r"\]\(\s*(?:javascript|vbscript|data|file):(?:[^()]|\([^()]*\))*\)", re.IGNORECASE
)


def inert(text: str) -> str:
    """The notulis's Markdown with its formatting kept but nothing that runs: raw HTML
    (``<script>``, ``<img onerror=...>``) shows as typed, and a ``javascript:`` link
    keeps its words and loses its target. The generated parts are escaped already."""
    return _SCRIPT_LINK.sub("](#)", _RAW_HTML.sub(r"\\\1", text))


def markdown_text(record: MeetingRecord) -> str:
    text = inert(document_text(record))
    if record.meeting.is_demo and DEMO_NOTICE not in text:
        text = f"> **{DEMO_NOTICE}**\n\n{text}"
    return text if text.endswith("\n") else text + "\n"


def write_markdown(
    record: MeetingRecord, path: Path, *, progress: ProgressCallback = no_progress
) -> None:
    Path(path).write_text(markdown_text(record), encoding="utf-8", newline="\n")
    progress(1, 1)
