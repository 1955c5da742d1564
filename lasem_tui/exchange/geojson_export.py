"""Every proposal with coordinates as a GeoJSON point, for QGIS or any web map.

RFC 7946: a FeatureCollection of Point features whose coordinates are [longitude,
latitude] in WGS 84, with the village, title, amounts and decision as properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lasem_tui.exchange.record import STATUS_WORDS, ProgressCallback, no_progress
from lasem_tui.exchange.sipd_export import recommendation_text
from lasem_tui.store import sipd as sipd_store
from lasem_tui.store.database import Database
from lasem_tui.store.sipd import SipdMeeting


def collection(meeting: SipdMeeting) -> dict[str, Any]:
    """The FeatureCollection of the meeting's proposals that have coordinates."""
    features = []
    for p in meeting.proposals:
        if p.latitude is None or p.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
                "properties": {
                    "village": p.village,
                    "ref": p.ref,
                    "sipd_id": p.sipd_id or None,
                    "title": p.title,
                    "location": p.location,
                    "agency": p.agency,
                    "requested": p.requested,
                    "approved": p.approved if p.status.is_approved else None,
                    "status": p.status.value,
                    "decision": STATUS_WORDS[p.status],
                    "recommendation": recommendation_text(p.status, p.reason, p.note),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": f"{meeting.title} {meeting.year}",
        "features": features,
    }


def write_geojson(
    db: Database, meeting_id: int, path: Path, progress: ProgressCallback = no_progress
) -> tuple[int, int]:
    """Write the file; returns (points written, proposals without coordinates)."""
    with db.read() as session:
        meeting = sipd_store.sipd_meeting(session, meeting_id)
    progress(1, 2)
    data = collection(meeting)
    with path.open("w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    progress(2, 2)
    points = len(data["features"])
    return points, len(meeting.proposals) - points
