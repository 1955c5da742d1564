"""A backup that fails as the desk opens is shown in the desk, not printed before the
interface takes the terminal (where nobody saw it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.store import backup, demo
from lasem_tui.store.database import open_database
from lasem_tui.ui.app import LasemApp


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "lasem.db"
    db = open_database(str(path))
    demo.write_demo(db, demo.Stage.MIDWAY)
    db.dispose()
    return path


async def test_a_failed_backup_on_opening_is_a_notification_in_the_desk(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(_db, _reason):  # type: ignore[no-untyped-def]
        raise backup.BackupError("backup_failed", "No space left on device")

    monkeypatch.setattr(backup, "take_backup", failing)
    started: list[LasemApp] = []
    monkeypatch.setattr(LasemApp, "run", lambda self, *a, **k: started.append(self))
    assert cli.main(["--db", str(demo_file)]) == 0
    assert "No space left" not in capsys.readouterr().err  # nothing printed to be lost
    (app,) = started
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert shown == [
            "Cadangan saat membuka rapat gagal dibuat: No space left on device. Rapat tetap dibuka."
        ]
        assert "DeskScreen" in type(app.screen).__name__
    app.db.dispose()


async def test_a_good_backup_shows_no_notice(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[LasemApp] = []
    monkeypatch.setattr(LasemApp, "run", lambda self, *a, **k: started.append(self))
    assert cli.main(["--db", str(demo_file)]) == 0
    (app,) = started
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert list(app._notifications) == []
    app.db.dispose()
