"""The meeting's own clock for the documents: WIB, WITA or WIT as set in setup.

Times are stored in UTC; a document prints them in the meeting's zone, not the zone of
the laptop that happens to export, and never the moment of the export itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from lasem_tui.domain.states import VillageState
from lasem_tui.domain.zones import zone
from lasem_tui.store.views import VillageRow


def clock_text(value: datetime | None, zone_name: str) -> str:
    """``08.30 WIB``; dots where nothing was recorded."""
    tz = zone(zone_name)
    if value is None:
        return f"..... {tz.tzname(None)}"
    moment = value.astimezone(tz)
    return f"{moment:%H.%M} {tz.tzname(None)}"


def desk_started(villages: tuple[VillageRow, ...]) -> datetime | None:
    """When the first village sat down at the desk, as recorded."""
    starts: list[datetime] = []
    for village in villages:
        if village.desk_started_at is not None:
            starts.append(village.desk_started_at)
        if village.finished_at is not None:
            starts.append(village.finished_at - timedelta(seconds=village.desk_seconds))
    return min(starts) if starts else None


def desk_finished(villages: tuple[VillageRow, ...]) -> datetime | None:
    """When the last village left the desk, once none is waiting or at the desk."""
    if not villages or any(
        v.state in (VillageState.WAITING, VillageState.AT_DESK) for v in villages
    ):
        return None
    ends = [v.finished_at for v in villages if v.finished_at is not None]
    return max(ends) if ends else None
