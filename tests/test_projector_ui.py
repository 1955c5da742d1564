"""The projector driven as the facilitator and the room use it: the toggle, the message,
the themes, resizing, and a second read-only process that follows the desk."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from textual.widgets import Input

from lasem_tui import settings
from lasem_tui.domain import dates, decisions
from lasem_tui.domain.money import format_rupiah
from lasem_tui.domain.states import EventKind
from lasem_tui.store import desk as commands
from lasem_tui.store import projector as projector_store
from lasem_tui.store import queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.models import Event, Meeting
from lasem_tui.ui import themes
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.projector_app import ProjectorApp
from lasem_tui.ui.screens.message_dialog import MessageDialog
from lasem_tui.ui.screens.projector import ProjectorScreen
from lasem_tui.ui.widgets.projector import BigMessage, MoneyFigure, TimerFigure, juta
from tests.ui_helpers import desk, highlighted, screen_text


def projector(app: LasemApp) -> ProjectorScreen:
    screen = app.screen
    assert isinstance(screen, ProjectorScreen), type(screen)
    return screen


def meeting(db: Database, meeting_id: int) -> Meeting:
    with db.read() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        return row


async def test_p_toggles_the_projector_over_the_desk(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        desk_theme = app.theme
        await pilot.press("p")
        await pilot.pause()
        screen = projector(app)
        text = screen_text(app)
        for words in ("Disetujui", "Pagu", "Sisa pagu", "Perkiraan selesai", "Desa Jolotundo"):
            assert words in text
        assert "Sedang dibahas" in text and "Berikutnya" in text and "Status usulan" in text
        assert format_rupiah(screen.state.tally.ceiling) in text  # type: ignore[union-attr]
        assert app.theme == themes.theme_name("dark")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.theme == desk_theme


async def test_projector_follows_the_desk_highlight(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        moved = highlighted(app)
        # The highlight is saved once it rests, in the background.
        await pilot.pause(DeskScreen.CURSOR_SAVE_DELAY + 0.2)
        await app.workers.wait_for_complete()
        assert meeting(db, midway_demo).cursor_proposal_id == moved.id

        # A second process shows it as the proposal under discussion.
        other = ProjectorApp(open_database(str(db.engine.url.database)), midway_demo)
        async with other.run_test(size=(120, 36)) as other_pilot:
            await other_pilot.pause()
            assert f"Sedang dibahas: {moved.ref}" in screen_text(other)
            other.db.dispose()


async def test_message_is_set_from_the_desk_shown_and_cleared(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        assert isinstance(app.screen, MessageDialog)
        await pilot.press(*"Istirahat 10 menit", "enter")
        await pilot.pause()
        assert meeting(db, midway_demo).projector_message == "Istirahat 10 menit"
        await pilot.press("p")
        await pilot.pause()
        # In big letters, three rows of them, for the back of the hall.
        shown = projector(app).query_one("#pj-message", BigMessage)
        assert shown.text == "Istirahat 10 menit" and shown.region.height == 3
        assert "╻┏━┓╺┳╸╻┏━┓┏━┓" in screen_text(app)

        # On the projector too: the dialog shows the message; emptied, it clears.
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        field = dialog.query_one("#message", Input)
        assert field.value == "Istirahat 10 menit"
        field.value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert meeting(db, midway_demo).projector_message == ""
        assert not shown.display
        assert "╻┏━┓╺┳╸╻┏━┓┏━┓" not in screen_text(app)
        with db.read() as session:
            kinds = list(session.exec(select(Event.kind).where(Event.meeting_id == midway_demo)))
        assert kinds.count(EventKind.UPDATE_MEETING.value) == 2


async def test_escape_cancels_the_message_dialog(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("b", *"Desa Dasun dipanggil", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert meeting(db, midway_demo).projector_message == ""


async def test_theme_switch_is_remembered(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("p", "t")
        await pilot.pause()
        assert settings.load().projector_theme == "light"
        assert app.theme == themes.theme_name("light")
        await pilot.press("p", "p")  # back to the desk and again: the choice stays
        await pilot.pause()
        assert app.theme == themes.theme_name("light")
        await pilot.press("t")
        assert settings.load().projector_theme == "dark"
        assert app.theme == themes.theme_name("dark")


@pytest.mark.parametrize("size", [(80, 24), (240, 67)])
async def test_resizing_never_crashes_and_keeps_the_essentials(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for width, height in [(60, 16), (80, 24), (120, 36), (240, 67), (300, 90), size]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        text = screen_text(app)
        for words in ("Disetujui", "Sisa pagu", "Perkiraan selesai", "Desa Jolotundo"):
            assert words in text, (words, size)
        state = projector(app).state
        assert state is not None
        assert format_rupiah(state.tally.approved) in text


async def test_second_process_sees_a_desk_decision_within_the_poll(
    db: Database, db_url: str, midway_demo: int
) -> None:
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = projector(app)
        state = screen.state
        assert state is not None and state.village is not None
        target = queries.first_undecided(state.proposals)
        assert target is not None
        before = state.tally.approved

        desk_db = open_database(db_url)  # the desk: another connection, another engine
        commands.decide(
            desk_db,
            midway_demo,
            target.id,
            decisions.accept(target.requested, target.volume),
            reviewer_id=state.meeting.current_reviewer_id,
            expected_version=target.version,
        )
        desk_db.dispose()

        screen.watcher.poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = before + target.requested
        text = screen_text(app)
        assert format_rupiah(after) in text
        assert (
            juta(after)
            in app.screen.query_one("#pj-approved", MoneyFigure).query_one("Digits").value
        )  # type: ignore[attr-defined]
        assert "DITERIMA" in text or "diterima" in text


async def test_unreadable_database_keeps_the_picture_and_says_reconnecting(
    db: Database, midway_demo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = projector(app)
        shown = format_rupiah(screen.state.tally.approved)  # type: ignore[union-attr]

        def unreachable(*_args: object) -> None:
            raise OperationalError("SELECT", {}, Exception("server closed the connection"))

        monkeypatch.setattr(projector_store, "change_marker", unreachable)
        screen.watcher.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "MENYAMBUNG ULANG" in text
        assert shown in text and "Desa Jolotundo" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "MENYAMBUNG ULANG" in top and "Perkiraan selesai" in top

        monkeypatch.undo()
        screen.watcher.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "MENYAMBUNG ULANG" not in screen_text(app)


async def test_the_projector_process_never_writes(db: Database, midway_demo: int) -> None:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        app = ProjectorApp(db, midway_demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("b", "p", "escape")  # the desk's keys do nothing here
            await pilot.pause()
            assert isinstance(app.screen, ProjectorScreen)
            projector(app).watcher.poll()
            await app.workers.wait_for_complete()
            await pilot.press("t")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements and set(statements) <= {"SELECT", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK"}


async def test_over_the_ceiling_and_over_time_are_loud(db: Database, midway_demo: int) -> None:
    with db.write() as session:
        row = session.get(Meeting, midway_demo)
        assert row is not None
        row.ceiling = 1_000_000_000
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = projector(app)
        remaining = app.screen.query_one("#pj-remaining", MoneyFigure)
        assert remaining.has_class("-over")
        assert "MELEBIHI PAGU" in screen_text(app)
        assert format_rupiah(screen.state.tally.over) in screen_text(app)  # type: ignore[union-attr]

        # An hour later the village at the desk is well past its share.
        dates.freeze_clock(dates.now() + timedelta(hours=1))
        try:
            screen._tick()
            await pilot.pause()
            timer = app.screen.query_one("#pj-timer", TimerFigure)
            assert timer.has_class("-over")
            assert "LEWAT WAKTU" in screen_text(app)
            assert timer.query_one("Digits").value.startswith("-")  # type: ignore[attr-defined]
        finally:
            dates.freeze_clock(None)


async def test_language_switch_on_the_projector_reaches_the_desk(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("p", "f2")
        await pilot.pause()
        assert "Projected end" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert "Friday, 17 February 2023" in screen_text(app)
        assert desk(app).state is not None


async def test_large_font_on_a_tall_projector_and_3x3_digits_on_a_small_one(
    db: Database, midway_demo: int
) -> None:
    from lasem_tui.ui.widgets.big_digits import BigDigits, block_lines, block_width

    assert block_width("16.635", 1) == len(block_lines("16.635", 1)[0])
    assert len(block_lines("-5:36", 2)) == 10
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(240, 67)) as pilot:
        await pilot.pause()
        ceiling = app.screen.query_one("#pj-ceiling", MoneyFigure).query_one(BigDigits)
        assert ceiling.scale_for(ceiling.content_size.width) == 2
        assert ceiling.size.height == 10
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert ceiling.scale_for(ceiling.content_size.width) == 0
        assert ceiling.size.height == 3


async def test_an_empty_meeting_without_ceiling_reads_plainly(db: Database) -> None:
    from datetime import date

    from lasem_tui.store import meetings

    with db.write() as session:
        created = meetings.create_meeting(
            session,
            meetings.NewMeeting(title="Rapat kosong", held_on=date(2023, 2, 17)),
            with_lasem_template=False,
        )
        meeting_id = created.id or 0
    app = ProjectorApp(db, meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "pagu belum ditetapkan" in text
        assert "Belum ada desa di meja" in text
        assert "Tidak ada desa" in text and "Belum ada usulan yang dibahas" in text


async def test_the_projector_process_follows_the_meeting_the_desk_opens(
    db: Database, midway_demo: int
) -> None:
    from lasem_tui.store import meetings, setup

    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "DATA CONTOH" in screen_text(app)
        # At the desk: F4, the Musrenbang Kecamatan meeting (here, a new one).
        other = setup.create_from_template(db, title="Musrenbang Kecamatan Lasem 2023")
        meetings.open_meeting(db, other)
        app.follow_meeting()  # what the two-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen) and app.screen.meeting_id == other
        assert "Musrenbang Kecamatan Lasem 2023" in screen_text(app)
        assert "DATA CONTOH" not in screen_text(app)
