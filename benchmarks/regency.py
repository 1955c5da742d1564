"""Build a regency-sized meeting fast (bulk inserts), for the benchmarks.

300 villages x 60 proposals = 18,000 proposals and 50 reviewers by default: the size
of a Musrenbang Kabupaten for the whole of Rembang.
"""

from __future__ import annotations

import random

from sqlalchemy import insert

from lasem_tui.domain.dates import now
from lasem_tui.store import meetings
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting, Proposal, Reviewer, Village


def build(db: Database, *, villages: int = 300, per_village: int = 60, reviewers: int = 50) -> int:
    """Write the meeting; the first village is at the desk. Returns the meeting id."""
    rng = random.Random(7)
    spec = meetings.lasem_meeting(is_demo=False)
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec, with_lasem_template=False)
        meeting_id = meeting.id or 0
        session.execute(
            insert(Reviewer),
            [
                {
                    "meeting_id": meeting_id,
                    "name": f"Peninjau {i:02d}",
                    "role": "BAPPEDA",
                    "position": i,
                }
                for i in range(1, reviewers + 1)
            ],
        )
        session.execute(
            insert(Village),
            [
                {
                    "meeting_id": meeting_id,
                    "code": f"33.17.{i // 20:02d}.{2000 + i % 20 + 1}",
                    "name": f"Desa {i:03d}",
                    "position": i,
                    "state": "at_desk" if i == 1 else "waiting",
                    "desk_started_at": now() if i == 1 else None,
                    "branding": "",
                    "desk_seconds": 0.0,
                }
                for i in range(1, villages + 1)
            ],
        )
        session.flush()
        village_ids = [
            v.id
            for v in session.query(Village)
            .filter(Village.meeting_id == meeting_id)
            .order_by(Village.position)
        ]
        rows = []
        total = 0
        for vid in village_ids:
            for seq in range(1, per_village + 1):
                amount = rng.randint(5, 150) * 5_000_000
                total += amount
                rows.append(
                    {
                        "meeting_id": meeting_id,
                        "village_id": vid,
                        "seq": seq,
                        "ref": f"{vid}.{seq:02d}",
                        "title": f"Usulan kegiatan nomor {seq}",
                        "problem": "Permasalahan contoh",
                        "location": "RT 01 / RW 01",
                        "volume": float(rng.randint(1, 500)),
                        "unit": "m",
                        "requested": amount,
                        "agency": "Dinas Pekerjaan Umum dan Penataan Ruang",
                        "status": "pending",
                        "reason": "",
                        "note": "",
                        "version": 0,
                        "category": "fisik",
                    }
                )
        session.execute(insert(Proposal), rows)
        m = session.get(Meeting, meeting_id)
        assert m is not None
        m.ceiling = int(total / 1.4)
        m.current_reviewer_id = (
            session.query(Reviewer.id)
            .filter(Reviewer.meeting_id == meeting_id)
            .order_by(Reviewer.position)
            .first()[0]
        )
    return meeting_id
