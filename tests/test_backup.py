"""Backups: taken on opening and on final minutes, listed, and restored with care."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.cli import opening
from lasem_tui.domain import decisions
from lasem_tui.store import backup, desk, locations, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.minutes import finalise
from tests.importing_helpers import write_csv

ROOT = Path(__file__).resolve().parents[1]


def _demo_file(tmp_path: Path, name: str = "rapat.db") -> Path:
    path = tmp_path / name
    assert cli.main(["demo", "--db", str(path), "--stage", "midway", "--no-open"]) == 0
    return path


def _decided(path: Path) -> int:
    """How many proposals are decided (a fingerprint of the database's content)."""
    connection = sqlite3.connect(path)
    try:
        query = "SELECT count(*) FROM proposal WHERE status != 'pending'"
        return connection.execute(query).fetchone()[0]
    finally:
        connection.close()


def _accept_one(db: Database) -> None:
    with db.read() as session:
        meeting_id = queries.current_meeting_id(session)
        state = queries.desk_state(session, meeting_id)
    proposal = queries.first_undecided(state.proposals)
    assert proposal is not None
    desk.decide(
        db,
        meeting_id,  # type: ignore[arg-type]
        proposal.id,
        decisions.accept(proposal.requested, proposal.volume),
        reviewer_id=state.meeting.current_reviewer_id,
        expected_version=proposal.version,
    )


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """`lasem` opens the meeting but the desk itself is not run."""
    opened: list[int] = []
    notices: list[str | None] = []

    def run_app(db, meeting_id, notice=None):  # type: ignore[no-untyped-def]
        # The desk asks once painted; the backup runs on its own thread meanwhile.
        notices.append(notice() if callable(notice) else notice)
        opened.append(meeting_id)
        return 0

    monkeypatch.setattr(opening, "run_app", run_app)
    monkeypatch.setattr(cli, "_notices", notices, raising=False)
    return opened


# --- taking --------------------------------------------------------------------------------


def test_a_backup_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    path = _demo_file(tmp_path)
    db = open_database(str(path))
    try:
        _accept_one(db)  # committed, not yet checkpointed into the main file
        decided = _decided(path)
        made = backup.take_backup(db, "manual")
    finally:
        db.dispose()
    assert made is not None and made.parent == locations.backups_dir()
    assert _decided(made) == decided
    # A backup stands alone: rollback-journal mode, no -wal/-shm beside it.
    assert made.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name, made.name + ".json"]
    connection = sqlite3.connect(made)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_names_sort_by_time_and_say_where_they_came_from(tmp_path: Path) -> None:
    path = _demo_file(tmp_path, "Musrenbang Lasem 2023.db")
    db = open_database(str(path))
    try:
        made = [backup.take_backup(db, reason) for reason in ("open", "manual", "final")]
    finally:
        db.dispose()
    names = [m.name for m in made if m is not None]
    assert names == sorted(names)
    assert all("--Musrenbang_Lasem_2023--" in name for name in names)
    listed = backup.list_backups(path)
    assert [b.path.name for b in listed] == names[::-1]  # newest first
    assert [b.number for b in listed] == [1, 2, 3]
    assert [b.reason for b in listed] == ["final", "manual", "open"]
    assert listed[0].source == str(path)


def test_the_last_ten_are_kept_per_database(tmp_path: Path) -> None:
    first = _demo_file(tmp_path, "a.db")
    second = _demo_file(tmp_path, "b.db")
    db, other = open_database(str(first)), open_database(str(second))
    try:
        other_backup = backup.take_backup(other, "open")
        made = [backup.take_backup(db, "manual") for _ in range(13)]
    finally:
        db.dispose()
        other.dispose()
    kept = backup.list_backups(first)
    assert len(kept) == backup.KEEP
    assert [b.path for b in kept] == [m for m in made[::-1][: backup.KEEP]]
    assert all(not m.with_name(m.name + ".json").exists() for m in made[:3] if m)
    # Another database's backups are not pushed out.
    assert [b.path for b in backup.list_backups(second)] == [other_backup]


