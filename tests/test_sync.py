"""``lasem push`` / ``lasem pull``: a laptop's meeting into the regency's server and back.

The server is ``db_url``: a SQLite file, and a fresh PostgreSQL database when
``LASEM_TEST_PG_URL`` is set (skipped otherwise, failing under CI). The laptops are
SQLite files, as in the pendopo.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlmodel import col

from lasem_tui.cli import main
from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.csv_export import write_csv
from lasem_tui.store import demo, desk, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.models import Meeting, Proposal, SyncKey
from lasem_tui.store.sync.copier import SyncConflict, copy_meeting, find_meeting
from lasem_tui.store.sync.plan import meeting_tables

pytestmark = pytest.mark.both_backends
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(db_url: str) -> Database:
    database = open_database(db_url)
    yield database
    database.dispose()


def _laptop(path: Path, stage: demo.Stage = demo.Stage.MIDWAY) -> tuple[Database, int, str]:
    database = open_database(str(path))
    meeting_id = demo.write_demo(database, stage)
    _, uuid, _ = find_meeting(database, None)
    return database, meeting_id, uuid


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Database, int, str]:
    database, meeting_id, uuid = _laptop(tmp_path / "laptop.db")
    yield database, meeting_id, uuid
    database.dispose()


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a copy touches: what "nothing changed" is checked on."""
    tables = [plan.table for plan in meeting_tables()] + [SyncKey.__table__]  # type: ignore[attr-defined]
    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in tables
        }


def decide_pending(db: Database, meeting_id: int, count: int) -> list[int]:
    """Accept the first ``count`` pending proposals of the meeting (calling their village)."""
    decided = []
    with db.read() as session:
        rows = (
            session.exec(
                select(Proposal)
                .where(
                    Proposal.meeting_id == meeting_id,
                    Proposal.status == ProposalStatus.PENDING.value,
                )
                .order_by(col(Proposal.id))
            )
            .scalars()
            .all()[:count]
        )
        reviewer = queries.get_meeting(session, meeting_id).current_reviewer_id
        reviewer = reviewer or queries.reviewers(session, meeting_id)[0].id
    for row in rows:
        desk.decide(
            db,
            meeting_id,
            row.id or 0,
            decisions.accept(row.requested, row.volume),
            reviewer_id=reviewer,
            expected_version=row.version,
        )
        decided.append(row.id or 0)
    return decided


def server_meeting(db: Database, uuid: str) -> int:
    with db.read() as session:
        found = session.exec(select(Meeting.id).where(Meeting.uuid == uuid)).scalar_one()
    return int(found)


def csv_of(db: Database, meeting_id: int) -> str:
    out = io.StringIO()
    write_csv(db, meeting_id, out)
    return out.getvalue()


def tally_of(db: Database, meeting_id: int):  # type: ignore[no-untyped-def]
    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
        return queries.tally(session, meeting_id, meeting.ceiling)


# --- push ----------------------------------------------------------------------------


def test_push_copies_the_whole_meeting(laptop, server: Database) -> None:
    db, meeting_id, uuid = laptop
    result = copy_meeting(db, server, uuid)
    assert result.created
    remote = server_meeting(server, uuid)
    assert csv_of(server, remote) == csv_of(db, meeting_id)
    laptop_rows, server_rows = dump(db), dump(server)
    for name in ("village", "proposal", "reviewer", "attendee", "event", "proposalissue"):
        assert len(server_rows[name]) == len(laptop_rows[name]) > 0, name
        assert result.counts[name].new == len(laptop_rows[name])
    assert tally_of(server, remote) == tally_of(db, meeting_id)
    # The desk's current reviewer is the same person on the server.
    with db.read() as session:
        mine = queries.get_meeting(session, meeting_id)
        name = next(
            r.name
            for r in queries.reviewers(session, meeting_id)
            if r.id == mine.current_reviewer_id
        )
    with server.read() as session:
        theirs = queries.get_meeting(session, remote)
        assert (
            next(
                r.name
                for r in queries.reviewers(session, remote)
                if r.id == theirs.current_reviewer_id
            )
            == name
        )


