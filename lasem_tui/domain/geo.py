"""Coordinates as villages write them: in an address, or in columns of their own.

SIPD's address field often ends with the point the operator picked on its map
("Dusun Krajan RT 02, -6.6921, 111.4472"); a recap may carry ``lintang`` / ``bujur``
columns or one ``koordinat`` column. Pure: no I/O.
"""

from __future__ import annotations

import re

#: Two decimal degrees side by side: latitude first (Indonesia is south: negative).
_PAIR = re.compile(r"(?<![\d.,])(-?\d{1,2}\.\d{2,})\s*[,;/ ]\s*(-?\d{1,3}\.\d{2,})(?![\d.])")
#: The same with decimal commas, the pair then split by a semicolon or a space.
_PAIR_COMMA = re.compile(r"(?<![\d.,])(-?\d{1,2},\d{2,})\s*[; /]\s*(-?\d{1,3},\d{2,})(?![\d,])")


class CoordinateError(ValueError):
    """A coordinate that cannot be read, or that is not on Earth."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def valid(latitude: float, longitude: float) -> bool:
    """Whether the pair is a point on Earth."""
    return -90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0


def find_in_text(text: str) -> tuple[float, float] | None:
    """The (latitude, longitude) written in an address, or None when there is none."""
    for pattern in (_PAIR, _PAIR_COMMA):
        match = pattern.search(text or "")
        if match:
            latitude = float(match.group(1).replace(",", "."))
            longitude = float(match.group(2).replace(",", "."))
            if valid(latitude, longitude):
                return latitude, longitude
    return None


def parse_degree(text: object) -> float:
    """One decimal degree from a cell: a number, ``-6.6921`` or ``-6,6921``."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    raw = str(text).strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError as exc:
        raise CoordinateError(str(text)) from exc
    if value != value or value in (float("inf"), float("-inf")):
        raise CoordinateError(str(text))
    return value


def parse_pair(latitude: object, longitude: object) -> tuple[float, float]:
    """A point from a latitude cell and a longitude cell; refused when off the Earth."""
    lat, lon = parse_degree(latitude), parse_degree(longitude)
    if not valid(lat, lon):
        raise CoordinateError(f"{latitude}, {longitude}")
    return lat, lon


def parse_koordinat(text: str) -> tuple[float, float]:
    """A ``koordinat`` cell: "-6.6921, 111.4472" (or with decimal commas)."""
    found = find_in_text(str(text))
    if found is None:
        raise CoordinateError(str(text))
    return found


def format_point(latitude: float | None, longitude: float | None) -> str:
    """``-6.69210, 111.44720`` as the detail panel shows it; ``-`` without a point."""
    if latitude is None or longitude is None:
        return "-"
    return f"{latitude:.5f}, {longitude:.5f}"
