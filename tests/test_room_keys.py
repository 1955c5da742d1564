"""``q`` goes back on every screen but the desk: the facilitator closing the attendance
list, the minutes preview or the projector with ``q`` must not end the desk."""

from __future__ import annotations

import pytest

from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.projector_app import ProjectorApp
from lasem_tui.ui.screens.attendance import AttendanceScreen
from lasem_tui.ui.screens.meeting_picker import MeetingPicker
from lasem_tui.ui.screens.minutes import MinutesScreen
from lasem_tui.ui.screens.projector import ProjectorScreen
from lasem_tui.ui.setup.screen import SetupScreen
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


def _help_widgets(app: LasemApp):  # type: ignore[no-untyped-def]
    from textual.containers import VerticalScroll

    from lasem_tui.ui.screens.help import HelpScreen

    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one("#help-scroll", VerticalScroll)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_help_scrolls_to_every_key_and_fits_the_screen(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = _help_widgets(app)
        dialog = scroll.parent
        assert dialog.region.height <= size[1] and dialog.region.width <= size[0]
        text = screen_text(app)
        assert "Bantuan: tombol" in text and "Esc: tutup" in text
        assert scroll.max_scroll_y > 0  # more keys than fit
        assert "Bahasa: English" not in text  # f2, the last key, is below the fold
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "Bahasa: English" in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("pageup", "down", "down")
        await pilot.pause()
        assert scroll.scroll_y == 2
        assert "Bantuan: tombol" in screen_text(app)  # the title stays
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)


async def test_help_of_the_attendance_list_says_what_esc_does_there(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("h", "question_mark")
        await pilot.pause()
        _help_widgets(app)
        text = screen_text(app)
        assert "Tutup daftar hadir" in text
        assert "proyektor" not in text


async def test_the_command_palette_speaks_indonesian(
    db: Database, midway_demo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.command import CommandPalette

    from lasem_tui.ui.screens.palette import Palette

    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.01)  # no wait for the line

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert "Cari perintah…" in screen_text(app)
        assert "Search for commands" not in screen_text(app)
        await pilot.press(*"zzzqqq")
        await app.workers.wait_for_complete()
        for _ in range(50):  # the line comes on a timer, a few frames later
            await pilot.pause(0.01)
            if "Tidak ada yang cocok" in screen_text(app):
                break
        assert "Tidak ada yang cocok" in screen_text(app)
        assert "No matches found" not in screen_text(app)
        await pilot.press("ctrl+a", "backspace", *"Bantuan")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Bantuan" in screen_text(app)
