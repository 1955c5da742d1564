"""The export dialog fits the screen with its buttons in view, refuses an existing file
in a sentence with the choice to overwrite, and offers both CSVs by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, RadioButton

from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.export_dialog import ExportDialog
from tests.ui_helpers import screen_text


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_dialog_fits_with_its_buttons_in_view(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        text = screen_text(app)
        for button_id in ("go", "close"):
            button = dialog.query_one(f"#{button_id}", Button)
            region = button.region
            assert region.height >= 1 and region.bottom <= size[1], button_id
            assert str(button.label) in text
        assert "CSV koma" in text and "CSV Excel" in text


async def test_a_refusal_is_a_sentence_with_the_choice_to_overwrite(
    db: Database, midway_demo: int, tmp_path: Path
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#folder", Input).value = str(tmp_path)
        dialog.query_one("#fmt-xlsx", RadioButton).value = True
        await pilot.pause()
        name = dialog.query_one("#filename", Input).value
        dialog.query_one("#go", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / name
        assert written.is_file(), str(dialog.query_one("#dialog-error").render())
        before = written.stat().st_mtime_ns
        overwrite = dialog.query_one("#overwrite", Button)
        assert not overwrite.display

        dialog.query_one("#go", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert f"Berkas “{name}” sudah ada di folder" in " ".join(text.split())
        assert overwrite.display and "Timpa berkas itu" in text
        assert app.screen.focused is overwrite
        assert written.stat().st_mtime_ns == before
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert written.stat().st_mtime_ns != before
        assert "Selesai" in screen_text(app)
        assert not overwrite.display


async def test_both_csv_variants_are_offered_and_written_as_named(
    db: Database, midway_demo: int, tmp_path: Path
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#folder", Input).value = str(tmp_path)
        names = {}
        for choice in ("csv", "csv_excel"):
            dialog.query_one(f"#fmt-{choice}", RadioButton).value = True
            await pilot.pause()
            names[choice] = dialog.query_one("#filename", Input).value
            dialog.query_one("#go", Button).press()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert names["csv"] != names["csv_excel"] and names["csv_excel"].endswith("-excel.csv")
        plain = (tmp_path / names["csv"]).read_bytes()
        excel = (tmp_path / names["csv_excel"]).read_bytes()
        assert not plain.startswith(b"\xef\xbb\xbf") and b"," in plain.splitlines()[0]
        assert excel.startswith(b"\xef\xbb\xbf") and b";" in excel.splitlines()[0]
