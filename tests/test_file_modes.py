"""The meeting's files are the owner's alone: folder 700, database and backups 600.

Made so from the start (whatever the umask), and tightened, once and said, when an
older version left them readable by every user of the laptop.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from lasem_tui import cli
from lasem_tui.store import backup, locations
from lasem_tui.store.database import open_database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what a laptop has: files 644, folders 755
    yield
    os.umask(old)


def test_a_new_database_its_wal_and_the_data_folder_are_private(tmp_path: Path) -> None:
    assert cli.main(["demo", "--no-open", "--db", str(tmp_path / "rapat.db")]) == 0
    db = tmp_path / "rapat.db"
    assert _mode(db) == 0o600
    opened = open_database(str(db))
    try:
        with opened.read() as session:
            session.exec(text("SELECT count(*) FROM meeting")).one()
            # Open in WAL mode: SQLite made its -wal and -shm, with the database's mode.
            for companion in (db.with_name("rapat.db-wal"), db.with_name("rapat.db-shm")):
                assert _mode(companion) == 0o600, companion
    finally:
        opened.dispose()
    assert _mode(locations.data_dir()) == 0o700
    default = locations.default_database_path()
    open_database(None).dispose()
    assert _mode(default) == 0o600


def test_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "rapat.db"
    assert cli.main(["demo", "--no-open", "--db", str(path)]) == 0
    db = open_database(str(path))
    try:
        taken = backup.take_backup(db, "open")
    finally:
        db.dispose()
    assert taken is not None
    assert _mode(taken) == 0o600 and _mode(taken.with_name(taken.name + ".json")) == 0o600
    assert _mode(taken.parent) == 0o700


def test_loose_files_of_an_older_version_are_tightened_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rapat.db"
    assert cli.main(["demo", "--no-open", "--db", str(path)]) == 0
    db = open_database(str(path))
    try:
        taken = backup.take_backup(db, "open")
    finally:
        db.dispose()
    assert taken is not None
    for loose in (path, taken, taken.with_name(taken.name + ".json")):
        os.chmod(loose, 0o644)
    os.chmod(taken.parent, 0o755)
    os.chmod(locations.data_dir(), 0o755)
    capsys.readouterr()
    assert cli.main(["backup", "list", "--db", str(path)]) == 0
    assert cli.main(["export", "md", "--db", str(path), "-o", str(tmp_path)]) == 0
    said = capsys.readouterr().err
    assert said.count("Izin berkas diperketat") == 1
    assert _mode(path) == 0o600 and _mode(taken) == 0o600
    assert _mode(taken.parent) == 0o700 and _mode(locations.data_dir()) == 0o700
    assert cli.main(["export", "md", "--db", str(path), "-o", str(tmp_path), "--force"]) == 0
    assert "Izin berkas" not in capsys.readouterr().err