def test_a_failed_backup_leaves_nothing_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _demo_file(tmp_path)
    db = open_database(str(path))

    def full(self, target, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy_database", lambda engine, target: full(None, target))
    try:
        with pytest.raises(backup.BackupError) as caught:
            backup.take_backup(db, "open")
    finally:
        db.dispose()
    assert caught.value.code == "backup_failed" and "full" in caught.value.detail
    assert list(locations.backups_dir().iterdir()) == []


def test_opening_a_meeting_takes_a_backup(tmp_path: Path, no_app: list[int]) -> None:
    path = _demo_file(tmp_path)
    assert backup.list_backups(path) == []
    assert cli.main(["--db", str(path)]) == 0
    assert no_app and len(backup.list_backups(path)) == 1
    assert backup.list_backups(path)[0].reason == "open"


def test_a_failed_backup_on_opening_warns_and_the_meeting_opens(
    tmp_path: Path, no_app: list[int], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = _demo_file(tmp_path)

    def fail(db, reason):  # type: ignore[no-untyped-def]
        raise backup.BackupError("backup_failed", "No space left on device")

    monkeypatch.setattr(backup, "take_backup", fail)
    capsys.readouterr()
    assert cli.main(["--db", str(path)]) == 0
    assert no_app
    # Handed to the desk to show (see test_backup_notice), not printed before it starts.
    assert "cadangan" in (cli._notices[0] or "").lower()  # type: ignore[attr-defined]


def test_a_throwaway_demo_takes_no_backup(tmp_path: Path, no_app: list[int]) -> None:
    assert cli.main(["demo"]) == 0
    assert no_app
    assert list(locations.backups_dir().iterdir()) == []


def test_a_demo_into_a_named_database_backs_up_its_meeting_first(
    tmp_path: Path, no_app: list[int]
) -> None:
    path = _demo_file(tmp_path)  # the first meeting: no backup, nothing to lose
    assert backup.list_backups(path) == []
    assert cli.main(["demo", "--db", str(path)]) == 0
    assert len(backup.list_backups(path)) == 1


def test_an_import_backs_up_the_meeting_first_and_a_dry_run_does_not(tmp_path: Path) -> None:
    path = _demo_file(tmp_path)
    recap = tmp_path / "dasun.csv"
    write_csv(recap, [("Desa", "Usulan", "Anggaran"), ("Dasun", "Talud sungai", "100000000")])
    assert cli.main(["import", str(recap), "--db", str(path), "--dry-run"]) == 0
    assert backup.list_backups(path) == []
    assert cli.main(["import", str(recap), "--db", str(path)]) == 0
    assert [b.reason for b in backup.list_backups(path)] == ["import"]


def test_finalising_the_minutes_in_the_app_takes_a_backup(db: Database, midway_demo: int) -> None:
    # The store's finalise is left alone; the minutes screen calls take_backup after it.
    with db.read() as session:
        reviewer = queries.desk_state(session, midway_demo).meeting.current_reviewer_id
    finalise(db, midway_demo, reviewer_id=reviewer)
    assert backup.take_backup(db, "final") is not None
    assert backup.list_backups(db.path)[0].reason == "final"  # type: ignore[arg-type]


def test_postgresql_is_not_backed_up_here(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["list"], ["restore", "1", "--yes"]):
        assert cli.main(["backup", *command, "--db", "postgresql://desk@localhost/lasem"]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "pg_dump" in err
    fake = Database.__new__(Database)
    fake.path = None
    assert backup.take_backup(fake, "open") is None


# --- listing -------------------------------------------------------------------------------


def test_backup_list_is_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _demo_file(tmp_path)
    assert cli.main(["backup", "list", "--db", str(path)]) == 0
    assert "Belum ada cadangan" in capsys.readouterr().out
    db = open_database(str(path))
    backup.take_backup(db, "open")
    backup.take_backup(db, "final")
    db.dispose()
    assert cli.main(["backup", "list", "--db", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for word in ("No.", "Time", "Size", "Source", "minutes final", "meeting opened", "KB"):
        assert word in out
    lines = [line for line in out.splitlines() if line.startswith("│")]
    assert lines[0].split("│")[1].strip() == "1" and "minutes final" in lines[0]


# --- restoring -----------------------------------------------------------------------------


def _with_backups(tmp_path: Path) -> tuple[Path, int, int]:
    """A database with one backup, and a decision made after it (in the WAL)."""
    path = _demo_file(tmp_path)
    db = open_database(str(path))
    backup.take_backup(db, "open")
    before = _decided(path)
    _accept_one(db)
    db.dispose()
    return path, before, _decided(path)


@pytest.mark.parametrize("number", ["0", "2", "-1", "satu", "", "1.0", "١"])
def test_a_bad_number_is_one_line_and_changes_nothing(
    tmp_path: Path, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, after = _with_backups(tmp_path)
    content = path.read_bytes()
    capsys.readouterr()
    assert cli.main(["backup", "restore", number, "--yes", "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "lasem" in err
    assert "Traceback" not in err
    assert path.read_bytes() == content and _decided(path) == after
    assert not list(tmp_path.glob("*before-restore*"))


def test_no_backups_yet_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _demo_file(tmp_path)
    capsys.readouterr()
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 2
    assert "belum ada cadangan" in capsys.readouterr().err


def test_restore_keeps_the_current_file_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before, after = _with_backups(tmp_path)
    assert after == before + 1
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 0
    assert _decided(path) == before
    asides = list(tmp_path.glob("rapat.before-restore-*.db"))
    assert len(asides) == 1
    # The copy aside has the decision made after the backup, WAL and all.
    assert _decided(asides[0]) == after
    out = capsys.readouterr().err
    assert "dipulihkan" in out and asides[0].name in out
    # The restored file opens as a desk database, and the old WAL did not leak into it.
    db = open_database(str(path))
    with db.read() as session:
        assert queries.current_meeting_id(session) is not None
    db.dispose()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_restore_without_a_terminal_needs_yes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, after = _with_backups(tmp_path)
    assert cli.main(["backup", "restore", "1", "--db", str(path)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert _decided(path) == after and not list(tmp_path.glob("*before-restore*"))


def test_restore_refuses_while_another_process_has_the_database_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, after = _with_backups(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from lasem_tui.store.database import open_database; "
            "from lasem_tui.store import queries; db = open_database(sys.argv[1]); "
            "s = db.read().__enter__(); queries.current_meeting_id(s); print('open', flush=True); "
            "sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 2
        assert "proses lain" in capsys.readouterr().err
        assert _decided(path) == after
    finally:
        holder.communicate("\n", timeout=30)
    # Once it is closed, the restore goes ahead.
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 0


def test_restore_refuses_a_damaged_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, after = _with_backups(tmp_path)
    damaged = backup.list_backups(path)[0].path
    data = bytearray(damaged.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = os.urandom(200)  # scribble over a b-tree page
    damaged.write_bytes(bytes(data))
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 2
    assert "tidak bisa dipakai" in capsys.readouterr().err
    assert _decided(path) == after


def test_restore_brings_back_a_database_that_was_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, before, _ = _with_backups(tmp_path)
    assert not path.with_name(path.name + "-wal").exists()  # closed: all in the .db
    path.write_bytes(path.read_bytes()[:5000])  # cut short, as a failed copy would
    assert cli.main(["export", "csv", "--db", str(path)]) == 2
    assert "terpotong" in capsys.readouterr().err
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 0
    assert _decided(path) == before
    aside = next(tmp_path.glob("rapat.before-restore-*.db"))
    assert aside.stat().st_size == 5000  # the damaged file, kept as it was


def _run_in_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """Run `lasem` in a pseudo-terminal, answer its question, return status and output."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes `lasem`
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "lasem_tui", *args])
    output = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not answered and b"[y/N]" in output:
            os.write(fd, answer.encode() + b"\r")
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_restore_on_a_terminal_asks_first(tmp_path: Path) -> None:
    path, before, after = _with_backups(tmp_path)
    status, output = _run_in_terminal(["backup", "restore", "1", "--db", str(path)], "n")
    assert status == 1, output
    assert "dibatalkan" in output
    assert _decided(path) == after and not list(tmp_path.glob("*before-restore*"))
    status, output = _run_in_terminal(["backup", "restore", "1", "--db", str(path)], "y")
    assert status == 0, output
    assert _decided(path) == before


def test_a_data_folder_that_cannot_be_written_is_said_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _demo_file(tmp_path)

    def locked() -> Path:
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked" / "backups"))

    monkeypatch.setattr(locations, "backups_dir", locked)
    db = open_database(str(path))
    try:
        with pytest.raises(backup.BackupError) as caught:
            backup.take_backup(db, "final")
    finally:
        db.dispose()
    assert caught.value.code == "backup_failed"
    capsys.readouterr()
    assert cli.main(["backup", "list", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
