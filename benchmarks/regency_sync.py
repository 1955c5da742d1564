"""The regency: fourteen kecamatan laptops and one regency-size meeting pushed into one
PostgreSQL, then the overview and the Forum Perangkat Daerah export on it (a script,
not a test).

    python benchmarks/regency_sync.py [--pg-url URL] [--villages 300] [--proposals 60]

- 14 laptops, each a SQLite file holding one Musrenbang Kecamatan of 20 villages x 6
  proposals, worked through with the desk's own commands (every village called, every
  proposal decided, some adjusted, rejected, deferred or redirected): full event logs;
- one regency-size SQLite file (300 villages x 60 proposals = 18,000, all decided, with
  their events), the proposals spread over ten OPDs;
- each pushed to a PostgreSQL started here (``tests/pg_server.py``, fsync on), timed:
  the first push, a repeated push of the unchanged meeting, and a push after a few
  more decisions (undos) on the laptop;
- the regency overview read from the server (the query, and the F5 screen's first
  picture), and ``lasem export forum-opd`` as XLSX, DOCX and PDF of everything there.

Goals (issue 18): a kecamatan's push < 5 s, a repeated unchanged push < 1 s, the
overview opening < 1 s, the forum-opd export < 5 s at 18,000 proposals.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, update  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from benchmarks import regency as regency_builder  # noqa: E402
from benchmarks.store_benchmark import build_meeting  # noqa: E402
from lasem_tui.domain import decisions  # noqa: E402
from lasem_tui.domain.dates import now  # noqa: E402
from lasem_tui.domain.states import EventKind, FundingSource, ProposalStatus  # noqa: E402
from lasem_tui.exchange.forum_opd import export_forum  # noqa: E402
from lasem_tui.store import desk, queries, regency  # noqa: E402
from lasem_tui.store.database import Database, open_database  # noqa: E402
from lasem_tui.store.models import Event, Meeting, Proposal  # noqa: E402
from lasem_tui.store.sync.copier import copy_meeting, find_meeting  # noqa: E402

KECAMATAN = (
    "Sumber", "Bulu", "Gunem", "Sale", "Sarang", "Sedan", "Pamotan",
    "Sulang", "Kaliori", "Rembang", "Pancur", "Kragan", "Sluke", "Lasem",
)  # fmt: skip
AGENCIES = (
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Pendidikan, Pemuda dan Olahraga",
    "Dinas Kesehatan",
    "Dinas Pertanian dan Pangan",
    "Dinas Kelautan dan Perikanan",
    "Dinas Kebudayaan dan Pariwisata",
    "Dinas Lingkungan Hidup",
    "Dinas Sosial, Pemberdayaan Perempuan dan Keluarga Berencana",
    "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
)


def timed(work) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


# --- the laptops ---------------------------------------------------------------------


def kecamatan_laptop(path: Path, name: str) -> Database:
    """A Musrenbang Kecamatan worked through at the desk, decision by decision."""
    db = open_database(str(path))
    meeting_id = regency_builder.build(db, villages=20, per_village=6, reviewers=5)
    with db.write() as session:
        session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id)
            .values(
                title=f"Musrenbang Kecamatan {name} 2023",
                kecamatan=name,
                kabupaten="Rembang",
                kind="musrenbang_kecamatan",
            )
        )
        for index, agency in enumerate(AGENCIES):
            session.execute(
                update(Proposal)
                .where(Proposal.meeting_id == meeting_id, Proposal.seq == index % 6 + 1)
                .where(col(Proposal.id) % len(AGENCIES) == index)
                .values(agency=agency)
            )
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0].id
        village_ids = [v.id for v in queries.villages(session, meeting_id)]
    for village_id in village_ids:
        with db.read() as session:
            rows = queries.proposals_of_village(session, village_id)
        for row in rows:
            desk.decide(
                db,
                meeting_id,
                row.id,
                _decision(row),
                reviewer_id=reviewer,
                expected_version=row.version,
            )
        desk.call_next(db, meeting_id, reviewer_id=reviewer, current_village_id=village_id)
    return db


def _decision(row) -> decisions.Decision:  # type: ignore[no-untyped-def]
    kind = row.seq % 6
    if kind == 4:
        return decisions.refuse(ProposalStatus.REJECTED, "Bukan kewenangan kabupaten")
    if kind == 5:
        return decisions.refuse(
            ProposalStatus.REDIRECTED, "Dialihkan ke Dana Desa", FundingSource.APBDES
        )
    if kind == 3:
        return decisions.adjust(
            row.requested,
            row.volume,
            amount=row.requested // 2,
            new_volume=None,
            note="Disesuaikan dengan pagu",
        )
    return decisions.accept(row.requested, row.volume)


def regency_laptop(path: Path, villages: int, per_village: int) -> Database:
    """The regency-size meeting: every proposal decided, with its event, ten OPDs."""
    db = open_database(str(path))
    meeting_id = build_meeting(db, villages, per_village)
    with db.write() as session:
        session.execute(
            update(Meeting).where(Meeting.id == meeting_id).values(kecamatan="Kabupaten")
        )
        pending = session.exec(
            select(Proposal.id, Proposal.village_id, Proposal.requested).where(
                Proposal.meeting_id == meeting_id, Proposal.status == "pending"
            )
        ).all()
        reviewer = session.exec(
            select(Meeting.current_reviewer_id).where(Meeting.id == meeting_id)
        ).one()
        session.execute(
            update(Proposal)
            .where(Proposal.meeting_id == meeting_id, Proposal.status == "pending")
            .values(
                status="accepted",
                approved=Proposal.requested,
                decided_by_id=reviewer,
                decided_at=now(),
                version=1,
            )
        )
        session.execute(
            insert(Event),
            [
                {
                    "meeting_id": meeting_id,
                    "at": now(),
                    "reviewer_id": reviewer,
                    "kind": EventKind.DECIDE.value,
                    "proposal_id": proposal_id,
                    "village_id": village_id,
                    "before": '{"status": "pending", "version": 0}',
                    "after": '{"status": "accepted", "version": 1}',
                }
                for proposal_id, village_id, _ in pending
            ],
        )
        for index, agency in enumerate(AGENCIES):
            session.execute(
                update(Proposal)
                .where(Proposal.meeting_id == meeting_id)
                .where(col(Proposal.id) % len(AGENCIES) == index)
                .values(agency=agency)
            )
    return db


# --- the measures --------------------------------------------------------------------


def overview_screen_seconds(server: Database) -> float:
    """F5 at the desk on the server: from the key to the overview's first picture."""
    from lasem_tui.ui.app import LasemApp

    async def run() -> float:
        app = LasemApp(server)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            start = time.perf_counter()
            await pilot.press("f5")
            while getattr(app.screen, "state", None) is None:
                await pilot.pause()
            return time.perf_counter() - start

    return asyncio.run(run())


