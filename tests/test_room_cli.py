"""``lasem demo``: it says where its throwaway database is, and a second demo in the
same file is named apart from the first."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from lasem_tui.cli import main, opening
from lasem_tui.store import setup
from lasem_tui.store.database import open_database


def test_a_throwaway_demo_says_where_its_database_is_on_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(
        opening, "run_app", lambda db, meeting_id, notice=None: opened.append(db.url) or 0
    )
    assert main(["demo"]) == 0
    made = list(tmp_path.glob("lasem-demo-*/lasem-demo.db"))
    assert len(made) == 1 and opened
    said = " ".join(capsys.readouterr().err.split())
    assert f"Basis data demo ini ada di {made[0]}" in said


def test_the_same_demo_file_twice_names_the_second_meeting_apart(tmp_path: Path) -> None:
    target = str(tmp_path / "demo.db")
    assert main(["demo", "--db", target, "--no-open"]) == 0
    assert main(["demo", "--db", target, "--no-open"]) == 0
    assert main(["demo", "--db", target, "--no-open"]) == 0
    db = open_database(target)
    try:
        titles = sorted(m.title for m in setup.list_meetings(db))
    finally:
        db.dispose()
    assert titles == [
        "Pra Musrenbang Kecamatan Lasem 2023",
        "Pra Musrenbang Kecamatan Lasem 2023 (contoh 2)",
        "Pra Musrenbang Kecamatan Lasem 2023 (contoh 3)",
    ]
