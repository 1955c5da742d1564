"""The app's import (i) on an SIPD re-import: the preview says what is skipped and what
changed, and the changes are written only when their switch is ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import Checkbox

from lasem_tui.exchange import importing
from lasem_tui.store import kamus, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Proposal
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.import_dialog import ImportDialog
from tests.sipd_corpus import sipd_rows, write_sipd_xlsx
from tests.test_import_ui import SIZE, _preview
from tests.ui_helpers import screen_text


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ImportDialog, "last_path", "")


@pytest.fixture
def imported(db: Database, tmp_path: Path) -> int:
    meeting = setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])
    first = write_sipd_xlsx(tmp_path / "pertama.xlsx", sipd_rows()[:2])
    importing.commit(db, importing.preview(db, meeting, first))
    kamus.replace_kamus(
        db,
        meeting,
        [kamus.NewEntry("4.01.01", "Penanaman Mangrove", "batang", 10_000, "DLH", "fisik")],
        file_name="kamus.csv",
    )
    return meeting


def _second(tmp_path: Path) -> Path:
    rows = sipd_rows()
    rows[0]["Anggaran"] = "175.000.000"
    return write_sipd_xlsx(tmp_path / "kedua.xlsx", rows)


def _amounts(db: Database) -> dict[str, tuple[int, int | None]]:
    with db.read() as session:
        return {p.sipd_id: (p.requested, p.kamus_entry_id) for p in session.exec(select(Proposal))}


@pytest.mark.parametrize("tick", [False, True], ids=["confirm-only", "apply-and-link"])
async def test_reimport_preview_and_switches(
    db: Database, imported: int, tmp_path: Path, tick: bool
) -> None:
    path = _second(tmp_path)
    app = LasemApp(db, imported)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(app, pilot, path)
        text = screen_text(app)
        assert "SIPD: 1 tidak berubah (dilewati), 1 berubah, 1 padanan kamus" in text
        assert "Sudah ada sebagai 12.01" in text  # the change, by row, in the problems
        apply = screen.query_one("#sipd-apply", Checkbox)
        link = screen.query_one("#sipd-link", Checkbox)
        assert apply.display and not apply.value and link.display and not link.value
        if tick:
            apply.focus()
            await pilot.press("space")
            link.focus()
            await pilot.press("space")
            await pilot.pause()
            assert apply.value and link.value
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
    stored = _amounts(db)
    assert set(stored) == {"3317050001", "3317050002", "3317050003", "3317050004"}
    assert stored["3317050001"][0] == (175_000_000 if tick else 150_000_000)
    assert (stored["3317050004"][1] is not None) is tick
