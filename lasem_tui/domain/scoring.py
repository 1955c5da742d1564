"""Skoring: a meeting's criteria, each weighted and rated on a 1-5 scale, give a
proposal a score from 0 to 100.

Level 1 counts as nothing and level 5 as the criterion's full weight, so the score uses
the whole 0-100 range. Only the criteria a proposal has been rated on count (their
weights normalised), so adding a criterion later does not wipe the scores given so far.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LEVELS = (1, 2, 3, 4, 5)
MAX_WEIGHT = 100


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion of a meeting: its name, weight and the label of each level."""

    id: int
    name: str
    weight: int
    labels: tuple[str, str, str, str, str] = ("", "", "", "", "")


def weighted_score(criteria: Sequence[Criterion], levels: Mapping[int, int]) -> int | None:
    """The 0-100 score for ``levels`` (criterion id -> 1..5), or None when nothing rated.

    Criteria with weight 0 or without a level are left out; a level outside 1-5 is a
    programming error (the dialog and the store only pass 1-5).
    """
    total_weight = 0
    points = 0.0
    for criterion in criteria:
        level = levels.get(criterion.id)
        if level is None or criterion.weight <= 0:
            continue
        if level not in LEVELS:
            raise ValueError(f"level {level}")
        total_weight += criterion.weight
        points += criterion.weight * (level - 1) / 4
    if total_weight == 0:
        return None
    return round(100 * points / total_weight)


#: The set a new meeting from the Lasem template starts with: the questions the 2023
#: desk asked of each proposal ("dicermati dan dikaji"), all editable in setup.
DEFAULT_CRITERIA: tuple[tuple[str, int, tuple[str, str, str, str, str]], ...] = (
    (
        "Jumlah penerima manfaat (KK)",
        30,
        ("< 25 KK", "25-50 KK", "51-100 KK", "101-250 KK", "> 250 KK"),
    ),
    (
        "Urgensi",
        25,
        ("dapat ditunda", "kurang mendesak", "cukup mendesak", "mendesak", "sangat mendesak"),
    ),
    (
        "Kesesuaian isu strategis dan branding desa",
        20,
        ("tidak sesuai", "kurang sesuai", "cukup sesuai", "sesuai", "sangat sesuai"),
    ),
    (
        "Kesiapan lahan",
        15,
        ("belum ada", "dalam proses", "ada, belum bersertifikat", "siap", "siap dan hibah"),
    ),
    (
        "Biaya",
        10,
        ("> Rp 1 M", "Rp 500 jt-1 M", "Rp 250-500 jt", "Rp 100-250 jt", "< Rp 100 jt"),
    ),
)
