"""How long each export takes at regency size (300 villages x 60 proposals = 18,000).

Not a test: run it by hand and read the figures (goal: every export under 5 s, issues
16 and 18). Each line gives the wall time and the CPU time of this process: the machine
may be shared, and the CPU time is what a comparison under load should go by.

After the meeting's own exports, every proposal is accepted, spread over ten OPDs as in
``regency_sync.py``, and ``lasem export forum-opd`` is timed at 18,000 proposals (here on
SQLite; ``regency_sync.py`` times it on PostgreSQL).

    python benchmarks/export_speed.py [--villages 300] [--per-village 60]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, update
from sqlmodel import col, select

from benchmarks.regency_sync import AGENCIES
from lasem_tui.domain.dates import now
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.exchange.exports import FORMATS, export
from lasem_tui.exchange.forum_opd import export_forum
from lasem_tui.exchange.minutes import editor_text, refreshed_text
from lasem_tui.exchange.record import read_record
from lasem_tui.store import meetings
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.models import Attendee, Proposal, Reviewer, Village

TITLES = (
    "Rehabilitasi jalan lingkungan",
    "Pembangunan saluran drainase",
    "Pembangunan talud penahan tanah",
    "Rehabilitasi rumah tidak layak huni (RTLH)",
    "Peningkatan sarana posyandu",
    "Pelatihan membatik tulis bagi pemuda",
)


def build(db: Database, villages: int, per_village: int) -> int:
    rng = random.Random(1)
    spec = meetings.NewMeeting(
        title="Musrenbang Kabupaten Rembang 2023",
        held_on=date(2023, 3, 15),
        kecamatan="",
        kabupaten="Rembang",
        venue="Pendopo Museum R.A. Kartini",
        is_demo=True,
    )
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec, with_lasem_template=False)
        meeting_id = meeting.id or 0
        meeting.ceiling = villages * per_village * 150_000_000
        reviewer = Reviewer(meeting_id=meeting_id, name="Peninjau", position=1)
        session.add(reviewer)
        session.flush()
        session.execute(
            insert(Village),
            [
                {
                    "meeting_id": meeting_id,
                    "code": f"33.17.{v // 20:02d}.20{v % 20:02d}",
                    "name": f"Desa {v:03d}",
                    "position": v,
                    "state": "waiting",
                    "ceiling": per_village * 150_000_000,
                    "branding": "",
                    "desk_seconds": 0.0,
                }
                for v in range(1, villages + 1)
            ],
        )
        ids = session.exec(select(Village.id).where(Village.meeting_id == meeting_id)).all()
        statuses = list(ProposalStatus)
        rows = []
        for vid in ids:
            for seq in range(1, per_village + 1):
                status = rng.choice(statuses)
                requested = rng.randint(5, 150) * 5_000_000
                rows.append(
                    {
                        "meeting_id": meeting_id,
                        "village_id": vid,
                        "seq": seq,
                        "ref": f"{vid:03d}.{seq:02d}",
                        "title": rng.choice(TITLES),
                        "problem": "Jalan rusak berlubang, sulit dilalui saat hujan",
                        "location": f"RT {rng.randint(1, 9):02d} / RW {rng.randint(1, 5):02d}",
                        "volume": float(rng.randint(1, 900)),
                        "requested_volume": float(rng.randint(1, 900)),
                        "priority": seq,
                        "unit": "m",
                        "requested": requested,
                        "approved": requested * 7 // 10 if status.is_approved else None,
                        "agency": "Dinas Pekerjaan Umum dan Penataan Ruang",
                        "category": "fisik",
                        "status": status.value,
                        "reason": "Ditunda ke tahun berikutnya karena pagu tidak mencukupi"
                        if status.needs_reason
                        else "",
                        "note": "",
                        "funding_source": FundingSource.APBDES.value
                        if status is ProposalStatus.REDIRECTED
                        else None,
                        "decided_by_id": reviewer.id
                        if status is not ProposalStatus.PENDING
                        else None,
                        "decided_at": now() if status is not ProposalStatus.PENDING else None,
                        "version": 1,
                    }
                )
        session.execute(insert(Proposal), rows)
        session.execute(
            insert(Attendee),
            [
                {
                    "meeting_id": meeting_id,
                    "position": index,
                    "name": f"Peserta {index}",
                    "jabatan": "Kepala Desa",
                    "institution": f"Desa {index:03d}",
                    "group": "desa",
                    "present": index % 3 != 0,
                }
                for index in range(1, 2 * villages + 1)
            ],
        )
    return meeting_id


def accept_all(db: Database, meeting_id: int) -> None:
    """Every proposal accepted, ten OPDs in turn: the forum-opd export's worst case."""
    with db.write() as session:
        session.execute(
            update(Proposal)
            .where(col(Proposal.meeting_id) == meeting_id)
            .values(status=ProposalStatus.ACCEPTED.value, approved=Proposal.requested)
        )
        for index, agency in enumerate(AGENCIES):
            session.execute(
                update(Proposal)
                .where(col(Proposal.meeting_id) == meeting_id)
                .where(col(Proposal.id) % len(AGENCIES) == index)
                .values(agency=agency)
            )


class Clock:
    """Wall and CPU seconds of one step."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s ({self.cpu:5.2f} s CPU)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--per-village", type=int, default=60)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lasem-bench-"))
    db = open_database(str(folder / "bench.db"))
    meeting_id = build(db, args.villages, args.per_village)
    print(f"{args.villages} villages x {args.per_village} proposals")
    print(f"(load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    with Clock() as clock:
        read_record(db, meeting_id)
    print(f"  read record      {clock}")
    with Clock() as clock:
        text = editor_text(db, meeting_id)
    print(f"  minutes template {clock} ({len(text):,} chars)")
    with Clock() as clock:
        refreshed_text(db, meeting_id, "Ketikan notulis.\n" + text)
    print(f"  minutes refresh  {clock}")
    # The notulen and the slips come as DOCX or PDF by the file's suffix: time both.
    targets = [(fmt, folder) for fmt in FORMATS]
    targets += [("minutes", folder / "notulen.pdf"), ("slips", folder / "slips.docx")]
    for fmt, target in targets:
        with Clock() as clock:
            result = export(db, meeting_id, fmt, target, force=True)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in result.paths)
        print(f"  export {fmt:<10} {clock} ({sizes})")
    accept_all(db, meeting_id)
    for suffix in ("xlsx", "docx", "pdf"):
        forum = folder / f"forum-opd.{suffix}"
        with Clock() as clock:
            export_forum(db, forum, force=True)
        print(f"  forum-opd {suffix:<7} {clock} ({forum.stat().st_size / 1e6:.1f} MB)")
    print(f"(load average at the end: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