def test_pushing_again_changes_nothing(laptop, server: Database) -> None:
    db, _, uuid = laptop
    copy_meeting(db, server, uuid)
    before = dump(server)
    result = copy_meeting(db, server, uuid)
    assert result.unchanged and not result.counts
    assert dump(server) == before


def test_push_after_more_decisions_sends_only_those(laptop, server: Database) -> None:
    db, meeting_id, uuid = laptop
    copy_meeting(db, server, uuid)
    decided = decide_pending(db, meeting_id, 4)
    result = copy_meeting(db, server, uuid)
    assert not result.unchanged
    assert result.counts["event"].new == 4
    assert result.counts["proposal"].changed == 4
    assert set(result.counts) <= {"event", "proposal", "meeting"}
    remote = server_meeting(server, uuid)
    assert tally_of(server, remote) == tally_of(db, meeting_id)
    assert csv_of(server, remote) == csv_of(db, meeting_id)
    assert len(decided) == 4


def test_dry_run_writes_nothing(laptop, server: Database) -> None:
    db, _, uuid = laptop
    before = dump(server)
    result = copy_meeting(db, server, uuid, dry_run=True)
    assert result.dry_run and result.counts["proposal"].new > 0
    assert dump(server) == before


def test_a_push_over_changes_made_on_the_server_is_refused(laptop, server: Database) -> None:
    db, meeting_id, uuid = laptop
    copy_meeting(db, server, uuid)
    remote = server_meeting(server, uuid)
    decide_pending(server, remote, 1)  # a desk worked on the server's copy
    decide_pending(db, meeting_id, 2)
    laptop_before, server_before = dump(db), dump(server)
    with pytest.raises(SyncConflict) as refused:
        copy_meeting(db, server, uuid)
    assert len(refused.value.only_target) == 1
    assert len(refused.value.only_source) == 2
    assert all(line.kind == "decide" and line.proposal for line in refused.value.only_source)
    assert dump(db) == laptop_before
    assert dump(server) == server_before
    with pytest.raises(SyncConflict):
        copy_meeting(db, server, uuid, dry_run=True)


def test_a_push_killed_half_way_leaves_nothing_and_the_retry_completes(
    laptop, server: Database, db_url: str
) -> None:
    db, meeting_id, uuid = laptop
    before = dump(server)
    child = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "sync_child.py"),
            str(db.path),
            db_url,
            uuid,
            "proposal",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode != 0 and "killing" in child.stdout, child.stderr
    server.dispose()  # new connections, as a later run would have
    assert dump(server) == before
    copy_meeting(db, server, uuid)
    assert csv_of(server, server_meeting(server, uuid)) == csv_of(db, meeting_id)
    # And a second push, killed after its new events were written, leaves the first.
    decide_pending(db, meeting_id, 3)
    pushed_once = dump(server)
    child = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "sync_child.py"),
            str(db.path),
            db_url,
            uuid,
            "event",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "killing" in child.stdout, child.stderr
    server.dispose()
    assert dump(server) == pushed_once
    assert copy_meeting(db, server, uuid).counts["event"].new == 3


def test_pull_and_push_round_trip(laptop, server: Database, tmp_path: Path) -> None:
    db, meeting_id, uuid = laptop
    copy_meeting(db, server, uuid)
    other = open_database(str(tmp_path / "other-laptop.db"))
    try:
        pulled = copy_meeting(server, other, uuid)
        assert pulled.created
        mine = server_meeting(other, uuid)
        assert csv_of(other, mine) == csv_of(db, meeting_id)
        assert copy_meeting(server, other, uuid).unchanged
        # Work offline on the pulled copy, push it back: the same rows, not new ones.
        decide_pending(other, mine, 3)
        pushed = copy_meeting(other, server, uuid)
        assert pushed.counts["event"].new == 3
        assert "village" not in pushed.counts
        remote = server_meeting(server, uuid)
        assert csv_of(server, remote) == csv_of(other, mine)
        with server.read() as session:
            assert (
                len(session.exec(select(Proposal.id).where(Proposal.meeting_id == remote)).all())
                == len(csv_of(db, meeting_id).splitlines()) - 1
            )
        # The first laptop is now behind: pulling brings it level; its push is then a no-op.
        assert copy_meeting(server, db, uuid).counts["event"].new == 3
        assert csv_of(db, meeting_id) == csv_of(server, remote)
        assert copy_meeting(db, server, uuid).unchanged
    finally:
        other.dispose()


