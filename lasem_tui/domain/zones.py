"""Indonesia's three time zones: a meeting keeps its own, whatever the laptop's clock."""

from __future__ import annotations

from datetime import timedelta, timezone

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


def zone(name: str) -> timezone:
    """The fixed offset of WIB, WITA or WIT; an unknown name falls back to WIB."""
    key = name.upper() if name and name.upper() in ZONES else "WIB"
    return timezone(timedelta(hours=ZONES[key]), key)
