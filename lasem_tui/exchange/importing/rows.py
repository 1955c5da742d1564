"""Turning the rows under the headings into proposals, or into problems.

Pure: the meeting's villages, issues and existing proposals come in as a
``MeetingContext``; nothing here touches the database, so every rule is tested on
plain tables.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from types import MappingProxyType
from typing import Any

from lasem_tui.domain.importing.model import (
    Cell,
    Column,
    Headings,
    ImportRow,
    Problem,
    Severity,
    SourceRow,
    SourceTable,
)
from lasem_tui.domain.money import AmountError, VolumeError, parse_amount_cell, parse_volume
from lasem_tui.domain.text import clean_text
from lasem_tui.exchange.importing.headings import FIELD_LABELS, REQUIRED, key
from lasem_tui.exchange.inert import uninert_cell
from lasem_tui.store.importing import ExistingProposal, IssueRef, MeetingContext, VillageRef

TITLE_LIMIT = 500
TEXT_LIMIT = 1000
PROBLEM_LIMIT = 10_000

_TOTAL_WORDS = {
    "jumlah",
    "total",
    "jumlahtotal",
    "totalanggaran",
    "jumlahanggaran",
    "subtotal",
    "grandtotal",
    "jumlahkeseluruhan",
}
_VILLAGE_PREFIX = re.compile(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", re.IGNORECASE)
_ISSUE_SPLIT = re.compile(r"[;\n|]+")
_PENDING_WORDS = {"", "pending", "belumdibahas"}


@dataclass
class _Outcome:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0


def text_of(cell: Cell, *, multiline: bool = False) -> str:
    """A cell as text: numbers without a trailing ``.0``, dates as ISO, our export's
    formula guard removed."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return uninert_cell(clean_text(str(cell), multiline=multiline))


def village_key(name: str) -> str:
    """``Desa  Sendangcoyo`` and ``sendangcoyo`` are one village; ``Sendang Coyo`` is not."""
    text = " ".join(str(name).split())
    text = _VILLAGE_PREFIX.sub("", text)
    return text.casefold()


