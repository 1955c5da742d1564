"""The desk's start (issue 13, first paint): the review table is drawn once at its final
size with the columns for that size, the dialogs are not imported before they open, and
the entry point gives the garbage collector back."""

from __future__ import annotations

import gc
import subprocess
import sys
from typing import Any

import pytest

from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.widgets.proposal_table import ProposalTable

#: Opened only from a key at the desk: importing them held up its first paint.
DIALOG_MODULES = (
    "lasem_tui.ui.screens.decision_dialogs",
    "lasem_tui.ui.screens.reviewer_picker",
    "lasem_tui.ui.screens.message_dialog",
    "lasem_tui.ui.screens.confirm",
    "lasem_tui.ui.screens.help",
    "lasem_tui.ui.fit.scoring_dialog",
    "lasem_tui.ui.kamus.picker",
    "lasem_tui.ui.kamus.location",
)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_review_table_is_drawn_only_at_its_final_width(
    db: Database, midway_demo: int, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Every frame of the table, from the first, has the width and the columns it keeps:
    the queue and the panels below take their room before they mount, and the columns are
    planned as the layout gives the width, not a frame later."""
    drawn: list[tuple[int, Any]] = []
    render_lines = ProposalTable.render_lines

    def recording(table: ProposalTable, crop: Any) -> Any:
        drawn.append((table.size.width, table._plan))
        return render_lines(table, crop)

    monkeypatch.setattr(ProposalTable, "render_lines", recording)
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(ProposalTable)
        assert table.row_count > 0
        final = (table.size.width, table._plan)
    assert drawn, "the table was never drawn"
    assert all(frame == final for frame in drawn), [w for w, _ in drawn]


def test_the_desk_imports_no_dialog_before_it_opens() -> None:
    code = (
        "import sys, lasem_tui.ui.app; "
        f"print(','.join(m for m in {DIALOG_MODULES!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == ""


def test_the_entry_point_gives_the_collector_back(capsys: pytest.CaptureFixture[str]) -> None:
    """``lasem`` holds the collector through its imports; after any command it is on."""
    from lasem_tui import __main__ as entry

    argv = sys.argv
    sys.argv = ["lasem", "--help"]
    try:
        assert entry.main() == 0
    finally:
        sys.argv = argv
    assert "lasem" in capsys.readouterr().out
    assert gc.isenabled()
