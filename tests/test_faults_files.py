"""What people bring on a USB stick, and what disks do: each gets a clear message, and
nothing is overwritten or deleted.

The read-only cases run in a child process without the powers that let root write
any file (CAP_DAC_OVERRIDE and friends), so they test real permissions here too.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, text

from lasem_tui import cli
from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.engine import DatabaseError, sqlite_failure

ROOT = Path(__file__).resolve().parents[1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _complete_demo(tmp_path: Path, name: str = "rapat.db") -> Path:
    """A demo database closed properly: everything is in the one file."""
    path = tmp_path / name
    assert cli.main(["demo", "--db", str(path), "--stage", "midway", "--no-open"]) == 0
    assert _siblings(path) == [path.name]
    return path


def _refused(path: Path, capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """`lasem export csv` on the file: exit 2, one line naming the problem."""
    capsys.readouterr()
    assert cli.main(["export", "csv", "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


# --- files that are not what they seem ---------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000,
        b"Nama,Desa\nBudi,Dasun\n" * 50,
        b"%PDF-1.7\n" + os.urandom(3000),
        b"SQLite",  # the start of the magic, and nothing else
    ],
    ids=["png", "csv", "pdf", "six-bytes"],
)
def test_a_file_that_is_not_a_database_is_left_untouched(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rapat.db"
    path.write_bytes(content)
    err = _refused(path, capsys)
    assert "bukan basis data" in err or "terpotong" in err
    assert path.read_bytes() == content
    assert _siblings(path) == ["rapat.db"]  # no -wal, no -shm next to it


def test_a_folder_given_as_the_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "rapat.db"
    folder.mkdir()
    _refused(folder, capsys, "bukan basis data")


@pytest.mark.parametrize("keep", [50, 0.3, 0.9, -100], ids=["header", "30%", "90%", "last-page"])
def test_a_truncated_database_is_recognised_and_not_repaired_over(
    tmp_path: Path, keep: float, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _complete_demo(tmp_path)
    whole = path.read_bytes()
    cut = int(keep) if keep >= 1 or keep < 0 else int(len(whole) * keep)
    path.write_bytes(whole[:cut])
    before = _digest(path)
    _refused(path, capsys, "terpotong")
    assert _digest(path) == before
    assert _siblings(path) == ["rapat.db"]


def test_a_damaged_page_is_reported_not_a_traceback(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _complete_demo(tmp_path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(data))
    err = _refused(path, capsys)
    assert "rusak" in err or "bukan basis data" in err


def test_a_database_from_a_newer_app_is_refused_unchanged(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _complete_demo(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _digest(path)
    _refused(path, capsys, "versi Lasem desk yang lebih baru", "9999")
    assert _digest(path) == before
    assert _siblings(path) == ["rapat.db"]


def test_another_programs_database_is_not_switched_to_wal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "keuangan.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE kas (tanggal TEXT, jumlah INTEGER)")
    connection.execute("INSERT INTO kas VALUES ('2023-02-17', 150000000)")
    connection.commit()
    connection.close()
    before = _digest(path)
    _refused(path, capsys, "bukan milik Lasem desk", "kas")
    assert _digest(path) == before
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_an_empty_file_is_not_made_a_database_by_an_export(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Zero bytes hold no meeting: an export says so, and writes no schema into them
    (only the desk and the demo start a database)."""
    path = tmp_path / "baru.db"
    path.write_bytes(b"")
    _refused(path, capsys, "kosong (0 byte)")
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baru.db"]


def test_a_missing_folder_is_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _refused(tmp_path / "tidak-ada" / "rapat.db", capsys, "Folder basis data tidak ada")
    assert not (tmp_path / "tidak-ada").exists()


