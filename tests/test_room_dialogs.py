"""The decision dialogs never throw typed text away: Enter saves when valid and says why
when not, Tab goes from the text to Save, Cancel with text typed asks first."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog, DeferDialog, RejectDialog
from tests.ui_helpers import highlighted, screen_text, stored


def _error(app: LasemApp) -> str:
    return str(app.screen.query_one("#dialog-error").render())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_defer_tab_then_typing_then_enter_saves_the_reason(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    """The reported case: d, Tab, type a reason, Enter."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DeferDialog)
        await pilot.press("tab")
        assert app.screen.focused is not None and app.screen.focused.id == "save"
        await pilot.press(*"Menunggu DED", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        row = stored(db, target.id)
        assert row.status is ProposalStatus.DEFERRED
        assert row.reason == "Menunggu DED"


async def test_enter_on_save_with_nothing_typed_says_why(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("r", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RejectDialog)
        assert "wajib" in _error(app)
        assert "wajib" in screen_text(app)
        assert stored(db, target.id).status is ProposalStatus.PENDING


async def test_cancel_with_a_typed_reason_asks_and_enter_keeps_it(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("r", *"Sudah dibiayai APBDes", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Buang yang sudah diketik?" in screen_text(app)
        await pilot.press("enter")  # the safe answer: back to the dialog
        await pilot.pause()
        assert isinstance(app.screen, RejectDialog)
        assert app.screen.query_one("#reason", Input).value == "Sudah dibiayai APBDes"
        # Cancel itself asks too; y throws the text away.
        app.screen.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert stored(db, target.id).status is ProposalStatus.PENDING


async def test_cancel_with_nothing_typed_closes_at_once(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("d", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)


async def test_adjust_refuses_volume_zero(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = next(
            r
            for r in app.screen.state.proposals  # type: ignore[attr-defined]
            if r.status is ProposalStatus.PENDING and r.volume
        )
        app.screen.highlight_proposal(target.id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("e", "tab")
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        volume = dialog.query_one("#volume", Input)
        assert app.screen.focused is volume
        volume.value = ""
        await pilot.press("0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjustDialog)
        assert "Volume 0" in _error(app)
        assert stored(db, target.id).status is ProposalStatus.PENDING


async def test_adjust_takes_an_amount_with_spaces_around_it(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        # The amount is selected on focus: a space typed first replaces it.
        await pilot.press(*" 25.000.000 ")
        await pilot.pause()
        assert dialog.query_one("#amount", Input).value == " 25.000.000 "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen), _error(app)
        row = stored(db, target.id)
        assert row.status is ProposalStatus.ADJUSTED
        assert row.approved == 25_000_000


async def test_at_80x24_each_field_of_the_adjust_dialog_shows_with_its_label(
    db: Database, midway_demo: int
) -> None:
    """On a small terminal the dialog's fields scroll; the one with the focus is never
    shown without the label that says what it is for."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AdjustDialog)
        labels = {
            "amount": "Jumlah disetujui (Rp)",
            "volume": "Volume disetujui",
            "note": "Catatan",
            "agency": "OPD tujuan",
        }
        seen = []
        for _ in labels:
            await app.workers.wait_for_complete()
            await pilot.pause()
            focused = app.screen.focused
            assert focused is not None and focused.id in labels
            assert labels[focused.id] in screen_text(app), focused.id
            seen.append(focused.id)
            await pilot.press("tab")
        assert seen == list(labels)
