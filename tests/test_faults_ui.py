"""The desk when things go wrong: refused writes are notifications, never tracebacks;
the terminal survives pastes, held keys and a tiny window; typed markup stays text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import event
from textual import events
from textual.widgets import Input

from lasem_tui import cli
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog, RejectDialog
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from tests.ui_helpers import desk, highlighted, screen_text, stored

SIZE = (120, 36)


def _notices(app: LasemApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def _read_only_demo(tmp_path: Path) -> tuple[Database, int]:
    path = tmp_path / "rapat.db"
    assert cli.main(["demo", "--db", str(path), "--stage", "midway", "--no-open"]) == 0
    db = open_database(str(path), read_only=True)
    with db.read() as session:
        meeting_id = queries.current_meeting_id(session)
    assert meeting_id is not None
    return db, meeting_id


async def test_a_read_only_database_is_shown_and_writes_are_notifications(
    tmp_path: Path,
) -> None:
    db, meeting_id = _read_only_demo(tmp_path)
    try:
        app = LasemApp(db, meeting_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert any("HANYA BACA" in n for n in _notices(app))
            assert "Pra Musrenbang" in screen_text(app)
            target = highlighted(app)
            for key in ("a", "u", "n", "s"):
                await pilot.press(key)
                await pilot.pause()
            assert any("hanya-baca" in n for n in _notices(app))
            assert stored(db, target.id).status is ProposalStatus.PENDING
            assert isinstance(app.screen, DeskScreen)  # still running, nothing raised
    finally:
        db.dispose()


async def test_sqlite_refusing_a_write_is_a_notification_too(tmp_path: Path) -> None:
    """Past the desk's own check, SQLite's "attempt to write a readonly database"."""
    db, meeting_id = _read_only_demo(tmp_path)
    db.read_only = False  # as if the file had become read-only while the desk ran
    try:
        app = LasemApp(db, meeting_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            target = highlighted(app)
            await pilot.press("a")
            await pilot.pause()
            assert any("tidak bisa ditulis" in n for n in _notices(app))
            assert stored(db, target.id).status is ProposalStatus.PENDING
            await pilot.press("r", *"alasan", "enter")
            await pilot.pause()
            assert stored(db, target.id).status is ProposalStatus.PENDING
            assert isinstance(app.screen, DeskScreen)
    finally:
        db.dispose()


async def test_a_full_disk_is_a_notification(db: Database, midway_demo: int) -> None:
    def full(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Not one page more than the file has now: SQLITE_FULL, as on a full disk.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        event.listen(db.engine, "connect", full)
        db.engine.dispose()
        refused = None
        for _ in range(120):  # decide on until the free space in the pages runs out
            target = highlighted(app)
            await pilot.press("r")
            app.screen.query_one("#reason", Input).value = "alasan panjang " * 130
            await pilot.press("enter")
            await pilot.pause()
            if any("Disk penuh" in n for n in _notices(app)):
                refused = target
                break
            if not queries.first_undecided(desk(app).state.proposals):  # type: ignore[union-attr]
                await pilot.press("n")
        assert refused is not None, "the disk never filled up"
        if isinstance(app.screen, RejectDialog):
            await pilot.press("escape")
        assert isinstance(app.screen, DeskScreen)
        assert stored(db, refused.id).status is refused.status  # unchanged
        event.remove(db.engine, "connect", full)
        db.engine.dispose()
        desk(app).highlight_proposal(refused.id)
        await pilot.press("a")  # space again: the same key now works
        await pilot.pause()
        assert stored(db, refused.id).status is ProposalStatus.ACCEPTED


async def test_a_database_failing_where_no_screen_expects_it_ends_the_app_cleanly(
    db: Database,
    midway_demo: int,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def damaged(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise DatabaseError("db_damaged", "database disk image is malformed")

        monkeypatch.setattr(queries, "desk_state", damaged)
        # The next village: the desk re-reads, and that fails. (Not pilot.press, which
        # waits for a screen that is going away.)
        app.simulate_key("n")
        for _ in range(20):  # it asks first (undecided proposals left): Enter confirms
            if isinstance(app.screen, ConfirmDialog):
                app.simulate_key("enter")
                break
            await asyncio.sleep(0.05)
        for _ in range(100):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 2
    assert app._exception is None  # no traceback: a message instead
    printed = capfd.readouterr().err
    assert "Lasem desk berhenti" in printed and "lasem backup list" in printed
    assert "Traceback" not in printed


# --- the terminal ----------------------------------------------------------------------------


async def test_pasting_a_thousand_lines_into_a_reason(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, RejectDialog)
        reason = dialog.query_one("#reason", Input)
        lines = [f"baris {i}" for i in range(3)]
        reason.post_message(events.Paste("\n".join(lines)))
        await pilot.pause()
        assert reason.value == "baris 0 baris 1 baris 2"  # joined, none dropped
        reason.value = ""
        thousand = "\n".join(f"Alasan baris ke-{i} 🙂 ꦗꦮ" for i in range(1000))
        reason.post_message(events.Paste(thousand))
        await pilot.pause()
        assert len(reason.value) == 2000  # cut to the field, and the user is told
        assert any("dipotong" in n for n in _notices(app))
        await pilot.press("enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.status is ProposalStatus.REJECTED
        assert row.reason == reason.value.strip()


async def test_a_file_name_pasted_with_a_nul_is_cleaned_not_a_crash(
    db: Database, midway_demo: int, tmp_path
) -> None:
    from textual.widgets import Input

    from lasem_tui.ui.screens.export_dialog import ExportDialog

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#folder", Input).value = str(tmp_path)
        name = dialog.query_one("#filename", Input)
        name.value = ""
        name.post_message(events.Paste("berita\x00acara\x07.docx"))
        await pilot.pause()
        assert name.value == "beritaacara.docx"
        dialog.query_one("#go").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and (tmp_path / "beritaacara.docx").is_file()
        # Typed rather than pasted, the system's refusal is a message in the dialog.
        name.value = "a\x00b.docx"
        dialog.query_one("#go").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and dialog.query_one("#dialog-error").has_class("-shown")


async def _hold(pilot, key: str, times: int) -> None:  # type: ignore[no-untyped-def]
    """A key held down: the terminal's repeats arrive faster than they are handled,
    so they are queued all at once, then the app catches up."""
    character = key if len(key) == 1 else None
    for _ in range(times):
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()
    await pilot.pause()


async def test_holding_keys_down(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = highlighted(app)
        # In a field: 600 repeats of one key, then a held backspace; nothing lost.
        await pilot.press("r")
        reason = app.screen.query_one("#reason", Input)
        await _hold(pilot, "x", 600)
        assert reason.value == "x" * 600
        await _hold(pilot, "backspace", 100)
        assert reason.value == "x" * 500
        await pilot.press("enter")
        await pilot.pause()
        assert stored(db, target.id).reason == "x" * 500
        # On the desk: accept held down past the end of the village, then undo held.
        await _hold(pilot, "a", 15)
        # Past the last undecided one, a asks before re-deciding: Esc keeps it.
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("escape")
        await _hold(pilot, "u", 25)
        await _hold(pilot, "ctrl+y", 5)
        assert isinstance(app.screen, DeskScreen)
        shown = desk(app).state
        assert shown is not None and shown.village is not None
    with db.read() as session:
        rows = queries.proposals_of_village(session, shown.village.id)
        stored_tally = queries.tally(session, midway_demo, shown.tally.ceiling)
    # What the desk shows is what is stored.
    assert {p.id: p.status for p in rows} == {p.id: p.status for p in shown.proposals}
    assert shown.tally.approved == stored_tally.approved


async def test_resizing_to_40x12_and_back(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for size in ((40, 12), (120, 36), (20, 6), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert "Pra Musrenbang" in screen_text(app)
        await pilot.press("e")  # a dialog open while the terminal shrinks
        assert isinstance(app.screen, AdjustDialog)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert "Pra Musrenbang" in screen_text(app)


MARKUP = "[bold red]Budi[/] [/] [link=http://x]klik[/link] <b>tebal</b> $(rm -rf /)"


async def test_typed_markup_is_shown_as_typed(db: Database, midway_demo: int) -> None:
    """Rich/Textual markup in a reason or a reviewer's name is text, never styling and
    never a MarkupError: it reaches the screen and the database exactly as typed."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        assert isinstance(app.screen, ReviewerPicker)
        app.screen.query_one("#new-reviewer", Input).focus()
        await pilot.press(*"[b]Siti[/b]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        target = highlighted(app)
        await pilot.press("r")
        app.screen.query_one("#reason", Input).value = MARKUP
        await pilot.press("enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.reason == MARKUP
        assert row.decided_by == "[b]Siti[/b]"
        desk(app).highlight_proposal(target.id)
        await pilot.pause()
        await pilot.pause()
        assert "[b]Siti[/b]" in screen_text(app)  # the header names who is at the keyboard
        desk(app).query_one("#detail").scroll_home(animate=False)
        await pilot.pause()
        assert "[bold red]Budi[/] [/]" in screen_text(app)  # the reason, in the detail


async def test_unicode_everywhere_on_the_desk(db: Database, midway_demo: int) -> None:
    """Javanese script, emoji and Arabic in a reason, at every size of the terminal."""
    reason = "ꦱꦼꦥꦸꦠꦂ ꦢꦺꦱ 🙂🇮🇩 بسبب الميزانية 👩🏽‍🌾"
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("r")
        app.screen.query_one("#reason", Input).value = reason
        await pilot.press("enter")
        await pilot.pause()
        assert stored(db, target.id).reason == reason
        desk(app).highlight_proposal(target.id)
        for size in ((40, 12), (80, 24), SIZE):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