@pytest.mark.parametrize(
    "command",
    [["export", "csv"], ["export", "pdf", "-o", "ba.pdf"], ["serve", "--desk"]],
)
def test_a_command_that_needs_a_meeting_does_not_make_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A mistyped ``--db`` is said, and no empty database is left behind for next time
    (the projector's own refusal is in test_projector_cli)."""
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    missing = stick / "rapat-typo.db"
    capsys.readouterr()
    assert cli.main([*command, "--db", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Tidak ada basis data" in err, err
    assert list(stick.iterdir()) == []
    assert cli.main([*command, "--db", str(missing), "--lang", "en"]) == 2
    assert "There is no database" in capsys.readouterr().err
    assert list(stick.iterdir()) == []


def test_the_app_and_the_demo_still_make_a_new_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lasem_tui.ui.app import LasemApp

    monkeypatch.setattr(LasemApp, "run", lambda self: None)
    assert cli.main(["--db", str(tmp_path / "baru.db")]) == 0
    assert (tmp_path / "baru.db").is_file()
    assert cli.main(["demo", "--db", str(tmp_path / "contoh.db"), "--no-open"]) == 0
    assert (tmp_path / "contoh.db").is_file()


# --- read-only files and folders ---------------------------------------------------------

_PROBE = textwrap.dedent(
    """
    import json, sys
    from lasem_tui.domain import decisions
    from lasem_tui.store import desk, meetings, queries
    from lasem_tui.store.database import open_database
    from lasem_tui.store.engine import DatabaseError

    result = {}
    try:
        db = open_database(sys.argv[1])
        result["read_only"] = db.read_only
        meeting_id = meetings.open_meeting(db)
        with db.read() as session:
            state = queries.desk_state(session, meeting_id)
        result["proposals"] = len(state.proposals)
        proposal = queries.first_undecided(state.proposals)
        try:
            desk.decide(db, meeting_id, proposal.id,
                        decisions.accept(proposal.requested, proposal.volume),
                        reviewer_id=state.meeting.current_reviewer_id,
                        expected_version=proposal.version)
            result["write"] = "ok"
        except DatabaseError as exc:
            result["write"] = exc.code
        db.dispose()
    except DatabaseError as exc:
        result["error"] = exc.code
    print(json.dumps(result))
    """
)


def _drop_root_powers() -> None:
    """In the child, before exec: without CAP_DAC_OVERRIDE (1), CAP_DAC_READ_SEARCH (2)
    and CAP_FOWNER (3) in the bounding set, root obeys file permissions like anyone."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            os._exit(99)


def _as_ordinary_user(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_drop_root_powers,
        timeout=60,
    )
    if result.returncode == 99:
        pytest.skip("running as root without the power to drop root's file powers")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def restore_permissions(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


pytestmark_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytestmark_posix
def test_a_read_only_file_opens_for_viewing_and_refuses_writes(
    tmp_path: Path, restore_permissions: None
) -> None:
    path = _complete_demo(tmp_path)
    before = _digest(path)
    path.chmod(0o444)
    result = _as_ordinary_user(path)
    assert result == {"read_only": True, "proposals": result["proposals"], "write": "db_read_only"}
    assert result["proposals"] > 0
    assert _digest(path) == before


@pytestmark_posix
def test_a_read_only_folder_opens_for_viewing_and_creates_nothing(
    tmp_path: Path, restore_permissions: None
) -> None:
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    path = _complete_demo(folder)
    before = _digest(path)
    folder.chmod(0o555)
    result = _as_ordinary_user(path)
    assert result["read_only"] is True and result["proposals"] > 0
    assert result["write"] == "db_read_only"
    assert _digest(path) == before
    assert _siblings(path) == ["rapat.db"]


@pytestmark_posix
def test_a_read_only_folder_with_unread_changes_in_the_wal_is_refused(
    tmp_path: Path, restore_permissions: None
) -> None:
    """Reading without the WAL would show an old state as if it were the meeting."""
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    path = _complete_demo(folder)
    keeper = sqlite3.connect(path)  # keeps the WAL from being folded back on close
    keeper.execute("PRAGMA journal_mode=WAL")
    keeper.execute("UPDATE meeting SET projector_message = 'istirahat'")
    keeper.commit()
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("rapat.db", "rapat.db-wal"):
        (copy / name).write_bytes((folder / name).read_bytes())
    keeper.close()
    copy.chmod(0o555)
    assert _as_ordinary_user(copy / "rapat.db") == {"error": "db_wal_unreadable"}
    assert sorted(p.name for p in copy.iterdir()) == ["rapat.db", "rapat.db-wal"]


@pytestmark_posix
def test_a_new_database_in_a_read_only_folder(tmp_path: Path, restore_permissions: None) -> None:
    folder = tmp_path / "cd-rom"
    folder.mkdir()
    folder.chmod(0o555)
    assert _as_ordinary_user(folder / "baru.db") == {"error": "db_folder_unwritable"}
    assert list(folder.iterdir()) == []


def _at_revision_0001(tmp_path: Path) -> Path:
    path = _complete_demo(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.commit()
    connection.close()
    return path


@pytestmark_posix
def test_a_read_only_database_that_needs_an_upgrade_is_refused(
    tmp_path: Path, restore_permissions: None
) -> None:
    path = _at_revision_0001(tmp_path)
    before = _digest(path)
    path.chmod(0o444)
    assert _as_ordinary_user(path) == {"error": "db_read_only_outdated"}
    assert _digest(path) == before


def test_a_database_opened_read_only_by_choice_is_not_upgraded(tmp_path: Path) -> None:
    """The projector beside the desk: the file could be written, but upgrading it is
    the desk's work, so the message sends the user to the desk, not to another folder."""
    path = _at_revision_0001(tmp_path)
    before = _digest(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(str(path), read_only=True)
    assert caught.value.code == "db_outdated_open_desk"
    assert _digest(path) == before


def test_a_missing_database_opened_read_only_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "rapat.db"
    with pytest.raises(DatabaseError) as caught:
        open_database(str(path), read_only=True)
    assert caught.value.code == "db_missing"
    assert list(tmp_path.iterdir()) == []


# --- a full disk and a failing one ---------------------------------------------------------


def _limit_pages(db: Database):  # type: ignore[no-untyped-def]
    """Make the database "full": no more pages than it has now (SQLITE_FULL, as on a
    full disk), for every connection from here on. Returns the listener to remove."""

    def full(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", full)
    db.engine.dispose()
    return full


def test_a_full_disk_refuses_the_decision_and_loses_nothing_committed(
    db: Database, fresh_demo: int
) -> None:
    limit = _limit_pages(db)
    with db.read() as session:
        state = queries.desk_state(session, fresh_demo)
    reviewer = state.meeting.current_reviewer_id
    committed: list[int] = []
    failure = None
    for village in state.villages:
        with db.read() as session:
            proposals = queries.proposals_of_village(session, village.id)
        for proposal in proposals:
            try:
                desk.decide(
                    db,
                    fresh_demo,
                    proposal.id,
                    decisions.refuse(ProposalStatus.REJECTED, "x" * 1500),
                    reviewer_id=reviewer,
                    expected_version=proposal.version,
                )
            except DatabaseError as exc:
                failure = (exc, proposal.id)
                break
            committed.append(proposal.id)
        if failure:
            break
    assert failure is not None, "the page limit never filled up"
    exc, refused_id = failure
    assert exc.code == "db_disk_full"
    # Space again (the limit lifted): what was committed is there, the refused one not.
    event.remove(db.engine, "connect", limit)
    db.engine.dispose()
    with db.read() as session:
        assert queries.proposal(session, refused_id).status.value == "pending"
        for proposal_id in committed:
            assert queries.proposal(session, proposal_id).status.value == "rejected"
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


@pytest.mark.parametrize(
    ("name", "message", "code"),
    [
        ("SQLITE_FULL", "database or disk is full", "db_disk_full"),
        ("SQLITE_IOERR_WRITE", "disk I/O error", "db_io_error"),
        ("SQLITE_IOERR_FSYNC", "disk I/O error", "db_io_error"),
        ("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database", "db_unwritable"),
        ("SQLITE_CORRUPT", "database disk image is malformed", "db_damaged"),
        ("SQLITE_NOTADB", "file is not a database", "db_not_database"),
        ("SQLITE_BUSY", "database is locked", "db_busy"),
        ("SQLITE_CANTOPEN", "unable to open database file", "db_cannot_open"),
        ("", "database or disk is full", "db_disk_full"),  # a driver without names
    ],
)
def test_sqlite_failures_are_named_for_people(name: str, message: str, code: str) -> None:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    failure = sqlite_failure(error)
    assert failure is not None and failure.code == code
    assert sqlite_failure(sqlite3.IntegrityError("UNIQUE constraint failed")) is None


def test_an_io_error_during_a_write_is_a_database_error_and_rolls_back(
    db: Database, fresh_demo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB stick pulled out while committing: the command reports it, nothing half
    done is left, and the desk can carry on once the disk is back."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    with db.read() as session:
        state = queries.desk_state(session, fresh_demo)
    proposal = state.proposals[0]
    real_commit = Session.commit

    def failing_commit(self):  # type: ignore[no-untyped-def]
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
        raise OperationalError("COMMIT", {}, error)

    monkeypatch.setattr(Session, "commit", failing_commit)
    with pytest.raises(DatabaseError) as caught:
        desk.decide(
            db,
            fresh_demo,
            proposal.id,
            decisions.accept(proposal.requested, proposal.volume),
            reviewer_id=state.meeting.current_reviewer_id,
            expected_version=0,
        )
    assert caught.value.code == "db_io_error"
    monkeypatch.setattr(Session, "commit", real_commit)
    with db.read() as session:
        assert queries.proposal(session, proposal.id).version == 0
    desk.decide(
        db,
        fresh_demo,
        proposal.id,
        decisions.accept(proposal.requested, proposal.volume),
        reviewer_id=state.meeting.current_reviewer_id,
        expected_version=0,
    )


def test_every_fault_message_exists_in_both_languages() -> None:
    from lasem_tui import i18n

    codes = {
        "db_not_database", "db_damaged", "db_truncated", "db_too_new", "db_not_lasem",
        "db_unwritable", "db_read_only", "db_read_only_outdated", "db_wal_unreadable",
        "db_folder_missing", "db_folder_unwritable", "db_disk_full", "db_io_error",
        "db_cannot_open", "db_busy", "db_read_only_notice", "db_fatal", "db_missing",
        "db_outdated_open_desk",
        "amount_too_large", "volume_too_large",
    }  # fmt: skip
    assert codes <= i18n.keys("id") and codes <= i18n.keys("en")
