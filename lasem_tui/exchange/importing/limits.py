"""How much one import may bring: limits a real kecamatan never reaches but a mistake does.

A whole regency's recap, or a row copied down to the end of the sheet, would otherwise
be read into memory in full and then slow every decision at the desk. The limits are in
the settings (``import_max_proposals``, ``import_max_per_village``). The readers stop as
soon as a file holds more rows than the first allows, before the rest is kept; the
preview then counts the proposals per village, with those the meeting has already.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from types import MappingProxyType

from lasem_tui import settings
from lasem_tui.domain.importing.model import ImportFileError, ImportRow, Problem
from lasem_tui.exchange.importing.headings import FIELD_LABELS

#: Rows a recap holds besides its proposals (title block, village group headings,
#: totals, notes, signatures), allowed on top of the per-file limit while reading.
OTHER_ROWS = 200


def max_proposals() -> int:
    return settings.load().import_max_proposals


def max_per_village() -> int:
    return settings.load().import_max_per_village


class RowCounter:
    """Counts the non-blank rows a reader keeps and refuses the file past the limit."""

    def __init__(self) -> None:
        self.limit = max_proposals()
        self.cap = self.limit + OTHER_ROWS
        self.kept = 0

    def add(self, cells: Iterable[object]) -> None:
        if any(cell not in (None, "") for cell in cells):
            self.kept += 1
            if self.kept > self.cap:
                raise ImportFileError("too_many_rows", limit=self.limit)


def scale_problems(
    rows: tuple[ImportRow, ...], existing_per_village: Counter[int]
) -> tuple[Problem, ...]:
    """The limits as problems of the file: too many proposals, or too many for a village
    once those the meeting already has are counted."""
    problems: list[Problem] = []
    limit = max_proposals()
    if len(rows) > limit:
        problems.append(
            Problem(
                row=None, column="", code="too_many_rows", params=MappingProxyType({"limit": limit})
            )
        )
    per_village = max_per_village()
    counts = Counter(row.village_id for row in rows)
    names = {row.village_id: row.village for row in rows}
    for village_id, count in counts.items():
        total = count + existing_per_village.get(village_id, 0)
        if total > per_village:
            problems.append(
                Problem(
                    row=None,
                    column=FIELD_LABELS["village"],
                    code="too_many_in_village",
                    params=MappingProxyType(
                        {"village": names[village_id], "count": total, "limit": per_village}
                    ),
                )
            )
    return tuple(problems)
