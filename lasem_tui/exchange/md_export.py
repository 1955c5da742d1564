"""The minutes as Markdown: the notulis's text with the generated parts as of now."""

from __future__ import annotations

import html
import re
from pathlib import Path

from lasem_tui.exchange.minutes import document_text
from lasem_tui.exchange.record import DEMO_NOTICE, MeetingRecord, ProgressCallback, no_progress

#: An HTML-significant character not escaped yet: one after an even number of
#: backslashes (``\\<`` is an escaped backslash, then a raw ``<``).
_RAW_HTML = re.compile(r"(?<!\\)((?:\\\\)*)([<>&])")
#: A line's blockquote markers, which stay the notulis's formatting.
_QUOTE_PREFIX = re.compile(r"^(?: {0,3}>[ ]?)*")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
#: An inline link or image: ``](target "title")``, the target in ``<>`` or bare with
#: balanced parentheses (one level, as people write them).
_INLINE_LINK = re.compile(
    r"\]\(\s*(?P<target><[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
#: A reference definition, ``[x]: target``, its target on the same or the next line.
_DEFINITION = re.compile(
    r"^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*\n?[ \t]*(?P<target><[^<>\n]*>|\S+)[^\n]*$",
    re.MULTILINE,
)
_LINK_OPEN = re.compile(r"\]\(")
_ALLOWED = ("http://", "https://", "mailto:")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _allowed(target: str) -> bool:
    """Whether a link target goes to a web page or an e-mail address, as a renderer
    would read it: backslash escapes and entities undone, blanks and controls gone."""
    value = target.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    value = html.unescape(re.sub(r"\\(.)", r"\1", value))
    return _CONTROL.sub("", value).lower().startswith(_ALLOWED)


def _drop_targets(text: str) -> str:
    """Inline links and images keep their words and lose a target that is not http(s)
    or mailto; such a reference definition goes altogether; any ``](`` left whose target
    the patterns above could not read is escaped, so it is no link at all."""
    text = _DEFINITION.sub(lambda m: m.group(0) if _allowed(m.group("target")) else "", text)
    text = _INLINE_LINK.sub(lambda m: m.group(0) if _allowed(m.group("target")) else "]", text)
    kept = {m.start() for m in _INLINE_LINK.finditer(text)}
    return _LINK_OPEN.sub(lambda m: m.group(0) if m.start() in kept else "]\\(", text)


def _escape_html(line: str) -> str:
    found = _QUOTE_PREFIX.match(line)
    assert found is not None  # the pattern matches the empty string too
    prefix = found.group(0)
    return prefix + _RAW_HTML.sub(r"\1\\\2", line[len(prefix) :])


def inert(text: str) -> str:
    """The notulis's Markdown with its formatting kept but nothing that runs: every
    ``<``, ``>`` and ``&`` typed shows as typed (``<script>``, ``<img onerror=...>``, an
    entity), and a link or image whose target is not http(s) or mailto (``javascript:``,
    inline or by reference) keeps its words and loses its target. Fenced code is left
    as written: renderers show it as text. The generated parts are escaped already."""
    lines = []
    fenced = False
    for line in _drop_targets(text).split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append(line)
            continue
        lines.append(line if fenced else _escape_html(line))
    return "\n".join(lines)


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
