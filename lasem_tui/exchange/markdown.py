"""Markdown both ways: escaping user text into it, and reading it into simple blocks.

The notulis writes Markdown on purpose; proposal titles, reasons and names typed at the
desk are data, so ``escape`` makes them plain text inside our generated Markdown.
``blocks`` turns a Markdown text into a short list of headings, paragraphs, list items,
tables and rules that the DOCX and PDF writers lay out. HTML in the text is shown as
the characters typed, never interpreted; our own generated-part markers are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_LEADING_MARK = re.compile(r"^([-+=])")
_LEADING_NUMBER = re.compile(r"^(\d+)\.")

#: A run of text and its style: "" plain, "B" bold, "I" italic, "BI" both.
Run = tuple[str, str]


def escape(text: str, *, line_start: bool = False) -> str:
    """``*Jalan* <b>`` becomes ``\\*Jalan\\* \\<b\\>``: shown as typed, on one line.

    With ``line_start`` the text also cannot begin a list, a heading underline or the
    like (needed only where it opens a line of Markdown).
    """
    flat = " ".join((text or "").split())
    value = _SPECIAL.sub(r"\\\1", flat)
    if line_start:
        value = _LEADING_MARK.sub(r"\\\1", value)
        value = _LEADING_NUMBER.sub(r"\1\\.", value)
    return value


@dataclass
class Heading:
    level: int
    runs: list[Run]


@dataclass
class Paragraph:
    runs: list[Run]
    #: Nesting depth of lists and quotes (0 for a body paragraph).
    indent: int = 0
    #: "•", "1." and the like for list items, "" otherwise.
    bullet: str = ""
    quote: bool = False


@dataclass
class Table:
    header: list[list[Run]]
    rows: list[list[list[Run]]] = field(default_factory=list)
    #: "left", "right" or "center" per column.
    aligns: list[str] = field(default_factory=list)


@dataclass
class Rule:
    pass


Block = Heading | Paragraph | Table | Rule

_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark").enable("table")
    return _PARSER


def is_marker(html: str) -> bool:
    return html.lstrip().startswith("<!-- lasem:")


def _inline_runs(token: Token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for child in token.children or ():
        kind = child.type
        if kind == "text" or kind == "code_inline":
            text = child.content
        elif kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        elif kind == "html_inline":
            if is_marker(child.content):
                continue
            text = child.content
        elif kind == "strong_open":
            bold += 1
            continue
        elif kind == "strong_close":
            bold -= 1
            continue
        elif kind == "em_open":
            italic += 1
            continue
        elif kind == "em_close":
            italic -= 1
            continue
        elif kind == "image":
            text = child.content or ""
        else:  # link_open/close and the like: keep the text, drop the markup
            text = child.content or ""
            if not text:
                continue
        style = ("B" if bold else "") + ("I" if italic else "")
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    return runs


def blocks(text: str, *, drop_title: bool = False) -> list[Block]:
    """Read Markdown into blocks; ``drop_title`` skips a leading level-1 heading (the
    documents put their own title above the minutes)."""
    tokens = _parser().parse(text or "")
    result: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number, ordered?]
    quote = 0
    pending_bullet = ""
    table: Table | None = None
    row: list[list[Run]] | None = None
    in_head = False
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            runs = _inline_runs(tokens[index + 1])
            level = int(token.tag[1])
            if not (drop_title and level == 1 and not result):
                result.append(Heading(level, runs))
            index += 3
            continue
        if kind == "bullet_list_open":
            lists.append([0, 0])
        elif kind == "ordered_list_open":
            start = token.attrGet("start")
            lists.append([int(start) if start else 1, 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            current = lists[-1]
            if current[1]:
                pending_bullet = f"{current[0]}."
                current[0] += 1
            else:
                pending_bullet = "•" if len(lists) % 2 else "◦"
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline" and table is None:
            result.append(
                Paragraph(
                    _inline_runs(token),
                    indent=len(lists) + quote,
                    bullet=pending_bullet,
                    quote=quote > 0,
                )
            )
            pending_bullet = ""
        elif kind in ("code_block", "fence"):
            for line in token.content.rstrip("\n").split("\n"):
                result.append(Paragraph([(line, "")], indent=len(lists) + quote + 1))
        elif kind == "html_block":
            if not is_marker(token.content):
                lines = [ln for ln in token.content.strip("\n").split("\n") if not is_marker(ln)]
                if lines:
                    result.append(Paragraph([("\n".join(lines), "")], indent=len(lists) + quote))
        elif kind == "hr":
            result.append(Rule())
        elif kind == "table_open":
            table = Table(header=[])
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            if in_head and table is not None:
                style = str(token.attrGet("style") or "")
                table.aligns.append(
                    "right" if "right" in style else "center" if "center" in style else "left"
                )
            if row is not None:
                row.append(_inline_runs(tokens[index + 1]))
            index += 3
            continue
        elif kind == "tr_close" and table is not None and row is not None:
            if in_head:
                table.header = row
            else:
                table.rows.append(row)
            row = None
        elif kind == "table_close" and table is not None:
            result.append(table)
            table = None
        index += 1
    return result


def plain(runs: Iterable[Run]) -> str:
    return "".join(text for text, _ in runs)


def column_shares(table: Table, columns: int) -> list[float]:
    """Share of the width per column, after the longest text in each (within limits)."""
    longest = [6] * columns
    for row in [table.header, *table.rows]:
        for index, runs in enumerate(row[:columns]):
            longest[index] = max(longest[index], min(60, len(plain(runs))))
    total = sum(longest)
    return [value / total for value in longest]


def runs_markdown(runs: list[Run]) -> str:
    """Runs as Markdown: the text escaped, bold and italic marked (blanks kept outside
    the markers, where CommonMark wants them)."""
    out = []
    for text, style in runs:
        body = escape(text)
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and body else ""
        mark = {"": "", "B": "**", "I": "*", "BI": "***"}[style] if body else ""
        out.append(f"{lead}{mark}{body}{mark}{trail}")
    return "".join(out)


def to_markdown(blocks: list[Block]) -> str:
    """Blocks back to Markdown; list items of one list stay on consecutive lines."""
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Paragraph) and block.bullet:
            if not (isinstance(previous, Paragraph) and previous.bullet) and lines:
                lines.append("")
            marker = "-" if block.bullet in ("•", "◦") else block.bullet
            pad = "  " * max(0, block.indent - 1)
            lines.append(f"{pad}{marker} {runs_markdown(block.runs)}")
        else:
            if lines:
                lines.append("")
            if isinstance(block, Heading):
                lines.append(f"{'#' * block.level} {runs_markdown(block.runs)}")
            elif isinstance(block, Paragraph):
                lines.append(escape_line_start(runs_markdown(block.runs)))
            elif isinstance(block, Table):
                aligns = block.aligns or ["left"] * len(block.header)
                lines.append("| " + " | ".join(runs_markdown(c) for c in block.header) + " |")
                lines.append(
                    "| " + " | ".join("---:" if a == "right" else "---" for a in aligns) + " |"
                )
                for row in block.rows:
                    lines.append("| " + " | ".join(runs_markdown(c) for c in row) + " |")
            elif isinstance(block, Rule):
                lines.append("---")
        previous = block
    return "\n".join(lines)


def escape_line_start(text: str) -> str:
    value = _LEADING_MARK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\.", value)
