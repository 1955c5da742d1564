"""The minutes editor, the attendance list and the export dialog, driven with keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Checkbox, Input, RadioButton, TextArea

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange import exports
from lasem_tui.store import attendance
from lasem_tui.store import minutes as store_minutes
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens import export_dialog
from lasem_tui.ui.screens.attendance import AttendanceScreen
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.export_dialog import ExportDialog
from lasem_tui.ui.screens.minutes import MinutesScreen
from tests.ui_helpers import highlighted, screen_text, stored


async def test_minutes_open_from_the_template_and_autosave(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MinutesScreen)
        editor = screen.query_one(TextArea)
        assert (
            "Pada hari ini Jumat tanggal tujuh belas bulan Februari tahun dua ribu dua puluh tiga"
            in editor.text
        )
        editor.move_cursor((0, 0))
        await pilot.press(*"Catatan notulis: hujan deras pagi ini.", "enter")
        screen.save()  # what the two-second timer does
        # Read the database while the editor is still open.
        assert "hujan deras pagi ini" in store_minutes.get_minutes(db, midway_demo).text


async def test_minutes_saved_from_another_desk_are_not_overwritten_silently(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MinutesScreen)
        reviewer = stored_reviewer(db, midway_demo)
        # The other desk (or the notulis' second laptop) saves its own text meanwhile.
        store_minutes.save_minutes(db, midway_demo, "Teks dari meja B", reviewer_id=reviewer)
        screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press(*"Ketikan meja A. ")
        assert not screen.save()  # what the two-second timer does: refused, not forced
        assert store_minutes.get_minutes(db, midway_demo).text == "Teks dari meja B"
        await pilot.press(*"lagi ")  # typing on keeps the warning in view
        await pilot.pause()
        assert any("meja lain" in n.message for n in app._notifications)
        assert "BELUM TERSIMPAN" in screen_text(app)
        assert not screen.save()  # the autosave stays quiet until the notulis decides
        await pilot.press("ctrl+s")  # the notulis keeps this text
        assert store_minutes.get_minutes(db, midway_demo).text.startswith("Ketikan meja A. ")


async def test_meeting_closed_at_another_desk_turns_the_editor_read_only_once(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MinutesScreen)
        store_minutes.finalise(db, midway_demo, reviewer_id=stored_reviewer(db, midway_demo))
        screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press(*"Tambahan. ")
        screen.save()
        screen.save()
        await pilot.pause()
        said = [n.message for n in app._notifications if "ditutup dari meja lain" in n.message]
        assert len(said) == 1
        assert screen.query_one(TextArea).read_only


async def test_quitting_with_the_minutes_open_keeps_the_last_typing(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        app.screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press(*"Rapat ditutup pukul 11.05.", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert store_minutes.get_minutes(db, midway_demo).text.startswith("Rapat ditutup pukul 11.05.")


async def test_refresh_keeps_typed_text_and_updates_results(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("m")
        editor = app.screen.query_one(TextArea)
        editor.move_cursor((0, 0))
        await pilot.press(*"Dibuka pukul delapan.", "enter")
        await pilot.press("escape")
        assert isinstance(app.screen, DeskScreen)
        await pilot.press("a")
        assert stored(db, target.id).status is ProposalStatus.ACCEPTED
        await pilot.press("m")
        editor = app.screen.query_one(TextArea)
        assert "Dibuka pukul delapan." in editor.text
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Dibuka pukul delapan." in editor.text
        assert target.title in editor.text
        assert "Dibuka pukul delapan." in store_minutes.get_minutes(db, midway_demo).text


async def test_finalise_closes_the_meeting_and_reopen_opens_it(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("m", "ctrl+f")
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#confirm").press()
        await pilot.pause()
        assert store_minutes.get_minutes(db, midway_demo).is_final
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        await pilot.pause()
        assert "Rapat ditutup pukul" in screen_text(app)  # with the time
        await pilot.press("a")
        await pilot.pause()
        assert stored(db, target.id).status is ProposalStatus.PENDING
        await pilot.press("m", "ctrl+f")
        app.screen.query_one("#confirm").press()
        await pilot.pause()
        assert not store_minutes.get_minutes(db, midway_demo).is_final
        await pilot.press("escape", "a")
        assert stored(db, target.id).status is ProposalStatus.ACCEPTED


async def test_attendance_tick_add_and_remove(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        assert isinstance(app.screen, AttendanceScreen)
        first = attendance.list_attendees(db, midway_demo)[0]
        await pilot.press("space")
        assert attendance.list_attendees(db, midway_demo)[0].present is not first.present
        count = len(attendance.list_attendees(db, midway_demo))
        await pilot.press("plus")
        await pilot.press(*"Hj. Siti Rohmah")
        app.screen.query_one("#jabatan", Input).value = "Ketua TP PKK Desa Dasun"
        app.screen.query_one("#institution", Input).value = "Desa Dasun"
        await pilot.press("enter")
        await pilot.pause()
        rows = attendance.list_attendees(db, midway_demo)
        assert len(rows) == count + 1
        added = next(r for r in rows if r.name == "Hj. Siti Rohmah")
        assert added.present and added.institution == "Desa Dasun"
        assert "Hj. Siti Rohmah" in screen_text(app)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on "no": nothing is removed
        assert len(attendance.list_attendees(db, midway_demo)) == count + 1
        await pilot.press("delete")
        app.screen.query_one("#confirm").press()
        await pilot.pause()
        assert all(r.name != "Hj. Siti Rohmah" for r in attendance.list_attendees(db, midway_demo))


async def test_export_dialog_writes_with_progress_and_refuses_to_overwrite(
    db: Database, midway_demo: int, tmp_path: Path
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#fmt-xlsx", RadioButton).value = True
        await pilot.pause()
        assert dialog.query_one("#filename", Input).value.endswith(".xlsx")
        dialog.query_one("#folder", Input).value = str(tmp_path)
        dialog.query_one("#go").press()
        await pilot.pause()  # the press is a message: let it start the worker first
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = list(tmp_path.glob("*.xlsx"))
        assert len(written) == 1
        assert str(written[0]) in str(dialog.query_one("#export-done").render())
        before = written[0].stat().st_mtime_ns
        dialog.query_one("#go").press()
        await pilot.pause()  # the press is a message: let it start the worker first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Timpa" in str(dialog.query_one("#dialog-error").render())
        assert written[0].stat().st_mtime_ns == before
        dialog.query_one("#force", Checkbox).value = True
        dialog.query_one("#go").press()
        await pilot.pause()  # the press is a message: let it start the worker first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert written[0].stat().st_mtime_ns != before


async def test_export_dialog_makes_the_documents_folder_a_fresh_laptop_lacks(
    db: Database, midway_demo: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Dokumen"  # not there yet
    monkeypatch.setattr(exports, "documents_dir", lambda: documents)
    monkeypatch.setattr(export_dialog, "documents_dir", lambda: documents)
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert dialog.query_one("#folder", Input).value == str(documents)
        dialog.query_one("#go").press()  # the defaults as they are
        await pilot.pause()  # the press is a message: let it start the worker first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not dialog.query_one("#dialog-error").has_class("-shown")
        assert [p.suffix for p in documents.iterdir()] == [".docx"]

        # Another folder that does not exist is refused, not made: a typo stays visible.
        dialog.query_one("#folder", Input).value = str(tmp_path / "Dokumne")
        dialog.query_one("#go").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.query_one("#dialog-error").has_class("-shown")
        assert not (tmp_path / "Dokumne").exists()


async def test_export_dialog_names_files_by_format_and_refuses_a_wrong_suffix(
    db: Database, midway_demo: int, tmp_path: Path
) -> None:
    """The suggested name follows the format; a name typed for another format is said
    in the dialog, and nothing is written."""
    out = tmp_path / "out"
    out.mkdir()
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        dialog.query_one("#folder", Input).value = str(out)
        dialog.query_one("#fmt-pdf", RadioButton).value = True
        await pilot.pause()
        assert dialog.query_one("#filename", Input).value.endswith(".pdf")
        dialog.query_one("#filename", Input).value = "t1.xlsx"
        dialog.query_one("#go").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "berakhiran .pdf" in str(dialog.query_one("#dialog-error").render())
        assert list(out.iterdir()) == []


async def test_attendance_keeps_typed_markup_and_pasted_lines_as_text(
    db: Database, midway_demo: int
) -> None:
    """A name pasted from a letter (several lines, brackets and Javanese script) is stored
    and shown as typed: one line, never styling, never a markup error."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.press("plus")
        name = app.screen.query_one("#name", Input)
        name.post_message(events.Paste("[b]Siti[/b] Rohmah\nꦱꦶꦠꦶ\n"))
        await pilot.pause()
        app.screen.query_one("#jabatan", Input).value = "[red]Ketua[/] PKK"
        await pilot.press("enter")
        await pilot.pause()
        added = next(r for r in attendance.list_attendees(db, midway_demo) if "Siti" in r.name)
        assert added.name == "[b]Siti[/b] Rohmah ꦱꦶꦠꦶ"
        assert added.jabatan == "[red]Ketua[/] PKK"
        text = screen_text(app)
        assert "[b]Siti[/b] Rohmah" in text
        assert "[red]Ketua[/] PKK" in text


def stored_reviewer(db: Database, meeting_id: int) -> int | None:
    from lasem_tui.store import queries

    with db.read() as session:
        return queries.get_meeting(session, meeting_id).current_reviewer_id


async def test_escape_with_minutes_that_cannot_be_saved_stays_and_says_so(
    db: Database, midway_demo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lasem_tui.store.engine import DatabaseError

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MinutesScreen)

        def full(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise DatabaseError("db_disk_full", "database or disk is full")

        monkeypatch.setattr(store_minutes, "save_minutes", full)
        screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press(*"Kata-kata penting. ", "escape")
        await pilot.pause()
        assert app.screen is screen  # still here, the words on screen
        assert "Kata-kata penting." in screen.query_one(TextArea).text
        assert any("Esc sekali lagi" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)  # the notulis chose to leave