def report(label: str, values: list[float], goal: float | None = None) -> None:
    worst = max(values)
    verdict = "" if goal is None else ("  ok" if worst < goal else f"  OVER the {goal:g} s goal")
    if len(values) == 1:
        print(f"  {label:<44} {worst:8.3f} s{verdict}")
        return
    print(f"  {label:<44} median {statistics.median(values):6.3f} s, max {worst:6.3f} s{verdict}")


def run(server_url: str, folder: Path, villages: int, per_village: int) -> None:
    server = open_database(server_url)
    print(f"laptops in {folder}; server {server.url}")
    started = time.perf_counter()
    laptops = [kecamatan_laptop(folder / f"{n.lower()}.db", n) for n in KECAMATAN]
    print(f"  14 kecamatan laptops worked through in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    big = regency_laptop(folder / "kabupaten.db", villages, per_village)
    print(f"  regency-size laptop written in {time.perf_counter() - started:.1f} s")

    first, again, more = [], [], []
    for laptop in laptops:
        _, uuid, _ = find_meeting(laptop, None)
        seconds, _ = timed(lambda laptop=laptop, uuid=uuid: copy_meeting(laptop, server, uuid))
        first.append(seconds)
        seconds, result = timed(lambda laptop=laptop, uuid=uuid: copy_meeting(laptop, server, uuid))
        assert result.unchanged  # type: ignore[union-attr]
        again.append(seconds)
    # More work on one laptop after its push: five undos.
    laptop = laptops[-1]
    _, uuid, _ = find_meeting(laptop, None)
    meeting_id = find_meeting(laptop, uuid)[0]
    with laptop.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0].id
    for _ in range(5):
        desk.undo(laptop, meeting_id, reviewer_id=reviewer)
    seconds, result = timed(lambda: copy_meeting(laptop, server, uuid))
    more.append(seconds)
    sent = result.events_sent  # type: ignore[union-attr]

    _, big_uuid, _ = find_meeting(big, None)
    big_first, _ = timed(lambda: copy_meeting(big, server, big_uuid))
    big_again, result = timed(lambda: copy_meeting(big, server, big_uuid))
    assert result.unchanged  # type: ignore[union-attr]

    with server.read() as session:
        proposals = session.exec(select(func.count(col(Proposal.id)))).one()
        events = session.exec(select(func.count(col(Event.id)))).one()
    print(f"\nserver: {proposals:,} proposals, {events:,} events in 15 meetings\n")
    print("push (SQLite laptop -> PostgreSQL), one transaction each")
    report("kecamatan, first push (120 proposals)", first, 5)
    report("kecamatan, unchanged push", again, 1)
    report(f"kecamatan, push after 5 undos ({sent} events)", more, 5)
    report(f"regency size, first push ({villages * per_village:,})", [big_first])
    report("regency size, unchanged push", [big_again], 1)

    fresh = open_database(server_url)
    overview_seconds, overview = timed(lambda: _overview(fresh))
    screen_seconds = overview_screen_seconds(open_database(server_url))
    print("\nregency overview on the server")
    report(f"overview query ({len(overview.meetings)} meetings)", [overview_seconds], 1)  # type: ignore[union-attr]
    report("F5 at the desk, to the first picture", [screen_seconds], 1)

    print("\nlasem export forum-opd of everything on the server")
    for suffix in ("xlsx", "docx", "pdf"):
        target = folder / f"forum-opd.{suffix}"
        cpu = time.process_time()
        seconds, _ = timed(lambda target=target: export_forum(fresh, target, force=True))
        cpu = time.process_time() - cpu
        label = f"{suffix} ({target.stat().st_size // 1024:,} KB, {cpu:.1f} s of CPU)"
        report(label, [seconds], 5)
    load = os.getloadavg()[0]
    print(f"\n(load average at the end: {load:.1f} on {os.cpu_count()} CPUs)")
    for database in (*laptops, big, server, fresh):
        database.dispose()


def _overview(db: Database):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return regency.overview(session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", help="an empty database on a server (default: start one)")
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--proposals", type=int, default=60)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lasem-regency-"))
    server = None
    url = args.pg_url
    if url is None:
        from tests.pg_server import PgServer

        server = PgServer(durable=True)
        url = server.start()
    try:
        run(url, folder, args.villages, args.proposals)
    finally:
        if server is not None:
            server.destroy()


if __name__ == "__main__":
    main()
