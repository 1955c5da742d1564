"""The in-app import (key i) refuses a hostile file with the CLI's message, and the desk
goes on: nothing written, the next decision taken as usual."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Button

from lasem_tui.exchange.importing import file_limits
from lasem_tui.store import setup
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.import_dialog import ImportDialog
from lasem_tui.ui.screens.import_preview import ImportPreviewScreen
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from tests.importing_helpers import snapshot
from tests.ui_helpers import screen_text

SIZE = (120, 36)


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ImportDialog, "last_path", "")


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range((file_limits.MAX_PART_BYTES >> 20) + 4):
                part.write(chunk)
    return path


@pytest.mark.parametrize("kind", ["fifo", "bomb"])
async def test_a_hostile_file_is_refused_in_the_app_and_the_desk_goes_on(
    db: Database, template: int, tmp_path: Path, kind: str
) -> None:
    if kind == "fifo":
        path = tmp_path / "rekap.csv"
        os.mkfifo(path)
        expected = "bukan berkas biasa"
    else:
        path = _bomb(tmp_path / "rekap.xlsx")
        expected = "terlalu besar setelah diurai"
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReviewerPicker)
        await pilot.press("enter")
        await pilot.pause()
        before = snapshot(db)
        await pilot.press(*path.name, "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert expected in " ".join(screen_text(app).split())
        if isinstance(app.screen, ImportPreviewScreen):
            assert app.screen.query_one("#confirm", Button).disabled
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
        assert snapshot(db) == before
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
