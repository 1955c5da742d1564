"""The kamus usulan's arithmetic and matching: volume x unit price, and which entry a
proposal's title and unit come closest to. Pure, so the desk's flags, the adjust
dialog and the import's suggestions all follow one rule."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class KamusFlag(StrEnum):
    """How a proposal stands against the kamus usulan."""

    MATCHES = "matches"  # linked, and its amount is volume x unit price
    MISMATCH = "mismatch"  # linked, but the amount is not volume x unit price
    OUTSIDE = "outside"  # not linked to any entry of the kamus
    NO_KAMUS = "no_kamus"  # the meeting has no kamus: nothing to say


#: Rounding: a rupiah either way is not a difference.
TOLERANCE = 1


def amount_for(volume: float | None, unit_price: int) -> int | None:
    """The amount a volume comes to at the kamus's unit price (rounded to the rupiah)."""
    if volume is None or unit_price <= 0:
        return None
    return round(volume * unit_price)


def implied_volume(amount: int | None, unit_price: int) -> float | None:
    """The volume an amount buys at the unit price, to two decimals."""
    if amount is None or unit_price <= 0:
        return None
    return round(amount / unit_price, 2)


def kamus_flag(
    *,
    has_kamus: bool,
    unit_price: int | None,
    volume: float | None,
    amount: int | None,
) -> KamusFlag:
    """The flag for the table and the detail panel.

    ``unit_price`` is the linked entry's (None when not linked); ``amount`` the one that
    counts now (approved when decided, else requested).
    """
    if unit_price is None:
        return KamusFlag.OUTSIDE if has_kamus else KamusFlag.NO_KAMUS
    expected = amount_for(volume, unit_price)
    if expected is None or amount is None:
        return KamusFlag.MISMATCH if unit_price > 0 else KamusFlag.MATCHES
    return KamusFlag.MATCHES if abs(expected - amount) <= TOLERANCE else KamusFlag.MISMATCH


@dataclass(frozen=True)
class Candidate:
    """A kamus entry as matching needs it."""

    id: int
    name: str
    unit: str


_WORDS = re.compile(r"[^0-9a-z]+")
#: Below this likeness a suggestion would mislead more than help.
CUTOFF = 0.6


def _folded(text: str) -> str:
    return " ".join(_WORDS.sub(" ", str(text).casefold()).split())


def closest_entry(
    title: str, unit: str, entries: Sequence[Candidate]
) -> tuple[Candidate, float] | None:
    """The entry whose name is most like ``title`` among those of the same unit (or of
    no unit), with its likeness from 0 to 1; None when none is close enough."""
    wanted_unit = _folded(unit)
    wanted = _folded(title)
    best: tuple[Candidate, float] | None = None
    for entry in entries:
        entry_unit = _folded(entry.unit)
        if wanted_unit and entry_unit and entry_unit != wanted_unit:
            continue
        ratio = difflib.SequenceMatcher(None, wanted, _folded(entry.name)).ratio()
        if ratio >= CUTOFF and (best is None or ratio > best[1]):
            best = (entry, ratio)
    return best
