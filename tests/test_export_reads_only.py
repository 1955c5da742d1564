"""An export reads the meeting and changes nothing: no schema written into an empty
file, no migration, not a byte of the database file different afterwards; and on a full
disk the reading commands still work while the writing ones say the disk is full."""

from __future__ import annotations

import hashlib
import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.store import demo, sqlite_file
from lasem_tui.store.database import open_database
from lasem_tui.store.engine import DatabaseError


def _demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "rapat" / "lasem.db"
    path.parent.mkdir()
    db = open_database(str(path))
    demo.write_demo(db, demo.Stage.MIDWAY)
    db.dispose()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["md", "csv", "xlsx", "docx"])
def test_an_export_leaves_the_database_file_byte_for_byte_unchanged(
    fmt: str, tmp_path: Path
) -> None:
    path = _demo_file(tmp_path)
    before = _digest(path)
    folder_before = sorted(p.name for p in path.parent.iterdir())
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(["--db", str(path), "export", fmt, "-o", f"{out}/"]) == 0
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == folder_before


def test_an_export_does_not_migrate_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import create_engine, text

    path = _demo_file(tmp_path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    before = _digest(path)
    assert cli.main(["--db", str(path), "export", "csv"]) == 2
    assert "revisi 0001" in capsys.readouterr().err
    assert _digest(path) == before


Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Call it to make the disk report no free space (statvfs as on a full stick);
    nothing else is faked, so what the commands still do they do without writing a
    byte there (checked by the files in the folder afterwards)."""
    real = shutil.disk_usage

    def usage(path):  # type: ignore[no-untyped-def]
        total, _used, _free = real(path)
        return Usage(total, total, 0)

    return lambda: monkeypatch.setattr(shutil, "disk_usage", usage)


def test_on_a_full_disk_the_desk_says_the_disk_is_full(
    tmp_path: Path,
    full_disk,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    path = _demo_file(tmp_path)
    full_disk()
    with pytest.raises(DatabaseError) as caught:
        open_database(str(path))
    assert caught.value.code == "db_disk_full_open"
    assert cli.main(["--db", str(path), "import", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "Disk penuh" in err and "flashdisk" not in err


def test_on_a_full_disk_an_export_still_reads_the_meeting(
    tmp_path: Path,
    full_disk,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    path = _demo_file(tmp_path)
    full_disk()
    assert not sqlite_file.wal_path(path).exists()
    before = _digest(path)
    assert cli.main(["--db", str(path), "export", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") > 10
    # Read as immutable: SQLite made no -wal or -shm file, which a full disk refuses.
    assert sorted(p.name for p in path.parent.iterdir()) == ["lasem.db"]
    assert _digest(path) == before
    db = open_database(str(path), read_only=True)
    try:
        assert db.read_only
    finally:
        db.dispose()
