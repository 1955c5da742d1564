"""Import in the app (key i): the path, the preview before anything is written, and the
confirmation; a bad file lists every problem and cannot be imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import Button, DataTable, DirectoryTree, Input, Label, Select

from lasem_tui.store import backup, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Proposal
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.import_dialog import ImportDialog
from lasem_tui.ui.screens.import_preview import ImportPreviewScreen
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from tests.importing_helpers import snapshot, write_csv
from tests.ui_helpers import screen_text

SIZE = (120, 36)
HEADER = ("Desa", "Usulan", "Lokasi", "Volume", "Satuan", "Anggaran", "OPD")
GOOD = [
    HEADER,
    ("Dasun", "Penanaman mangrove", "Muara Dasun", "2000", "batang", "Rp 75.000.000", "DLH"),
    ("Dasun", "Talud tambak garam", "RT 02", "150", "m", "180.000.000", "DPUTR"),
    ("Bonang", "Jalan lingkungan", "RW 01", "300", "m", "250000000", "DPUTR"),
]
BAD = [
    HEADER,
    ("Dasun", "Penanaman mangrove", "Muara Dasun", "2000", "batang", "tujuh puluh juta", "DLH"),
    ("Sendang Coyo", "Embung desa", "Dusun Krajan", "1", "unit", "300000000", "DPUTR"),
    ("Bonang", "", "RW 01", "300", "m", "-5", "DPUTR"),
]


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file tree starts in the test's folder; no path remembered from another test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ImportDialog, "last_path", "")


async def _open_dialog(app: LasemApp, pilot) -> ImportDialog:  # type: ignore[no-untyped-def]
    """Key i; nobody is at the keyboard yet, so the reviewer picker asks first (Enter
    takes the one offered, Rina), as before a decision."""
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ReviewerPicker)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ImportDialog)
    return app.screen


async def _preview(app: LasemApp, pilot, path: Path) -> ImportPreviewScreen:  # type: ignore[no-untyped-def]
    await _open_dialog(app, pilot)
    # The path starts as the current folder (the test's): type the file's name.
    await pilot.press(*path.name, "enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportPreviewScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_a_good_file_is_previewed_then_imported_on_confirmation(
    db: Database, template: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "rekap-lasem.csv", GOOD, delimiter=";")
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(app, pilot, path)
        text = screen_text(app)
        assert "rekap-lasem.csv" in text
        assert "Baris dibaca: 3" in text
        assert "Rp 505.000.000" in text
        villages = screen.query_one("#import-villages", DataTable)
        assert villages.row_count == 3  # Dasun, Bonang, and the total
        assert "Dasun" in text and "Rp 255.000.000" in text
        assert screen.query_one("#import-problems", DataTable).row_count == 0
        confirm = screen.query_one("#confirm", Button)
        assert not confirm.disabled and "3 usulan" in str(confirm.label)
        # Nothing written while the preview is on screen.
        with db.read() as session:
            assert not session.exec(select(Proposal)).all()

        await pilot.press("enter")  # the import button has the focus
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        with db.read() as session:
            stored = session.exec(select(Proposal).order_by(Proposal.id)).all()
            event = session.exec(select(Event).where(Event.kind == "import")).one()
        assert [(p.title, p.requested, p.status) for p in stored] == [
            ("Penanaman mangrove", 75_000_000, "pending"),
            ("Talud tambak garam", 180_000_000, "pending"),
            ("Jalan lingkungan", 250_000_000, "pending"),
        ]
        logged = json.loads(event.after)
        assert logged["file"] == "rekap-lasem.csv" and logged["rows"] == 3
        assert logged["reviewer"] == "Rina"  # chosen when the import was asked for
        if db.path is not None:  # the meeting as it was before the import is kept
            assert [b.reason for b in backup.list_backups(db.path)] == ["import"]
        assert any("3 usulan dari rekap-lasem.csv" in n.message for n in app._notifications)


async def test_a_bad_file_lists_every_problem_and_cannot_be_imported(
    db: Database, template: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "rekap-salah.csv", BAD)
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(app, pilot, path)
        before = snapshot(db)  # the reviewer chosen on the way is logged; nothing else
        problems = screen.query_one("#import-problems", DataTable)
        rows = [problems.get_row_at(i) for i in range(problems.row_count)]
        found = {(row[0], str(row[1]).split(" (")[0]) for row in rows}
        assert ("2", "Anggaran") in found
        assert ("3", "Desa") in found
        assert ("4", "Usulan") in found and ("4", "Anggaran") in found
        text = screen_text(app)
        assert "Sendangcoyo" in text  # the closest village is suggested
        assert "Tidak bisa diimpor" in text
        confirm = screen.query_one("#confirm", Button)
        assert confirm.disabled
        await pilot.press("ctrl+s")  # the import key does nothing either
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ImportPreviewScreen)
        assert snapshot(db) == before

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert snapshot(db) == before


async def test_a_missing_file_is_refused_in_the_dialog(
    db: Database, template: int, tmp_path: Path
) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _open_dialog(app, pilot)
        await pilot.press(*"tidak-ada.csv", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        error = app.screen.query_one("#path-error", Label)
        assert error.has_class("-shown") and "tidak ditemukan" in str(error.render())

        # The folder tree below offers the recaps there: picking one fills in the path.
        write_csv(tmp_path / "rekap-bonang.csv", GOOD)
        (tmp_path / "catatan.docx").write_bytes(b"")
        dialog = app.screen
        tree = dialog.query_one("#tree", DirectoryTree)
        await tree.reload()
        await pilot.pause()
        shown = [node.data.path.name for node in tree.root.children if node.data]
        assert shown == ["rekap-bonang.csv"]
        await pilot.press("tab", "tab", "tab", "down", "enter")
        await pilot.pause()
        assert dialog.query_one("#path", Input).value == str(tmp_path / "rekap-bonang.csv")


async def test_one_villages_own_recap_goes_to_the_village_chosen(
    db: Database, template: int, tmp_path: Path
) -> None:
    """A village sends its own file, with no village column: the dialog asks which."""
    rows = [
        ("Usulan", "Lokasi", "Volume", "Satuan", "Anggaran", "OPD"),
        ("Penanaman mangrove", "Muara Dasun", "2000", "batang", "75.000.000", "DLH"),
        ("Talud tambak garam", "RT 02", "150", "m", "180.000.000", "DPUTR"),
    ]
    path = write_csv(tmp_path / "rekap-dasun.csv", rows)
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        village = dialog.query_one("#village", Select)
        dasun = next(v for v in app.screen.villages if v[0] == "Dasun")[1]
        village.value = dasun
        await pilot.press(*path.name, "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Dasun" in screen_text(app) and "Rp 255.000.000" in screen_text(app)
        assert screen.query_one("#import-problems", DataTable).row_count == 0
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        with db.read() as session:
            stored = session.exec(select(Proposal).order_by(Proposal.id)).all()
        assert [p.title for p in stored] == ["Penanaman mangrove", "Talud tambak garam"]
        assert {p.village_id for p in stored} == {dasun}


async def test_enter_on_a_file_without_the_column_stops_at_the_village_choice(
    db: Database, template: int, tmp_path: Path
) -> None:
    """Enter in the path field does not skip the village: the dialog stays, says the
    village is picked here, and has the village list focused; picked, Enter goes on."""
    rows = [("Usulan", "Anggaran"), ("Penanaman mangrove", "75.000.000")]
    path = write_csv(tmp_path / "rekap-tanpa-desa.csv", rows)
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        await pilot.press(*path.name, "enter")
        await pilot.pause()
        assert app.screen is dialog
        text = " ".join(screen_text(app).split())
        assert "tidak punya kolom Desa: pilih desanya di daftar Desa" in text
        assert "Kolom wajib" not in text
        village = dialog.query_one("#village", Select)
        assert app.screen.focused is village
        village.value = next(v for v in dialog.villages if v[0] == "Dasun")[1]
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.query_one("#confirm", Button).disabled
        assert "Penanaman mangrove" in screen_text(app)  # the row read, not only counts


def test_a_missing_village_column_in_the_preview_says_where_to_pick_it() -> None:
    from types import MappingProxyType

    from lasem_tui.exchange.importing import Problem
    from lasem_tui.ui.screens.import_preview import _message

    missing = Problem(
        row=1, column="Desa", code="column_missing", params=MappingProxyType({"column": "Desa"})
    )
    assert "pilih desanya" in _message(missing, None)
    assert "Kolom wajib" not in _message(missing, None)


async def test_a_file_with_no_rows_at_all_is_blocked_without_counting_rows(
    db: Database, template: int, tmp_path: Path
) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text("", encoding="utf-8")
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(app, pilot, path)
        assert screen.query_one("#confirm", Button).disabled
        text = screen_text(app)
        assert "kesalahan pada berkasnya" in text and "0 baris" not in text


async def test_the_preview_lists_the_rows_read(db: Database, template: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "rekap-lasem.csv", GOOD, delimiter=";")
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(app, pilot, path)
        rows = screen.query_one("#import-rows", DataTable)
        assert rows.row_count == 3
        text = screen_text(app)
        assert "Baris yang terbaca" in text
        for title in ("Penanaman mangrove", "Talud tambak garam", "Jalan lingkungan"):
            assert title in text
        assert "2.000 batang" in text and "Rp 75.000.000" in text
