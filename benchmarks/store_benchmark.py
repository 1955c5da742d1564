"""The store at regency size, on SQLite and on PostgreSQL side by side (a script, not a test).

    python benchmarks/store_benchmark.py [--villages 300] [--proposals 60] [--repeat 40]
                                         [--pg-url URL | --no-pg]

A meeting of 300 villages x 60 proposals (18,000) with 50 reviewers, half of the
proposals already decided, is written to a SQLite file and to a PostgreSQL database;
then, on each:

- decision: ``desk.decide`` from the call to the commit;
- decision + tally: the same plus re-reading the meeting's and the village's tally,
  which is what the desk does before it repaints;
- decision, hard ceiling: the same decision with the meeting set to a hard ceiling
  (the check sums the approved total inside the write, holding the meeting row);
- seen by a second desk: from the first desk's call to the moment another process,
  polling its own connection every half millisecond, reads the new state;
- load a village: a village's 60 proposals read on a fresh session;
- desk state: everything the desk screen reads for a village (queue of 300, tallies).

Without ``--pg-url`` a throwaway PostgreSQL is started with ``tests/pg_server.py``, with
fsync on (like SQLite's ``synchronous=FULL``) so commits cost what they would at the
meeting. Figures are medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, update  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from lasem_tui.domain import decisions  # noqa: E402
from lasem_tui.domain.dates import now  # noqa: E402
from lasem_tui.domain.states import EventKind  # noqa: E402
from lasem_tui.store import desk, meetings, queries  # noqa: E402
from lasem_tui.store.database import Database, open_database  # noqa: E402
from lasem_tui.store.models import Event, Meeting, Proposal, Village  # noqa: E402

REVIEWERS = 50


# --- the regency-size meeting --------------------------------------------------------------


def build_meeting(db: Database, villages: int, per_village: int) -> int:
    """Write the meeting in bulk; returns its id."""
    spec = meetings.NewMeeting(
        title="Musrenbang Kabupaten Rembang (benchmark)",
        held_on=date(2023, 3, 14),
        kabupaten="Rembang",
    )
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec, with_lasem_template=False)
        meeting_id = meeting.id or 0
        reviewer_ids = meetings.add_reviewers(
            session, meeting_id, [(f"Peninjau {n:02d}", "BAPPEDA") for n in range(1, 51)]
        )
        meeting.current_reviewer_id = reviewer_ids[0]
        session.execute(
            insert(Village),
            [
                {
                    "meeting_id": meeting_id,
                    "code": f"33.17.{v // 30 + 1:02d}.{2000 + v % 30 + 1}",
                    "name": f"Desa {v + 1:03d}",
                    "position": v + 1,
                    "state": "waiting",
                    "branding": "",
                    "desk_seconds": 0.0,
                }
                for v in range(villages)
            ],
        )
        village_ids = session.exec(
            select(Village.id).where(Village.meeting_id == meeting_id).order_by(Village.position)
        ).all()
        rows = []
        for index, village_id in enumerate(village_ids):
            for seq in range(1, per_village + 1):
                requested = (25 + (index * 7 + seq * 13) % 700) * 1_000_000
                decided = seq % 2 == 0
                rows.append(
                    {
                        "meeting_id": meeting_id,
                        "village_id": village_id,
                        "seq": seq,
                        "ref": f"{index + 1:03d}.{seq:02d}",
                        "title": f"Usulan {seq} desa {index + 1}",
                        "problem": "Jalan lingkungan rusak, sulit dilalui saat hujan",
                        "location": f"RT {seq % 6 + 1:02d} / RW {seq % 4 + 1:02d}",
                        "volume": float(100 + seq),
                        "unit": "m",
                        "requested": requested,
                        "approved": requested if decided else None,
                        "agency": "Dinas Pekerjaan Umum dan Penataan Ruang",
                        "category": "fisik",
                        "status": "accepted" if decided else "pending",
                        "reason": "",
                        "note": "",
                        "decided_by_id": reviewer_ids[seq % REVIEWERS] if decided else None,
                        "decided_at": now() if decided else None,
                        "version": 1 if decided else 0,
                    }
                )
        session.execute(insert(Proposal), rows)
        decided_ids = session.exec(
            select(Proposal.id, Proposal.village_id, Proposal.decided_by_id).where(
                Proposal.meeting_id == meeting_id, Proposal.status == "accepted"
            )
        ).all()
        # The log of those decisions, as the desk would have written it.
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
                for proposal_id, village_id, reviewer in decided_ids
            ],
        )
        total = sum(r["requested"] for r in rows)
        session.execute(
            update(Meeting).where(Meeting.id == meeting_id).values(ceiling=int(total * 0.7))
        )
    return meeting_id


# --- the second desk, in its own process ---------------------------------------------------


def _second_desk(url: str, pipe) -> None:  # type: ignore[no-untyped-def]
    """Wait for a proposal id, poll until its version moves, send back when it did."""
    db = open_database(url)
    try:
        while True:
            request = pipe.recv()
            if request is None:
                break
            proposal_id, old_version = request
            pipe.send("polling")
            while True:
                with db.read() as session:
                    version = session.exec(
                        select(Proposal.version).where(Proposal.id == proposal_id)
                    ).one()
                if version != old_version:
                    pipe.send(time.perf_counter())
                    break
                # Poll every half millisecond: often enough to time visibility, not so
                # hard that the poller takes the CPU away from the desk it is timing.
                time.sleep(0.0005)
    finally:
        db.dispose()


# --- measuring -------------------------------------------------------------------------------


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _pending(db: Database, meeting_id: int, count: int) -> list[Proposal]:
    with db.read() as session:
        return list(
            session.exec(
                select(Proposal)
                .where(Proposal.meeting_id == meeting_id, Proposal.status == "pending")
                .order_by(col(Proposal.village_id).desc(), Proposal.seq)
                .limit(count)
            )
        )


def _decide(db: Database, meeting_id: int, proposal: Proposal, reviewer: int) -> None:
    desk.decide(
        db,
        meeting_id,
        proposal.id or 0,
        decisions.accept(proposal.requested, proposal.volume),
        reviewer_id=reviewer,
        expected_version=proposal.version,
    )


def _reread_tally(db: Database, meeting_id: int, ceiling: int | None, village_id: int) -> None:
    with db.read() as session:
        queries.tally(session, meeting_id, ceiling)
        queries.village_tally(session, village_id, None)


def measure(url: str, label: str, villages: int, per_village: int, repeat: int) -> dict:
    print(f"{label}: writing {villages} x {per_village} proposals ...", file=sys.stderr)
    db = open_database(url)
    started = time.perf_counter()
    meeting_id = build_meeting(db, villages, per_village)
    build = time.perf_counter() - started
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does shortly after an import this size: statistics and the
        # visibility map, without which the tally cannot use its covering index.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
        reviewer = queries.reviewers(session, meeting_id)[0].id
        village_ids = [v.id for v in queries.villages(session, meeting_id)]
    results: dict[str, tuple[float, float]] = {}

    def timed(action: Callable[[], object]) -> float:
        begin = time.perf_counter()
        action()
        return time.perf_counter() - begin

    batch = _pending(db, meeting_id, repeat * 4)
    chunks = [batch[i * repeat : (i + 1) * repeat] for i in range(4)]
    for proposal in chunks[0][:3]:  # warm the pool and the statement caches
        _decide(db, meeting_id, proposal, reviewer)
    chunks[0] = chunks[0][3:]
    results["decision (call to commit)"] = _ms(
        [timed(lambda p=p: _decide(db, meeting_id, p, reviewer)) for p in chunks[0]]
    )
    results["decision + re-read tally"] = _ms(
        [
            timed(
                lambda p=p: (
                    _decide(db, meeting_id, p, reviewer),
                    _reread_tally(db, meeting_id, meeting.ceiling, p.village_id),
                )
            )
            for p in chunks[1]
        ]
    )

    # The second desk: another process on its own connection.
    context = multiprocessing.get_context("spawn")
    here, there = context.Pipe()
    other = context.Process(target=_second_desk, args=(url, there), daemon=True)
    other.start()
    seen = []
    try:
        for proposal in chunks[2]:
            here.send((proposal.id, proposal.version))
            assert here.recv() == "polling"
            begin = time.perf_counter()
            _decide(db, meeting_id, proposal, reviewer)
            if not here.poll(30):
                raise RuntimeError("the second desk never saw the decision")
            seen.append(here.recv() - begin)
    finally:
        here.send(None)
        other.join(30)
    results["seen by a second desk (process)"] = _ms(seen)

    with db.write() as session:
        session.execute(update(Meeting).where(Meeting.id == meeting_id).values(hard_ceiling=True))
    results["decision, hard ceiling"] = _ms(
        [timed(lambda p=p: _decide(db, meeting_id, p, reviewer)) for p in chunks[3]]
    )

    def load_village(village_id: int) -> None:
        with db.read() as session:
            assert len(queries.proposals_of_village(session, village_id)) == per_village

    def desk_state(village_id: int) -> None:
        with db.read() as session:
            queries.desk_state(session, meeting_id, village_id)

    sample = village_ids[:: max(1, len(village_ids) // repeat)][:repeat]
    results["load a village (60 proposals)"] = _ms(
        [timed(lambda v=v: load_village(v)) for v in sample]
    )
    results["desk state of a village"] = _ms([timed(lambda v=v: desk_state(v)) for v in sample])
    db.dispose()
    print(f"{label}: built in {build:.1f} s", file=sys.stderr)
    return results


def _print_table(columns: dict[str, dict[str, tuple[float, float]]], args) -> None:  # type: ignore[no-untyped-def]
    names = list(next(iter(columns.values())).keys())
    labels = list(columns)
    print(
        f"\nStore benchmark: {args.villages} villages x {args.proposals} proposals = "
        f"{args.villages * args.proposals:,} proposals, {REVIEWERS} reviewers, "
        f"{args.repeat} runs each; median / p95 in ms\n"
    )
    width = max(len(n) for n in names) + 2
    header = f"{'':<{width}}" + "".join(f"{label:>22}" for label in labels)
    print(header)
    print("-" * len(header))
    for name in names:
        cells = "".join(
            f"{columns[label][name][0]:>10.2f} / {columns[label][name][1]:<9.2f}"
            for label in labels
        )
        print(f"{name:<{width}}{cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--proposals", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--pg-url", help="an existing server's database (default: start one)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()

    columns: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="lasem-bench-") as folder:
        columns["SQLite"] = measure(
            str(Path(folder) / "regency.db"), "SQLite", args.villages, args.proposals, args.repeat
        )
    if not args.no_pg:
        server = None
        url = args.pg_url
        if url is None:
            from tests.pg_server import PgServer

            server = PgServer(durable=True)
            url = server.start()
        try:
            columns["PostgreSQL"] = measure(
                url, "PostgreSQL", args.villages, args.proposals, args.repeat
            )
        finally:
            if server is not None:
                server.destroy()
    _print_table(columns, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
