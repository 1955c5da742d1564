"""How the review table shares its width: the title takes what is free.

The table once had fixed widths: at 120x36 the volume column showed as "V" and titles
were cut at 24 characters; at 100x30 the status column was off screen. Now the number,
the amounts and the status always stay; the less important columns (the last of the
table's columns first: agency, location, volume, ...) give way whole rather than as a
stub; then the amounts shorten to "270 jt"; the title gets every column left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Always in view, at 80x24 and up (the score only where the meeting scores).
KEPT = ("rank", "no", "title", "requested", "approved", "status", "score")
#: A DataTable cell's padding, one column on each side.
PAD = 2
#: Below this the title would be cut too short to read: other columns give way first.
TITLE_COMFORT = 28
TITLE_MIN = 12
#: The amounts' short form ("270 jt", "1,09 M").
COMPACT_AMOUNT = 7


@dataclass(frozen=True)
class TablePlan:
    """The columns to show, in order, with their widths; and the amounts' form."""

    columns: tuple[str, ...]
    widths: Mapping[str, int]
    compact_amounts: bool


def plan_columns(
    width: int, columns: Sequence[str], widths: Mapping[str, int], longest_title: int
) -> TablePlan:
    """Fit ``columns`` (ideal ``widths``) into ``width`` characters of table."""
    optional = [c for c in columns if c not in KEPT]
    shown = list(columns)
    sizes = dict(widths)

    def others() -> int:
        return sum(sizes[c] + PAD for c in shown if c != "title") + PAD

    while optional and width - others() < TITLE_COMFORT:
        shown.remove(optional.pop())
    compact = False
    if width - others() < TITLE_COMFORT:
        compact = True
        for column in ("requested", "approved"):
            sizes[column] = COMPACT_AMOUNT
    sizes["title"] = max(TITLE_MIN, min(width - others(), max(longest_title, TITLE_MIN)))
    return TablePlan(tuple(c for c in columns if c in shown), sizes, compact)
