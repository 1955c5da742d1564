"""The projector in front of the room: the end of the meeting reads as the end, the
titles and the date use the width there is, and the message reads from the back."""

from __future__ import annotations

import pytest

from lasem_tui.domain.dates import format_clock, local
from lasem_tui.domain.money import format_rupiah
from lasem_tui.store import demo, minutes, queries
from lasem_tui.store import projector as projector_store
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.projector_app import ProjectorApp
from lasem_tui.ui.screens.projector import ProjectorScreen
from lasem_tui.ui.widgets.projector import BigMessage, big_letters
from tests.ui_helpers import screen_text


@pytest.fixture
def done_demo(db: Database) -> int:
    return demo.write_demo(db, demo.Stage.DONE)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_end_of_the_meeting_has_its_own_state(
    db: Database, done_demo: int, size: tuple[int, int]
) -> None:
    with db.read() as session:
        state = queries.desk_state(session, done_demo)
    app = LasemApp(db, done_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        text = screen_text(app)
        assert "Rapat selesai" in text
        assert "Belum ada desa di meja" not in text
        assert "Belum ada usulan yang dibahas" not in text
        assert f"{len(state.villages)} desa selesai" in text
        assert format_rupiah(state.tally.approved) in text
        assert "Lama sidang" in text
        if size[0] >= 110:  # the list panel: each village's result
            assert "Hasil per desa" in text
            first = state.villages[0]
            assert first.name in text and format_rupiah(first.approved) in text


async def test_after_finalising_the_projector_says_when_the_meeting_closed(
    db: Database, done_demo: int
) -> None:
    with db.read() as session:
        reviewer = queries.desk_state(session, done_demo).reviewers[0].id
    closed = minutes.finalise(db, done_demo, reviewer_id=reviewer)
    assert closed.closed_at is not None
    app = ProjectorApp(db, done_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"Rapat ditutup pukul {format_clock(local(closed.closed_at))}" in text
        assert "Selanjutnya" not in text


async def test_titles_get_the_free_width_and_the_date_is_whole(
    db: Database, midway_demo: int
) -> None:
    with db.read() as session:
        state = queries.desk_state(session, midway_demo)
    longest = max(state.proposals, key=lambda row: len(row.title))
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Jumat, 17 Februari 2023" in text
        assert longest.title in text, longest.title  # 43 characters, not cut at 17
        assert state.meeting.title in text


async def test_the_message_is_in_big_letters(db: Database, midway_demo: int) -> None:
    projector_store.set_message(db, midway_demo, "Istirahat 10 menit", reviewer_id=None)
    for size in ((120, 36), (80, 24)):
        app = ProjectorApp(db, midway_demo)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            message = app.screen.query_one("#pj-message", BigMessage)
            assert message.display
            assert message.region.height == 3  # three rows of letters, not one
            big = big_letters("Istirahat 10 menit", message.content_size.width)
            assert big is not None
            assert big.splitlines()[0].strip() in screen_text(app)


def test_a_message_too_long_or_with_letters_the_font_lacks_is_plain_text() -> None:
    assert big_letters("Istirahat 10 menit", 80) is not None
    assert (
        big_letters("Kopi di pendopo belakang, makan siang jam 12.00 di aula, sholat di masjid", 60)
        is None
    )
    assert big_letters("Sesi dilanjutkan — café", 80) is not None  # as "- cafe"
    assert big_letters("Istirahat ☕", 80) is None
