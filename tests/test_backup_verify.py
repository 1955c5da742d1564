"""`lasem backup verify` checks every backup; `restore` refuses one that fails."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.store import backup
from lasem_tui.store.database import open_database


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


def _with_two_backups(tmp_path: Path) -> tuple[Path, list[backup.Backup]]:
    path = tmp_path / "rapat.db"
    assert cli.main(["demo", "--no-open", "--stage", "midway", "--db", str(path)]) == 0
    db = open_database(str(path))
    try:
        backup.take_backup(db, "open")
        backup.take_backup(db, "manual")
    finally:
        db.dispose()
    return path, backup.list_backups(path)


def _damage(path: Path) -> None:
    """Garbage over a few table pages: SQLite still opens the file, the check fails."""
    with path.open("r+b") as file:
        header = file.read(100)
        page = int.from_bytes(header[16:18], "big") or 65536
        for number in range(2, 6):  # pages from 1; page 1 (the schema) is kept
            file.seek(page * (number - 1))
            file.write(b"\xde\xad\xbe\xef" * (page // 4))


def test_good_backups_are_good_and_say_their_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _with_two_backups(tmp_path)
    capsys.readouterr()
    assert cli.main(["backup", "verify", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("baik") >= 2 and "Semua 2 cadangan baik" in out
    assert "Pra Musrenbang" in out and "Lasem" in out


def test_a_damaged_backup_fails_the_check_and_is_not_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backups = _with_two_backups(tmp_path)
    damaged = backups[0]
    _damage(damaged.path)
    before = path.read_bytes()
    capsys.readouterr()
    assert cli.main(["backup", "verify", "--db", str(path)]) == 2
    captured = capsys.readouterr()
    assert "rusak" in captured.out and "baik" in captured.out
    assert "1 cadangan gagal diperiksa" in captured.err
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "tidak bisa dipakai" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    # The good one still comes back.
    assert cli.main(["backup", "restore", "2", "--yes", "--db", str(path)]) == 0


def test_another_programs_database_among_the_backups_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backups = _with_two_backups(tmp_path)
    impostor = backups[1].path
    impostor.unlink()
    connection = sqlite3.connect(impostor)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    capsys.readouterr()
    assert cli.main(["backup", "verify", "--db", str(path)]) == 2
    assert "bukan basis data Lasem" in capsys.readouterr().out
    assert cli.main(["backup", "restore", "2", "--yes", "--db", str(path)]) == 2
