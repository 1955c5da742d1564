"""SIPD's recommendation cells, read and written. Pure.

Each level's recommendation in SIPD's usulan export is one cell of text with the
volume and the amount written inside it::

    Diakomodir dengan perubahan
    Koefisien : 2 Unit
    Anggaran : 150.000.000

An export writes the kecamatan's the same way the operator types it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lasem_tui.domain.money import AmountError, VolumeError, parse_amount, parse_volume

_KOEFISIEN = re.compile(r"koefisien\s*:?\s*([-\d.,]+)\s*([^\n,;]*)", re.IGNORECASE)
_ANGGARAN = re.compile(r"anggaran\s*:?\s*((?:rp\.?\s*)?[\d.,]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Recommendation:
    """One level's recommendation: the cell's text, and the numbers found in it."""

    level: str  # the heading without "Rekomendasi": "Kecamatan", "Desa/Kelurahan", ...
    text: str
    koefisien: float | None = None
    anggaran: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "level": self.level,
            "text": self.text,
            "koefisien": self.koefisien,
            "anggaran": self.anggaran,
        }


def parse_recommendation(level: str, text: str) -> Recommendation:
    """Read a recommendation cell; a number that cannot be read stays in the text."""
    koefisien: float | None = None
    anggaran: int | None = None
    match = _KOEFISIEN.search(text)
    if match:
        try:
            koefisien = parse_volume(match.group(1).rstrip(".,"))
        except VolumeError:
            koefisien = None
    match = _ANGGARAN.search(text)
    if match:
        try:
            anggaran = parse_amount(match.group(1))
        except AmountError:
            anggaran = None
    return Recommendation(level=level, text=text.strip(), koefisien=koefisien, anggaran=anggaran)


def level_of(heading: str) -> str | None:
    """``Rekomendasi Kecamatan`` -> ``Kecamatan``; None for any other heading."""
    match = re.match(r"\s*rekomendasi\b[\s:_-]*(.*)$", heading, re.IGNORECASE)
    if match is None:
        return None
    return match.group(1).strip() or "-"