def test_two_laptops_push_different_meetings_at_once(server: Database, tmp_path: Path) -> None:
    laptops = [_laptop(tmp_path / f"kecamatan-{n}.db") for n in range(2)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def push(index: int) -> None:
        db, _, uuid = laptops[index]
        barrier.wait()
        try:
            copy_meeting(db, server, uuid)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for db, meeting_id, uuid in laptops:
        assert csv_of(server, server_meeting(server, uuid)) == csv_of(db, meeting_id)
        db.dispose()


def test_cli_push_prints_counts_and_refuses_conflicts(
    laptop, server: Database, db_url: str, capsys
) -> None:
    db, meeting_id, uuid = laptop
    server_url = db_url if "://" in db_url else str(db_url)
    assert main(["push", "--db", str(db.path), "--to", server_url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "usulan" in out and "110" in out and "tidak ada yang ditulis" in out
    assert main(["push", "--db", str(db.path), "--to", server_url]) == 0
    assert "disalin utuh" in capsys.readouterr().out
    assert main(["push", "--db", str(db.path), "--to", server_url]) == 0
    assert "Tidak ada yang baru" in capsys.readouterr().out
    decide_pending(server, server_meeting(server, uuid), 1)
    decide_pending(db, meeting_id, 1)
    assert main(["push", "--db", str(db.path), "--to", server_url, "--meeting", uuid]) == 2
    captured = capsys.readouterr()
    assert "Hanya di laptop: 1" in captured.out and "Hanya di server: 1" in captured.out
    assert "ditolak" in captured.err
    assert main(["pull", "--from", server_url, "--db", str(db.path), "--meeting", "no such"]) == 2
    assert "tidak ada rapat" in capsys.readouterr().err


def test_cli_pull_takes_a_meeting_to_a_new_laptop_and_keeps_a_backup(
    laptop, server: Database, db_url: str, tmp_path: Path, capsys
) -> None:
    from lasem_tui.store.backup import list_backups

    db, meeting_id, uuid = laptop
    copy_meeting(db, server, uuid)
    fresh = tmp_path / "fresh.db"
    title = "Pra Musrenbang Kecamatan Lasem 2023"
    assert main(["pull", "--from", db_url, "--db", str(fresh), "--meeting", title]) == 0
    assert "disalin utuh" in capsys.readouterr().out
    pulled = open_database(str(fresh))
    try:
        assert csv_of(pulled, server_meeting(pulled, uuid)) == csv_of(db, meeting_id)
    finally:
        pulled.dispose()
    assert main(["pull", "--from", db_url, "--db", str(fresh), "--meeting", uuid]) == 0
    assert "Tidak ada yang baru" in capsys.readouterr().out
    assert [b.reason for b in list_backups(fresh)] == ["import"]


def test_the_migration_gives_existing_meetings_and_events_their_uuids(tmp_path: Path) -> None:
    """A database from before revision 0006 (at 0005), with a meeting in it, gets a UUID for the
    meeting and for every event, all different, and pushes like any other."""
    import sqlite3

    path = tmp_path / "old.db"
    database, _, _ = _laptop(path)
    database.dispose()
    raw = sqlite3.connect(path)
    for table in ("meeting", "event"):
        raw.execute(f"DROP INDEX ix_{table}_uuid")
        raw.execute(f"ALTER TABLE {table} DROP COLUMN uuid")
    raw.execute("DROP TABLE synckey")
    raw.execute("DROP TABLE syncinstance")
    raw.execute("UPDATE alembic_version SET version_num = '0005'")
    raw.commit()
    raw.close()
    upgraded = open_database(str(path))
    try:
        with upgraded.engine.connect() as conn:
            meetings = conn.execute(text("SELECT uuid FROM meeting")).scalars().all()
            events = conn.execute(text("SELECT uuid FROM event")).scalars().all()
        assert len(meetings) == 1 and len(meetings[0]) == 36
        assert len(events) > 50 and len(set(events)) == len(events) and None not in events
        target = open_database(str(tmp_path / "server.db"))
        assert copy_meeting(upgraded, target, meetings[0]).counts["event"].new == len(events)
        target.dispose()
    finally:
        upgraded.dispose()


def test_a_musrenbang_kecamatan_started_on_the_server_pulls_with_its_origins(
    server: Database, tmp_path: Path
) -> None:
    """The Pra Musrenbang pushed from the laptop; its Musrenbang Kecamatan started on the
    server; pulled to the laptop, it points back to the laptop's own Pra Musrenbang rows."""
    from lasem_tui.store.setup.carry_over import start_musrenbang_kecamatan

    db, pra_id, pra_uuid = _laptop(tmp_path / "laptop.db", demo.Stage.DONE)
    try:
        copy_meeting(db, server, pra_uuid)
        remote_pra = server_meeting(server, pra_uuid)
        with server.read() as session:
            reviewer = queries.reviewers(session, remote_pra)[0].id
        carried = start_musrenbang_kecamatan(server, remote_pra, reviewer_id=reviewer)
        with server.read() as session:
            kec_uuid = session.exec(
                select(Meeting.uuid).where(Meeting.id == carried.meeting_id)
            ).scalar_one()
        copy_meeting(server, db, kec_uuid)
        local_kec = server_meeting(db, kec_uuid)
        with db.read() as session:
            kec = session.get(Meeting, local_kec)
            assert kec is not None and kec.origin_meeting_id == pra_id
            pairs = session.exec(
                select(Proposal.title, Proposal.origin_proposal_id).where(
                    Proposal.meeting_id == local_kec
                )
            ).all()
            assert pairs
            for title, origin in pairs:
                source = session.get(Proposal, origin)
                assert source is not None and source.meeting_id == pra_id
                assert source.title == title
        assert csv_of(db, local_kec) == csv_of(server, carried.meeting_id)
    finally:
        db.dispose()


def test_rows_added_and_removed_on_the_laptop_follow_on_the_server(
    laptop, server: Database
) -> None:
    from lasem_tui.store import attendance

    db, meeting_id, uuid = laptop
    copy_meeting(db, server, uuid)
    rows = attendance.list_attendees(db, meeting_id)
    attendance.remove_attendee(db, meeting_id, rows[0].id)
    attendance.add_attendee(db, meeting_id, name="Ibu Sri Wahyuni", jabatan="Ketua PKK")
    result = copy_meeting(db, server, uuid)
    assert (result.counts["attendee"].new, result.counts["attendee"].removed) == (1, 1)
    remote = server_meeting(server, uuid)
    theirs = attendance.list_attendees(server, remote)
    assert [(r.name, r.jabatan) for r in theirs] == [
        (r.name, r.jabatan) for r in attendance.list_attendees(db, meeting_id)
    ]
    assert copy_meeting(db, server, uuid).unchanged


def test_a_laptop_only_behind_is_told_to_pull_first(
    laptop, server: Database, db_url: str, capsys
) -> None:
    db, _, uuid = laptop
    copy_meeting(db, server, uuid)
    decide_pending(server, server_meeting(server, uuid), 2)
    before = dump(db)
    assert main(["push", "--db", str(db.path), "--to", db_url]) == 2
    out = capsys.readouterr().out
    assert "Hanya di laptop: 0" in out and "Hanya di server: 2" in out
    assert "lasem pull" in out
    assert dump(db) == before


def test_a_never_pushed_laptop_file_opened_read_only_pushes_and_stays_unchanged(
    server: Database, tmp_path: Path
) -> None:
    """A laptop file that was never pushed, on a medium that cannot be written (opened
    read-only, as for a write-protected stick), still pushes: the push only reads it,
    so the file keeps every byte."""
    path = tmp_path / "laptop.db"
    database, meeting_id, uuid = _laptop(path)
    database.dispose()
    before = path.read_bytes()
    laptop = open_database(str(path), read_only=True)
    try:
        result = copy_meeting(laptop, server, uuid)
        assert result.created and result.counts["event"].new > 50
        assert csv_of(server, server_meeting(server, uuid)) == csv_of(laptop, meeting_id)
    finally:
        laptop.dispose()
    assert path.read_bytes() == before
