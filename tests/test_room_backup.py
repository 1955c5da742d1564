"""Backups taken before an import or a restore are kept apart from the rolling ten."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lasem_tui import cli
from lasem_tui.store import backup
from lasem_tui.store.database import open_database
from tests.importing_helpers import write_csv


def _demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "rapat.db"
    assert cli.main(["demo", "--db", str(path), "--stage", "midway", "--no-open"]) == 0
    return path


def test_an_import_backup_outlives_ten_openings(tmp_path: Path) -> None:
    path = _demo_file(tmp_path)
    recap = write_csv(
        tmp_path / "babagan.csv",
        [
            ["Desa", "Usulan", "Anggaran"],
            ["Babagan", "Sumur bor", "25000000"],
        ],
    )
    assert cli.main(["import", str(recap), "--db", str(path)]) == 0
    before_import = [b for b in backup.list_backups(path) if b.reason == "import"]
    assert len(before_import) == 1
    db = open_database(str(path))
    try:
        for _ in range(backup.KEEP + 3):
            backup.take_backup(db, "open")
    finally:
        db.dispose()
    kept = backup.list_backups(path)
    assert [b.path for b in kept if b.reason == "import"] == [before_import[0].path]
    assert before_import[0].path.exists()
    assert sum(1 for b in kept if b.reason not in backup.KEPT) == backup.KEEP


def test_a_restore_backs_up_the_file_it_replaces_and_keeps_it(tmp_path: Path) -> None:
    path = _demo_file(tmp_path)
    db = open_database(str(path))
    try:
        backup.take_backup(db, "open")
    finally:
        db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meeting SET title = 'Sesudah cadangan'")
    connection.commit()
    connection.close()
    assert cli.main(["backup", "restore", "1", "--yes", "--db", str(path)]) == 0
    kept = [b for b in backup.list_backups(path) if b.reason == "restore"]
    assert len(kept) == 1
    copy = sqlite3.connect(kept[0].path)
    try:
        assert copy.execute("SELECT title FROM meeting").fetchone() == ("Sesudah cadangan",)
    finally:
        copy.close()
    db = open_database(str(path))
    try:
        for _ in range(backup.KEEP + 2):
            backup.take_backup(db, "open")
    finally:
        db.dispose()
    assert kept[0].path in [b.path for b in backup.list_backups(path)]
