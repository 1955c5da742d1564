"""``q`` goes back on every screen but the desk: the facilitator closing the attendance
list, the minutes preview or the projector with ``q`` must not end the desk."""

from __future__ import annotations

import pytest

from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.projector_app import ProjectorApp
from lasem_tui.ui.screens.attendance import AttendanceScreen
from lasem_tui.ui.screens.desk import DeskScreen
from lasem_tui.ui.screens.meeting_picker import MeetingPicker
from lasem_tui.ui.screens.minutes import MinutesScreen
from lasem_tui.ui.screens.projector import ProjectorScreen
from lasem_tui.ui.screens.setup import SetupScreen
from tests.ui_helpers import screen_text


@pytest.mark.parametrize(
    ("keys", "screen_type"),
    [
        (["h"], AttendanceScreen),
        (["m", "ctrl+o"], MinutesScreen),
        (["p"], ProjectorScreen),
        (["f3"], SetupScreen),
        (["f4"], MeetingPicker),
    ],
)
@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_q_goes_back_to_the_desk(
    db: Database, midway_demo: int, keys: list[str], screen_type: type, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, DeskScreen)
        assert "Desa Jolotundo" in screen_text(app)


async def test_q_on_the_minutes_preview_keeps_the_typed_minutes(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("end", *"Catatan q", "ctrl+o", "q")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        from lasem_tui.store import minutes

        assert "Catatan q" in minutes.get_minutes(db, midway_demo).text


async def test_q_in_the_read_only_projector_ends_it(db: Database, midway_demo: int) -> None:
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("keys", [["f4"], ["x"], ["i"]])
async def test_q_closes_a_dialog_opened_from_the_desk(
    db: Database, midway_demo: int, keys: list[str]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(app.screen, DeskScreen)
        if keys == ["i"]:
            app.screen.query_one("#tree").focus()  # the folder tree, not the path field
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, DeskScreen)