def _spaceless(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", village_key(name))


def closest(name: str, candidates: Sequence[str]) -> str | None:
    """The candidate most like ``name`` (spacing and case aside), if any is close."""
    if not candidates:
        return None
    keyed = {_spaceless(c): c for c in candidates}
    found = difflib.get_close_matches(_spaceless(name), list(keyed), n=1, cutoff=0.6)
    return keyed[found[0]] if found else None


def _category(text: str) -> str:
    folded = key(text).replace("-", "")
    if folded == "fisik":
        return "fisik"
    if folded in ("nonfisik", "non/fisik"):
        return "non fisik"
    return text


class _RowReader:
    """Reads one row: each getter returns a value and files its problems."""

    def __init__(self, row: SourceRow, headings: Headings, problems: list[Problem]) -> None:
        self.row = row
        self.headings = headings
        self.problems = problems
        self.failed = False

    def cell(self, name: str) -> Cell:
        column = self.headings.column(name)
        if column is None or column.index >= len(self.row.cells):
            return None
        return self.row.cells[column.index]

    def has(self, name: str) -> bool:
        return self.headings.column(name) is not None

    def problem(
        self, name: str, code: str, severity: Severity = Severity.ERROR, **params: Any
    ) -> None:
        column = self.headings.column(name)
        if severity is Severity.ERROR:
            self.failed = True
        self.problems.append(
            Problem(
                row=self.row.number,
                column=column.heading if column else FIELD_LABELS.get(name, name),
                code=code,
                params=MappingProxyType(params),
                severity=severity,
                letter=column.letter if column else "",
            )
        )

    def text(self, name: str, limit: int = TEXT_LIMIT, *, multiline: bool = False) -> str:
        value = text_of(self.cell(name), multiline=multiline)
        if len(value) > limit:
            self.problem(name, "text_too_long", limit=limit)
        return value

    def amount(self) -> int:
        cell = self.cell("requested")
        try:
            amount = parse_amount_cell(cell if not isinstance(cell, str) else cell.strip())
        except AmountError as exc:
            self.problem("requested", exc.code, value=exc.text)
            return 0
        if amount == 0:
            # The desk refuses 0 as an amount; a recap's 0 is a figure not filled in.
            self.problem("requested", "amount_zero", value=text_of(cell))
        return amount

    def score(self) -> int | None:
        text = text_of(self.cell("score"))
        if not text:
            return None
        if text.isdigit() and int(text) <= 100:
            return int(text)
        self.problem("score", "score_invalid", value=text)
        return None

    def volume(self, field: str = "volume") -> float | None:
        cell = self.cell(field)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            if cell < 0:
                self.problem(field, "volume_invalid", value=str(cell))
                return None
            return float(cell)
        text = text_of(cell)
        try:
            if self.headings.own_export:
                # Our export writes Python floats, with a decimal comma for Excel: 2.125
                # and 2,125 are both two and an eighth, never 2125.
                value = float(text.replace(",", "."))
                if value < 0 or value != value:
                    raise VolumeError(text)
                return value
            return parse_volume(text)
        except (VolumeError, ValueError):
            self.problem(field, "volume_invalid", value=text)
            return None

    def priority(self) -> int | None:
        cell = self.cell("priority")
        text = text_of(cell)
        if not text:
            return None
        if text.isdigit():
            return int(text)
        self.problem("priority", "priority_invalid", value=text)
        return None


class _Untitled(Enum):
    """What a row with neither a title nor an amount is."""

    GROUP = "group"  # the village column alone: a village's name over its rows
    NOTE = "note"  # a note, a signature line: nothing a proposal is made of
    PROPOSAL = "proposal"  # a proposal whose title and amount were left out


def _untitled_kind(row: SourceRow, headings: Headings) -> _Untitled:
    """Tell a group heading or a note from a proposal whose title was left out.

    Skipping a row that holds a proposal's problem, place or volume would lose it without
    a word, so such a row is a proposal (and its empty title an error). A row of one cell
    is a note, and a row whose only text is in columns the import does not read (a
    signature block, a remark) is one too; both are skipped with a warning.
    """
    fields = _filled_fields(row, headings)
    if fields == ["village"]:
        return _Untitled.GROUP
    data = [f for f in fields if f and not f.startswith("_") and f != "village"]
    if len(fields) <= 1 or not data:
        return _Untitled.NOTE
    return _Untitled.PROPOSAL


def _filled_fields(row: SourceRow, headings: Headings) -> list[str | None]:
    """The field of each cell with text, the row number aside (None: a column not read)."""
    by_index = {column.index: column.field for column in headings.columns}
    fields = [by_index.get(index) for index, cell in enumerate(row.cells) if text_of(cell)]
    return [f for f in fields if f != "_number"]


def _is_total_row(row: SourceRow, title: str) -> bool:
    if title and key(title) not in _TOTAL_WORDS:
        return False
    return any(key(text_of(cell)) in _TOTAL_WORDS for cell in row.cells)


def _match_issues(reader: _RowReader, issues: Sequence[IssueRef]) -> tuple[int, ...]:
    text = reader.text("issues", multiline=True)
    if not text:
        return ()
    by_key: dict[str, int] = {}
    for issue in issues:
        by_key[key(issue.name)] = issue.id
        if issue.code:
            by_key[key(issue.code)] = issue.id
        by_key[str(issue.position)] = issue.id
    whole = by_key.get(key(text))
    if whole is not None:
        return (whole,)
    found: list[int] = []
    for part in _ISSUE_SPLIT.split(text):
        pieces = [part] if key(part) in by_key else part.split(",")
        for piece in pieces:
            wanted = key(piece)
            if not wanted:
                continue
            issue_id = by_key.get(wanted)
            if issue_id is None and len(wanted) >= 4:
                partial = [i.id for i in issues if wanted in key(i.name)]
                issue_id = partial[0] if len(partial) == 1 else None
            if issue_id is None:
                suggestion = closest(piece, [i.name for i in issues])
                if suggestion:
                    reader.problem(
                        "issues",
                        "issue_unknown_suggest",
                        value=piece.strip(),
                        suggestion=suggestion,
                    )
                else:
                    reader.problem("issues", "issue_unknown", value=piece.strip())
                continue
            if issue_id not in found:
                found.append(issue_id)
    return tuple(found)


def heading_problems(headings: Headings, has_default_village: bool) -> list[Problem]:
    """The required columns the heading row lacks (errors) and the headings not
    understood (warnings, so that no column is dropped unawares)."""
    problems: list[Problem] = []
    for name in REQUIRED:
        if headings.column(name) is None and not (name == "village" and has_default_village):
            problems.append(
                Problem(
                    row=headings.row,
                    column=FIELD_LABELS[name],
                    code="column_missing",
                    params=MappingProxyType({"column": FIELD_LABELS[name]}),
                )
            )
    for column in headings.columns:
        if column.field is None:
            problems.append(
                Problem(
                    row=headings.row,
                    column=column.heading,
                    code="column_ignored",
                    severity=Severity.WARNING,
                    letter=column.letter,
                )
            )
    return problems


def validate(
    table: SourceTable,
    headings: Headings,
    context: MeetingContext,
    *,
    default_village_id: int | None = None,
) -> tuple[tuple[ImportRow, ...], tuple[Problem, ...], int]:
    """The rows under the headings as proposals, every problem found, and the rows read."""
    out = _Outcome()
    out.problems.extend(heading_problems(headings, default_village_id is not None))
    villages = {village_key(v.name): v for v in context.villages}
    codes = {v.code: v for v in context.villages if v.code}
    by_id = {v.id: v for v in context.villages}
    default = by_id.get(default_village_id) if default_village_id is not None else None
    existing_refs = {(e.village_id, e.ref.casefold()): e for e in context.existing if e.ref.strip()}
    existing_keys = {(e.village_id, key(e.title), key(e.location)): e for e in context.existing}
    seen_refs: dict[tuple[int, str], int] = {}
    seen_keys: dict[tuple[int, str, str], int] = {}
    last_village_text = ""
    decisions_seen = False

    for source_row in table.rows[headings.data_position :]:
        if all(text_of(cell) == "" for cell in source_row.cells):
            continue
        reader = _RowReader(source_row, headings, out.problems)
        title = reader.text("title", TITLE_LIMIT)
        amount_text = text_of(reader.cell("requested"))
        if _is_total_row(source_row, title):
            reader.problem("", "total_row_skipped", Severity.WARNING)
            continue
        if not title and not amount_text:
            kind = _untitled_kind(source_row, headings)
            heading_text = text_of(reader.cell("village"))
            if kind is _Untitled.GROUP:
                # A village's name over its group of rows: the rows below belong to it.
                # One not in the meeting still ends the group above, so that its rows
                # are refused under the name written rather than given to that village.
                last_village_text = heading_text
                if village_key(heading_text) in villages:
                    continue
            if kind is not _Untitled.PROPOSAL:
                reader.problem("", "row_skipped", Severity.WARNING)
                continue
        out.rows_read += 1
        status_column = headings.column("_status")
        if status_column is not None and status_column.index < len(source_row.cells):
            decisions_seen |= key(text_of(source_row.cells[status_column.index])) not in (
                _PENDING_WORDS
            )

        village = _village(reader, villages, codes, default, last_village_text)
        village_text = text_of(reader.cell("village"))
        if village_text:
            last_village_text = village_text
        if reader.has("title") and not title:
            reader.problem("title", "title_empty")
        requested = reader.amount() if reader.has("requested") else 0
        ref = reader.text("ref", 100)
        location = reader.text("location")
        volume = reader.volume()
        asked = reader.volume("requested_volume")
        asked_volume = asked if asked is not None else volume
        row = ImportRow(
            row=source_row.number,
            village_id=village.id if village else 0,
            village=village.name if village else "",
            ref=ref,
            title=title,
            problem=reader.text("problem", PROBLEM_LIMIT, multiline=True),
            location=location,
            # Our own CSV carries the approved volume and the request beside it; an
            # import is a request again, so the request is its volume.
            volume=asked_volume,
            requested_volume=asked_volume,
            unit=reader.text("unit", 100),
            requested=requested,
            agency=reader.text("agency"),
            agency_origin=reader.text("agency_origin"),
            score=reader.score(),
            priority=reader.priority(),
            category=_category(reader.text("category", 100)),
            issue_ids=_match_issues(reader, context.issues),
        )
        if village is not None and title:
            _check_duplicate(reader, row, existing_refs, existing_keys, seen_refs, seen_keys)
        if not reader.failed:
            out.rows.append(row)

    if decisions_seen:
        out.problems.append(
            Problem(
                row=headings.row,
                column=headings.column("_status").heading,  # type: ignore[union-attr]
                code="decisions_not_imported",
                severity=Severity.WARNING,
                letter=headings.column("_status").letter,  # type: ignore[union-attr]
            )
        )
    if out.rows_read == 0 and not any(p.code == "column_missing" for p in out.problems):
        out.problems.append(Problem(row=None, column="", code="no_rows"))
    return tuple(out.rows), tuple(out.problems), out.rows_read


def _village(
    reader: _RowReader,
    villages: dict[str, VillageRef],
    codes: dict[str, VillageRef],
    default: VillageRef | None,
    previous_text: str,
) -> VillageRef | None:
    if not reader.has("village"):
        return default
    text = text_of(reader.cell("village"))
    if not text:
        # A village written once over its group of rows (merged cells, saved as CSV).
        text = previous_text
        if not text:
            if default is not None:
                return default
            reader.problem("village", "village_empty")
            return None
    found = villages.get(village_key(text)) or codes.get(text.strip())
    if found is not None:
        return found
    suggestion = closest(text, [v.name for v in villages.values()])
    if suggestion:
        reader.problem("village", "village_unknown_suggest", value=text, suggestion=suggestion)
    else:
        reader.problem("village", "village_unknown", value=text)
    return None


def _check_duplicate(
    reader: _RowReader,
    row: ImportRow,
    existing_refs: dict[tuple[int, str], ExistingProposal],
    existing_keys: dict[tuple[int, str, str], ExistingProposal],
    seen_refs: dict[tuple[int, str], int],
    seen_keys: dict[tuple[int, str, str], int],
) -> None:
    ref_key = (row.village_id, row.ref.casefold()) if row.ref.strip() else None
    title_key = (row.village_id, key(row.title), key(row.location))
    match = (existing_refs.get(ref_key) if ref_key else None) or existing_keys.get(title_key)
    if match is not None:
        reader.problem(
            "title",
            "duplicate_existing",
            ref=match.ref or "-",
            title=match.title,
            village=row.village,
        )
        return
    other = (seen_refs.get(ref_key) if ref_key else None) or seen_keys.get(title_key)
    if other is not None:
        reader.problem("title", "duplicate_in_file", other=other)
        return
    if ref_key:
        seen_refs[ref_key] = row.row
    seen_keys[title_key] = row.row


def heading_columns(headings: Headings) -> tuple[Column, ...]:
    """The recognised columns, for a preview that shows how the file was read."""
    return tuple(c for c in headings.columns if c.field and not c.field.startswith("_"))
