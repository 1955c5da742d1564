"""Pictures of the setup screen and the import preview, compared with the approved SVGs
in __snapshots__ (clock frozen, time zone WIB, as in test_snapshots.py).
Update with ``pytest --snapshot-update``."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.import_dialog import ImportDialog
from tests.importing_helpers import write_csv


def test_setup_screen(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["f3"])


def test_import_preview_with_problems(
    snap_compare, midway_app: LasemApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ImportDialog, "last_path", "")
    path = write_csv(
        tmp_path / "rekap-dasun.csv",
        [
            ("Desa", "Usulan", "Lokasi", "Volume", "Satuan", "Anggaran", "OPD"),
            (
                "Dasun",
                "Perahu wisata mangrove",
                "Muara Dasun",
                "2",
                "unit",
                "Rp 90.000.000",
                "Dinbudpar",
            ),
            ("Dasun", "Gapura kampung bahari", "RT 01", "1", "unit", "delapan puluh juta", "DPUTR"),
            ("Sendang Coyo", "Embung desa", "Dusun Krajan", "1", "unit", "300000000", "DPUTR"),
            ("Bonang", "Penerangan jalan", "RW 02", "20", "titik", "120.000.000", "Dishub"),
        ],
    )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("i", *path.name, "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(midway_app, terminal_size=(120, 36), run_before=run_before)
